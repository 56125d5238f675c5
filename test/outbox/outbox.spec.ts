import { simpleParser } from 'mailparser';
import pg from 'pg';
import request from 'supertest';
import { OutboxRepository } from '../../server/outbox/outbox.repository.js';
import { OutboxSenderService } from '../../server/outbox/outbox-sender.service.js';
import { OutboxService } from '../../server/outbox/outbox.service.js';
import { generateBundle } from '../support/bundles.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import {
  binary,
  createTestDatabase,
  eventually,
  importChecked,
  loginAs,
  startTestApp,
  TEST_REDIS_URL,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

const PDF = Buffer.from('%PDF-1.4\n% 振込用紙のテスト\n%%EOF\n');
const ATTACHMENT = {
  fileName: '振込のご案内.pdf',
  mediaType: 'application/pdf',
  contentBase64: PDF.toString('base64'),
};

type Dossier = { id: string; certNo: string };

/** Sets the e-mail address of 申請1 of a dossier's current revision. */
async function setEmail(sql: pg.Client, dossierId: string, email: string) {
  await sql.query(
    `UPDATE dossier_revisions r SET applicant = r.applicant || jsonb_build_object('email', $2::text)
       FROM dossiers d WHERE d.id = $1 AND r.dossier_id = d.id AND r.revision = d.revision`,
    [dossierId, email],
  );
}

async function decideAndRelease(office: request.Agent, admin: request.Agent, ids: string[]) {
  for (const id of ids) {
    await office
      .post(`/api/dossiers/${id}/decisions`)
      .send({
        decision: '合格',
        reasonCodes: ['P01'],
        reason: '委員会で確認',
        expectedCurrentId: null,
      })
      .expect(201);
  }
  await admin.post('/api/decisions/release').send({ roundId: '2021', dossierIds: ids }).expect(200);
}

const payCertificationFee = (sql: pg.Client, certNo: string, id: string) =>
  sql.query(
    `INSERT INTO payments (round_id, transaction_id, cert_no, item, amount, handling_fee, paid_at, method, status)
     VALUES ('2021', $1, $2, '更新認定料', 22000, 110, now(), 'カード', '入金済')`,
    [id, certNo],
  );

/** The messages of a batch by 認定番号. */
async function messagesOf(agent: request.Agent, batchId: string) {
  const rows = (
    await agent
      .get('/api/mail-messages')
      .query({ filter: JSON.stringify({ batchId }), range: '[0,999]' })
      .expect(200)
  ).body as { certNo: string; status: string; [key: string]: unknown }[];
  return new Map(rows.map((m) => [m.certNo, m]));
}

