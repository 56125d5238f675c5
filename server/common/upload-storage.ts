import { PayloadTooLargeException } from '@nestjs/common';
import type { Request } from 'express';
import type { StorageEngine } from 'multer';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Room a multipart request needs beyond its files' bytes (boundaries, part headers). */
const MULTIPART_SLACK = 1024 * 1024;

const megabytes = (bytes: number) => Math.round(bytes / 1024 ** 2);

/** The refusal of an upload over the limit: what the limit is and what to do. */
export function uploadTooLarge(maxBytes: number): PayloadTooLargeException {
  return new PayloadTooLargeException(
    `アップロードの合計が上限(${megabytes(maxBytes)} MB、IMPORT_MAX_MB)を超えています。ファイルを分けて送ってください(何も保存していません)`,
  );
}

/** Counts every file's bytes against what is left of one request's allowance. */
class RequestAllowance extends Transform {
  constructor(
    private readonly allowance: { left: number },
    private readonly maxBytes: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.allowance.left -= chunk.length;
    if (this.allowance.left < 0) done(uploadTooLarge(this.maxBytes));
    else done(null, chunk);
  }
}

/**
 * multer's storage for uploads: files on disk in `dir`, their total within `maxBytes` for the
 * whole request (not per file). A request announcing more is refused before a byte is stored;
 * one that sends more is stopped there, and multer removes every file it stored for it.
 */
export class LimitedDiskStorage implements StorageEngine {
  private readonly allowances = new WeakMap<Request, { left: number }>();

  constructor(
    private readonly dir: string,
    private readonly maxBytes: number,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  _handleFile(
    req: Request,
    file: Express.Multer.File,
    callback: (error?: unknown, info?: Partial<Express.Multer.File>) => void,
  ): void {
    let allowance = this.allowances.get(req);
    if (!allowance) {
      const announced = Number(req.headers['content-length']);
      if (announced > this.maxBytes + MULTIPART_SLACK) {
        callback(uploadTooLarge(this.maxBytes));
        return;
      }
      allowance = { left: this.maxBytes };
      this.allowances.set(req, allowance);
    }
    const filename = randomUUID();
    const path = join(this.dir, filename);
    const out = createWriteStream(path, { flags: 'wx' });
    pipeline(file.stream, new RequestAllowance(allowance, this.maxBytes), out).then(
      () => callback(null, { destination: this.dir, filename, path, size: out.bytesWritten }),
      async (error: unknown) => {
        // multer removes the files it was told were stored; this one it never was.
        await rm(path, { force: true });
        callback(error);
      },
    );
  }

  _removeFile(
    _req: Request,
    file: Express.Multer.File,
    callback: (error: Error | null) => void,
  ): void {
    rm(file.path, { force: true }).then(
      () => callback(null),
      (error: Error) => callback(error),
    );
  }
}
