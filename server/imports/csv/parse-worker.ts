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
let acked: (() => void) | null = null;
port.on('message', () => {
  const resume = acked;
  acked = null;
  resume?.();
});
const staging: FormRowStaging | undefined = importId
  ? {
      importId,
      write: (copyText) =>
        new Promise<void>((resolve) => {
          // The worker holds only the chunk it reads: its heap is kept near that (heap-bound.ts).
          boundHeap(WORKER_GARBAGE_MB);
          acked = resolve;
          post({ kind: 'staged', copyText });
        }),
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
