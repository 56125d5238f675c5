import { Injectable } from '@nestjs/common';
import type { DashboardCounts } from './dashboard.views.js';

/** How long a round's counts are served again: the staleness of writes made elsewhere. */
export const DASHBOARD_CACHE_MS = 2000;

interface Entry {
  generation: number;
  expiresAt: number;
  counts: Promise<DashboardCounts>;
}

/**
 * The dashboard's counts of a round (per scope: everyone's or one reviewer's, and day), kept
 * for {@link DASHBOARD_CACHE_MS} from the moment they were asked for: every console on the
 * dashboard asks for the same aggregates over the round's thousands of dossiers, and people
 * asking at once share one reading. Decisions and assignments written by this process empty it
 * at once (their author sees them counted); what other processes write (the checks in the
 * worker, imports, another API process) shows within {@link DASHBOARD_CACHE_MS}.
 */
@Injectable()
export class DashboardCacheService {
  private generation = 0;
  private readonly entries = new Map<string, Entry>();

  /** The counts of `key`, read by `read` unless a reading of the last lifetime is there. */
  counts(
    key: string,
    read: () => Promise<DashboardCounts>,
    now = Date.now(),
  ): Promise<DashboardCounts> {
    const kept = this.entries.get(key);
    if (kept && kept.generation === this.generation && kept.expiresAt > now) return kept.counts;
    const entry: Entry = {
      generation: this.generation,
      expiresAt: now + DASHBOARD_CACHE_MS,
      counts: read(),
    };
    this.entries.set(key, entry);
    // A failed reading is not served again.
    entry.counts.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
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
}
