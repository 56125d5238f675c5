import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import pg from 'pg';
import { PNG } from 'pngjs';
import request from 'supertest';
import { ApplicationsReportService } from '../../server/dossiers/applications-report.service.js';
import { ScanStore } from '../../server/scans/scan-store.js';
import { copyBundle, generateBundle } from '../support/bundles.js';
import { scannedPdf } from '../support/scans.js';
import {
  binary,
  createTestDatabase,
  eventually,
  importChecked,
  loginAs,
  startTestApp,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

/** Envelopes registered in the console, with scans uploaded per envelope. */
describe('envelopes in the console', () => {
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let office: request.Agent;
  let reviewer: request.Agent;
  let bundle: string;
  let noMail: { id: string; certNo: string };

  const postmarkOf = async (certNo: string) =>
    (await app.app.get(ApplicationsReportService).listForRound('2021'))
      .find((a) => a.certNo === certNo)!
      .checks.find((c) => c.rule === 'mail.postmark');

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: true });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    bundle = generateBundle({ applicants: 4, seed: 51, defects: 0, scans: true });
    // The mail room's log without its last envelope: that one is registered in the console.
    const withoutLast = copyBundle(bundle, [
      'applicants.csv',
      'case_sheets.csv',
      'cases.csv',
      'attendances.csv',
    ]);
    const imported = await importChecked(app, withoutLast);
    [noMail] = imported;
    office = await loginAs(app, 'jimu', 'secretariat');
    reviewer = await loginAs(app, 'iin', 'reviewer');
  });

  afterAll(async () => {
    await sql.end();
    await app.close();
    await db.drop();
  });

  it('registers an envelope under the next 受付番号 and the applicant’s checks follow', async () => {
    expect((await postmarkOf(noMail.certNo))?.outcome).toBe('pending');
    const first = await office
      .post('/api/envelopes')
      .send({
        roundId: '2021',
        arrivedOn: '2021-09-21',
        postmarkedOn: '2021-09-19',
        mailKind: '簡易書留',
        trackingNo: '123-45-67890-1',
        certNo: noMail.certNo,
      })
      .expect(201);
    expect(first.body).toMatchObject({
      id: '2021:R2021-000001',
      receiptNo: 'R2021-000001',
      certNo: noMail.certNo,
      dossierId: noMail.id,
      source: 'console',
      scans: 0,
    });
    await eventually(async () => {
      expect((await postmarkOf(noMail.certNo))?.outcome).toBe('pass');
      return true;
    });
    // An unreadable label: no 認定番号, the envelope waits unmatched.
    const unmatched = await office
      .post('/api/envelopes')
      .send({ roundId: '2021', arrivedOn: '2021-09-22', mailKind: '普通郵便' })
      .expect(201);
    expect(unmatched.body).toMatchObject({ receiptNo: 'R2021-000002', dossierId: null });
    const waiting = await office
      .get('/api/envelopes')
      .query({ filter: JSON.stringify({ roundId: '2021', unmatched: true }) })
      .expect(200);
    expect(waiting.body.map((e: { receiptNo: string }) => e.receiptNo)).toEqual(['R2021-000002']);
    // Naming its applicant later attaches it.
    const named = await office
      .put(`/api/envelopes/${encodeURIComponent('2021:R2021-000002')}`)
      .send({ arrivedOn: '2021-09-22', mailKind: '普通郵便', certNo: noMail.certNo })
      .expect(200);
    expect(named.body.dossierId).toBe(noMail.id);
    const { rows } = await sql.query(
      `SELECT action, entity_id FROM audit_events WHERE entity = 'envelope' ORDER BY id`,
    );
    expect(rows).toEqual([
      { action: 'envelope.registered', entity_id: 'R2021-000001' },
      { action: 'envelope.registered', entity_id: 'R2021-000002' },
      { action: 'envelope.updated', entity_id: 'R2021-000002' },
    ]);
  });

  it('says what is wrong with an envelope, field by field', async () => {
    const wrong = await office
      .post('/api/envelopes')
      .send({
        roundId: '2021',
        arrivedOn: '9/21',
        postmarkedOn: 'x',
        mailKind: '速達',
        certNo: '999999',
      })
      .expect(400);
    expect(Object.keys(wrong.body.errors).sort()).toEqual([
      'arrivedOn',
      'certNo',
      'mailKind',
      'postmarkedOn',
    ]);
    expect(wrong.body.errors.certNo).toBe(
      '年度 2021 に認定番号 999999 の申請はありません。宛名が読めないときは空欄にしてください(未照合として残ります)',
    );
    await reviewer.get('/api/envelopes').expect(403);
  });

  it('uploads scans per envelope: stored once, added as the next pages, shown on the dossier', async () => {
    const pages = readdirSync(join(bundle, 'scans')).slice(0, 2);
    let upload = office.post(`/api/envelopes/${encodeURIComponent('2021:R2021-000001')}/scans`);
    for (const page of pages) upload = upload.attach('files', join(bundle, 'scans', page));
    const added = await upload.expect(201);
    expect(added.body.added).toBe(2);
    expect(added.body.envelope.scans).toBe(2);
    const again = await office
      .post(`/api/envelopes/${encodeURIComponent('2021:R2021-000001')}/scans`)
      .attach('files', join(bundle, 'scans', pages[0]))
      .expect(201);
    expect(again.body.added).toBe(0);
    const notScan = await office
      .post(`/api/envelopes/${encodeURIComponent('2021:R2021-000001')}/scans`)
      .attach('files', Buffer.from('認定番号,判定\n'), 'memo.csv')
      .expect(400);
    expect(notScan.body.message).toBe(
      'memo.csv: PDF・PNG・JPEG・TIFF のいずれでもありません。スキャンしたファイルを選んでください',
    );
    // A PNG header followed by HTML is no scan; nor is a PDF named as a PNG. Nothing is added.
    const disguised = await office
      .post(`/api/envelopes/${encodeURIComponent('2021:R2021-000001')}/scans`)
      .attach('files', join(bundle, 'scans', pages[1]))
      .attach(
        'files',
        Buffer.concat([
          Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
          Buffer.from('<html><script>alert(document.cookie)</script></html>'),
        ]),
        'page-3.png',
      )
      .attach('files', Buffer.from('%PDF-1.4\n%%EOF\n'), 'page-4.png')
      .expect(400);
    expect(disguised.body.problems).toEqual([
      {
        field: 'files',
        file: 'page-3.png',
        message:
          'page-3.png: 中身に HTML などのページが含まれていて、スキャンではありません。スキャナーで読み取ったファイルを選んでください',
      },
      {
        field: 'files',
        file: 'page-4.png',
        message:
          'page-4.png: 中身は PDF ですが、名前が PNG のものです。中身に合う名前(.pdf)にして選び直してください',
      },
    ]);
    const dossier = (await office.get(`/api/dossiers/${noMail.id}`).expect(200)).body;
    const scans = dossier.mail.find(
      (m: { receiptNo: string }) => m.receiptNo === 'R2021-000001',
    ).scans;
    expect(scans.map((s: { page: number }) => s.page)).toEqual([1, 2]);
    const image = await office
      .get(`/api/dossiers/${noMail.id}/scans/${scans[0].sha256}`)
      .buffer(true)
      .expect(200);
    expect(Buffer.compare(image.body, readFileSync(join(bundle, 'scans', pages[0])))).toBe(0);
    expect(image.headers['content-disposition']).toBe('inline');
    // A file kept before uploads were sniffed this closely is sent as bytes to save, never shown.
    const old = await app.app
      .get(ScanStore)
      .putBytes(
        Buffer.from('\x89PNG\r\n\x1a\n<html><script>alert(1)</script>', 'latin1'),
        'image/png',
      );
    await sql.query(
      `INSERT INTO scan_files (sha256, size, media_type) VALUES ($1, $2, 'image/png')`,
      [old.sha256, old.size],
    );
    await sql.query(
      `INSERT INTO envelope_scans (round_id, receipt_no, file_name, page, sha256)
       VALUES ('2021', 'R2021-000001', 'old-upload.png', 99, $1)`,
      [old.sha256],
    );
    const served = await office
      .get(`/api/dossiers/${noMail.id}/scans/${old.sha256}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(served.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'content-disposition': 'attachment',
      'x-content-type-options': 'nosniff',
    });
    await sql.query(`DELETE FROM envelope_scans WHERE file_name = 'old-upload.png'`);
  });

  /** The pages of an envelope once read. */
  const pagesRead = (receiptNo: string, count: number) =>
    eventually(
      async () => {
        const { rows } = await sql.query(
          `SELECT page_no, file_name, file_page, kind, display_sha256, width, height, unread_reason
             FROM scan_pages WHERE receipt_no = $1 ORDER BY page_no`,
          [receiptNo],
        );
        return rows.length >= count ? rows : null;
      },
      60000,
      `the reading of ${receiptNo}`,
    );

  it('normalises a large photographed page for display and reads it', async () => {
    const width = 1600;
    const height = 2262;
    const data = Buffer.alloc(width * height * 4, 255);
    const photo = jpeg.encode({ data, width, height }, 80).data;
    await office
      .post(`/api/envelopes/${encodeURIComponent('2021:R2021-000001')}/scans`)
      .attach('files', photo, 'photo.jpg')
      .expect(201);
    const row = await eventually(
      async () =>
        (
          await sql.query(
            `SELECT display_sha256, kind FROM scan_pages WHERE receipt_no = 'R2021-000001' AND file_name = 'photo.jpg'`,
          )
        ).rows[0],
      60000,
      'the reading of photo.jpg',
    );
    expect(row.display_sha256).toMatch(/^[0-9a-f]{64}$/);
    const dossier = (await office.get(`/api/dossiers/${noMail.id}`).expect(200)).body;
    const page = dossier.mail
      .flatMap((m: { pages: { fileName: string }[] }) => m.pages)
      .find((p: { fileName: string }) => p.fileName === 'photo.jpg');
    expect(page.displaySha256).toBe(row.display_sha256);
    const shown = await office
      .get(`/api/dossiers/${noMail.id}/scans/${page.displaySha256}`)
      .buffer(true)
      .expect(200);
    expect(shown.headers['content-type']).toBe('image/png');
    const png = PNG.sync.read(shown.body as Buffer);
    expect([png.width, png.height]).toEqual([1240, 1753]);
  });

  it('reads every page of a scanned PDF, and keeps a file it cannot read with the reason', async () => {
    const white = (width: number, height: number) =>
      Buffer.from(
        jpeg.encode({ data: Buffer.alloc(width * height * 4, 255), width, height }, 80).data,
      );
    const pdf = scannedPdf([white(600, 850), white(600, 850)]);
    const broken = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('not a pdf at all')]);
    const envelope = await office
      .post('/api/envelopes')
      .send({
        roundId: '2021',
        arrivedOn: '2021-09-28',
        mailKind: '簡易書留',
        certNo: noMail.certNo,
      })
      .expect(201);
    await office
      .post(`/api/envelopes/${encodeURIComponent(envelope.body.id)}/scans`)
      .attach('files', pdf, 'scan.pdf')
      .attach('files', broken, 'broken.pdf')
      .expect(201);
    const read = await pagesRead(envelope.body.receiptNo, 3);
    // Pages are numbered in scan order across the files; the PDF is rendered page by page.
    expect(read.map((p) => [p.page_no, p.file_name, p.file_page])).toEqual([
      [1, 'scan.pdf', 1],
      [2, 'scan.pdf', 2],
      [3, 'broken.pdf', 1],
    ]);
    expect(read[0].display_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(read[2]).toMatchObject({ kind: 'unread', display_sha256: null });
    expect(read[2].unread_reason).toMatch(/PDFとして開けません/);
    const dossier = (await office.get(`/api/dossiers/${noMail.id}`).expect(200)).body;
    const mail = dossier.mail.find(
      (m: { receiptNo: string }) => m.receiptNo === envelope.body.receiptNo,
    );
    expect(
      mail.scans.map((p: { fileName: string; mediaType: string }) => [p.fileName, p.mediaType]),
    ).toEqual([
      ['scan.pdf', 'application/pdf'],
      ['broken.pdf', 'application/pdf'],
    ]);
    expect(mail.pages.map((p: { ref: string }) => p.ref)).toEqual(
      [1, 2, 3].map((n) => `${envelope.body.receiptNo}-${n}`),
    );
    expect(mail.readAt).not.toBeNull();
  });
});
