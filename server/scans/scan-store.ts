import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** How much of a file is read to tell what it is (what browsers sniff lies in the first 512). */
export const HEAD_BYTES = 1024;

/**
 * Markup a browser would take for a page (HTML, SVG, script) in a file's first bytes: a PDF or
 * PNG header followed by HTML is no scan, whatever its first bytes say. Tags of three letters
 * or more only: the compressed bytes of a real image hold `<a ` or `<p>` now and then by chance.
 */
export function markupIn(head: Uint8Array): boolean {
  const text = Buffer.from(head.subarray(0, HEAD_BYTES)).toString('latin1');
  return /<(!doctype\s+html|html|head|body|script|iframe|frameset|object|embed|svg|style|meta|link|title|form|img|div|table|font)[\s>/]/i.test(
    text,
  );
}

/**
 * What a scan file really is, from its first bytes (never from its name alone): null for
 * anything else, and for a file whose first bytes hold markup.
 */
export function sniffMediaType(head: Uint8Array): string | null {
  if (markupIn(head)) return null;
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46)
    return 'application/pdf';
  // The whole PNG signature; where more was read, its first chunk must be the header (IHDR).
  const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (PNG.every((b, i) => head.length <= i || head[i] === b) && head.length >= 4) {
    const chunk = Buffer.from(head.subarray(12, 16)).toString('latin1');
    return head.length < 16 || chunk === 'IHDR' ? 'image/png' : null;
  }
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  // TIFF, little- or big-endian (office scanners and fax: often CCITT G4, often several pages).
  if (
    (head[0] === 0x49 && head[1] === 0x49 && head[2] === 0x2a && head[3] === 0x00) ||
    (head[0] === 0x4d && head[1] === 0x4d && head[2] === 0x00 && head[3] === 0x2a)
  )
    return 'image/tiff';
  return null;
}

/** The media type a file's name says it holds (`.pdf`, `.png`, `.jpg`, `.tif`…), or null. */
export function mediaTypeOfName(name: string): string | null {
  const extension = /\.([a-z]+)$/i.exec(name)?.[1].toLowerCase();
  const known = extension ? EXTENSIONS[extension] : undefined;
  return known ? MEDIA_TYPES[known] : null;
}

/** Names of the media types, as the messages say them. */
export const MEDIA_TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/tiff': 'TIFF',
};

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

  /** Deletes a stored file's bytes (its row stays, marked purged); gone already is fine. */
  async remove(sha256: string, mediaType: string): Promise<void> {
    await rm(this.pathOf(sha256, mediaType), { force: true });
  }

  /** A file's first bytes (HEAD_BYTES, fewer for a shorter file), to sniff what it is. */
  async headOf(path: string): Promise<Buffer> {
    const handle = await open(path, 'r');
    try {
      const head = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
      return head.subarray(0, bytesRead);
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
