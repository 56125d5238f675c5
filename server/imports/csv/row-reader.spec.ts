import { APPLICANTS, CASES, PAYMENTS } from './file-specs.js';
import { HeaderMap, readRow, resolveHeader, Row, RowProblem } from './row-reader.js';

const CASE_HEADER = [
  '認定番号',
  '一覧表番号',
  '症例番号',
  '診療開始年月',
  '診療終了年月',
  '診療項目',
  '診療項目その他',
  '年齢',
  '性別',
  '診断名',
  '病理診断名',
];

function caseMap(header = CASE_HEADER): HeaderMap {
  const resolved = resolveHeader(CASES, header);
  if ('missing' in resolved) throw new Error('unexpected');
  return resolved.map;
}

function readCase(cells: Record<string, string>): { row: Row } | { problems: RowProblem[] } {
  const base: Record<string, string> = {
    認定番号: '012345',
    一覧表番号: '1',
    症例番号: '7',
    診療開始年月: '2019/04',
    診療終了年月: '2019-06',
    診療項目: '手術',
    診療項目その他: '',
    年齢: '65',
    性別: '男',
    診断名: '胃癌',
    病理診断名: '腺癌',
  };
  const values = { ...base, ...cells };
  return readRow(
    CASES,
    caseMap(),
    CASE_HEADER.map((h) => values[h]),
    9,
    CASE_HEADER.length,
  );
}

describe('headers matched by name', () => {
  it('finds columns in any order and names unknown ones in a warning', () => {
    const header = [...CASE_HEADER].reverse().concat('メモ');
    const resolved = resolveHeader(CASES, header);
    expect('map' in resolved).toBe(true);
    if (!('map' in resolved)) return;
    expect(resolved.map.warnings).toEqual(['不明な列「メモ」は読み飛ばしました']);
    const cells = header.map(
      (h) => ({ 認定番号: '000123', 年齢: '41', 性別: '女' })[h as '年齢'] ?? '',
    );
    const read = readRow(CASES, resolved.map, cells, 2, header.length);
    expect('problems' in read && read.problems.map((p) => p.column)).toContain('一覧表番号');
  });

  it('names every missing required column', () => {
    const resolved = resolveHeader(
      CASES,
      CASE_HEADER.filter((h) => h !== '年齢' && h !== '診断名'),
    );
    expect(resolved).toEqual({ missing: ['年齢', '診断名'] });
  });

  it('does not require optional columns and reads them as empty', () => {
    const resolved = resolveHeader(
      CASES,
      CASE_HEADER.filter((h) => h !== '診療項目その他'),
    );
    expect('map' in resolved).toBe(true);
  });

  it('matches full-width or BOM-prefixed headers after NFKC', () => {
    const header = ['\uFEFF取引番号', '認定番号', '費目', '金額', '事務手数料', '入金日時', '状態'];
    expect('map' in resolveHeader(PAYMENTS, header)).toBe(true);
  });
});

describe('rows', () => {
  it('stores values normalised, keeping leading zeros of 認定番号', () => {
    const read = readCase({ 認定番号: '０１２３４５', 年齢: '６５', 診療開始年月: '2019年4月' });
    expect(read).toEqual({
      row: {
        certNo: '012345',
        sheetNo: 1,
        caseNo: 7,
        startMonth: '2019-04',
        endMonth: '2019-06',
        item: '手術',
        itemOther: '',
        age: 65,
        sex: '男',
        diagnosis: '胃癌',
        pathology: '腺癌',
      },
    });
  });

  it('keeps an empty age (the checks fail it) but refuses an unreadable one', () => {
    expect(readCase({ 年齢: '' })).toMatchObject({ row: { age: null } });
    expect(readCase({ 年齢: 'abc' })).toEqual({
      problems: [
        { line: 9, column: '年齢', reason: '年齢が数値ではありません(「abc」)', certNo: '012345' },
      ],
    });
  });

  it('keeps an off-list treatment item and an age of 130: the checks judge them', () => {
    expect(readCase({ 診療項目: '化学療法', 年齢: '130' })).toMatchObject({
      row: { item: '化学療法', age: 130 },
    });
  });

  it.each([
    [{ 認定番号: '' }, '認定番号', '認定番号が空欄です'],
    [{ 認定番号: 'A12' }, '認定番号', '認定番号が数字だけではありません'],
    [{ 一覧表番号: '4' }, '一覧表番号', '一覧表番号が1〜3 のいずれか'],
    [{ 症例番号: '0' }, '症例番号', '症例番号が1 以上の整数ではありません'],
    [{ 性別: '不明' }, '性別', '「不明」は使えません(男・女'],
    [{ 性別: '' }, '性別', '空欄は使えません'],
    [{ 診療開始年月: '2021/13' }, '診療開始年月', '月が 1〜12'],
    [{ 診療終了年月: '' }, '診療終了年月', '空欄です(必須の日付です)'],
  ])('refuses %j in column %s', (cells, column, reason) => {
    const read = readCase(cells);
    expect('problems' in read).toBe(true);
    if (!('problems' in read)) return;
    expect(read.problems[0].column).toBe(column);
    expect(read.problems[0].reason).toContain(reason);
  });

  it('reports every bad cell of a row', () => {
    const read = readCase({ 年齢: 'x', 性別: '?' });
    expect('problems' in read && read.problems.map((p) => p.column)).toEqual(['年齢', '性別']);
  });

  it('refuses a row with more cells than the header (its columns may be shifted)', () => {
    const read = readRow(
      CASES,
      caseMap(),
      [...CASE_HEADER.map(() => '1'), 'extra'],
      3,
      CASE_HEADER.length,
    );
    expect(read).toEqual({ problems: [expect.objectContaining({ line: 3, column: '' })] });
  });

  it('reads 有 / 無 as yes / no, and nothing else', () => {
    const header = APPLICANTS.columns.map((c) => c.header);
    const resolved = resolveHeader(APPLICANTS, header);
    if (!('map' in resolved)) throw new Error('unexpected');
    const cells = (deferred: string) =>
      APPLICANTS.columns.map(
        (c) =>
          ({
            certNo: '000001',
            familyName: '山田',
            givenName: '太郎',
            sex: '男',
            birthDate: '1970/1/1',
            certKind: '一般',
            lastCertifiedOn: '2017/04/01',
            renewalCount: '0',
            deferred,
            workplaceKind: 'その他',
            mailTo: '勤務先',
            lastEditedAt: '2021/09/01 10:00',
          })[c.field as 'sex'] ?? '',
      );
    expect(readRow(APPLICANTS, resolved.map, cells('有'), 2, header.length)).toMatchObject({
      row: { deferred: true },
    });
    expect(readRow(APPLICANTS, resolved.map, cells('無'), 2, header.length)).toMatchObject({
      row: { deferred: false },
    });
    expect(readRow(APPLICANTS, resolved.map, cells('あり'), 2, header.length)).toMatchObject({
      problems: [{ column: '更新猶予歴' }],
    });
  });
});

