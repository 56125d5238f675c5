import pg from 'pg';
import request from 'supertest';
import { ImportService } from '../../server/imports/import.service.js';
import { ListExportService } from '../../server/mailings/list-export.service.js';
import { ScanRepository } from '../../server/scans/scan.repository.js';
import { ScanStore } from '../../server/scans/scan-store.js';
import { generateBundle } from '../support/bundles.js';
import {
  binary,
  createTestDatabase,
  loginAs,
  startTestApp,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

/** The append-only audit trail: who changed what, when, before and after. */
describe('audit trail', () => {
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let admin: request.Agent;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: false });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    admin = await loginAs(app, 'audit-admin', 'admin');
  });

  afterAll(async () => {
    await sql.end();
    await app.close();
    await db.drop();
  });

  it('records logins, failed logins and accounts created', async () => {
    await request(app.baseUrl)
      .post('/api/auth/login')
      .send({ login: 'audit-admin', password: 'wrong-one' })
      .expect(401);
    const { body } = await admin
      .get('/api/audit-events')
      .query({ filter: JSON.stringify({ entity: 'user' }), sort: '["at","ASC"]' })
      .expect(200);
    expect(body.map((e: { action: string }) => e.action)).toEqual([
      'user.created',
      'auth.login',
      'auth.login-failed',
    ]);
    expect(body[0]).toMatchObject({
      actor: 'system',
      entityId: 'audit-admin',
      after: { role: 'admin' },
    });
    expect(body[1].ip).toBeTruthy();
  });

  it('records a round change with who made it and the values before and after', async () => {
    const { body: round } = await admin.get('/api/rounds/2021').expect(200);
    await admin
      .put('/api/rounds/2021')
      .send({ ...round, label: '2021年度(改)' })
      .expect(200);
    const { body } = await admin
      .get('/api/audit-events')
      .query({ filter: JSON.stringify({ action: 'round.updated' }) })
      .expect(200);
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({
      actor: 'audit-admin',
      roundId: '2021',
      before: { label: '2021年度' },
      after: { label: '2021年度(改)' },
    });
  });

  it('records each import with its outcome', async () => {
    const bundle = generateBundle({ applicants: 5, seed: 2 });
    await app.app
      .get(ImportService)
      .run({ roundId: '2021', source: bundle, requestedBy: 'jimu-x' });
    const { body } = await admin
      .get('/api/audit-events')
      .query({ filter: '{"q":"import.finished"}' })
      .expect(200);
    expect(body[0]).toMatchObject({
      actor: 'jimu-x',
      entity: 'import',
      after: { exitCode: 0, dossiers: { imported: 5 } },
    });
  });

  it('cannot be changed or deleted, not even by the application database user', async () => {
    await expect(sql.query(`UPDATE audit_events SET actor = 'someone else'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(sql.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
  });

  it('exports the filtered log as CSV for Excel', async () => {
    const csv = await admin
      .get('/api/audit-events/export.csv')
      .query({ filter: '{"entity":"round"}' })
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const lines = csv.text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('日時,実行者,操作,対象,対象ID,年度,認定番号,変更前,変更後,接続元');
    expect(lines.slice(1).every((l) => l.includes('round.updated'))).toBe(true);
    expect(lines).toHaveLength(2);
  });

  it('neutralises in its CSV a login name typed as a formula at the login page', async () => {
    await request(app.baseUrl)
      .post('/api/auth/login')
      .send({ login: '=HYPERLINK("http://evil.example/","x")', password: 'whatever-1' })
      .expect(401);
    const csv = await admin
      .get('/api/audit-events/export.csv')
      .query({ filter: '{"action":"auth.login-failed"}' })
      .expect(200);
    const lines = csv.text.slice(1).trimEnd().split('\r\n');
    const line = lines.find((l) => l.includes('HYPERLINK'))!;
    expect(line.split(',')[1]).toBe(`"'=HYPERLINK(""http://evil.example/""`);
    expect(line).not.toMatch(/(^|,)"?[=+\-@]/);
  });

  describe('reads of personal data', () => {
    let office: request.Agent;
    let reviewer: request.Agent;
    let dossier: { id: string; certNo: string };
    let original: { sha256: string; fileName: string; receiptNo: string };
    let display: string;

    /** The read events of an actor, oldest first. */
    const readsOf = async (actor: string) =>
      (
        await sql.query(
          `SELECT action, entity, entity_id AS "entityId", cert_no AS "certNo", after, ip
             FROM audit_events WHERE actor = $1 AND action NOT LIKE 'auth.%' ORDER BY id`,
          [actor],
        )
      ).rows;

    beforeAll(async () => {
      const bundle = generateBundle({ applicants: 2, seed: 7, scans: true });
      await app.app
        .get(ImportService)
        .run({ roundId: '2021', source: bundle, requestedBy: 'test' });
      [original] = (
        await sql.query(
          `SELECT s.sha256, s.file_name AS "fileName", s.receipt_no AS "receiptNo", e.cert_no AS "certNo"
             FROM envelope_scans s JOIN envelopes e USING (round_id, receipt_no)
            WHERE e.cert_no IS NOT NULL ORDER BY s.receipt_no, s.file_name LIMIT 1`,
        )
      ).rows;
      [dossier] = (
        await sql.query(
          `SELECT id::text AS id, cert_no AS "certNo" FROM dossiers WHERE cert_no = $1`,
          [(original as unknown as { certNo: string }).certNo],
        )
      ).rows;
      // One page of the envelope read, as the reader saves it (no OCR here): its display image.
      const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(64, 1)]);
      const stored = await app.app.get(ScanStore).putBytes(png, 'image/png');
      display = stored.sha256;
      const page = { pageNo: 1, fileName: original.fileName, filePage: 1, sha256: original.sha256 };
      await app.app.get(ScanRepository).saveReading(
        '2021',
        original.receiptNo,
        {
          filesKey: 'test',
          readerVersion: 0,
          certNo: dossier.certNo,
          pages: [
            {
              ...page,
              displaySha256: display,
              width: 10,
              height: 10,
              kind: 'cover',
              number: null,
              proofKind: null,
              confidence: 1,
              cues: [],
              orientation: 0,
              skew: 0,
              text: '',
              textConfidence: 1,
              lines: [],
              words: [],
              seal: null,
              unreadReason: null,
            },
          ],
          displays: [stored],
        },
        async () => undefined,
      );
      office = await loginAs(app, 'audit-jimu', 'secretariat');
      reviewer = await loginAs(app, 'audit-iin', 'reviewer');
    });

    it('records page images once per envelope and original files once per file, in a while', async () => {
      const scan = (sha256: string) =>
        office.get(`/api/dossiers/${dossier.id}/scans/${sha256}`).buffer(true).parse(binary);
      // A strip of thumbnails loads at once; a PDF viewer asks for the file more than once.
      const answers = await Promise.all([...Array(6)].map(() => scan(display)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
      await scan(original.sha256).expect(200);
      await scan(original.sha256).expect(200);
      const reads = await readsOf('audit-jimu');
      expect(reads).toEqual([
        expect.objectContaining({
          action: 'envelope.pages-viewed',
          entity: 'envelope',
          entityId: original.receiptNo,
          certNo: dossier.certNo,
          after: { dossierId: dossier.id },
          ip: expect.any(String),
        }),
        expect.objectContaining({
          action: 'envelope.scan-file-read',
          entityId: original.receiptNo,
          after: { dossierId: dossier.id, file: original.fileName, sha256: original.sha256 },
        }),
      ]);
    });

    it("records a dossier's documents, proposals, decisions and overrides being read", async () => {
      const base = `/api/dossiers/${dossier.id}`;
      for (let twice = 0; twice < 2; twice++) {
        await office.get(`${base}/documents`).expect(200);
        await office.get(`${base}/decisions`).expect(200);
        await office.get(`${base}/overrides`).expect(200);
      }
      await office
        .get(`${base}/documents/confirmation`)
        .query({ receiptNo: original.receiptNo })
        .expect(200);
      const reads = (await readsOf('audit-jimu')).filter((r) => r.action.startsWith('dossier.'));
      expect(reads.map((r) => r.action)).toEqual([
        'dossier.documents-viewed',
        'dossier.decisions-viewed',
        'dossier.overrides-viewed',
        'dossier.proposals-viewed',
      ]);
      expect(reads[0]).toMatchObject({
        entity: 'dossier',
        entityId: dossier.id,
        certNo: dossier.certNo,
      });
      expect(reads[3].after).toEqual({ receiptNo: original.receiptNo });
    });

    it('refuses, and records nothing for, a reviewer the dossier is not assigned to', async () => {
      const base = `/api/dossiers/${dossier.id}`;
      for (const path of ['documents', 'decisions', 'overrides', `scans/${display}`]) {
        await reviewer.get(`${base}/${path}`).expect(403);
      }
      await reviewer
        .get(`${base}/documents/confirmation?receiptNo=${original.receiptNo}`)
        .expect(403);
      expect(await readsOf('audit-iin')).toEqual([]);
    });

    it('records each download of an export file and of a mailing list', async () => {
      const { body: row } = await office
        .post('/api/rounds/2021/exports')
        .send({ list: 'results', format: 'csv' })
        .expect(202);
      await app.app.get(ListExportService).run(row.id, async () => undefined);
      await reviewer.get(`/api/exports/${row.id}/files/0`).expect(403);
      await office.get(`/api/exports/${row.id}/files/0`).expect(200);
      await office.get(`/api/exports/${row.id}/files/0`).expect(200);
      await office.get('/api/rounds/2021/mailing-lists/results.csv').expect(200);
      const reads = (await readsOf('audit-jimu')).filter((r) => !r.action.startsWith('dossier.'));
      expect(reads.slice(-4).map((r) => r.action)).toEqual([
        'list.exported',
        'export.downloaded',
        'export.downloaded',
        'list.exported',
      ]);
      expect(reads.at(-2)).toMatchObject({
        entity: 'export',
        entityId: row.id,
        after: { list: 'results', format: 'csv', part: 0, file: expect.stringMatching(/\.csv$/) },
        ip: expect.any(String),
      });
      expect(await readsOf('audit-iin')).toEqual([]);
    });
  });
});
