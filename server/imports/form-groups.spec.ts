import { APPLICANTS, CASES } from './csv/file-specs.js';
import type { Row } from './csv/row-reader.js';
import { FormGrouper, groupStagedRows, sortKeyOf, type StagedFormRow } from './form-groups.js';

/** Staged rows as import_staged_rows gives them back: by 認定番号, sort key, line. */
function staged(rows: { line: number; row: Row }[], spec = CASES): StagedFormRow[] {
  return rows
    .map(({ line, row }) => {
      const { certNo, ...rest } = row;
      return {
        certNo: certNo as string,
        line,
        json: JSON.stringify(rest),
        key: sortKeyOf(spec, rest),
      };
    })
    .sort((a, b) =>
      a.certNo < b.certNo ? -1 : a.certNo > b.certNo ? 1 : a.key - b.key || a.line - b.line,
    )
    .map(({ certNo, line, json }) => ({ certNo, line, json }));
}

describe('groupStagedRows', () => {
  const cases = [
    { line: 2, row: { certNo: '000002', sheetNo: 1, caseNo: 2, diagnosis: '胃癌' } },
    { line: 3, row: { certNo: '000001', sheetNo: 2, caseNo: 1, diagnosis: '肺癌' } },
    { line: 4, row: { certNo: '000001', sheetNo: 1, caseNo: 3, diagnosis: '大腸癌' } },
    { line: 5, row: { certNo: '000002', sheetNo: 1, caseNo: 1, diagnosis: '乳癌' } },
  ];

  it('gives the groups FormGrouper gives for the same rows: same JSON, hash and lines', () => {
    const grouper = new FormGrouper(CASES);
    for (const { line, row } of cases) grouper.add(line, { ...row });
    const expected = grouper.finish();
    const groups = groupStagedRows(CASES, staged(cases.map((c) => ({ ...c, row: { ...c.row } }))));
    expect([...groups.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [certNo, group] of expected) expect(groups.get(certNo)).toEqual(group);
    expect(groups.get('000001')!.lines).toEqual([4, 3]);
  });

  it('keeps the applicant row itself for applicants.csv', () => {
    const row = { certNo: '000001', familyName: '山田', givenName: '太郎', renewalCount: 2 };
    const grouper = new FormGrouper(APPLICANTS);
    grouper.add(2, { ...row });
    const groups = groupStagedRows(APPLICANTS, staged([{ line: 2, row: { ...row } }], APPLICANTS));
    expect(groups.get('000001')).toEqual(grouper.finish().get('000001'));
    expect(groups.get('000001')!.row).toEqual({
      familyName: '山田',
      givenName: '太郎',
      renewalCount: 2,
    });
  });
});
