import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileSpec } from './file-specs.js';
import { parseFile, type ParsedFile } from './parse-file.js';

/** Below this size a file is not worth a thread of its own. */
const WORKER_MIN_BYTES = 1024 * 1024;

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

function parseInWorker(script: string, spec: FileSpec, path: string): Promise<ParsedFile> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: { file: spec.file, path } });
    worker.once(
      'message',
      (message: { ok: true; parsed: ParsedFile } | { ok: false; error: string }) => {
        if (message.ok) resolve({ ...message.parsed, spec });
        else reject(new Error(`Parsing ${spec.file} in a worker thread failed: ${message.error}`));
        void worker.terminate();
      },
    );
    worker.once('error', reject);
  });
}

/**
 * Parses the files of a bundle: the largest in a worker thread while the main thread reads the
 * rest, so the two cores of a small server share the work. Results come back in input order.
 */
export async function parseFiles(
  files: { spec: FileSpec; path: string }[],
  onFileDone: (file: ParsedFile, done: number) => void | Promise<void>,
): Promise<ParsedFile[]> {
  const sizes = await Promise.all(files.map((f) => stat(f.path).then((s) => s.size)));
  const largest = sizes.indexOf(Math.max(...sizes));
  const script = files.length > 1 && sizes[largest] >= WORKER_MIN_BYTES ? workerScript() : null;
  const results: ParsedFile[] = new Array(files.length);
  let done = 0;
  const finished = async (index: number, parsed: ParsedFile) => {
    results[index] = parsed;
    await onFileDone(parsed, ++done);
  };
  const inWorker = script
    ? parseInWorker(script, files[largest].spec, files[largest].path).then((p) =>
        finished(largest, p),
      )
    : null;
  // Keep a worker failure from going unhandled while the main thread is still busy.
  inWorker?.catch(() => undefined);
  for (const [index, file] of files.entries()) {
    if (inWorker && index === largest) continue;
    await finished(index, await parseFile(file.spec, file.path));
  }
  await inWorker;
  return results;
}
