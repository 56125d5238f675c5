import { checkJobsOf } from './check-queue.service.js';
import { checkJobId, JOBS } from '../queues/queues.js';

const CHECK_BATCH_SIZE = 100;

const target = (n: number, inputsVersion = 1, roundId = '2021') => ({
  roundId,
  certNo: String(n).padStart(6, '0'),
  inputsVersion,
});

describe('checkJobsOf', () => {
  it('makes batches of one round in 認定番号 order, whatever the order asked', () => {
    const targets = Array.from({ length: CHECK_BATCH_SIZE * 2 + 5 }, (_, i) => target(i + 1));
    const jobs = checkJobsOf([...targets].reverse(), CHECK_BATCH_SIZE);
    expect(jobs.map((j) => j.name)).toEqual([
      JOBS.checks.dossiers,
      JOBS.checks.dossiers,
      JOBS.checks.dossiers,
    ]);
    const batches = jobs.map((j) => ('dossiers' in j.data ? j.data.dossiers : []));
    expect(batches.map((b) => b.length)).toEqual([CHECK_BATCH_SIZE, CHECK_BATCH_SIZE, 5]);
    expect(batches.flat().map((d) => d.certNo)).toEqual(targets.map((t) => t.certNo));
    expect(checkJobsOf(targets, CHECK_BATCH_SIZE).map((j) => j.opts.jobId)).toEqual(
      jobs.map((j) => j.opts.jobId),
    );
  });

  it('asks each dossier once, at the highest version asked for', () => {
    const [job] = checkJobsOf([target(1, 2), target(2, 1), target(1, 3), target(1, 1)], 10);
    expect(job.data).toEqual({
      roundId: '2021',
      dossiers: [
        { certNo: '000001', inputsVersion: 3 },
        { certNo: '000002', inputsVersion: 1 },
      ],
    });
  });

  it('gives other dossiers or versions another id, and a lone dossier its own job', () => {
    const [a] = checkJobsOf([target(1), target(2)], 10);
    const [b] = checkJobsOf([target(1), target(2, 2)], 10);
    expect(a.opts.jobId).not.toBe(b.opts.jobId);
    expect(a.opts.jobId).not.toContain(':');
    const lone = checkJobsOf([target(7, 4), target(8, 1, '2022'), target(9, 1, '2022')], 10);
    expect(lone.map((j) => [j.name, j.data.roundId])).toEqual([
      [JOBS.checks.dossier, '2021'],
      [JOBS.checks.dossiers, '2022'],
    ]);
    expect(lone[0].opts.jobId).toBe(checkJobId('2021', '000007', 4));
  });
});
