import type { Response } from 'express';
import type { Unrepresentable } from './mailing.views.js';

const TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/**
 * Sends a written list with what a script needs to know in headers: rows, change notices after
 * the cut-off, and cells CP932 could not hold (never a file that lost characters unsaid).
 */
export async function sendFile(
  response: Response,
  path: string,
  name: string,
  encoding: string,
  result: { rows: number | null; lateChanges: number | null; unrepresentable: Unrepresentable[] },
): Promise<void> {
  response.setHeader('X-Rows', String(result.rows ?? 0));
  response.setHeader('X-Late-Changes', String(result.lateChanges ?? 0));
  if (result.unrepresentable.length > 0) {
    response.setHeader('X-Unrepresentable-Cells', String(result.unrepresentable.length));
  }
  const ext = name.slice(name.lastIndexOf('.') + 1);
  response.setHeader(
    'Content-Type',
    TYPES[ext] ?? `text/csv; charset=${encoding === 'cp932' ? 'Shift_JIS' : 'utf-8'}`,
  );
  await sendDownload(response, path, name);
}

/** Sends a file to save, never cached. */
export async function sendDownload(response: Response, path: string, name: string): Promise<void> {
  response.setHeader('Cache-Control', 'no-store');
  await new Promise<void>((resolve, reject) =>
    // The data folder may be a dot folder (`.data`): send() would refuse it by default.
    response.download(path, name, { dotfiles: 'allow' }, (error) =>
      error ? reject(error) : resolve(),
    ),
  );
}
