import { ImportService } from '../../server/imports/import.service.js';
import { checkDossierJob, QUEUES } from '../../server/queues/queues.js';
import { generateBundle } from '../support/bundles.js';
import { startFaultStack, type FaultStack } from '../support/fault-stack.js';
import { eventually, loginAs } from '../support/test-env.js';
import { checkedCount } from '../support/worker-process.js';

const APPLICANTS = 20;
const FAILING = 5;

/**
 * Checks that fail for good while PostgreSQL is down, so that their failure cannot be
 * recorded either: once it is back, none of those dossiers is lost. Each is checked (the
 * reconciler found its inputs ahead of its checks and ran its failed job again) or listed among
 * the failed checks (the failure handler got through); the worker process stays up. The jobs
 * are queued with one attempt, so "for good" takes seconds instead of the two minutes of
 * retries a real job is given. The PostgreSQL cluster is the test's own.
 */
describe('checks that failed for good while their failure could not be recorded', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await startFaultStack({ name: 'unrecorded', privatePostgres: true });
  });

  afterAll(() => stack?.close());

  it('are checked or listed as failed once PostgreSQL is back, and the worker keeps running', async () => {
    const { db, postgres } = stack;
    const admin = await loginAs(stack.api, 'kanri-unrecorded', 'admin');
    const worker = stack.spawnWorker({ RECONCILE_SECONDS: '2' });
    const bundle = generateBundle({ applicants: APPLICANTS, seed: 36 });
    await stack.api.app
      .get(ImportService)
      .run({ roundId: '2021', source: bundle, requestedBy: 'test' });
    await eventually(
      async () => (await checkedCount(db.url)).checked === APPLICANTS,
      30000,
      'the import checked',
    );

    // New inputs for a few dossiers, their jobs held until PostgreSQL is gone.
    const checks = stack.queueOf(QUEUES.checks);
    await checks.pause();
    const { rows: targets } = await stack.sql(
      `SELECT round_id AS "roundId", cert_no AS "certNo", inputs_version + 1 AS "inputsVersion"
         FROM dossiers ORDER BY cert_no LIMIT ${FAILING}`,
    );
    for (const target of targets) {
      const job = checkDossierJob(target);
      await checks.add(job.name, job.data, { ...job.opts, attempts: 1 });
    }
    await stack.sql(
      `UPDATE dossiers SET inputs_version = inputs_version + 1
        WHERE cert_no = ANY($1::text[])`,
      [targets.map((t) => t.certNo)],
    );
    postgres!.stop();
    await checks.resume();
    await eventually(
      async () => (worker.output().match(/failed \(attempt 1\/1\)/g) ?? []).length === FAILING,
      20000,
      'the checks to fail for good',
    ).catch((error) => {
      throw new Error(`${(error as Error).message}\nworker output:\n${worker.output()}`);
    });
    // Long enough for the failure handler's first tries to record them to fail too.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    postgres!.start();

    const outstanding = async () =>
      (
        await stack.sql(
          `SELECT count(*)::int AS n FROM dossiers
            WHERE checked_version < inputs_version AND check_failed_version < inputs_version`,
        )
      ).rows[0].n as number;
    await eventually(
      async () => (await outstanding()) === 0,
      30000,
      'every dossier checked or listed as failed',
    ).catch((error) => {
      throw new Error(`${(error as Error).message}\nworker output:\n${worker.output()}`);
    });
    const { checked } = await checkedCount(db.url);
    const { body: failures } = await admin.get('/api/check-failures').expect(200);
    expect(checked + failures.length).toBe(APPLICANTS);
    expect(worker.alive()).toBe(true);
  });
});
