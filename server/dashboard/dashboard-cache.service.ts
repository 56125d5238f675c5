import { Injectable } from '@nestjs/common';
import type { DashboardCounts } from './dashboard.views.js';

/** How long a reading of the counts is fresh; an older one is answered while it is read again. */
export const DASHBOARD_CACHE_MS = 2000;
/** Readings not asked for in this long are dropped (yesterday's, a reviewer who left). */
const FORGOTTEN_MS = 60_000;

interface Entry {
  /** When the reading was asked for. */
  readAt: number;
  counts: Promise<DashboardCounts>;
  /** The counts, once read. */
  settled?: DashboardCounts;
  /** The reading that will replace this one, under way. */
  refresh?: Promise<DashboardCounts>;
}

/**
 * The dashboard's counts of a round (per scope: everyone's or one reviewer's, and day), kept in
 * the process: every console on the dashboard asks for the same aggregates over the round's
 * thousands of dossiers. People asking at once share one reading; for {@link DASHBOARD_CACHE_MS}
 * it is answered again, then it is read again in the background while the previous counts are
 * answered, so nobody waits for the aggregates but the first. Decisions and assignments written
 * by this process invalidate every reading at once (the next request waits for new counts: the
 * person who decided sees it counted). What other processes write (the checks in the worker,
 * imports, another API process) shows at most {@link DASHBOARD_CACHE_MS} plus one reading
 * (tens of milliseconds) later.
 */
@Injectable()
export class DashboardCacheService {
  private generation = 0;
  private readonly entries = new Map<string, Entry>();

  /** The counts of `key`, read by `read` unless a reading is kept (see above). */
  counts(
    key: string,
    read: () => Promise<DashboardCounts>,
    now = Date.now(),
  ): Promise<DashboardCounts> {
    for (const [k, e] of this.entries) if (now - e.readAt > FORGOTTEN_MS) this.entries.delete(k);
    const kept = this.entries.get(key);
    if (kept && (now - kept.readAt < DASHBOARD_CACHE_MS || !kept.settled)) return kept.counts;
    if (kept?.settled) {
      kept.refresh ??= this.reading(key, read, now);
      return Promise.resolve(kept.settled);
    }
    const entry: Entry = { readAt: now, counts: this.reading(key, read, now) };
    this.entries.set(key, entry);
    return entry.counts;
  }

  /**
   * Forgets every reading, including those under way (they still answer whoever asked already,
   * but no later request): called after a write the counts depend on.
   */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  /** A reading of `key`, kept once read unless invalidated meanwhile; one that fails is not. */
  private reading(
    key: string,
    read: () => Promise<DashboardCounts>,
    now: number,
  ): Promise<DashboardCounts> {
    const generation = this.generation;
    const counts = read();
    counts.then(
      (settled) => {
        if (generation === this.generation) this.entries.set(key, { readAt: now, counts, settled });
      },
      () => {
        const kept = this.entries.get(key);
        if (kept?.counts === counts) this.entries.delete(key);
        else if (kept?.refresh === counts) kept.refresh = undefined;
      },
    );
    return counts;
  }
}
