import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

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
 * Collects garbage now when the heap in use passed `limitMb`. A long import keeps little alive
 * (one chunk of dossiers) but allocates gigabytes of short strings; V8 lets that garbage grow to
 * several times what is alive before it collects, so the process's peak memory would grow
 * with the bundle. Called between chunks of work, it keeps the peak near what is alive. Cheap
 * when under the limit (one read of the heap's statistics).
 */
export function boundHeap(limitMb: number): void {
  if (getHeapStatistics().used_heap_size < limitMb * 1024 * 1024) return;
  collector()?.();
}
