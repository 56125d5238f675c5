import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
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
