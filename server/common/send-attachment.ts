import type { Response } from 'express';

/** A file made in memory, sent to be saved: never shown inline, cached nor sniffed. */
export function sendAttachment(
  response: Response,
  file: { body: Buffer; fileName: string; contentType: string },
): void {
  response.setHeader('Content-Type', file.contentType);
  response.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.end(file.body);
}
