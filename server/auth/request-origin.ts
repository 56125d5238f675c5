/**
 * CSRF protection beyond the session cookie's SameSite=Strict: a state-changing request whose
 * Origin (or, without one, Referer) names another site is refused. Browsers send Origin with
 * every cross-site POST, PUT, PATCH and DELETE (and with same-origin ones too), so a forged
 * request always carries its foreign origin. A request with neither header cannot come from a
 * page of another site in a browser: it is a script, the CLI or a test client, and is allowed
 * (it still needs a session like any other). Pure functions, no Nest.
 */
export const SAFE_METHODS: readonly string[] = ['GET', 'HEAD', 'OPTIONS'];

export interface OriginRequest {
  method: string;
  /** The host the request was sent to, as Express reads it (`req.host`: Host, or X-Forwarded-Host from a trusted proxy). */
  host: string | undefined;
  origin: string | undefined;
  referer: string | undefined;
}

function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * The foreign origin a state-changing request came from, or null when it may go on: a safe
 * method, its own host, one of `allowedOrigins`, or no Origin nor Referer at all.
 */
export function foreignOrigin(
  request: OriginRequest,
  allowedOrigins: readonly string[],
): string | null {
  if (SAFE_METHODS.includes(request.method.toUpperCase())) return null;
  const claimed = request.origin ?? request.referer;
  if (claimed === undefined || claimed === '') return null;
  // `Origin: null` (sandboxed frames, some redirects) is never this site.
  const origin = originOf(claimed);
  if (!origin) return claimed;
  if (allowedOrigins.includes(origin)) return null;
  const host = request.host?.toLowerCase();
  return host && new URL(origin).host.toLowerCase() === host ? null : origin;
}

/** What a refused request is told: what happened and what to do. */
export function foreignOriginMessage(origin: string): string {
  return `ほかのサイト(${origin.slice(0, 200)})から送られた変更の要求は受け付けません。Shinsa の画面を開き直し、そこから操作してください(別の住所で公開している場合は、管理者が ALLOWED_ORIGINS に追加してください)`;
}
