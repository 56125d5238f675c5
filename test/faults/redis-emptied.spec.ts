import { ImportService } from '../../server/imports/import.service.js';
import { generateBundle } from '../support/bundles.js';
import { startFaultStack, type FaultStack } from '../support/fault-stack.js';
import { eventually } from '../support/test-env.js';
import { checkedCount } from '../support/worker-process.js';

const APPLICANTS = 400;

/**
 * Redis restarted empty (no persistence) in the middle of the checks of an import: every job
 * is gone, the worker goes on. Its reconciler finds every dossier not yet checked in PostgreSQL
 * and queues it again; all are checked. The Redis is the test's own.
 */
describe('Redis restarted empty during the checks', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await startFaultStack({ name: 'emptied', privateRedis: true });
  });

  afterAll(() => stack?.close());

  it('every dossier is checked, by the reconciler of the worker that went on', async () => {
    const { db } = stack;
    const worker = stack.spawnWorker({ RECONCILE_SECONDS: '2' });
    const bundle = generateBundle({ applicants: APPLICANTS, seed: 31 });
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
    await stack.redis!.restartEmpty();
    await eventually(
      async () => (await checkedCount(db.url)).checked === APPLICANTS,
      40000,
      'every dossier checked after Redis came back empty',
    ).catch((error) => {
      throw new Error(`${(error as Error).message}\nworker output:\n${worker.output()}`);
    });
    expect(worker.alive()).toBe(true);
    // Found by the reconciler, not by luck.
    expect(worker.output()).toMatch(/\d+ checks lost and queued again/);
    // Its waits (an import, the checks before and after) add up past Jest's default on a loaded machine.
  }, 120000);
});
