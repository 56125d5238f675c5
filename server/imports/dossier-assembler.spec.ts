import type { ParsedFile } from './csv/parse-file.js';
import { APPLICANTS, ATTENDANCES, CASE_SHEETS, CASES, FileSpec } from './csv/file-specs.js';
import type { Row, RowProblem } from './csv/row-reader.js';
import {
  assembleDossiers,
  certNosNeedingPrevious,
  FormPart,
  KnownDossier,
} from './dossier-assembler.js';
import { FormGrouper } from './form-groups.js';

function form(
  spec: FileSpec,
  rows: Row[],
  problems: RowProblem[] = [],
  rejectedWhole = false,
): ParsedFile {
  const grouper = new FormGrouper(spec);
  rows.forEach((row, i) => grouper.add(i + 2, { ...row }));
  return {
    spec,
    encoding: 'utf8',
    rows: rows.length + problems.length,
    accepted: [],
    problems,
    warnings: [],
    rejectedWhole,
    updatedInFile: 0,
    groups: rejectedWhole ? null : grouper.finish(),
  };
}

const applicant = (certNo: string, familyName = '山田') => ({
  certNo,
  familyName,
  givenName: '太郎',
});
const kase = (certNo: string, caseNo: number, diagnosis = '胃癌') => ({
  certNo,
  sheetNo: 1,
  caseNo,
  diagnosis,
});

function bundle(rows: { applicants?: Row[]; cases?: Row[]; sheets?: Row[]; attendances?: Row[] }) {
  const forms: Partial<Record<FormPart, ParsedFile>> = {};
  if (rows.applicants) forms.applicant = form(APPLICANTS, rows.applicants);
  if (rows.sheets) forms.caseSheets = form(CASE_SHEETS, rows.sheets);
  if (rows.cases) forms.cases = form(CASES, rows.cases);
  if (rows.attendances) forms.attendances = form(ATTENDANCES, rows.attendances);
  return forms;
}

function knownFrom(result: ReturnType<typeof assembleDossiers>): Map<string, KnownDossier> {
  return new Map(
    result.dossiers.map((d) => [
      d.certNo,
      { revision: 1, contentHash: d.contentHash, partHashes: d.partHashes },
    ]),
  );
}

