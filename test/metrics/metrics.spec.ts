import request from 'supertest';
import { freePort } from '../support/free-port.mjs';
import { generateBundle } from '../support/bundles.js';
import {
  createTestDatabase,
  eventually,
  importChecked,
  startTestApp,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

const TOKEN = 'scraper-token-0123456789';

/** A value of the Prometheus text, summed over the series whose labels include these. */
function valueOf(text: string, name: string, labels: Record<string, string> = {}): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

/** Prometheus metrics for a scraper with the deployment's token. */
describe('metrics', () => {
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({
      databaseUrl: db.url,
      workers: true,
      env: { METRICS_TOKEN: TOKEN },
    });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('answers only the token', async () => {
    const none = await request(app.baseUrl).get('/api/metrics');
    expect(none.status).toBe(403);
    expect(none.body.message).toContain('Authorization: Bearer');
    await request(app.baseUrl)
      .get('/api/metrics')
      .set('Authorization', 'Bearer not-the-token')
      .expect(403);
  });

  it('counts requests by route, queue jobs, imported rows and the seconds of checks', async () => {
    await request(app.baseUrl).get('/api/health').expect(200);
    await importChecked(app, generateBundle({ applicants: 3, seed: 7, defects: 0 }));
    // A job's metrics are counted when the worker hears it completed, just after its results
    // are stored: scraped again until the three checks are there.
    const scrape = () =>
      request(app.baseUrl).get('/api/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    const { text, headers } = await eventually(
      async () => {
        const scraped = await scrape();
        return valueOf(scraped.text, 'shinsa_job_seconds_count', {
          queue: 'checks',
          outcome: 'completed',
        }) >= 3
          ? scraped
          : null;
      },
      10000,
      'three checks counted',
    );
    expect(headers['content-type']).toMatch(/^text\/plain/);
    expect(
      valueOf(text, 'shinsa_http_request_seconds_count', { route: '/api/health', status: '200' }),
    ).toBeGreaterThanOrEqual(1);
    // The queues are read at the scrape: every queue and state has a value.
    expect(text).toMatch(/shinsa_queue_jobs\{queue="checks",state="waiting"\} \d+/);
    expect(text).toMatch(/shinsa_queue_jobs\{queue="scans",state="failed"\} \d+/);
    expect(
      valueOf(text, 'shinsa_import_rows_total', { file: 'applicants.csv', outcome: 'imported' }),
    ).toBe(3);
    expect(
      valueOf(text, 'shinsa_job_seconds_count', { queue: 'checks', outcome: 'completed' }),
    ).toBeGreaterThanOrEqual(3);
    expect(valueOf(text, 'shinsa_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('is off without a token, and a worker serves its own on METRICS_PORT', async () => {
    const off = await startTestApp({ databaseUrl: db.url, workers: false });
    try {
      const answer = await request(off.baseUrl).get('/api/metrics').expect(404);
      expect(answer.body.message).toContain('METRICS_TOKEN を設定');
    } finally {
      await off.close();
    }
    const port = await freePort();
    const worker = await startTestApp({
      databaseUrl: db.url,
      workers: true,
      env: {
        METRICS_TOKEN: TOKEN,
        METRICS_PORT: String(port),
        SHINSA_ROLE: 'worker',
        HOST: '127.0.0.1',
      },
    });
    try {
      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('shinsa_job_seconds');
      const refused = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(refused.status).toBe(403);
    } finally {
      await worker.close();
    }
  });
});
