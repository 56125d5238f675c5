import { createHash } from 'node:crypto';
import type { DefaultJobOptions, Job, JobsOptions, Queue } from 'bullmq';

/**
 * Every queue, job and payload of Shinsa, in one place. A job's id is built from its business
 * key by the function beside it, so a duplicate request collapses into the job already queued.
 * BullMQ ids may not contain ':'; keys are joined with '.'. Each queue's jobs are a union of
 * name and payload, built with their options by the functions at the end, so a worker narrows
 * on the name and no payload is ever cast.
 */
export const QUEUES = {
  /** Housekeeping and the queue round-trip probe. */
  system: 'system',
  /** Imports uploaded in the console, run by a worker with progress. */
  imports: 'imports',
  /** The checks of dossiers (rules.md), queued whenever anything they read changes. */
  checks: 'checks',
  /** The reading of an envelope's scanned pages (OCR, classification, seals), queued when it gains scans. */
  scans: 'scans',
  /** Mailing lists and result letters written to a file by a worker, with progress. */
  exports: 'exports',
  /** The e-mail outbox: approved batches sent through SMTP, rate-limited. */
  outbox: 'outbox',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  system: {
    /** Proves a worker picks jobs up and answers: used by tests and `health?deep=1`. */
    ping: 'ping',
  },
  imports: {
    /** Reads a stored upload and imports it: {@link RunImportPayload}. */
    run: 'run-import',
  },
  checks: {
    /** Judges one dossier at one inputs version: {@link CheckDossierPayload}. */
    dossier: 'check-dossier',
    /**
     * Judges up to CHECK_BATCH_SIZE dossiers of a round at once (their inputs read in one query,
     * their results saved in one transaction), each at its inputs version:
     * {@link CheckDossiersPayload}.
     */
    dossiers: 'check-dossiers',
    /** A deadline of the round passed: judge every dossier again ({@link RecheckRoundPayload}). */
    recheckRound: 'recheck-round',
  },
  scans: {
    /** Reads every page of one envelope: {@link AnalyseEnvelopePayload}. */
    analyseEnvelope: 'analyse-envelope',
  },
  exports: {
    /** Writes one requested export: {@link RunExportPayload}. */
    run: 'run-export',
  },
  outbox: {
    /** Sends the approved messages of one batch that are due: {@link SendBatchPayload}. */
    sendBatch: 'send-batch',
  },
} as const;

export interface SendBatchPayload {
  batchId: string;
}

/**
 * A batch's sending, by batch and occasion (`approved-<time>` when a person approved it,
 * `reconcile-<minute>` when the reconciler found approved messages left): duplicates of one
 * occasion collapse; two runs of one batch claim its messages one by one, never the same one.
 */
export function sendBatchJobId(batchId: string, occasion: string): string {
  return `outbox.${batchId}.${occasion}`.replaceAll(':', '.');
}

export interface RunExportPayload {
  exportId: string;
}

/** The export request's id: a retry or a duplicate of the same request collapses. */
export function runExportJobId(exportId: string): string {
  return `export.${exportId}`;
}

export interface AnalyseEnvelopePayload {
  roundId: string;
  receiptNo: string;
}

/**
 * Envelope, the files it holds (the md5 of their sha256 in scan order), the reader's version
 * and its applicant (whose names the reader looks for): new or replaced files, a better reader
 * or a newly named applicant make a new job, a repeat collapses.
 */
export function analyseEnvelopeJobId(
  roundId: string,
  receiptNo: string,
  filesKey: string,
  readerVersion: number,
  certNo: string,
): string {
  return `scans.${roundId}.${receiptNo}.${filesKey.slice(0, 12)}.v${readerVersion}.${certNo || 'none'}`.replaceAll(
    ':',
    '.',
  );
}

export interface RunImportPayload {
  importId: string;
}

/** The import's job, or the job of its n-th resumption by the reconciler. */
export function runImportJobId(importId: string, resumption = 0): string {
  return resumption === 0 ? `import.${importId}` : `import.${importId}.r${resumption}`;
}

export interface CheckDossierPayload {
  roundId: string;
  certNo: string;
  /** The dossier's inputs_version when the job was queued. */
  inputsVersion: number;
}

/** A dossier of a batch, at the inputs version it was queued for. */
export interface CheckBatchEntry {
  certNo: string;
  inputsVersion: number;
}