describe('assembling dossiers', () => {
  const first = bundle({
    applicants: [applicant('000001'), applicant('000002')],
    sheets: [],
    cases: [kase('000001', 2), kase('000001', 1), kase('000002', 1)],
    attendances: [],
  });
  const result = assembleDossiers(first, new Map(), new Map());

  it('builds each dossier from its rows, sorted by their key and without the 認定番号', () => {
    expect(result.dossiers.map((d) => [d.certNo, d.status])).toEqual([
      ['000001', 'new'],
      ['000002', 'new'],
    ]);
    expect(JSON.parse(result.dossiers[0].json.cases)).toEqual([
      { sheetNo: 1, caseNo: 1, diagnosis: '胃癌' },
      { sheetNo: 1, caseNo: 2, diagnosis: '胃癌' },
    ]);
    expect(result.dossiers[0].json.caseSheets).toBe('[]');
    expect(result.importedRows.get('cases.csv')).toBe(3);
  });

  it('gives identical content the same hash whatever the row order: unchanged', () => {
    const again = bundle({
      applicants: [applicant('000002'), applicant('000001')],
      sheets: [],
      cases: [kase('000002', 1), kase('000001', 1), kase('000001', 2)],
      attendances: [],
    });
    const second = assembleDossiers(again, knownFrom(result), new Map());
    expect(second.dossiers.map((d) => d.status)).toEqual(['unchanged', 'unchanged']);
  });

  it('sees a changed case as a new revision of that dossier only', () => {
    const changed = bundle({
      applicants: [applicant('000001'), applicant('000002')],
      sheets: [],
      cases: [kase('000001', 1), kase('000001', 2, '胃がん'), kase('000002', 1)],
      attendances: [],
    });
    const second = assembleDossiers(changed, knownFrom(result), new Map());
    expect(second.dossiers.map((d) => [d.certNo, d.status])).toEqual([
      ['000001', 'changed'],
      ['000002', 'unchanged'],
    ]);
  });

  it('keeps a dossier out whole when one of its rows is rejected, naming the row', () => {
    const forms = bundle({
      applicants: [applicant('000001'), applicant('000002')],
      sheets: [],
      attendances: [],
    });
    forms.cases = form(
      CASES,
      [kase('000001', 1), kase('000002', 1)],
      [{ line: 4, column: '年齢', reason: '年齢が数値ではありません', certNo: '000002' }],
    );
    const out = assembleDossiers(forms, new Map(), new Map());
    expect(out.dossiers.map((d) => d.certNo)).toEqual(['000001']);
    expect(out.rejected).toEqual([
      {
        certNo: '000002',
        problems: [
          {
            file: 'cases.csv',
            line: 4,
            column: '年齢',
            reason: '年齢が数値ではありません',
            certNo: '000002',
          },
        ],
      },
    ]);
    expect(out.importedRows.get('cases.csv')).toBe(1);
  });

  it('refuses rows whose 認定番号 has no 申請1, one by one', () => {
    const out = assembleDossiers(
      bundle({ applicants: [applicant('000001')], cases: [kase('000009', 1), kase('000009', 2)] }),
      new Map(),
      new Map(),
    );
    expect(out.dossiers.map((d) => d.certNo)).toEqual(['000001']);
    expect(out.orphanProblems.get('cases.csv')).toEqual([
      expect.objectContaining({ line: 2, column: '認定番号', certNo: '000009' }),
      expect.objectContaining({ line: 3, column: '認定番号' }),
    ]);
  });

  it('imports no dossier when a form file was refused whole', () => {
    const forms = bundle({ applicants: [applicant('000001')] });
    forms.cases = form(
      CASES,
      [],
      [{ line: 1, column: '年齢', reason: '必須の列「年齢」がありません' }],
      true,
    );
    const out = assembleDossiers(forms, new Map(), new Map());
    expect(out.dossiers).toEqual([]);
    expect(out.rejected.map((r) => r.certNo)).toEqual(['000001']);
    expect(out.blockedByFile).toBe('cases.csv');
  });

  it('keeps the forms a partial bundle does not carry, from the current revision', () => {
    const known = knownFrom(result);
    const onlyApplicants = bundle({ applicants: [applicant('000001', '佐藤')] });
    const needed = certNosNeedingPrevious(onlyApplicants, known);
    expect(needed).toEqual(['000001']);
    const current = result.dossiers[0];
    const out = assembleDossiers(onlyApplicants, known, new Map([['000001', current.json]]));
    expect(out.dossiers).toHaveLength(1);
    expect(out.dossiers[0].status).toBe('changed');
    expect(out.dossiers[0].json.cases).toBe(current.json.cases);
    expect(out.dossiers[0].partHashes.cases).toBe(current.partHashes.cases);
    // The same partial bundle again changes nothing.
    const unchanged = assembleDossiers(
      onlyApplicants,
      new Map([
        [
          '000001',
          {
            revision: 2,
            contentHash: out.dossiers[0].contentHash,
            partHashes: out.dossiers[0].partHashes,
          },
        ],
      ]),
      new Map([['000001', out.dossiers[0].json]]),
    );
    expect(unchanged.dossiers[0].status).toBe('unchanged');
  });

  it('empties a form of a dossier exported whole with no rows in that file', () => {
    const out = assembleDossiers(
      bundle({ applicants: [applicant('000001')], sheets: [], cases: [], attendances: [] }),
      knownFrom(result),
      new Map(),
    );
    expect(out.dossiers[0].json.cases).toBe('[]');
    expect(out.dossiers[0].status).toBe('changed');
  });
});
