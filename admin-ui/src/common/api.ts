/** A JSON call to the API for actions beyond react-admin's CRUD; errors carry the server's message. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }
}

export async function callApi<T>(
  path: string,
  init: { method?: string; json?: unknown; form?: FormData } = {},
): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? (init.json !== undefined || init.form ? 'POST' : 'GET'),
    credentials: 'same-origin',
    headers: init.json !== undefined ? { 'Content-Type': 'application/json' } : undefined,
    body: init.form ?? (init.json !== undefined ? JSON.stringify(init.json) : undefined),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    const message = Array.isArray(body.message) ? body.message.join(' / ') : body.message;
    throw new ApiError(
      typeof message === 'string' ? message : `HTTP ${response.status}`,
      response.status,
      body,
    );
  }
  return body as T;
}