describe('e-mail outbox through a real SMTP server (queues on PostgreSQL)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let smtp: SmtpSink;
  let sql: pg.Client;
  let office: request.Agent;
  let admin: request.Agent;
  let d: Dossier[];
  const withId = (messageId: unknown) => smtp.received.filter((m) => m.messageId === messageId);

  beforeAll(async () => {
    smtp = await startSmtpSink({ refuse: (address) => address.startsWith('refuse') });
    db = await createTestDatabase();
    app = await startTestApp({
      databaseUrl: db.url,
      workers: true,
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM: '認定医制度 事務局 <jimukyoku@board.example.jp>',
        MAIL_RATE_PER_SECOND: '200',
      },
    });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    d = await importChecked(app, generateBundle({ applicants: 8, seed: 83, defects: 0 }));
    admin = await loginAs(app, 'chair', 'admin');
    office = await loginAs(app, 'jimu', 'secretariat');
    for (const [i, dossier] of d.entries())
      await setEmail(sql, dossier.id, `doctor${i}@example.jp`);
    await setEmail(sql, d[2].id, 'refuse-2@example.jp');
    await setEmail(sql, d[4].id, '');
    await decideAndRelease(
      office,
      admin,
      d.slice(0, 5).map((x) => x.id),
    );
  });

  afterAll(async () => {
    await sql.end();
    await app.close();
    await smtp.close();
    await db.drop();
  });

  let paymentBatch: string;

  it('sends payment requests once approved, to those still due at send time, in Japanese with the attachment', async () => {
    const drafted = await office
      .post('/api/mail-batches')
      .send({
        roundId: '2021',
        kind: 'payment-request',
        dueBy: '2099-04-30',
        attachments: [ATTACHMENT],
      })
      .expect(201);
    paymentBatch = drafted.body.id;
    expect(drafted.body).toMatchObject({ written: 5, skipped: 0, counts: { draft: 4, unsent: 1 } });
    let messages = await messagesOf(office, paymentBatch);
    expect(messages.get(d[4].certNo)).toMatchObject({ status: 'unsent' });
    expect(messages.get(d[4].certNo)!.reason).toContain('メールアドレスがありません');
    // The secretariat drafts; only an admin approves.
    await office.post(`/api/mail-batches/${paymentBatch}/approve`).expect(403);
    // d1 pays between the draft and the sending.
    await payCertificationFee(sql, d[1].certNo, 'CERT-1');
    await admin.post(`/api/mail-batches/${paymentBatch}/approve`).expect(201);

    messages = await eventually(
      async () => {
        const now = await messagesOf(office, paymentBatch);
        return [...now.values()].every((m) => !['approved', 'sending'].includes(m.status)) && now;
      },
      20000,
      'the batch to be sent',
    );
    expect(Object.fromEntries([...messages].map(([certNo, m]) => [certNo, m.status]))).toEqual({
      [d[0].certNo]: 'sent',
      [d[1].certNo]: 'dropped',
      [d[2].certNo]: 'bounced',
      [d[3].certNo]: 'sent',
      [d[4].certNo]: 'unsent',
    });
    expect(smtp.received).toHaveLength(2);
    const first = messages.get(d[0].certNo)!;
    expect(first).toMatchObject({ approvedBy: 'chair', sentTo: 'doctor0@example.jp' });
    expect(first.smtpResponse).toMatch(/^250/);
    expect(first.sentAt).toBeTruthy();
    const [mail] = withId(first.messageId);
    expect(mail.subject).toBe('【がん治療認定医】2021年度 更新認定料のお支払いのお願い');
    expect(mail.from?.value[0]).toEqual({
      name: '認定医制度 事務局',
      address: 'jimukyoku@board.example.jp',
    });
    expect(mail.text).toContain(`${first.name} 先生`);
    expect(mail.text).toContain('お支払い額: 22,110円');
    expect(mail.text).toContain('お支払い期限: 2099年4月30日');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].filename).toBe('振込のご案内.pdf');
    expect(Buffer.compare(mail.attachments[0].content, PDF)).toBe(0);

    // The 550 is kept with the message, and the address is marked bad on the dossier.
    const refused = messages.get(d[2].certNo)!;
    expect(refused.smtpResponse).toMatch(/^550/);
    const flags = (await office.get(`/api/dossiers/${d[2].id}/mail-flags`).expect(200)).body;
    expect(flags).toMatchObject({
      badAddress: 'refuse-2@example.jp',
      badIsCurrent: true,
      doNotMail: false,
    });
    const audit = await sql.query(
      `SELECT actor FROM audit_events WHERE action = 'mail-batch.approved'`,
    );
    expect(audit.rows).toEqual([{ actor: 'chair' }]);
  });

  it('never drafts or sends the same message twice', async () => {
    const again = await office
      .post('/api/mail-batches')
      .send({
        roundId: '2021',
        kind: 'payment-request',
        dueBy: '2099-04-30',
        attachments: [ATTACHMENT],
      })
      .expect(201);
    // d0, d3 sent and d4 unsent are the same messages; d1 paid; d2's refused address is not tried.
    expect(again.body).toMatchObject({ written: 1, skipped: 3, counts: { bounced: 1 } });
    const [refused] = (await messagesOf(office, again.body.id)).values();
    expect(refused.reason).toContain('以前受信を拒否されたアドレス');
    expect(smtp.received).toHaveLength(2);
  });

  it('regenerates every unsent message when a template changes, and asks for approval again', async () => {
    const scheduled = await office
      .post('/api/mail-batches')
      .send({
        roundId: '2021',
        kind: 'reminder-certification-fee',
        dueBy: '2099-05-31',
        daysBefore: 7,
      })
      .expect(201);
    expect(scheduled.body.sendAfter).toBe('2099-05-24T00:00:00.000Z');
    await admin.post(`/api/mail-batches/${scheduled.body.id}/approve`).expect(201);
    expect((await messagesOf(office, scheduled.body.id)).get(d[0].certNo)).toMatchObject({
      status: 'approved',
    });

    const template = (await admin.get('/api/mail-templates/reminder-certification-fee').expect(200))
      .body;
    await office
      .put('/api/mail-templates/reminder-certification-fee')
      .send({ subject: template.subject, body: template.body, version: template.version })
      .expect(403);
    const wrong = await admin
      .put('/api/mail-templates/reminder-certification-fee')
      .send({ subject: template.subject, body: '{{支払期限}} まで', version: template.version })
      .expect(400);
    expect(JSON.stringify(wrong.body)).toContain('{{支払期限}} はこの種類のメールにありません');
    const body = template.body.replace(
      '入金を確認後、認定証をお送りします。',
      '振込先は同封の案内をご覧ください。',
    );
    const saved = await admin
      .put('/api/mail-templates/reminder-certification-fee')
      .send({ subject: template.subject, body, version: template.version })
      .expect(200);
    expect(saved.body).toMatchObject({ version: template.version + 1, backToDraft: 2 });
    expect(saved.body.rewritten).toBeGreaterThanOrEqual(3);
    await admin
      .put('/api/mail-templates/reminder-certification-fee')
      .send({ subject: template.subject, body, version: template.version })
      .expect(409);

    const messages = await messagesOf(office, scheduled.body.id);
    const first = messages.get(d[0].certNo)!;
    expect(first).toMatchObject({ status: 'draft', templateVersion: template.version + 1 });
    expect(first.reason).toContain('もう一度承認');
    expect(first.body).toContain('振込先は同封の案内をご覧ください。');
    expect(messages.get(d[4].certNo)).toMatchObject({ status: 'unsent' });
    expect(messages.get(d[4].certNo)!.body).toContain('振込先は同封の案内をご覧ください。');

    // Previewed on a real applicant, as edited (not saved).
    const preview = await office
      .post('/api/mail-templates/reminder-certification-fee/preview')
      .send({
        subject: template.subject,
        body: '{{氏名}} 先生 {{請求額}} {{期限}}',
        dossierId: d[3].id,
        dueBy: '2099-05-31',
      })
      .expect(201);
    expect(preview.body).toMatchObject({
      due: true,
      recipient: 'doctor3@example.jp',
      problems: [],
    });
    expect(preview.body.mail.body).toBe(`${preview.body.name} 先生 22,110円 2099年5月31日\n`);
    expect(smtp.received).toHaveLength(2);
  });

  it('does not send again a message whose record was lost after the server took it', async () => {
    await setEmail(sql, d[6].id, 'doctor6@example.jp');
    await decideAndRelease(office, admin, [d[6].id, d[7].id]);
    await office.put(`/api/dossiers/${d[7].id}/mail-flags`).send({ doNotMail: true }).expect(400);
    await office
      .put(`/api/dossiers/${d[7].id}/mail-flags`)
      .send({ doNotMail: true, reason: '本人の申し出' })
      .expect(200);
    const batch = await office
      .post('/api/mail-batches')
      .send({
        roundId: '2021',
        kind: 'payment-request',
        dueBy: '2099-04-30',
        attachments: [ATTACHMENT],
      })
      .expect(201);
    let messages = await messagesOf(office, batch.body.id);
    expect(messages.get(d[7].certNo)).toMatchObject({ status: 'unsent' });
    expect(messages.get(d[7].certNo)!.reason).toContain('メール送付停止');
    const target = messages.get(d[6].certNo)!;
    expect(target.status).toBe('draft');

    // The worker "dies" between the server's 250 and the record: the record fails once.
    const repository = app.app.get(OutboxRepository);
    const record = jest
      .spyOn(repository, 'recordSent')
      .mockRejectedValueOnce(new Error('Connection terminated unexpectedly'));
    const sender = jest.spyOn(app.app.get(OutboxSenderService), 'sendBatch');
    await admin.post(`/api/mail-batches/${batch.body.id}/approve`).expect(201);
    // The job fails, is retried by BullMQ, and its retry finds the message `sending`.
    await eventually(async () => sender.mock.calls.length >= 2, 20000, 'the retry');
    await sender.mock.results[1].value;
    record.mockRestore();
    sender.mockRestore();
    expect(withId(target.messageId)).toHaveLength(1);
    messages = await messagesOf(office, batch.body.id);
    expect(messages.get(d[6].certNo)).toMatchObject({ status: 'sending', sentAt: null });

    // The reconciler marks it 未送信, saying it may have arrived; nothing is sent.
    expect(await app.app.get(OutboxService).reconcile(0)).toMatchObject({ interrupted: 1 });
    messages = await messagesOf(office, batch.body.id);
    expect(messages.get(d[6].certNo)).toMatchObject({ status: 'unsent' });
    expect(messages.get(d[6].certNo)!.reason).toContain('中断');
    expect(withId(target.messageId)).toHaveLength(1);

    // An admin who checked it did not arrive resends it, with the same Message-ID.
    await office.post(`/api/mail-messages/${target.id}/resend`).expect(403);
    await admin.post(`/api/mail-messages/${target.id}/resend`).expect(201);
    await eventually(
      async () =>
        (await office.get(`/api/mail-messages/${target.id}`).expect(200)).body.status === 'sent',
      20000,
      'the resent message',
    );
    expect(withId(target.messageId)).toHaveLength(2);
    const flags = (await office.get(`/api/dossiers/${d[7].id}/mail-flags`).expect(200)).body;
    expect(flags).toMatchObject({ doNotMail: true, doNotMailReason: '本人の申し出' });
  });
});

