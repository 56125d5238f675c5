import { DASHBOARD_CACHE_MS, DashboardCacheService } from './dashboard-cache.service.js';
import type { DashboardCounts } from './dashboard.views.js';

/** Counts told apart by their number of imported dossiers. */
const countsOf = (imported: number) => ({ stages: { imported } }) as DashboardCounts;

describe('DashboardCacheService', () => {
  it('reads a key once while its reading is fresh, and again once it is not', async () => {
    const cache = new DashboardCacheService();
    let readings = 0;
    const read = () => Promise.resolve(countsOf(++readings));
    const t = 1_000_000;
    const [a, b] = await Promise.all([
      cache.counts('2021/all', read, t),
      cache.counts('2021/all', read, t),
    ]);
    expect([a, b]).toEqual([countsOf(1), countsOf(1)]);
    expect(await cache.counts('2021/all', read, t + DASHBOARD_CACHE_MS - 1)).toEqual(countsOf(1));
    expect(await cache.counts('2021/all', read, t + DASHBOARD_CACHE_MS)).toEqual(countsOf(2));
    // Another round, or a reviewer's own counts, are read on their own.
    expect(await cache.counts('2021/7', read, t + DASHBOARD_CACHE_MS)).toEqual(countsOf(3));
  });

  it('reads again after a write invalidates it, even a reading begun before the write', async () => {
    const cache = new DashboardCacheService();
    let release: (counts: DashboardCounts) => void = () => undefined;
    const slow = cache.counts('2021/all', () => new Promise((resolve) => (release = resolve)), 0);
    cache.invalidate();
    const after = cache.counts('2021/all', () => Promise.resolve(countsOf(2)), 1);
    release(countsOf(1));
    // The reading under way still answers whoever asked for it, but not later requests.
    expect(await slow).toEqual(countsOf(1));
    expect(await after).toEqual(countsOf(2));
    expect(await cache.counts('2021/all', () => Promise.resolve(countsOf(3)), 2)).toEqual(
      countsOf(2),
    );
  });

  it('does not keep a reading that failed', async () => {
    const cache = new DashboardCacheService();
    await expect(
      cache.counts('2021/all', () => Promise.reject(new Error('down')), 0),
    ).rejects.toThrow('down');
    expect(await cache.counts('2021/all', () => Promise.resolve(countsOf(1)), 1)).toEqual(
      countsOf(1),
    );
  });
});
