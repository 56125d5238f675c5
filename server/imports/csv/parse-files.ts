import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileSpec } from './file-specs.js';
import { parseFile, type FormRowStaging, type ParsedFile } from './parse-file.js';

/** Below this size a file is not worth a thread of its own. */
const WORKER_MIN_BYTES = 1024 * 1024;
/**
 * Above this size of the files a bundle is read in the main thread only: a second thread costs
 * about 50 MB (its own heap), which a large bundle's peak cannot afford (issue 20: 300 MB at
 * 20,000 dossiers, 76 MB of CSV), while a bundle of 5,000 (19 MB) gains its second core.
 */
const WORKER_MAX_TOTAL_BYTES = 48 * 1024 * 1024;

/**
 * The built worker script, when running from the build (`dist/server/{main,cli}.js`); tests run
 * from the sources and parse in the main thread.
 */
function workerScript(): string | null {
  const entry = process.argv[1];
  if (!entry || !/[\\/]server[\\/](main|cli)\.js$/.test(entry)) return null;
  const script = join(dirname(entry), 'imports', 'csv', 'parse-worker.js');
  return existsSync(script) ? script : null;
}

/** What a parsing worker says: staged rows to pass on (answered with an ack), or its result. */
export type WorkerMessage =
  | { kind: 'staged'; copyText: string }
  | { kind: 'done'; parsed: ParsedFile }
  | { kind: 'failed'; error: string };

function parseInWorker(
  script: string,
  spec: FileSpec,
  path: string,
  staging: FormRowStaging | undefined,
): Promise<ParsedFile> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, {
      workerData: { file: spec.file, path, importId: staging?.importId ?? null },
      // It holds one chunk of rows at a time: a small young generation keeps its memory small.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    const fail = (error: unknown) => {
      reject(error instanceof Error ? error : new Error(String(error)));
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'staged') {
        // One chunk at a time: the worker waits for this ack, so the rows never pile up here.
        Promise.resolve(staging!.write(message.copyText)).then(
          () => worker.postMessage('ack'),
          fail,
        );
        return;
      }
      if (message.kind === 'done') resolve({ ...message.parsed, spec });
      else reject(new Error(`Parsing ${spec.file} in a worker thread failed: ${message.error}`));
      void worker.terminate();
    });
    worker.once('error', fail);
  });
}

/**
 * Parses the files of a bundle: the largest in a worker thread while the main thread reads the
 * rest, so the two cores of a small server share the work. Results come back in input order.
 * With `staging`, the rows of form files go there as they are read (the worker's too).
 */
export async function parseFiles(
  files: { spec: FileSpec; path: string }[],
  onFileDone: (file: ParsedFile, done: number) => void | Promise<void>,
  staging?: FormRowStaging,
): Promise<ParsedFile[]> {
  const sizes = await Promise.all(files.map((f) => stat(f.path).then((s) => s.size)));
  const largest = sizes.indexOf(Math.max(...sizes));
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const script =
    files.length > 1 && sizes[largest] >= WORKER_MIN_BYTES && total <= WORKER_MAX_TOTAL_BYTES
      ? workerScript()
      : null;
  const results: ParsedFile[] = new Array(files.length);
  let done = 0;
  const finished = async (index: number, parsed: ParsedFile) => {
    results[index] = parsed;
    await onFileDone(parsed, ++done);
  };
  const inWorker = script
    ? parseInWorker(script, files[largest].spec, files[largest].path, staging).then((p) =>
        finished(largest, p),
      )
    : null;
  // Keep a worker failure from going unhandled while the main thread is still busy.
  inWorker?.catch(() => undefined);
  for (const [index, file] of files.entries()) {
    if (inWorker && index === largest) continue;
    await finished(index, await parseFile(file.spec, file.path, staging));
  }
  await inWorker;
  return results;
}
