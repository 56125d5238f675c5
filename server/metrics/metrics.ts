import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * What a Prometheus scraper reads of one process. Metrics are process-wide (prom-client's way);
 * each process (API, worker) serves its own and the scraper sums them.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'shinsa_' });

export const httpRequestSeconds = new Histogram({
  name: 'shinsa_http_request_seconds',
  help: 'HTTP requests by method, route pattern and status, in seconds from arrival to the last byte.',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

/** A queue's jobs by state, read from the queue at each scrape. */
export const queueJobs = new Gauge({
  name: 'shinsa_queue_jobs',
  help: 'Jobs of each queue by state (waiting, active, delayed, failed, completed kept), at scrape time.',
  labelNames: ['queue', 'state'] as const,
  registers: [registry],
  async collect() {
    this.reset();
    for (const source of queueSources) {
      const counts = await source.counts().catch(() => null);
      if (!counts) continue;
      for (const [state, n] of Object.entries(counts)) this.set({ queue: source.name, state }, n);
    }
  },
});

export const jobSeconds = new Histogram({
  name: 'shinsa_job_seconds',
  help: 'Jobs finished by this process, by queue and outcome, in seconds of work (checks: a dossier; scans: an envelope).',
  labelNames: ['queue', 'outcome'] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
  registers: [registry],
});

export const jobFailures = new Counter({
  name: 'shinsa_job_failures_total',
  help: 'Failed attempts of jobs in this process, by queue (a job retried three times counts three).',
  labelNames: ['queue'] as const,
  registers: [registry],
});

export const importRows = new Counter({
  name: 'shinsa_import_rows_total',
  help: 'Rows of imported files by file and outcome (imported, rejected).',
  labelNames: ['file', 'outcome'] as const,
  registers: [registry],
});

export const ocrPageSeconds = new Histogram({
  name: 'shinsa_ocr_page_seconds',
  help: 'Seconds to read one scanned page (rendering, OCR, classification, seals).',
  buckets: [0.25, 0.5, 1, 2, 4, 8, 15, 30, 60],
  registers: [registry],
});

interface QueueSource {
  name: string;
  counts(): Promise<Record<string, number>>;
}

const queueSources = new Set<QueueSource>();

/** Adds a queue to what the scrape reads; returns how to take it away again (at shutdown). */
export function watchQueue(source: QueueSource): () => void {
  queueSources.add(source);
  return () => queueSources.delete(source);
}
