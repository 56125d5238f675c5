import { csvCell, csvQuote } from './csv.js';
import { neutraliseFormula, spreadsheetValue } from './spreadsheet-cell.js';

describe('cells a spreadsheet would take for formulas', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+cmd|" /C calc"!A0', `'+cmd|" /C calc"!A0`],
    ['-2+3+cmd|" /C calc"!A0', `'-2+3+cmd|" /C calc"!A0`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
    ['+81-3-1234-5678', `'+81-3-1234-5678`],
  ])('prefixes %j with a quote', (text, safe) => expect(neutraliseFormula(text)).toBe(safe));

  it.each(['山田 太郎', '-1,000', '-5', '+5', '-3.5', '123-4567', '2022-04-01', '', "'=x", ' =x'])(
    'leaves %j as it is',
    (text) => expect(neutraliseFormula(text)).toBe(text),
  );

  it('leaves numbers written as numbers alone, in CSV and xlsx', () => {
    expect(spreadsheetValue(-22000)).toBe(-22000);
    expect(csvCell(-22000)).toBe('-22000');
    expect(spreadsheetValue('=1+1')).toBe("'=1+1");
  });

  it('neutralises text in every CSV cell, then quotes it', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@x')).toBe("'@x");
    expect(csvCell({ login: '=x' })).toBe('"{""login"":""=x""}"');
    expect(csvCell(null)).toBe('');
  });

  it('keeps a raw field writer for files that are not for people (test bundles)', () => {
    expect(csvQuote('=1,2')).toBe('"=1,2"');
  });
});
