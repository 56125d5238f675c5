import { QUEUES } from '../../server/queues/queues.js';
import { generateBundle } from '../support/bundles.js';
import {
  importEnded,
  startFaultStack,
  type FaultStack,
  uploadImport,
} from '../support/fault-stack.js';
import { eventually, loginAs } from '../support/test-env.js';
import { checkedCount, type WorkerProcess } from '../support/worker-process.js';

const APPLICANTS = 400;

/**
 * A worker process killed (SIGKILL) mid-import, and the one that took the import up killed
 * too: BullMQ fails the job as stalled too often, and nothing runs it. The import must not stay
 * `running` for good: a worker's reconciler finds it (no sign of life, no job alive) and queues
 * it again, a few times at most, then marks it failed. The waits for a lock to expire (30 s) and
 * for an import to look stale (60 s) are skipped by ageing them; the kills are real.
 */
describe('a worker killed twice during an import', () => {
  let stack: FaultStack;
  /** The worker whose reconciler runs every 2 s, for the next test too. */
  let reconciling: WorkerProcess | undefined;

  beforeAll(async () => {
    stack = await startFaultStack({ name: 'killed2' });
  });

  afterAll(() => stack?.close());

  const importOf = async (id: string) =>
    (
      await stack.sql(`SELECT status, resumed, heartbeat_at, progress FROM imports WHERE id = $1`, [
        id,
      ])
    ).rows[0];
  /** What a minute without heartbeats does: the import looks left behind. */
  const ageImport = (id: string) =>
    stack.sql(
      `UPDATE imports SET created_at = created_at - interval '5 minutes',
              started_at = started_at - interval '5 minutes',
              heartbeat_at = heartbeat_at - interval '5 minutes' WHERE id = $1`,
      [id],
    );

  it('the import is taken up again by the reconciler, ends done, and every dossier is checked', async () => {
    const secretariat = await loginAs(stack.api, 'jimu-killed', 'secretariat');
    const bundle = generateBundle({ applicants: APPLICANTS, seed: 34 });
    const queued = await uploadImport(secretariat, bundle);

    const first = stack.spawnWorker();
    await eventually(
      async () => (await importOf(queued.id)).heartbeat_at !== null,
      30000,
      'the first worker to run the import',
    );
    first.kill();
    const { heartbeat_at: lastBeat } = await importOf(queued.id);
    await stack.expireKilledJobs(QUEUES.imports);

    // The second worker's stalled check gives it the job back; it is killed too, midway.
    const second = stack.spawnWorker();
    await eventually(
      async () => (await importOf(queued.id)).heartbeat_at > lastBeat,
      30000,
      'the second worker to take the import up',
    );
    second.kill();
    expect((await importOf(queued.id)).status).toBe('running');
    await stack.expireKilledJobs(QUEUES.imports);
    await ageImport(queued.id);

    // The third fails the job (stalled too often); its reconciler queues the import again.
    const third = stack.spawnWorker({ RECONCILE_SECONDS: '2' });
    reconciling = third;
    const finished = await importEnded(secretariat, queued.id, 60000).catch((error) => {
      throw new Error(`${(error as Error).message}\n${stack.workerOutput()}`);
    });
    expect(finished).toMatchObject({ status: 'done', exitCode: 0, resumed: 1, error: null });
    expect(finished.report.dossiers.imported).toBe(APPLICANTS);
    expect(third.output()).toMatch(/stalled more than allowable limit/);
    expect(third.output()).toMatch(/left running by a lost worker .*queued again \(1\/3\)/);
    await eventually(
      async () => (await checkedCount(stack.db.url)).checked === APPLICANTS,
      60000,
      'every dossier checked',
    );
    expect(third.alive()).toBe(true);
    // Three worker processes' starts, an import and its checks: long on a loaded machine.
  }, 180000);

  it('an import whose last resumption was lost too is marked failed, with what to do', async () => {
    const secretariat = await loginAs(stack.api, 'jimu-killed4', 'secretariat');
    const bundle = generateBundle({ applicants: 5, seed: 35 });
    if (!reconciling?.alive()) reconciling = stack.spawnWorker({ RECONCILE_SECONDS: '2' });
    // No worker runs it: the job is lost at once.
    await stack.queueOf(QUEUES.imports).pause();
    const queued = await uploadImport(secretariat, bundle);
    // Taken up three times already, the third run's worker lost as the others were.
    await stack.queueOf(QUEUES.imports).obliterate({ force: true });
    await stack.sql(`UPDATE imports SET status = 'running', resumed = 3 WHERE id = $1`, [
      queued.id,
    ]);
    await ageImport(queued.id);
    const failed = await eventually(
      async () => {
        const { body } = await secretariat.get(`/api/imports/${queued.id}`).expect(200);
        return body.status !== 'running' ? body : null;
      },
      20000,
      'the import marked failed',
    );
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(
      /4 回とも途中で止まった.*ファイルを分けてもう一度取り込んでください/,
    );
  });
});
