import type { ServerResponse } from 'node:http';
import { sep } from 'node:path';

/**
 * Cache-Control for the built console. Vite names every file under assets/ by its content's
 * hash, so a browser may keep it for a year; index.html (and anything unhashed) is asked for
 * again each time, so a new release is seen at the next page load.
 */
export function consoleCacheControl(filePath: string): string {
  return filePath.split(sep).includes('assets')
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
}

export function setConsoleCacheHeaders(res: ServerResponse, filePath: string): void {
  res.setHeader('Cache-Control', consoleCacheControl(filePath));
}
