import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import {
  fileEntry,
  MANIFEST_ENTRY,
  manifestProblems,
  type BackupManifest,
} from './backup-manifest.js';

/** The backup file cannot be restored: what is wrong with it, in Japanese. */
export class BackupFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
  }
}

/** Calls `onEntry` for every entry of the archive in order; its stream must be read or drained. */
export async function readEntries(
  file: string,
  onEntry: (name: string, size: number, stream: Readable) => Promise<void>,
): Promise<void> {
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    onEntry(header.name, header.size ?? 0, stream).then(
      () => next(),
      (error: Error) => extract.destroy(error),
    );
  });
  await pipeline(createReadStream(file), createGunzip(), extract);
}

/**
 * Reads the whole file once before anything is touched: every entry's size and sha256 against
 * the manifest (the last entry), and the manifest against this code's migrations. A truncated or
 * corrupt file is named here, not halfway through a restore.
 */
export async function verifyBackup(
  file: string,
  knownMigrations: readonly string[],
): Promise<BackupManifest> {
  const seen = new Map<string, { size: number; sha256: string }>();
  let manifestText: string | null = null;
  try {
    await readEntries(file, async (name, _size, stream) => {
      const hash = createHash('sha256');
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        hash.update(chunk);
        size += chunk.length;
        if (name === MANIFEST_ENTRY) chunks.push(chunk);
      }
      if (name === MANIFEST_ENTRY) manifestText = Buffer.concat(chunks).toString('utf8');
      else seen.set(name, { size, sha256: hash.digest('hex') });
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BackupFileError(file, [
      code === 'ENOENT'
        ? 'ファイルがありません'
        : `ファイルが壊れているか、途中で切れています(${(error as Error).message})。別のバックアップを使ってください`,
    ]);
  }
  if (manifestText === null) {
    throw new BackupFileError(file, [
      'manifest.json がありません(Shinsa のバックアップでないか、途中で切れています)',
    ]);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestText);
  } catch (error) {
    throw new BackupFileError(file, [
      `manifest.json が JSON として読めません(${(error as Error).message})`,
    ]);
  }
  const problems = manifestProblems(manifest, knownMigrations);
  if (problems.length > 0) throw new BackupFileError(file, problems);
  const m = manifest as BackupManifest;
  const expected = [
    ...m.tables.map((t) => ({ name: t.entry, size: t.bytes, sha256: t.sha256 })),
    ...m.files.map((f) => ({ name: fileEntry(f.path), size: f.size, sha256: f.sha256 })),
  ];
  for (const e of expected) {
    const found = seen.get(e.name);
    if (!found) problems.push(`${e.name} がありません`);
    else if (found.size !== e.size || found.sha256 !== e.sha256) {
      problems.push(`${e.name} の中身が manifest.json と一致しません(壊れています)`);
    }
  }
  if (problems.length > 0) throw new BackupFileError(file, problems);
  return m;
}