export interface CheckDossiersPayload {
  roundId: string;
  /** Distinct 認定番号, in their order. */
  dossiers: CheckBatchEntry[];
}

export interface RecheckRoundPayload {
  roundId: string;
  /** Which deadline, for the log. */
  deadline: string;
}

export function deadlineJobId(roundId: string, deadline: string, at: number): string {
  return `deadline.${roundId}.${deadline}.${at}`;
}

/** Round, 認定番号 and inputs version: a second request for the same inputs collapses. */
export function checkJobId(roundId: string, certNo: string, inputsVersion: number): string {
  return `check.${roundId}.${certNo}.${inputsVersion}`.replaceAll(':', '.');
}

/**
 * Round, the first and last 認定番号 and a digest of every 認定番号 at its inputs version: the
 * same dossiers at the same versions collapse into one job, any other batch is a new one.
 */
export function checkBatchJobId(roundId: string, dossiers: readonly CheckBatchEntry[]): string {
  const digest = createHash('sha256')
    .update(dossiers.map((d) => `${d.certNo}@${d.inputsVersion}`).join(','))
    .digest('hex')
    .slice(0, 16);
  const first = dossiers[0]?.certNo ?? 'none';
  const last = dossiers.at(-1)?.certNo ?? 'none';
  return `checks.${roundId}.${first}-${last}.${dossiers.length}.${digest}`.replaceAll(':', '.');
}

export interface PingPayload {
  /** Who asked, for the log. */
  requestedBy: string;
  /** ISO time of the request. */
  requestedAt: string;
}

export interface PingResult {
  /** Host and pid of the worker that answered. */
  worker: string;
  answeredAt: string;
}

export function pingJobId(requestKey: string): string {
  return `ping.${requestKey.replaceAll(':', '.')}`;
}

/**
 * Workers of the checks queue: a job whose worker died (killed, machine lost) goes back to the
 * queue within about 15 s instead of the default 30 s; a batch of checks takes well under a
 * second, so the lock is renewed long before it expires.
 */
export const CHECK_WORKER_OPTIONS = {
  lockDuration: 15_000,
  stalledInterval: 5_000,
  maxStalledCount: 3,
};

/**
 * Workers of the scans queue read one envelope at a time per OCR worker (concurrency is set
 * from SCAN_READERS); an envelope takes seconds to minutes, and rendering a PDF page holds
 * the event loop for a moment, so the lock is long. A dead worker's envelope returns within a
 * minute.
 */
export const SCAN_WORKER_OPTIONS = {
  lockDuration: 60_000,
  stalledInterval: 30_000,
  maxStalledCount: 2,
};

/**
 * Defaults for every job: retries that outlast a database or Redis restart (10–30 s, and more):
 * 1, 2, 4 … 64 s after each failure (±20 %, so thousands of jobs that failed together do not
 * come back together), 127 s in all before a job is given up and listed; and bounded retention
 * so finished jobs never fill Redis or PostgreSQL.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000, jitter: 0.2 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 14 * 24 * 3600, count: 5000 },
};

// ── The jobs of each queue ──

export type SystemJob = { name: typeof JOBS.system.ping; data: PingPayload };
export type ImportJob = { name: typeof JOBS.imports.run; data: RunImportPayload };
export type CheckJob =
  | { name: typeof JOBS.checks.dossier; data: CheckDossierPayload }
  | { name: typeof JOBS.checks.dossiers; data: CheckDossiersPayload }
  | { name: typeof JOBS.checks.recheckRound; data: RecheckRoundPayload };
export type ScanJob = { name: typeof JOBS.scans.analyseEnvelope; data: AnalyseEnvelopePayload };
export type ExportJob = { name: typeof JOBS.exports.run; data: RunExportPayload };
export type OutboxJob = { name: typeof JOBS.outbox.sendBatch; data: SendBatchPayload };

type AnyJob = { name: string; data: unknown };

/** The queue of these jobs. */
export type QueueOf<J extends AnyJob, Result = unknown> = Queue<J['data'], Result, J['name']>;

/** A job as a worker receives it: one BullMQ job per kind, so `job.name` narrows `job.data`. */
export type JobOf<J extends AnyJob, Result = unknown> = J extends AnyJob
  ? Job<J['data'], Result, J['name']>
  : never;

