import { join } from 'node:path';
import { consoleCacheControl } from './console-caching.js';

describe('consoleCacheControl', () => {
  it('keeps hashed assets for a year and asks for index.html every time', () => {
    expect(
      consoleCacheControl(join('/srv', 'dist', 'admin-ui', 'assets', 'index-LNrJBRa9.js')),
    ).toBe('public, max-age=31536000, immutable');
    expect(consoleCacheControl(join('/srv', 'dist', 'admin-ui', 'index.html'))).toBe('no-cache');
    expect(consoleCacheControl(join('/srv', 'assets-old', 'index.html'))).toBe('no-cache');
  });
});
