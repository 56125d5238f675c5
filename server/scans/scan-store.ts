import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What a scan file really is, from its first bytes (never from its name alone). */
export function sniffMediaType(head: Uint8Array): string | null {
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46)
    return 'application/pdf';
  if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47)
    return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  // TIFF, little- or big-endian (office scanners and fax: often CCITT G4, often several pages).
  if (
    (head[0] === 0x49 && head[1] === 0x49 && head[2] === 0x2a && head[3] === 0x00) ||
    (head[0] === 0x4d && head[1] === 0x4d && head[2] === 0x00 && head[3] === 0x2a)
  )
    return 'image/tiff';
  return null;
}

/** The media type each scan extension must really hold. */
export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  tif: 'image/tiff',
} as const;

export interface ScanName {
  receiptNo: string;
  /** Page of a one-image-a-page scan; null for a PDF (or TIFF) of all pages. */
  page: number | null;
  extension: keyof typeof MEDIA_TYPES;
}

const EXTENSIONS: Record<string, keyof typeof MEDIA_TYPES> = {
  pdf: 'pdf',
  png: 'png',
  jpg: 'jpg',
  jpeg: 'jpg',
  tif: 'tif',
  tiff: 'tif',
};

/**
 * `<受付番号>.pdf` or `<受付番号>-<page>.png|jpg` (formats.md); a scanner's TIFF is taken like
 * either (`<受付番号>.tif` of all pages, `<受付番号>-<page>.tif`). Null for any other name.
 */
export function parseScanName(name: string): ScanName | null {
  const whole = /^(.+)\.(pdf|tiff?)$/i.exec(name);
  const paged = /^(.+)-(\d{1,4})\.(png|jpe?g|tiff?)$/i.exec(name);
  if (paged && Number(paged[2]) >= 1) {
    return {
      receiptNo: paged[1],
      page: Number(paged[2]),
      extension: EXTENSIONS[paged[3].toLowerCase()],
    };
  }
  if (whole)
    return { receiptNo: whole[1], page: null, extension: EXTENSIONS[whole[2].toLowerCase()] };
  return null;
}

export interface StoredScan {
  sha256: string;
  size: number;
  mediaType: string;
  /** False when the same content was already stored. */
  stored: boolean;
}

/**
 * Scans kept once each in the data folder, under their SHA-256: `scans/ab/abcdef….png`. The
 * same page imported twice, or in two envelopes, takes the space of one.
 */
export class ScanStore {
  constructor(private readonly root: string) {}

  pathOf(sha256: string, mediaType: string): string {
    const ext = Object.entries(MEDIA_TYPES).find(([, type]) => type === mediaType)?.[0] ?? 'bin';
    return join(this.root, sha256.slice(0, 2), `${sha256}.${ext}`);
  }

  async headOf(path: string): Promise<Buffer> {
    const handle = await open(path, 'r');
    try {
      const head = Buffer.alloc(8);
      await handle.read(head, 0, 8, 0);
      return head;
    } finally {
      await handle.close();
    }
  }

  /** Stores bytes made here (a normalised page) like a file brought in. */
  async putBytes(bytes: Buffer, mediaType: string): Promise<StoredScan> {
    await mkdir(this.root, { recursive: true });
    const temp = join(this.root, `.made-${randomBytes(8).toString('hex')}`);
    await writeFile(temp, bytes, { flag: 'wx' });
    try {
      return await this.put(temp, mediaType);
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** Copies a file in while hashing it; keeps the copy only if that content is not stored yet. */
  async put(path: string, mediaType: string): Promise<StoredScan> {
    await mkdir(this.root, { recursive: true });
    const temp = join(this.root, `.incoming-${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(createReadStream(path), tap, createWriteStream(temp, { flags: 'wx' }));
      const sha256 = hash.digest('hex');
      const target = this.pathOf(sha256, mediaType);
      const exists = await access(target).then(
        () => true,
        () => false,
      );
      if (exists) {
        await rm(temp, { force: true });
        return { sha256, size, mediaType, stored: false };
      }
      await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
      await rename(temp, target);
      return { sha256, size, mediaType, stored: true };
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}
