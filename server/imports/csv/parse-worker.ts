import { parentPort, workerData } from 'node:worker_threads';
import { FILE_SPECS } from './file-specs.js';
import { parseFile } from './parse-file.js';

/**
 * Worker-thread entry: parses one file of a bundle, so a 2-core machine reads the largest file
 * while the main thread reads the others. Answers with the parsed file (its spec by name).
 */
const { file, path } = workerData as { file: string; path: string };
const spec = FILE_SPECS.find((s) => s.file === file)!;
parseFile(spec, path).then(
  (parsed) => parentPort!.postMessage({ ok: true, parsed: { ...parsed, spec: undefined } }),
  (error: unknown) =>
    parentPort!.postMessage({
      ok: false,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }),
);
