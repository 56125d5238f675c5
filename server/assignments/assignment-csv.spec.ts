import iconv from 'iconv-lite';
import { parseAssignmentCsv } from './assignment-csv.js';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('parseAssignmentCsv', () => {
  it('reads lines with their numbers, in any column order, with a BOM', () => {
    const { lines, problems } = parseAssignmentCsv(
      utf8('\uFEFF審査委員,認定番号\r\nsato,012345\r\n\r\nsuzuki,０１２３４６\r\n'),
      'a.csv',
    );
    expect(problems).toEqual([]);
    expect(lines).toEqual([
      { line: 2, certNo: '012345', reviewerLogin: 'sato', overrideReason: null },
      { line: 4, certNo: '012346', reviewerLogin: 'suzuki', overrideReason: null },
    ]);
  });

  it('reads CP932 as Excel saves it, and the override reason', () => {
    const bytes = iconv.encode(
      '認定番号,審査委員,上書き理由\r\n1,sato,髙橋委員長の承認\r\n',
      'cp932',
    );
    const { lines } = parseAssignmentCsv(bytes, 'a.csv');
    expect(lines[0].overrideReason).toBe('髙橋委員長の承認');
  });

  it('names the file, line and column of each problem', () => {
    const { lines, problems } = parseAssignmentCsv(
      utf8('認定番号,審査委員\nabc,sato\n2,\n3,sato\n3,sato\n'),
      'a.csv',
    );
    expect(lines.map((l) => l.line)).toEqual([4]);
    expect(problems).toEqual([
      {
        file: 'a.csv',
        line: 2,
        field: '認定番号',
        message: 'a.csv 2 行目 認定番号: 数字ではありません(「abc」)',
      },
      {
        file: 'a.csv',
        line: 3,
        field: '審査委員',
        message: 'a.csv 3 行目 審査委員: 空です。審査委員のログイン名を入れてください',
      },
      {
        file: 'a.csv',
        line: 5,
        field: '認定番号',
        message: 'a.csv 5 行目 認定番号: 4 行目と同じ割り当てです',
      },
    ]);
  });

  it('refuses a sheet without its columns, an empty sheet, and broken CSV', () => {
    expect(
      parseAssignmentCsv(utf8('番号,委員\n1,a\n'), 'a.csv').problems.map((p) => p.field),
    ).toEqual(['認定番号', '審査委員']);
    expect(parseAssignmentCsv(utf8(''), 'a.csv').problems[0].message).toContain('空です');
    expect(parseAssignmentCsv(utf8('認定番号,審査委員\n'), 'a.csv').problems[0].message).toContain(
      '行がありません',
    );
    expect(
      parseAssignmentCsv(utf8('認定番号,審査委員\n"1,a\n'), 'a.csv').problems[0].message,
    ).toContain('CSV として読めません');
  });
});
