import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const MB = 1024 * 1024;

let collect: (() => void) | null | undefined;
/** Heap in use just after the last collection made here: about what was alive then. */
let aliveAfterCollection = 0;

/** V8's full collection, made callable once (`--expose-gc` set at run time); null if refused. */
function collector(): (() => void) | null {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  return collect;
}

/**
 * Collects garbage now when the heap grew by `garbageMb` (or by half, if more) over what was
 * alive after the last such collection. A long import keeps little alive (one chunk of
 * dossiers) but allocates gigabytes of short strings; V8 lets that garbage grow to several
 * times what is alive before it collects, so the process's peak memory would grow with the
 * bundle. Called between chunks of work, it keeps the peak near what is alive. Measured from
 * what is alive, not from zero: a process that holds much already (the server with its OCR
 * models, a test runner) would otherwise collect its whole heap at every call. Cheap when under
 * the bound (one read of the heap's statistics). True when it collected.
 */
export function boundHeap(garbageMb: number): boolean {
  const allowed = Math.max(garbageMb * MB, aliveAfterCollection / 2);
  if (getHeapStatistics().used_heap_size < aliveAfterCollection + allowed) return false;
  const gc = collector();
  if (!gc) return false;
  gc();
  aliveAfterCollection = getHeapStatistics().used_heap_size;
  return true;
}
