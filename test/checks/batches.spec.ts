import { getQueueToken } from '@nestjs/bullmq';
import pg from 'pg';
import { CheckQueueService } from '../../server/checks/check-queue.service.js';
import { CheckProcessor } from '../../server/checks/check.processor.js';
import { CheckRepository, type CheckTarget } from '../../server/checks/check.repository.js';
import { APP_CONFIG } from '../../server/config/config.module.js';
import { ImportService } from '../../server/imports/import.service.js';
import {
  attemptsOf,
  checkBatchJobId,
  checkJobId,
  JOBS,
  QUEUES,
  type CheckJob,
  type JobOf,
  type QueueOf,
} from '../../server/queues/queues.js';
import { generateBundle } from '../support/bundles.js';
import { createTestDatabase, startTestApp, TestApp, TestDatabase } from '../support/test-env.js';

const APPLICANTS = 8;

/**
 * A batch of checks on PostgreSQL (queues there too), its jobs run by a processor called here
 * one job at a time (the application runs no worker), so each step can be looked at: a dossier
 * that fails does so alone, a duplicate changes nothing, a dossier whose inputs move on while
 * its batch runs is found again by the reconciler.
 */
describe('checks in batches', () => {
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let queue: QueueOf<CheckJob>;
  let checks: CheckQueueService;
  let processor: CheckProcessor;
  let targets: CheckTarget[];

  const jobOf = async (id: string): Promise<JobOf<CheckJob>> => {
    const job = await queue.getJob(id);
    if (!job) throw new Error(`no job ${id}`);
    // The queue's jobs are of CheckJob's kinds; a worker receives them so.
    return job as JobOf<CheckJob>;
  };
  const byCertNo = (of: CheckTarget[]) => [...of].sort((a, b) => (a.certNo < b.certNo ? -1 : 1));
  /** The id of the batch these dossiers make (in 認定番号 order, as they are queued). */
  const batchJobId = (of: CheckTarget[]) =>
    checkBatchJobId(
      '2021',
      byCertNo(of).map(({ certNo, inputsVersion }) => ({ certNo, inputsVersion })),
    );
  const state = async () =>
    (
      await sql.query(
        `SELECT d.cert_no AS "certNo", d.inputs_version AS "inputsVersion",
                d.checked_version AS "checkedVersion", d.check_failed_version AS "failedVersion",
                c.checked_at AS "resultsAt"
           FROM dossiers d LEFT JOIN check_results c ON c.dossier_id = d.id ORDER BY d.cert_no`,
      )
    ).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, redisUrl: null, workers: false });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    queue = app.app.get(getQueueToken(QUEUES.checks));
    checks = app.app.get(CheckQueueService);
    processor = new CheckProcessor(app.app.get(APP_CONFIG), app.app.get(CheckRepository), checks);
    const { queuedChecks } = await app.app.get(ImportService).run({
      roundId: '2021',
      source: generateBundle({ applicants: APPLICANTS, seed: 41 }),
      requestedBy: 'test',
    });
    targets = byCertNo(queuedChecks);
  });

  afterAll(async () => {
    await sql?.end();
    await app?.close();
    await db?.drop();
  });

  it('queues an import as one job, and the same dossiers again collapse into it', async () => {
    expect(targets).toHaveLength(APPLICANTS);
    await checks.queue(targets);
    await checks.queue([...targets].reverse());
    const jobs = await queue.getJobs(['waiting']);
    expect(jobs.map((j) => [j.name, j.id])).toEqual([[JOBS.checks.dossiers, batchJobId(targets)]]);
  });

  it('judges the batch but one bad dossier, which gets a job of its own and fails alone', async () => {
    const bad = targets[2];
    // Its cases are no list: the case rules throw on it.
    await sql.query(
      `UPDATE dossier_revisions r SET cases = '{"broken": true}'
         FROM dossiers d WHERE r.dossier_id = d.id AND r.revision = d.revision AND d.cert_no = $1`,
      [bad.certNo],
    );
    const result = await processor.process(await jobOf(batchJobId(targets)));
    expect(result).toEqual({ judged: APPLICANTS - 1, skipped: 0, alone: 1 });
    const after = await state();
    expect(after.filter((d) => d.checkedVersion === d.inputsVersion)).toHaveLength(APPLICANTS - 1);
    expect(after.find((d) => d.certNo === bad.certNo)).toMatchObject({ checkedVersion: 0 });

    const own = await jobOf(checkJobId('2021', bad.certNo, bad.inputsVersion));
    await expect(processor.process(own)).rejects.toThrow();
    // Its last attempt, as BullMQ reports it: listed on its own among the failures.
    own.attemptsMade = attemptsOf(own);
    await processor.onFailed(own, new Error('cases is not iterable'));
    expect((await checks.failures('2021')).map((f) => f.certNo)).toEqual([bad.certNo]);
  });

  it('changes nothing when the batch runs again (a retry, a late duplicate)', async () => {
    const before = await state();
    const result = await processor.process(await jobOf(batchJobId(targets)));
    // The bad dossier is handed over again: its own job collapses into the one queued already.
    expect(result).toEqual({ judged: 0, skipped: APPLICANTS - 1, alone: 1 });
    expect(await state()).toEqual(before);
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM check_results`);
    expect(rows[0].n).toBe(APPLICANTS - 1);
  });

  it('saves a dossier whose inputs moved on during the batch at the version it was queued for, and the reconciler queues it again', async () => {
    // The bad dossier aside, every dossier has new inputs; one is being written (held) when
    // the batch saves, and moves on once more before it is released.
    const good = targets.filter((_, i) => i !== 2);
    const bumped = await app.app.get(CheckRepository).bumpInputs(
      '2021',
      good.map((t) => t.certNo),
    );
    await checks.queue(bumped);
    const moved = bumped[0];
    const writer = new pg.Client({ connectionString: db.url });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(`SELECT 1 FROM dossiers WHERE cert_no = $1 FOR UPDATE`, [moved.certNo]);
      const running = processor.process(await jobOf(batchJobId(bumped)));
      // The others are saved without waiting for the one held.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const midway = await state();
      expect(midway.filter((d) => d.checkedVersion === d.inputsVersion)).toHaveLength(
        good.length - 1,
      );
      await writer.query(
        `UPDATE dossiers SET inputs_version = inputs_version + 1 WHERE cert_no = $1`,
        [moved.certNo],
      );
      await writer.query('COMMIT');
      expect(await running).toEqual({ judged: good.length, skipped: 0, alone: 0 });
    } finally {
      await writer.end();
    }
    const after = await state();
    expect(after.find((d) => d.certNo === moved.certNo)).toMatchObject({
      checkedVersion: moved.inputsVersion,
      inputsVersion: moved.inputsVersion + 1,
    });

    // No job was queued for its newest version: the reconciler finds it and queues it.
    expect(await checks.reconcile()).toEqual({ queued: 1, retried: 0 });
    const own = await jobOf(checkJobId('2021', moved.certNo, moved.inputsVersion + 1));
    expect(await own.getState()).toBe('waiting');
    // Queued already: the next round leaves it alone.
    expect(await checks.reconcile()).toEqual({ queued: 0, retried: 0 });
    await processor.process(own);
    expect((await state()).filter((d) => d.checkedVersion === d.inputsVersion)).toHaveLength(
      good.length,
    );
  });

  it('queues again, in a batch, dossiers whose batch job was lost', async () => {
    const good = targets.filter((_, i) => i !== 2);
    const bumped = await app.app.get(CheckRepository).bumpInputs(
      '2021',
      good.map((t) => t.certNo),
    );
    // Lost between the commit and the queueing: nothing in the queue.
    expect(await checks.reconcile()).toEqual({ queued: good.length, retried: 0 });
    const job = await jobOf(batchJobId(bumped));
    expect(job.name).toBe(JOBS.checks.dossiers);
    expect(await checks.reconcile()).toEqual({ queued: 0, retried: 0 });
    expect(await processor.process(job)).toEqual({ judged: good.length, skipped: 0, alone: 0 });
  });
});