describe('e-mail outbox without SMTP_URL (queues on Redis, test mode)', () => {
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({
      databaseUrl: db.url,
      redisUrl: TEST_REDIS_URL,
      workers: true,
      env: { MAIL_TEST_RECIPIENT: 'test-inbox@board.example.jp' },
    });
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('keeps approved messages 未送信 with the reason, downloadable as .eml', async () => {
    const d = await importChecked(app, generateBundle({ applicants: 3, seed: 5, defects: 0 }));
    const admin = await loginAs(app, 'chair', 'admin');
    const office = await loginAs(app, 'jimu', 'secretariat');
    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    await setEmail(sql, d[0].id, 'sato@example.jp');
    await sql.end();
    await decideAndRelease(office, admin, [d[0].id]);
    const batch = await office
      .post('/api/mail-batches')
      .send({
        roundId: '2021',
        kind: 'payment-request',
        dueBy: '2099-04-30',
        attachments: [ATTACHMENT],
      })
      .expect(201);
    await admin.post(`/api/mail-batches/${batch.body.id}/approve`).expect(201);
    const message = await eventually(
      async () => {
        const [m] = (await messagesOf(office, batch.body.id)).values();
        return m.status === 'unsent' && m;
      },
      20000,
      'the message to be kept unsent',
    );
    expect(message.reason).toContain('SMTP_URL が設定されていない');

    const eml = await office
      .get(`/api/mail-messages/${message.id}/eml`)
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('Content-Type', /message\/rfc822/);
    const mail = await simpleParser(eml.body as Buffer);
    expect(mail.messageId).toBe(message.messageId);
    // Test mode: to the one test address, the real recipient in the subject.
    expect(mail.to).toMatchObject({ value: [{ address: 'test-inbox@board.example.jp' }] });
    expect(mail.subject).toBe(
      '[テスト送信 宛先: sato@example.jp] 【がん治療認定医】2021年度 更新認定料のお支払いのお願い',
    );
    expect(mail.text).toContain('お支払い額: 22,110円');
    expect(mail.attachments[0].filename).toBe('振込のご案内.pdf');
    expect(Buffer.compare(mail.attachments[0].content, PDF)).toBe(0);
  });
});
