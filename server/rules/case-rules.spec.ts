import type { CaseForm } from '../dossiers/dossier-forms.js';
import { dossier, input, kase, ofCase } from './check-input.fixture.js';
import { runChecks } from './run-checks.js';

describe('case rules', () => {
  const withCase = (patch: Partial<CaseForm>) =>
    input({ cases: [kase(1, patch), ...input().cases.slice(1)] });

  it.each([
    [{ startMonth: '2019-06', endMonth: '2019-04' }, 'fail'],
    [{ startMonth: '2015-01', endMonth: '2016-12' }, 'fail'],
    [{ startMonth: '2021-10', endMonth: '2021-12' }, 'fail'],
    [{ startMonth: '2016-10', endMonth: '2017-06' }, 'review'],
    [{ startMonth: '2017-04', endMonth: '2021-09' }, 'pass'],
  ])('case.period %j → %s', (patch, outcome) =>
    expect(ofCase(withCase(patch), 'case.period')).toBe(outcome),
  );

  it('case.period ends at the deadline month for a draft', () => {
    const i = withCase({ startMonth: '2021-09', endMonth: '2021-09' });
    i.applicant = { ...i.applicant, registeredAt: null };
    expect(ofCase(i, 'case.period')).toBe('pass');
    i.applicant = { ...i.applicant, registeredAt: '2021-08-01T10:00:00+09:00' };
    expect(ofCase(i, 'case.period')).toBe('fail');
  });

  it('case.tenure: a treatment outside every tenure period of its sheet is reviewed', () => {
    const i = input({
      caseSheets: [
        {
          sheetNo: 1,
          tenureStart1: '2020-04',
          tenureEnd1: '2021-09',
          tenureStart2: '2017-01',
          tenureEnd2: '2018-12',
        },
      ],
    });
    expect(ofCase(i, 'case.tenure')).toBe('review');
    expect(ofCase(withCase({ startMonth: '2018-12', endMonth: '2019-02' }), 'case.tenure')).toBe(
      'pass',
    );
    expect(ofCase(input({ caseSheets: [] }), 'case.tenure')).toBe('review');
  });

  it.each([
    ['手術', '一般', 'pass'],
    ['がんゲノム医療', '一般', 'pass'],
    ['口腔ケア', '一般', 'fail'],
    ['口腔ケア', '歯科口腔外科', 'pass'],
    ['その他', '一般', 'review'],
    ['化学療法', '一般', 'fail'],
  ])('case.item %s for %s → %s', (item, certKind, outcome) => {
    const i = withCase({ item });
    i.applicant = { ...i.applicant, certKind };
    expect(ofCase(i, 'case.item')).toBe(outcome);
  });

  it.each([
    ['胃癌', 'pass', 'C16'],
    ['GIST', 'pass', null],
    ['髄膜腫', 'fail', 'D32'],
    ['胃潰瘍', 'fail', 'K25'],
    ['NSCLC', 'review', 'C34'],
    ['口腔白板症', 'review', 'K13'],
    ['腫瘍', 'review', null],
  ])('case.diagnosis %s → %s with ICD-10 %s', (diagnosis, outcome, icd10) => {
    const result = runChecks(withCase({ diagnosis })).results.find(
      (r) => r.rule === 'case.diagnosis' && r.ref === 'case:1-1',
    )!;
    expect(result.outcome).toBe(outcome);
    expect(result.details?.icd10).toBe(icd10);
  });

  it.each([
    ['画像診断', '無し', 'review'],
    ['画像診断', '腺癌', 'pass'],
    ['手術', '無し', 'pass'],
    ['病理診断', '無し', 'review'],
  ])('case.confirmed %s with pathology %s → %s', (item, pathology, outcome) =>
    expect(ofCase(withCase({ item, pathology }), 'case.confirmed')).toBe(outcome),
  );

  it.each([
    [{ age: null }, 'fail'],
    [{ age: 121 }, 'fail'],
    [{ age: 120 }, 'pass'],
    [{ age: 0 }, 'pass'],
    [{ diagnosis: '前立腺癌', sex: '女' }, 'review'],
    [{ diagnosis: '子宮頸癌', sex: '男' }, 'review'],
    [{ diagnosis: '卵巣癌', sex: '女' }, 'pass'],
    [{ diagnosis: '乳癌', sex: '男' }, 'pass'],
  ])('case.patient %j → %s', (patch, outcome) =>
    expect(ofCase(withCase(patch as Partial<CaseForm>), 'case.patient')).toBe(outcome),
  );

  it('case.duplicate marks both twins, comparing がん as 癌 and full-width as half-width', () => {
    const i = input({
      cases: [
        kase(1, { diagnosis: '胃がん', age: 70 }),
        kase(2, { diagnosis: '胃癌', age: 70 }),
        ...input().cases.slice(2),
      ],
    });
    expect(ofCase(i, 'case.duplicate', 'case:1-1')).toBe('review');
    expect(ofCase(i, 'case.duplicate', 'case:1-2')).toBe('review');
    expect(ofCase(i, 'case.duplicate', 'case:1-3')).toBe('pass');
  });
});

describe('dossier rules', () => {
  it('cases.sheets: sheet 1 needed, later sheets only while short of 20, 25 at most', () => {
    const sheets = (...ns: number[]) =>
      ns.map((n) => ({ sheetNo: n, tenureStart1: '2010-04', tenureEnd1: '2021-09' }));
    const cases = (...perSheet: number[]) =>
      perSheet.flatMap((count, s) =>
        Array.from({ length: count }, (_, i) =>
          kase(i + 1, { sheetNo: s + 1, age: 30 + i + s * 30 }),
        ),
      );
    expect(dossier(input({ caseSheets: sheets(1, 2), cases: cases(15, 6) }), 'cases.sheets')).toBe(
      'pass',
    );
    expect(dossier(input({ caseSheets: sheets(1, 2), cases: cases(20, 2) }), 'cases.sheets')).toBe(
      'fail',
    );
    expect(
      dossier(input({ caseSheets: sheets(1, 2, 3), cases: cases(10, 12, 1) }), 'cases.sheets'),
    ).toBe('fail');
    expect(dossier(input({ caseSheets: sheets(1), cases: cases(26) }), 'cases.sheets')).toBe(
      'fail',
    );
    expect(dossier(input({ caseSheets: sheets(2), cases: cases(0, 20) }), 'cases.sheets')).toBe(
      'fail',
    );
  });

  it('cases.count: 20 counting pass; reached only with cases under review → review; else fail', () => {
    const reviewed = (n: number) =>
      input().cases.map((c, i) => (i < n ? { ...c, item: 'その他' } : c));
    expect(dossier(input({ cases: reviewed(1) }), 'cases.count')).toBe('review');
    expect(runChecks(input({ cases: reviewed(1) })).counts).toEqual({
      cases: 19,
      casesUnderReview: 1,
      attendances: 3,
    });
    const failing = input().cases.map((c, i) => (i === 0 ? { ...c, age: null } : c));
    expect(dossier(input({ cases: failing }), 'cases.count')).toBe('fail');
    expect(
      dossier(input({ cases: [...input().cases, kase(21, { age: null })] }), 'cases.count'),
    ).toBe('pass');
  });
});
