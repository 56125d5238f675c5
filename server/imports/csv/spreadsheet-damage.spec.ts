import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASE_SHEETS, CASES, FACILITIES, type FileSpec } from './file-specs.js';
import { parseFile } from './parse-file.js';
import {
  filesSavedBySpreadsheet,
  refuseFacilityNumbersWithLostZeros,
  spreadsheetBundleError,
} from './spreadsheet-damage.js';

const dir = mkdtempSync(join(tmpdir(), 'shinsa-damage-'));
const parse = (spec: FileSpec, lines: string[]) => {
  const path = join(dir, spec.file);
  writeFileSync(path, lines.join('\r\n') + '\r\n');
  return parseFile(spec, path);
};
const FACILITY_HEADER = '施設番号,施設名,郵便番号,都道府県,住所';
const SHEET_HEADER = '認定番号,一覧表番号,施設区分,施設番号,施設名,在籍開始1,在籍終了1';
const CASE_HEADER =
  '認定番号,一覧表番号,症例番号,診療開始年月,診療終了年月,診療項目,診療項目その他,年齢,性別,診断名,病理診断名';
const caseLine = (certNo: string, no: number) =>
  `${certNo},1,${no},2020/04,2020/06,手術,,60,男,胃癌,腺癌`;

describe('facility numbers that lost their zeros', () => {
  it('refuses a case sheet whose 施設番号 matches nothing but would with its zeros', async () => {
    const facilities = await parse(FACILITIES, [
      FACILITY_HEADER,
      '01001,北海道大学病院,001-0932,北海道,札幌市北区',
      '13027,大田労災病院,135-0093,東京都,大田区',
    ]);
    const sheets = await parse(CASE_SHEETS, [
      SHEET_HEADER,
      '012345,1,認定研修施設,1001,,2020/04,2021/03',
      '012345,2,認定研修施設,13027,,2019/04,2020/03',
      '012346,1,認定研修施設,9999,,2019/04,2020/03',
    ]);
    refuseFacilityNumbersWithLostZeros([facilities, sheets], new Set());
    expect(sheets.problems).toEqual([
      {
        line: 2,
        column: '施設番号',
        certNo: '012345',
        spreadsheet: true,
        reason: expect.stringContaining(
          '施設番号が認定研修施設マスタにありません(「1001」。「01001」ならあります)。先頭の 0 が消えています (Excel で保存しましたか)',
        ),
      },
    ]);
  });

  it('refuses a master row that lost its zeros against the stored master', async () => {
    const facilities = await parse(FACILITIES, [
      FACILITY_HEADER,
      '1001,北海道大学病院,10932,北海道,札幌市北区',
      '2001,青森県立中央病院,030-8553,青森県,青森市',
    ]);
    // The postal code 10932 was refused as the file was read; 1001 is refused against the master.
    expect(facilities.accepted.map((a) => a.row.facilityNo)).toEqual(['2001']);
    const reparsed = await parse(FACILITIES, [
      FACILITY_HEADER,
      '1001,北海道大学病院,001-0932,北海道,札幌市北区',
      '2001,青森県立中央病院,030-8553,青森県,青森市',
    ]);
    refuseFacilityNumbersWithLostZeros([reparsed], new Set(['01001', '02001']));
    expect(reparsed.accepted).toEqual([]);
    expect(reparsed.problems.map((p) => [p.line, p.column, p.spreadsheet])).toEqual([
      [2, '施設番号', true],
      [3, '施設番号', true],
    ]);
  });
});

describe('a bundle most of whose rows a spreadsheet damaged', () => {
  it('names the file when more than half of its rows show it, not when fewer do', async () => {
    const few = await parse(CASES, [
      CASE_HEADER,
      caseLine('12345', 1),
      caseLine('012345', 2),
      caseLine('012345', 3),
    ]);
    expect(filesSavedBySpreadsheet([few])).toEqual([]);
    const most = await parse(CASES, [
      CASE_HEADER,
      caseLine('12345', 1),
      caseLine('12345', 2),
      caseLine('012345', 3),
    ]);
    const damaged = filesSavedBySpreadsheet([few, most]);
    expect(damaged).toEqual([{ file: 'cases.csv', rows: 3, damaged: 2 }]);
    expect(spreadsheetBundleError(damaged)).toMatch(
      /^cases\.csv の 3 行中 2 行に、先頭の 0 が消えた番号か年の消えた日付があります。.*一式を取り込みませんでした\(何も書き込んでいません\)/,
    );
  });

  it('does not count other refused rows', async () => {
    const bad = await parse(CASES, [CASE_HEADER, caseLine('012345', 1).replace(',60,', ',abc,')]);
    expect(filesSavedBySpreadsheet([bad])).toEqual([]);
  });
});
