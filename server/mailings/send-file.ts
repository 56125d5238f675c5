import type { Response } from 'express';
import { open } from 'node:fs/promises';
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
  response.setHeader('Content-Type', await contentTypeOf(path, ext, encoding));
  await sendDownload(response, path, name);
}

/** A file's first bytes. */
async function headOf(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The type a written list is sent as, from its bytes as well as its name: a PDF that does not
 * begin `%PDF`, or an xlsx that is no zip, goes as bytes only (always as a download).
 */
async function contentTypeOf(path: string, ext: string, encoding: string): Promise<string> {
  const head = await headOf(path);
  const isPdf = head.toString('latin1') === '%PDF';
  const isZip = head.length === 4 && head.readUInt32LE(0) === 0x04034b50;
  if (ext === 'pdf') return isPdf ? TYPES.pdf : BYTES;
  if (ext === 'xlsx') return isZip ? TYPES.xlsx : BYTES;
  if (isPdf || isZip) return BYTES;
  return `text/csv; charset=${encoding === 'cp932' ? 'Shift_JIS' : 'utf-8'}`;
}

const BYTES = 'application/octet-stream';

/** Sends a file to save (`Content-Disposition: attachment`), never cached nor sniffed. */
export async function sendDownload(response: Response, path: string, name: string): Promise<void> {
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  await new Promise<void>((resolve, reject) =>
    // The data folder may be a dot folder (`.data`): send() would refuse it by default.
    response.download(path, name, { dotfiles: 'allow' }, (error) =>
      error ? reject(error) : resolve(),
    ),
  );
}
