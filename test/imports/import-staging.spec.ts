import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ImportReport } from '../../server/imports/import-report.js';
import { DOSSIER_CHUNK, ImportService } from '../../server/imports/import.service.js';
import { column, copyBundle, csvRows, editCsv, generateBundle } from '../support/bundles.js';
import { createTestDatabase, startTestApp, TestApp, TestDatabase } from '../support/test-env.js';

/** More dossiers than one chunk of the assembly from the staging (issue 20). */
const N = DOSSIER_CHUNK + 40;
/** Each import of N dossiers takes seconds, a minute on a loaded 2-core machine. */
const SLOW = 240_000;

/** Imports staged in PostgreSQL and assembled a chunk at a time, on the real PostgreSQL. */
describe('import through the staging (import_staged_rows)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let bundle: string;

  const importBundle = async (source: string): Promise<ImportReport> =>
    (await app.app.get(ImportService).run({ roundId: '2021', source, requestedBy: 'test' })).report;
  const file = (report: ImportReport, name: string) => report.files.find((f) => f.file === name)!;
  const count = async (table: string) =>
    (await sql.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({
      databaseUrl: db.url,
      redisUrl: '',
      workers: false,
      dataDir: mkdtempSync(join(tmpdir(), 'shinsa-data-')),
    });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    bundle = generateBundle({ applicants: N, seed: 11 });
  });

  afterAll(async () => {
    await sql.end();
    await app.close();
    await db.drop();
  });

  it(
    'writes nothing when a later chunk fails, leaves no staged rows, and a second run imports all',
    async () => {
      const certNos = csvRows(bundle, 'applicants.csv')
        .map((r) => r[0])
        .sort();
      // A dossier of the second chunk cannot be written: the import fails midway.
      const victim = certNos[DOSSIER_CHUNK + 5];
      await sql.query(`
      CREATE FUNCTION refuse_victim() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.cert_no = '${victim}' THEN RAISE EXCEPTION 'refused for the test'; END IF;
        RETURN NEW;
      END $$`);
      await sql.query(
        `CREATE TRIGGER refuse_victim BEFORE INSERT ON dossiers FOR EACH ROW EXECUTE FUNCTION refuse_victim()`,
      );
      await expect(importBundle(bundle)).rejects.toThrow(/refused for the test/);
      expect(await count('dossiers')).toBe(0);
      expect(await count('dossier_revisions')).toBe(0);
      expect(await count('elearning_results')).toBe(0);
      expect(await count('facilities')).toBe(0);
      expect(await count('import_staged_rows')).toBe(0);
      expect((await sql.query(`SELECT status FROM imports`)).rows).toEqual([{ status: 'failed' }]);

      await sql.query(`DROP TRIGGER refuse_victim ON dossiers`);
      const report = await importBundle(bundle);
      expect(report.exitCode).toBe(0);
      expect(report.dossiers).toEqual({
        imported: N,
        created: N,
        revised: 0,
        unchanged: 0,
        rejected: 0,
      });
      expect(report.queued).toBeGreaterThanOrEqual(N);
      const cases = csvRows(bundle, 'cases.csv');
      expect(file(report, 'cases.csv')).toMatchObject({
        rows: cases.length,
        imported: cases.length,
      });
      const elearning = csvRows(bundle, 'elearning.csv');
      expect(file(report, 'elearning.csv')).toMatchObject({
        imported: elearning.length,
        rejected: [],
      });
      expect(await count('elearning_results')).toBe(elearning.length);
      expect(await count('dossiers')).toBe(N);
      // Each dossier's cases, in the order of their key, as one revision.
      const [first] = (
        await sql.query(
          `SELECT jsonb_array_length(r.cases) AS n FROM dossier_revisions r
           JOIN dossiers d ON d.id = r.dossier_id WHERE d.cert_no = $1`,
          [victim],
        )
      ).rows;
      expect(first.n).toBe(cases.filter((r) => r[0] === victim).length);
      expect(await count('import_staged_rows')).toBe(0);
    },
    SLOW,
  );

  it(
    'changes nothing when the same bundle comes again',
    async () => {
      const report = await importBundle(bundle);
      expect(report.dossiers).toMatchObject({ imported: 0, unchanged: N, rejected: 0 });
      expect(file(report, 'elearning.csv').changed).toBe(0);
      expect(report.queued).toBe(0);
    },
    SLOW,
  );

  it(
    'refuses a key given twice in a staged form and feed, naming both lines, and keeps that dossier out',
    async () => {
      const twice = copyBundle(bundle);
      let caseLine = 0;
      let firstCaseLine = 0;
      let victim = '';
      editCsv(twice, 'cases.csv', (records) => {
        // A case of a dossier of the second chunk, given again at the end with another age.
        const certNos = [...new Set(records.slice(1).map((r) => r[0]))].sort();
        victim = certNos[DOSSIER_CHUNK + 1];
        const index = records.findIndex((r) => r[0] === victim);
        firstCaseLine = index + 1;
        const copy = [...records[index]];
        copy[column(records, '年齢')] = '50';
        caseLine = records.length + 1;
        return [...records, copy];
      });
      let elearningLine = 0;
      editCsv(twice, 'elearning.csv', (records) => {
        elearningLine = records.length + 1;
        return [...records, records[3]];
      });
      const report = await importBundle(twice);
      expect(report.exitCode).toBe(1);
      const [certNo, sheetNo, caseNo] = csvRows(twice, 'cases.csv').at(-1)!;
      expect(file(report, 'cases.csv').rejected).toEqual([
        {
          line: caseLine,
          column: '認定番号・一覧表番号・症例番号',
          reason: `${firstCaseLine} 行目と同じキー(${certNo}・${Number(sheetNo)}・${Number(caseNo)})です。2 行目以降は取り込みませんでした`,
          certNo: victim,
        },
      ]);
      expect(report.rejectedDossiers).toEqual([
        {
          certNo: victim,
          problems: [expect.objectContaining({ file: 'cases.csv', line: caseLine })],
        },
      ]);
      expect(report.dossiers).toMatchObject({ imported: 0, unchanged: N - 1, rejected: 1 });
      const elearning = file(report, 'elearning.csv');
      expect(elearning.rejected).toEqual([
        expect.objectContaining({
          line: elearningLine,
          reason: expect.stringMatching(/^4 行目と同じキー/),
        }),
      ]);
      expect(elearning.imported).toBe(elearning.rows - 1);
      expect(await count('import_staged_rows')).toBe(0);
    },
    SLOW,
  );
});
