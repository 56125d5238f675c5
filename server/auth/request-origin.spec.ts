import { foreignOrigin } from './request-origin.js';

describe('foreignOrigin', () => {
  const post = (headers: { origin?: string; referer?: string }, host = 'shinsa.example.jp') => ({
    method: 'POST',
    host,
    origin: headers.origin,
    referer: headers.referer,
  });

  it('lets safe methods through whatever their origin', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect(
        foreignOrigin(
          { method, host: 'a', origin: 'https://evil.example', referer: undefined },
          [],
        ),
      ).toBeNull();
    }
  });

  it('allows a change from its own host (any scheme) or a configured origin', () => {
    expect(foreignOrigin(post({ origin: 'https://shinsa.example.jp' }), [])).toBeNull();
    expect(foreignOrigin(post({ origin: 'http://SHINSA.example.jp' }), [])).toBeNull();
    expect(
      foreignOrigin(post({ origin: 'http://localhost:5173' }, 'localhost:5173'), []),
    ).toBeNull();
    expect(
      foreignOrigin(post({ origin: 'https://front.example.jp' }), ['https://front.example.jp']),
    ).toBeNull();
  });

  it('refuses another site, another port, and an opaque origin', () => {
    expect(foreignOrigin(post({ origin: 'https://evil.example' }), [])).toBe(
      'https://evil.example',
    );
    expect(foreignOrigin(post({ origin: 'https://shinsa.example.jp:8443' }), [])).toBe(
      'https://shinsa.example.jp:8443',
    );
    expect(foreignOrigin(post({ origin: 'null' }), [])).toBe('null');
  });

  it('reads the Referer when there is no Origin, and allows a request with neither', () => {
    expect(foreignOrigin(post({ referer: 'https://evil.example/a?b' }), [])).toBe(
      'https://evil.example',
    );
    expect(foreignOrigin(post({ referer: 'https://shinsa.example.jp/#/dossiers' }), [])).toBeNull();
    expect(foreignOrigin(post({}), [])).toBeNull();
  });
});
