import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportService } from '../../server/imports/import.service.js';
import { QUEUES } from '../../server/queues/queues.js';
import { ReconcilerService } from '../../server/reconciler/reconciler.service.js';
import { generateBundle } from '../support/bundles.js';
import {
  importEnded,
  startFaultStack,
  type FaultStack,
  uploadImport,
} from '../support/fault-stack.js';
import { eventually, loginAs } from '../support/test-env.js';

/**
 * Work lost without a trace (issue 17): jobs gone from the queue after the data they stand for
 * was committed, and imports left behind by a lost worker. An API process (no workers) imports
 * and queues; what is lost is then found by a worker process's reconciler, from PostgreSQL.
 */
describe('the workers’ reconciler finds lost work', () => {
  let stack: FaultStack;

  const unchecked = async () =>
    (
      await stack.sql(
        `SELECT count(*)::int AS n FROM dossiers WHERE checked_version < inputs_version`,
      )
    ).rows[0].n as number;

  beforeAll(async () => {
    stack = await startFaultStack({ name: 'lost' });
  });

  afterAll(() => stack?.close());

  it('checks whose jobs vanished after the import committed are queued again, at start and later', async () => {
    const bundle = generateBundle({ applicants: 30, seed: 21 });
    const imports = stack.api.app.get(ImportService);
    const { report } = await imports.run({ roundId: '2021', source: bundle, requestedBy: 'test' });
    expect(report.queued).toBe(30);
    // The worker was killed before queueing, or Redis came back empty: the jobs are gone.
    await stack.queueOf(QUEUES.checks).obliterate({ force: true });
    const again = await imports.run({ roundId: '2021', source: bundle, requestedBy: 'test' });
    expect(again.report).toMatchObject({ queued: 0, dossiers: { unchanged: 30 } });
    expect(await unchecked()).toBe(30);

    const worker = await stack.startWorkerApp();
    try {
      await eventually(async () => (await unchecked()) === 0, 30000, 'every dossier checked');
      // Later: inputs move on with no job (lost again); the next round of the reconciler finds them.
      await stack.sql(
        `UPDATE dossiers SET inputs_version = inputs_version + 1
          WHERE cert_no IN (SELECT cert_no FROM dossiers ORDER BY cert_no LIMIT 5)`,
      );
      const round = await worker.app.get(ReconcilerService).reconcile();
      expect(round.checks).toEqual({ queued: 5, retried: 0 });
      await eventually(async () => (await unchecked()) === 0, 30000, 'the five checked again');
      const { rows } = await stack.sql(
        `SELECT count(*)::int AS n FROM dossiers d JOIN check_results c ON c.dossier_id = d.id
          WHERE d.checked_version = d.inputs_version`,
      );
      expect(rows[0].n).toBe(30);
    } finally {
      await worker.close();
    }
  });

  it('an import left running by a lost worker, with the folder its attempt expanded, is taken up again', async () => {
    const bundle = generateBundle({ applicants: 12, seed: 22 });
    const secretariat = await loginAs(stack.api, 'jimu-lost', 'secretariat');
    const queued = await uploadImport(secretariat, bundle);
    // Killed twice mid-import: the job is gone (failed as stalled, or with Redis), the run says
    // `running`, its last sign of life long ago, and half the zip lies expanded in its folder.
    await stack.queueOf(QUEUES.imports).obliterate({ force: true });
    await stack.sql(
      `UPDATE imports SET status = 'running', created_at = now() - interval '11 minutes',
              started_at = now() - interval '10 minutes',
              heartbeat_at = now() - interval '9 minutes',
              progress = '{"phase":"reading","filesDone":1,"filesTotal":4,"rows":5}'
        WHERE id = $1`,
      [queued.id],
    );
    const leftover = join(stack.dataDir, 'imports', queued.id, 'bundle');
    mkdirSync(leftover, { recursive: true });
    writeFileSync(join(leftover, 'applicants.csv'), 'half written');
    // A command-line import whose process was killed: no upload to take up again.
    const cliRun = '8f3a9c52-1b7e-4c6d-9a0e-3d5f7b2c1e40';
    await stack.sql(
      `INSERT INTO imports (id, round_id, source_name, status, created_at, started_at, heartbeat_at)
       VALUES ($1, '2021', 'nightly.zip', 'running', now() - interval '1 hour',
               now() - interval '1 hour', now() - interval '1 hour')`,
      [cliRun],
    );

    const worker = await stack.startWorkerApp();
    try {
      const done = await importEnded(
        secretariat,
        queued.id,
        30000,
        'the import taken up again to finish',
      );
      expect(done).toMatchObject({ status: 'done', exitCode: 0, resumed: 1, error: null });
      expect(done.report.dossiers.imported).toBe(12);
      const { body: cli } = await secretariat.get(`/api/imports/${cliRun}`).expect(200);
      expect(cli.status).toBe('failed');
      expect(cli.error).toMatch(/途中で止まりました.*もう一度取り込んでください/);
    } finally {
      await worker.close();
    }
  });

  it('a retry after an attempt killed midway is not refused by the folder it left (EEXIST)', async () => {
    const bundle = generateBundle({ applicants: 5, seed: 23 });
    const secretariat = await loginAs(stack.api, 'jimu-retry', 'secretariat');
    const queued = await uploadImport(secretariat, bundle, 'retry.zip');
    await stack.queueOf(QUEUES.imports).obliterate({ force: true });
    const workDir = join(stack.dataDir, 'imports', queued.id);
    mkdirSync(join(workDir, 'bundle', 'scans'), { recursive: true });
    writeFileSync(join(workDir, 'bundle', 'cases.csv'), 'half written');
    // What BullMQ's second attempt does: the processor runs the same import again.
    const { report } = await stack.api.app.get(ImportService).run({
      roundId: '2021',
      source: join(workDir, 'upload', 'retry.zip'),
      sourceName: 'retry.zip',
      requestedBy: 'jimu-retry',
      importId: queued.id,
    });
    expect(report).toMatchObject({ bundleError: null, exitCode: 0, dossiers: { imported: 5 } });
    const { body } = await secretariat.get(`/api/imports/${queued.id}`).expect(200);
    expect(body).toMatchObject({ status: 'done', exitCode: 0 });
  });
});
