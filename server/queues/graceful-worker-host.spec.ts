import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { jobFailures, jobSeconds } from '../metrics/metrics.js';
import { GracefulWorkerHost } from './graceful-worker-host.js';

class BindingsProcessor extends GracefulWorkerHost {
  async process(_job: Job): Promise<unknown> {
    await new Promise((resolve) => setImmediate(resolve));
    return new PinoLogger({}).logger.bindings();
  }
}

describe('a job of a worker host', () => {
  it('runs with its queue and job id bound to every log line', async () => {
    const job = { queueName: 'checks', id: 'check.2021.000123.4' } as Job;
    await expect(new BindingsProcessor().process(job)).resolves.toMatchObject({
      queue: 'checks',
      jobId: 'check.2021.000123.4',
    });
  });
});

class BatchProcessor extends GracefulWorkerHost {
  async process(): Promise<unknown> {
    return null;
  }

  protected override workUnits(job: Job): number {
    return job.data.size;
  }
}

describe('the metrics of a worker host', () => {
  const count = async (outcome: string) =>
    (await jobSeconds.get()).values.find(
      (v) =>
        v.metricName === 'shinsa_job_seconds_count' &&
        v.labels.queue === 'units' &&
        v.labels.outcome === outcome,
    )?.value ?? 0;

  it('counts each unit of work of a job, with its share of the seconds', async () => {
    const host = new BatchProcessor();
    const job = { queueName: 'units', data: { size: 4 }, processedOn: 1000, finishedOn: 3000 };
    host.countCompleted(job as Job);
    expect(await count('completed')).toBe(4);
    const sum = (await jobSeconds.get()).values.find(
      (v) => v.metricName === 'shinsa_job_seconds_sum' && v.labels.queue === 'units',
    );
    expect(sum?.value).toBeCloseTo(2);
    host.countFailed(job as Job);
    expect(await count('failed')).toBe(4);
    const failures = (await jobFailures.get()).values.find((v) => v.labels.queue === 'units');
    expect(failures?.value).toBe(4);
  });
});
