import { parentPort, workerData } from 'node:worker_threads';
import { boundHeap } from '../../common/heap-bound.js';
import { FILE_SPECS } from './file-specs.js';
import { parseFile, type FormRowStaging } from './parse-file.js';
import type { WorkerMessage } from './parse-files.js';

/**
 * Worker-thread entry: parses one file of a bundle, so a 2-core machine reads the largest file
 * while the main thread reads the others. Staged rows go to the main thread one chunk at a
 * time (it writes them to the staging and acks); then the parsed file (its spec by name).
 */
const { file, path, importId } = workerData as {
  file: string;
  path: string;
  importId: string | null;
};
/** Garbage (MB) the worker lets grow before it collects; it holds about 10. */
const WORKER_GARBAGE_MB = 14;
const spec = FILE_SPECS.find((s) => s.file === file)!;
const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);
/**
 * Chunks posted and not yet acked that the worker reads on past (4 MB of text at most). The
 * main thread answers only between the megabytes of CSV it reads itself, a few hundred
 * milliseconds apart: a worker waiting on each ack idled a third of its time.
 */
const CHUNKS_IN_FLIGHT = 64;
let inFlight = 0;
let acked: (() => void) | null = null;
port.on('message', () => {
  inFlight--;
  const resume = acked;
  acked = null;
  resume?.();
});
const staging: FormRowStaging | undefined = importId
  ? {
      importId,
      write: (copyText) => {
        // The worker holds only the chunks it reads: its heap is kept near that (heap-bound.ts).
        boundHeap(WORKER_GARBAGE_MB);
        inFlight++;
        post({ kind: 'staged', copyText });
        if (inFlight < CHUNKS_IN_FLIGHT) return;
        return new Promise<void>((resolve) => (acked = resolve));
      },
    }
  : undefined;
parseFile(spec, path, staging).then(
  (parsed) => post({ kind: 'done', parsed: { ...parsed, spec: undefined as never } }),
  (error: unknown) =>
    post({
      kind: 'failed',
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }),
);
