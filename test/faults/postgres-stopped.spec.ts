import { ImportService } from '../../server/imports/import.service.js';
import { generateBundle } from '../support/bundles.js';
import { startFaultStack, type FaultStack } from '../support/fault-stack.js';
import { eventually } from '../support/test-env.js';
import { checkedCount } from '../support/worker-process.js';

const APPLICANTS = 300;

/**
 * PostgreSQL stopped for 10 s in the middle of the checks (queues on Redis): the jobs that
 * fail meanwhile back off long enough to run again once it is back; the worker process stays
 * up; every dossier is checked and none is left unchecked without being listed as failed. The
 * PostgreSQL cluster is the test's own.
 */
describe('PostgreSQL stopped for 10 s during the checks', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await startFaultStack({ name: 'pgstop', privatePostgres: true });
  });

  afterAll(() => stack?.close());

  it('every dossier is checked and the worker is still running', async () => {
    const { db, postgres } = stack;
    const worker = stack.spawnWorker();
    const bundle = generateBundle({ applicants: APPLICANTS, seed: 32 });
    const { report } = await stack.api.app
      .get(ImportService)
      .run({ roundId: '2021', source: bundle, requestedBy: 'test' });
    expect(report.queued).toBe(APPLICANTS);
    await eventually(
      async () => {
        const { checked } = await checkedCount(db.url);
        return checked >= 10 && checked < APPLICANTS - 100;
      },
      30000,
      'the worker to be in the middle of the checks',
    );
    postgres!.stop();
    await new Promise((resolve) => setTimeout(resolve, 10000));
    postgres!.start();
    await eventually(
      async () => (await checkedCount(db.url)).checked === APPLICANTS,
      40000,
      'every dossier checked after PostgreSQL came back',
    ).catch((error) => {
      throw new Error(`${(error as Error).message}\nworker output:\n${worker.output()}`);
    });
    expect(worker.alive()).toBe(true);
    const { rows } = await stack.sql(
      `SELECT count(*)::int AS n FROM dossiers WHERE check_failed_version > 0`,
    );
    expect(rows[0].n).toBe(0);
    // Its waits (10 s down, the checks before and after) add up past Jest's default on a loaded machine.
  }, 120000);
});
