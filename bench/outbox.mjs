#!/usr/bin/env node
/*
 * E-mail outbox benchmark (issue 19): a round of --applicants dossiers (a generated bundle
 * imported once, then copied in SQL), every one 合格 and released without the certification fee,
 * each with an e-mail address. A payment-request batch is drafted (every message rendered from
 * the template and written) and timed; then approved, and its sending through a local SMTP
 * server (smtp-server, in this process) is timed until every message is recorded sent. The
 * application runs in this process too, from dist/, with its workers.
 *
 *   npm run build:server && npm run bench:outbox [-- --applicants 3000] [--rate 100]
 *                                               [--redis redis://127.0.0.1:6379/14]
 *
 * Targets: 3,000 messages generated in under 10 s; sent at 50 a second or more (with
 * MAIL_RATE_PER_SECOND at --rate, 100 by default: the limit itself is checked too, the rate
 * measured must not exceed it). Exits 1 when a target is missed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { assertBuilt, benchEnv, createDatabase, DIST, GENERATOR, ROOT } from './support.mjs';

const { values } = parseArgs({
  options: {
    applicants: { type: 'string', default: '3000' },
    base: { type: 'string', default: '1000' },
    rate: { type: 'string', default: '100' },
    redis: { type: 'string', default: '' },
    keep: { type: 'boolean', default: false },
  },
});
assertBuilt();
const size = Number(values.applicants);
const base = Math.min(size, Number(values.base));

// The local SMTP server: counts what it accepts, keeps the first message to read it back.
let accepted = 0;
let firstMessage = null;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    const chunks = [];
    stream.on('data', (c) => accepted === 0 && chunks.push(c));
    stream.on('end', () => {
      if (accepted === 0) firstMessage = Buffer.concat(chunks);
      accepted += 1;
      callback();
    });
  },
});
await new Promise((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const smtpPort = smtp.server.address().port;

const db = await createDatabase('shinsa_bench_outbox');
const env = benchEnv(db, { REDIS_URL: values.redis });
const cli = (args) =>
  execFileSync(process.execPath, [join(DIST, 'cli.js'), ...args], {
    env,
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });

const client = new pg.Client({ connectionString: db.url });
let app = null;
const report = {};
try {
  cli(['migrate']);
  const bundle = mkdtempSync(join(tmpdir(), 'shinsa-bench-outbox-bundle-'));
  execFileSync(
    process.execPath,
    [GENERATOR, '--out', bundle, '--applicants', String(base), '--quiet'],
    {
      cwd: ROOT,
    },
  );
  cli(['import', bundle, '--round', '2021', '--json']);
  await client.connect();
  const columns = (
    await client.query(
      `SELECT column_name FROM information_schema.columns
        WHERE table_name = 'dossiers' AND column_name NOT IN ('id', 'cert_no') ORDER BY ordinal_position`,
    )
  ).rows.map((r) => r.column_name);
  // Copies of the imported dossiers (認定番号 `<original>.<copy>`) until the round has `size`.
  for (let copy = 1; copy * base < size; copy++) {
    await client.query(
      `INSERT INTO dossiers (cert_no, ${columns.join(', ')})
       SELECT cert_no || '.' || $1, ${columns.join(', ')} FROM dossiers WHERE cert_no NOT LIKE '%.%'
        ORDER BY cert_no LIMIT $2`,
      [copy, size - copy * base],
    );
  }
  await client.query(
    `INSERT INTO dossier_revisions (dossier_id, revision, content_hash, import_id, applicant, case_sheets, cases, attendances)
     SELECT n.id, r.revision, r.content_hash, r.import_id, r.applicant, r.case_sheets, r.cases, r.attendances
       FROM dossiers n
       JOIN dossiers o ON o.round_id = n.round_id AND o.cert_no = split_part(n.cert_no, '.', 1)
       JOIN dossier_revisions r ON r.dossier_id = o.id AND r.revision = o.revision
      WHERE n.cert_no LIKE '%.%'`,
  );
  await client.query(
    `UPDATE dossier_revisions SET applicant = applicant || jsonb_build_object('email', 'bench-' || dossier_id || '@example.jp')`,
  );
  await client.query(
    `INSERT INTO decisions (dossier_id, decision, reason_codes, revision, decided_by, released_by, released_at)
     SELECT id, '合格', '{P01}'::text[], revision, 'bench', 'bench', now() FROM dossiers`,
  );
  await client.query(`DELETE FROM payments WHERE item = '更新認定料'`);
  await client.query('ANALYZE');

  const { loadConfig } = await import(join(DIST, 'config', 'app-config.js'));
  const { AppModule } = await import(join(DIST, 'app.module.js'));
  const { OutboxService } = await import(join(DIST, 'outbox', 'outbox.service.js'));
  const config = loadConfig({
    ...env,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM: '認定医制度 事務局 <jimukyoku@board.example.jp>',
    MAIL_RATE_PER_SECOND: values.rate,
    LOG_LEVEL: 'warn',
  });
  app = await NestFactory.createApplicationContext(
    // The outbox's workers only: the checks the import queued would otherwise run meanwhile.
    AppModule.forRoot({ config, databaseUrl: db.url }, { workers: ['outbox'], console: false }),
    { logger: ['error', 'warn'] },
  );
  await app.init();
  const outbox = app.get(OutboxService);
  const user = { login: 'bench', role: 'admin' };

  let started = performance.now();
  const batch = await outbox.createBatch(
    {
      roundId: '2021',
      kind: 'payment-request',
      dueBy: '2099-04-30',
      daysBefore: null,
      dossierIds: null,
      attachments: [],
    },
    user,
  );
  report.generated = batch.written;
  report.generateSeconds = Number(((performance.now() - started) / 1000).toFixed(2));

  started = performance.now();
  await outbox.approve(batch.id, user);
  const count = async () =>
    (await client.query(`SELECT status, count(*)::int AS n FROM mail_messages GROUP BY status`))
      .rows;
  for (;;) {
    const rows = await count();
    const open = rows
      .filter((r) => ['approved', 'sending'].includes(r.status))
      .reduce((a, r) => a + r.n, 0);
    if (open === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const seconds = (performance.now() - started) / 1000;
  report.statuses = Object.fromEntries((await count()).map((r) => [r.status, r.n]));
  report.acceptedBySmtp = accepted;
  report.sendSeconds = Number(seconds.toFixed(2));
  report.sentPerSecond = Number((accepted / seconds).toFixed(1));
  report.rateLimit = Number(values.rate);
  report.queues = values.redis ? 'redis' : 'postgres';
  const mail = await simpleParser(firstMessage);
  report.firstSubject = mail.subject;
} finally {
  await app?.close().catch(() => {});
  await client.end().catch(() => {});
  await new Promise((resolve) => smtp.close(resolve));
  if (!values.keep) await db.drop();
}

console.table([report]);
const missed = [];
if (!(report.generateSeconds < 10))
  missed.push(`generation took ${report.generateSeconds} s (target < 10 s)`);
if (!(report.sentPerSecond >= 50)) missed.push(`sent ${report.sentPerSecond}/s (target ≥ 50/s)`);
if (report.sentPerSecond > report.rateLimit * 1.05) missed.push('the rate limit was exceeded');
if (report.acceptedBySmtp !== report.generated)
  missed.push('not every message reached the SMTP server once');
console.log(missed.length ? `TARGET MISSED: ${missed.join('; ')}` : 'targets met');
process.exitCode = missed.length ? 1 : 0;
