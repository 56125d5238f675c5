import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { join } from 'node:path';
import request from 'supertest';
import { ImportService } from '../../server/imports/import.service.js';
import { QUEUES } from '../../server/queues/queues.js';
import { editCsv, copyBundle, generateBundle } from '../support/bundles.js';
import {
  createTestDatabase,
  eventually,
  loginAs,
  startTestApp,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';
import { makeZip, zipOfBundle } from '../support/zip-writer.js';

/** The console's import: upload, a worker imports with progress, history, report, masters. */
describe('imports API (console uploads)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let secretariat: request.Agent;
  let reviewer: request.Agent;
  let bundle: string;

  const finished = (agent: request.Agent, id: string) =>
    eventually(
      async () => {
        const { body } = await agent.get(`/api/imports/${id}`).expect(200);
        return ['done', 'rejected', 'failed'].includes(body.status) ? body : null;
      },
      30000,
      `import ${id} to finish`,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    // Queues on PostgreSQL: the backend a fresh machine uses.
    app = await startTestApp({ databaseUrl: db.url, redisUrl: null, workers: true });
    secretariat = await loginAs(app, 'jimu1', 'secretariat');
    reviewer = await loginAs(app, 'iin1', 'reviewer');
    bundle = generateBundle({ applicants: 15, seed: 11 });
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('refuses imports to callers without a session or with the reviewer role', async () => {
    const anonymous = request(app.baseUrl);
    await anonymous.get('/api/imports').expect(401);
    await anonymous.post('/api/imports').attach('files', Buffer.from('x'), 'cases.csv').expect(401);
    await anonymous.get('/api/meetings').expect(401);
    await reviewer.get('/api/imports').expect(403);
    await reviewer
      .post('/api/imports')
      .field('roundId', '2021')
      .attach('files', Buffer.from('x'), 'a.csv')
      .expect(403);
    await reviewer.get('/api/unmatched-records').expect(403);
  });

  it('imports an uploaded zip in a worker, with its report in the history and as CSV', async () => {
    const zip = zipOfBundle(bundle);
    const { body: queued } = await secretariat
      .post('/api/imports')
      .field('roundId', '2021')
      .attach('files', zip, 'nightly.zip')
      .expect(202);
    expect(queued).toMatchObject({
      roundId: '2021',
      sourceName: 'nightly.zip',
      status: 'queued',
      requestedBy: 'jimu1',
    });

    const run = await finished(secretariat, queued.id);
    expect(run).toMatchObject({ status: 'done', exitCode: 0 });
    expect(run.report.dossiers).toMatchObject({ imported: 15, rejected: 0 });
    expect(run.progress.phase).toBe('done');

    const history = await secretariat
      .get('/api/imports')
      .query({ sort: '["createdAt","DESC"]', range: '[0,9]' })
      .expect(200);
    expect(history.headers['content-range']).toBe('imports 0-0/1');
    expect(history.body[0]).toMatchObject({ id: queued.id, status: 'done' });
    expect(history.body[0].report).toBeUndefined();

    const csv = await secretariat.get(`/api/imports/${queued.id}/report.csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.startsWith('\uFEFFファイル,行,列,認定番号,内容')).toBe(true);
  });

  it('uploads several CSV files at once and reports each bad row with file, line, column and reason', async () => {
    const bad = copyBundle(bundle, [
      'applicants.csv',
      'case_sheets.csv',
      'cases.csv',
      'attendances.csv',
    ]);
    editCsv(bad, 'cases.csv', (records) => {
      records[5][7] = '七十';
      return records;
    });
    let upload = secretariat.post('/api/imports').field('roundId', '2021');
    for (const name of readdirSync(bad))
      upload = upload.attach('files', readFileSync(join(bad, name)), name);
    const { body: queued } = await upload.expect(202);
    expect(queued.sourceName).toMatch(/ほか 3 ファイル/);
    const run = await finished(secretariat, queued.id);
    expect(run.exitCode).toBe(1);
    const cases = run.report.files.find((f: { file: string }) => f.file === 'cases.csv');
    expect(cases.rejected).toEqual([
      expect.objectContaining({
        line: 6,
        column: '年齢',
        reason: '年齢が数値ではありません(「七十」)',
      }),
    ]);
    const csv = await secretariat.get(`/api/imports/${queued.id}/report.csv`).expect(200);
    expect(csv.text).toContain('cases.csv,6,年齢,');
    expect(csv.text).toContain('この申請は取り込みませんでした');
  });

  it('says what is wrong with an upload: no round, no file, an unknown round', async () => {
    const noRound = await secretariat
      .post('/api/imports')
      .attach('files', Buffer.from('x'), 'cases.csv')
      .expect(400);
    expect(noRound.body.message).toMatch(/年度を選んでください/);
    const noFile = await secretariat.post('/api/imports').field('roundId', '2021').expect(400);
    expect(noFile.body.message).toMatch(/ファイルを選んでください/);
    const unknown = await secretariat
      .post('/api/imports')
      .field('roundId', '1999')
      .attach('files', Buffer.from('x'), 'cases.csv')
      .expect(404);
    expect(unknown.body.message).toMatch(/年度「1999」はありません/);
    await secretariat.get('/api/imports/not-a-uuid').expect(400);
  });

  it('lists master data and unmatched records under the REST contract', async () => {
    const meetings = await reviewer
      .get('/api/meetings')
      .query({
        filter: JSON.stringify({ roundId: '2021', kind: '地方会' }),
        sort: '["startsOn","DESC"]',
        range: '[0,4]',
      })
      .expect(200);
    expect(meetings.body).toHaveLength(5);
    expect(meetings.body.every((m: { kind: string }) => m.kind === '地方会')).toBe(true);
    expect(meetings.headers['content-range']).toMatch(/^meetings 0-4\/\d+$/);
    expect(meetings.body[0].id).toBe(`2021.${meetings.body[0].code}`);

    const facilities = await secretariat
      .get('/api/facilities')
      .query({ filter: '{"q":"大学"}' })
      .expect(200);
    expect(facilities.body.length).toBeGreaterThan(0);
    await secretariat.get('/api/societies').query({ sort: '["nope","ASC"]' }).expect(400);

    const unmatched = await secretariat
      .get('/api/unmatched-records')
      .query({ filter: JSON.stringify({ roundId: '2021', kind: 'payment' }) })
      .expect(200);
    const expected = JSON.parse(readFileSync(join(bundle, 'expected.json'), 'utf8'));
    expect(unmatched.body.map((u: { key: string }) => u.key).sort()).toEqual(
      expected.unmatched.payments.map((p: { 取引番号: string }) => p['取引番号']).sort(),
    );
  });
  it('refuses an upload whose files together exceed IMPORT_MAX_MB with 413, keeping nothing', async () => {
    const small = await startTestApp({
      databaseUrl: db.url,
      redisUrl: null,
      workers: false,
      env: { IMPORT_MAX_MB: '1' },
    });
    try {
      const office = await loginAs(small, 'jimu2', 'secretariat');
      const before = (await office.get('/api/imports').expect(200)).body.length;
      // Each file is within the limit; together they are not.
      const half = Buffer.alloc(700 * 1024, 'a');
      const refused = await office
        .post('/api/imports')
        .field('roundId', '2021')
        .attach('files', half, 'a.csv')
        .attach('files', half, 'b.csv')
        .expect(413);
      expect(refused.body.message).toMatch(/合計が上限\(1 MB、IMPORT_MAX_MB\)を超えています/);
      const uploads = join(small.config.dataDir, 'uploads');
      expect(existsSync(uploads) ? readdirSync(uploads) : []).toEqual([]);
      expect(existsSync(join(small.config.dataDir, 'imports'))).toBe(false);
      expect((await office.get('/api/imports').expect(200)).body).toHaveLength(before);
      // And what a zip expands to is held to the same limit.
      const zip = join(mkdtempSync(join(tmpdir(), 'shinsa-zip-')), 'big.zip');
      writeFileSync(zip, makeZip([{ name: 'applicants.csv', data: Buffer.alloc(1536 * 1024) }]));
      const { report } = await small.app
        .get(ImportService)
        .run({ roundId: '2021', source: zip, requestedBy: 'jimu2' });
      expect(report.bundleError).toMatch(/展開後の大きさが上限\(1 MB\)を超えます/);
    } finally {
      await small.close();
    }
  });

  it('removes the upload folder of an import that failed for good', async () => {
    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    try {
      // The database refuses every dossier written: both attempts of the import fail.
      await sql.query(`
        CREATE FUNCTION refuse_dossiers() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN RAISE EXCEPTION 'disk full (test)'; END $$;
        CREATE TRIGGER refuse_dossiers BEFORE INSERT OR UPDATE ON dossiers
          FOR EACH ROW EXECUTE FUNCTION refuse_dossiers()`);
      const { body: queued } = await secretariat
        .post('/api/imports')
        .field('roundId', '2021')
        .attach('files', zipOfBundle(generateBundle({ applicants: 3, seed: 97 })), 'failing.zip')
        .expect(202);
      const folder = join(app.config.dataDir, 'imports', queued.id);
      // Between attempts it waits queued with the error (the console shows 再試行中), its files kept.
      await eventually(
        async () => {
          const { body } = await secretariat.get(`/api/imports/${queued.id}`).expect(200);
          return body.status === 'queued' && /disk full/.test(body.error ?? '') ? body : null;
        },
        20000,
        'the first attempt to fail and wait for its retry',
      );
      expect(existsSync(folder)).toBe(true);
      // Retries wait up to 40 s each (to outlast a database restart): run them now.
      const queue = app.app.get<Queue>(getQueueToken(QUEUES.imports));
      await eventually(
        async () => {
          for (const job of await queue.getDelayed()) await job.promote().catch(() => undefined);
          const { body } = await secretariat.get(`/api/imports/${queued.id}`).expect(200);
          return body.status === 'failed' && !existsSync(folder);
        },
        30000,
        'the failed import to leave no folder',
      );
      const { body: run } = await secretariat.get(`/api/imports/${queued.id}`).expect(200);
      expect(run.error).toMatch(
        /disk full \(test\).*「もう一度取り込む」から取り込み直してください/,
      );
    } finally {
      await sql.query(`DROP TRIGGER IF EXISTS refuse_dossiers ON dossiers`);
      await sql.query(`DROP FUNCTION IF EXISTS refuse_dossiers()`);
      await sql.end();
    }
  });
});
