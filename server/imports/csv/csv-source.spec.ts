import iconv from 'iconv-lite';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectEncoding, FileReadError, isUtf8, readCsv } from './csv-source.js';

const dir = mkdtempSync(join(tmpdir(), 'shinsa-csv-'));
let n = 0;
function file(bytes: Buffer | string): string {
  const path = join(dir, `f${++n}.csv`);
  writeFileSync(path, bytes);
  return path;
}

async function records(path: string, encoding = detectEncoding(Buffer.from(''))) {
  const out: { line: number; cells: string[] }[] = [];
  for await (const r of readCsv(path, encoding)) out.push(r);
  return out;
}

describe('encoding detection', () => {
  const japanese = '認定番号,姓\r\n012345,髙﨑\r\n';
  it('sees a BOM as UTF-8', () =>
    expect(detectEncoding(Buffer.from('\uFEFF' + japanese))).toBe('utf8-bom'));
  it('sees valid UTF-8 as UTF-8', () => expect(detectEncoding(Buffer.from(japanese))).toBe('utf8'));
  it('sees Shift_JIS with NEC/IBM characters as CP932', () => {
    expect(detectEncoding(iconv.encode(japanese + '①ｶﾅ～\r\n', 'cp932'))).toBe('cp932');
  });
  it('tolerates a UTF-8 character cut off by the sample end', () => {
    const bytes = Buffer.from('abc髙');
    expect(isUtf8(bytes.subarray(0, bytes.length - 1))).toBe(true);
    expect(isUtf8(Buffer.from([0x41, 0xc3, 0x28]))).toBe(false);
  });
});

describe('reading CSV', () => {
  it('decodes CP932 including NEC and IBM extensions', async () => {
    const path = file(iconv.encode('姓,名\r\n髙﨑,①ｶﾅ\r\n', 'cp932'));
    expect(await records(path, 'cp932')).toEqual([
      { line: 1, cells: ['姓', '名'] },
      { line: 2, cells: ['髙﨑', '①ｶﾅ'] },
    ]);
  });

  it('drops the BOM, and counts lines through quoted line breaks, commas, quotes and blank lines', async () => {
    const path = file('\uFEFFa,b\r\n1,"x,\r\ny ""z"""\r\n\r\n2,3\n4,5\r\n');
    expect(await records(path, 'utf8-bom')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', 'x,\r\ny "z"'] },
      { line: 5, cells: ['2', '3'] },
      { line: 6, cells: ['4', '5'] },
    ]);
  });

  it('refuses a quote left open, naming the line', async () => {
    const path = file('a,b\r\n1,"open\r\n2,3\r\n');
    await expect(records(path, 'utf8')).rejects.toThrow(FileReadError);
    await expect(records(path, 'utf8')).rejects.toThrow(/引用符/);
  });

  it('refuses a file that stops being UTF-8 after the sample, instead of garbling it', async () => {
    const text = Buffer.from('a,b\r\n' + '1,2\r\n'.repeat(20000));
    const path = file(Buffer.concat([text, iconv.encode('3,髙\r\n', 'cp932')]));
    expect(detectEncoding(text.subarray(0, 65536))).toBe('utf8');
    await expect(records(path, 'utf8')).rejects.toThrow(/UTF-8 として読めない/);
  });
});
