import { DASHBOARD_CACHE_MS, DashboardCacheService } from './dashboard-cache.service.js';
import type { DashboardCounts } from './dashboard.views.js';

/** Counts told apart by their number of imported dossiers. */
const countsOf = (imported: number) => ({ stages: { imported } }) as DashboardCounts;
/** Lets the readings' callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('DashboardCacheService', () => {
  it('reads a key once while fresh, then answers it while reading it again', async () => {
    const cache = new DashboardCacheService();
    let readings = 0;
    const read = () => Promise.resolve(countsOf(++readings));
    const t = 1_000_000;
    const both = [cache.counts('2021/all', read, t), cache.counts('2021/all', read, t)];
    expect(await Promise.all(both)).toEqual([countsOf(1), countsOf(1)]);
    await settle();
    expect(await cache.counts('2021/all', read, t + DASHBOARD_CACHE_MS - 1)).toEqual(countsOf(1));
    // Old: answered as it is, read again once (not once per request) in the background.
    let release: () => void = () => undefined;
    const slowRead = () => {
      readings++;
      return new Promise<DashboardCounts>((resolve) => (release = () => resolve(countsOf(2))));
    };
    expect(await cache.counts('2021/all', slowRead, t + DASHBOARD_CACHE_MS)).toEqual(countsOf(1));
    expect(await cache.counts('2021/all', slowRead, t + DASHBOARD_CACHE_MS + 1)).toEqual(
      countsOf(1),
    );
    expect(readings).toBe(2);
    release();
    await settle();
    expect(await cache.counts('2021/all', read, t + DASHBOARD_CACHE_MS + 2)).toEqual(countsOf(2));
    // Another round, or a reviewer's own counts, are read on their own.
    expect(await cache.counts('2021/7', read, t + DASHBOARD_CACHE_MS + 2)).toEqual(countsOf(3));
  });

  it('waits for new counts after a write invalidates them, even if read before the write', async () => {
    const cache = new DashboardCacheService();
    let release: (counts: DashboardCounts) => void = () => undefined;
    const slow = cache.counts('2021/all', () => new Promise((resolve) => (release = resolve)), 0);
    cache.invalidate();
    const after = cache.counts('2021/all', () => Promise.resolve(countsOf(2)), 1);
    release(countsOf(1));
    // The reading under way still answers whoever asked for it, but no later request.
    expect(await slow).toEqual(countsOf(1));
    expect(await after).toEqual(countsOf(2));
    await settle();
    const later = await cache.counts('2021/all', () => Promise.resolve(countsOf(3)), 2);
    expect(later).toEqual(countsOf(2));
    // Invalidated when old: not answered while read again.
    cache.invalidate();
    const fresh = cache.counts(
      '2021/all',
      () => Promise.resolve(countsOf(4)),
      DASHBOARD_CACHE_MS * 2,
    );
    expect(await fresh).toEqual(countsOf(4));
  });

  it('does not keep a reading that failed', async () => {
    const cache = new DashboardCacheService();
    const down = cache.counts('2021/all', () => Promise.reject(new Error('down')), 0);
    await expect(down).rejects.toThrow('down');
    await settle();
    expect(await cache.counts('2021/all', () => Promise.resolve(countsOf(1)), 1)).toEqual(
      countsOf(1),
    );
  });
});