describe('rows a spreadsheet saved (Excel)', () => {
  it('refuses a 認定番号 that lost its leading zero, with line, column and the cause', () => {
    expect(readCase({ 認定番号: '12345' })).toEqual({
      problems: [
        {
          line: 9,
          column: '認定番号',
          reason: expect.stringContaining(
            '認定番号が6 桁ではありません(「12345」。元は「012345」など)。先頭の 0 が消えています (Excel で保存しましたか)',
          ),
          spreadsheet: true,
        },
      ],
    });
  });

  it('marks only a spreadsheet’s damage as such', () => {
    const read = readCase({ 年齢: 'abc' });
    expect('problems' in read && read.problems[0].spreadsheet).toBeUndefined();
  });

  it('refuses lost zeros of postal and phone numbers in applicants.csv, and a date without its year', () => {
    const header = APPLICANTS.columns.map((c) => c.header);
    const resolved = resolveHeader(APPLICANTS, header);
    if (!('map' in resolved)) throw new Error('unexpected');
    const values: Record<string, string> = {
      certNo: '000001',
      familyName: '山田',
      givenName: '太郎',
      sex: '男',
      birthDate: '6月27日',
      certKind: '一般',
      lastCertifiedOn: '2017/4/1',
      renewalCount: '0',
      deferred: '無',
      workplaceKind: 'その他',
      workplacePostalCode: '60001',
      workplacePhone: '312345678',
      palliativeCertificateNo: '0',
      mailTo: '勤務先',
      lastEditedAt: '2021/9/1 9:05',
    };
    const read = () =>
      readRow(
        APPLICANTS,
        resolved.map,
        APPLICANTS.columns.map((c) => values[c.field] ?? ''),
        4,
        header.length,
      );
    const damaged = read();
    expect('problems' in damaged && damaged.problems.map((p) => [p.column, p.spreadsheet])).toEqual(
      [
        ['生年月日', true],
        ['緩和ケア修了証書番号', true],
        ['勤務先郵便番号', true],
        ['勤務先電話番号', true],
      ],
    );
    // Six digits: refused only when 0 and them are the code of the row's address.
    Object.assign(values, {
      workplacePostalCode: '600001',
      workplacePrefecture: '北海道',
      workplaceAddress: '札幌市中央区北1条西2丁目',
      mailTo: '別途指定',
      mailPostalCode: '100000',
      mailPrefecture: '東京都',
      mailAddress: '千代田区千代田1-1',
    });
    const six = read();
    expect('problems' in six && six.problems.filter((p) => /郵便番号/.test(p.column))).toEqual([
      {
        line: 4,
        column: '勤務先郵便番号',
        reason: expect.stringContaining(
          '勤務先郵便番号が7 桁ではありません(「600001」。「060-0001」なら',
        ),
        spreadsheet: true,
        certNo: '000001',
      },
    ]);
    values.mailTo = '勤務先';
    values.birthDate = '1970/6/27';
    values.workplacePostalCode = '060-0001';
    values.workplacePhone = '03-1234-5678';
    values.palliativeCertificateNo = '000000';
    expect(read()).toMatchObject({
      row: {
        birthDate: '1970-06-27',
        lastCertifiedOn: '2017-04-01',
        lastEditedAt: '2021-09-01T09:05:00+09:00',
      },
    });
  });
});