/** A job to add: its kind, and its options (every option of a job is set here). */
export type NewJob<J extends AnyJob> = J & { opts: JobsOptions };

/** A ping answers once or not at all: a retry would prove nothing more. */
export function pingJob(requestKey: string, data: PingPayload): NewJob<SystemJob> {
  return { name: JOBS.system.ping, data, opts: { jobId: pingJobId(requestKey), attempts: 1 } };
}

/**
 * An import is retried after 5, 10, 20 and 40 s (a database restart outlasted); its rows are
 * idempotent. A worker lost midway gives the job back to the queue (stalled); an import left
 * `queued` or `running` with no job alive is queued again by the reconciler as a new job
 * (`resumption` 1, 2 …), at most {@link IMPORT_MAX_RESUMPTIONS} times.
 */
export function runImportJob(importId: string, resumption = 0): NewJob<ImportJob> {
  return {
    name: JOBS.imports.run,
    data: { importId },
    opts: {
      jobId: runImportJobId(importId, resumption),
      attempts: 5,
      backoff: { type: 'exponential', delay: 5000, jitter: 0.2 },
    },
  };
}

/**
 * How many times the reconciler takes up an import whose worker was lost before marking it
 * failed (an import that kills its worker, by its size say, is not run for ever).
 */
export const IMPORT_MAX_RESUMPTIONS = 3;

export function checkDossierJob(target: CheckDossierPayload): NewJob<CheckJob> {
  const { roundId, certNo, inputsVersion } = target;
  return {
    name: JOBS.checks.dossier,
    data: { roundId, certNo, inputsVersion },
    opts: { jobId: checkJobId(roundId, certNo, inputsVersion) },
  };
}

/** The checks of a batch of one round's dossiers (distinct 認定番号, in a stable order). */
export function checkDossiersJob(
  roundId: string,
  dossiers: readonly CheckBatchEntry[],
): NewJob<CheckJob> {
  const entries = dossiers.map(({ certNo, inputsVersion }) => ({ certNo, inputsVersion }));
  return {
    name: JOBS.checks.dossiers,
    data: { roundId, dossiers: entries },
    opts: { jobId: checkBatchJobId(roundId, entries) },
  };
}

/** The re-check of a round at `at` (epoch ms), a deadline of it, waiting from `now`. */
export function recheckRoundJob(
  roundId: string,
  deadline: string,
  at: number,
  now: number,
): NewJob<CheckJob> {
  return {
    name: JOBS.checks.recheckRound,
    data: { roundId, deadline },
    opts: { jobId: deadlineJobId(roundId, deadline, at), delay: at - now },
  };
}

export function analyseEnvelopeJob(
  envelope: { roundId: string; receiptNo: string; filesKey: string; certNo: string },
  readerVersion: number,
): NewJob<ScanJob> {
  const { roundId, receiptNo, filesKey, certNo } = envelope;
  return {
    name: JOBS.scans.analyseEnvelope,
    data: { roundId, receiptNo },
    opts: { jobId: analyseEnvelopeJobId(roundId, receiptNo, filesKey, readerVersion, certNo) },
  };
}

export function runExportJob(exportId: string): NewJob<ExportJob> {
  return { name: JOBS.exports.run, data: { exportId }, opts: { jobId: runExportJobId(exportId) } };
}

/**
 * A batch's sending, after `delayMs` (a reminder scheduled before a deadline). Retried like any
 * job; messages it already claimed are not sent again (see OutboxSender).
 */
export function sendBatchJob(batchId: string, occasion: string, delayMs = 0): NewJob<OutboxJob> {
  return {
    name: JOBS.outbox.sendBatch,
    data: { batchId },
    opts: { jobId: sendBatchJobId(batchId, occasion), delay: Math.max(0, delayMs) },
  };
}

/** How many times a job may run (its own attempts, else the defaults'). */
export function attemptsOf(job: Pick<Job, 'opts'>): number {
  return job.opts.attempts ?? DEFAULT_JOB_OPTIONS.attempts ?? 1;
}

/** Whether a failure of the job is its last: it will not be retried. */
export function isFinalAttempt(job: Pick<Job, 'opts' | 'attemptsMade'>): boolean {
  return job.attemptsMade >= attemptsOf(job);
}
