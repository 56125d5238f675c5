import { generateBundle } from '../support/bundles.js';
import { startFaultStack, type FaultStack, uploadImport } from '../support/fault-stack.js';
import { eventually, loginAs } from '../support/test-env.js';

/**
 * PostgreSQL stopped for 10 s while a worker imports a console upload (queues on Redis): the
 * import's retries outlast it and it ends `done`, instead of `running` for ever. The cluster is
 * the test's own; the worker a process of its own sharing the data folder with the API.
 */
describe('PostgreSQL stopped for 10 s during an import', () => {
  let stack: FaultStack;

  beforeAll(async () => {
    stack = await startFaultStack({ name: 'pgimport', privatePostgres: true });
  });

  afterAll(() => stack?.close());

  it('the import ends done once PostgreSQL is back', async () => {
    const { postgres } = stack;
    const secretariat = await loginAs(stack.api, 'jimu-pg', 'secretariat');
    const bundle = generateBundle({ applicants: 1500, seed: 33 });
    const queued = await uploadImport(secretariat, bundle);
    const worker = stack.spawnWorker();
    await eventually(
      async () => {
        const { body } = await secretariat.get(`/api/imports/${queued.id}`).expect(200);
        return body.status === 'running';
      },
      30000,
      'the import to be running',
    );
    postgres!.stop();
    await new Promise((resolve) => setTimeout(resolve, 10000));
    postgres!.start();
    const finished = await eventually(
      async () => {
        const { body } = await secretariat.get(`/api/imports/${queued.id}`);
        return body?.status === 'done' ? body : null;
      },
      45000,
      'the import to end done',
    ).catch((error) => {
      throw new Error(`${(error as Error).message}\nworker output:\n${worker.output()}`);
    });
    expect(finished).toMatchObject({ status: 'done', exitCode: 0, error: null });
    expect(finished.report.dossiers.imported).toBe(1500);
    expect(worker.alive()).toBe(true);
    // It did meet the outage, and retried.
    expect(worker.output()).toMatch(/Import job \S+ failed \(attempt \d\/5\)/);
    // Its waits (10 s down, the import before and after) add up past Jest's default on a loaded machine.
  }, 120000);
});
