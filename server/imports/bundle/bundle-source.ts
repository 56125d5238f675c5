import { createWriteStream } from 'node:fs';
import { lstat, mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { FILE_SPECS } from '../csv/file-specs.js';

/** The bundle as a whole cannot be imported: missing, unsafe or not a bundle. Exit status 2. */
export class BundleError extends Error {}

export interface BundleLimits {
  /** Total uncompressed bytes a zip may expand to. */
  maxBytes: number;
  /** Number of entries a zip may hold. */
  maxEntries: number;
  /** Largest expansion ratio of one entry (uncompressed / compressed) above 1 MB. */
  maxRatio: number;
}

export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  maxBytes: 2 * 1024 ** 3,
  maxEntries: 100_000,
  maxRatio: 200,
};

export interface ScanFile {
  /** Name inside `scans/`, e.g. `R2021-000123-1.png`. */
  name: string;
  path: string;
}

export interface Bundle {
  /** Folder the files were read from. */
  root: string;
  /** Known CSV files present: file name → absolute path. */
  files: Map<string, string>;
  scans: ScanFile[];
  /** Files present that are not part of formats.md: reported as warnings. */
  ignored: string[];
}

const KNOWN = new Set(FILE_SPECS.map((s) => s.file));
const IGNORED_NAMES = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

/**
 * The folder holding the files: the given one, or its only subfolder when the files sit one
 * level down (a zip of a folder).
 */
async function findRoot(dir: string): Promise<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  const visible = entries.filter((e) => !e.name.startsWith('.') && e.name !== '__MACOSX');
  if (visible.some((e) => e.isFile() && KNOWN.has(e.name.toLowerCase()))) return dir;
  const dirs = visible.filter((e) => e.isDirectory() && e.name !== 'scans');
  if (dirs.length === 1 && visible.every((e) => e.isDirectory())) {
    return findRoot(join(dir, dirs[0].name));
  }
  return dir;
}

async function listBundle(dir: string): Promise<Bundle> {
  const root = await findRoot(dir);
  const files = new Map<string, string>();
  const ignored: string[] = [];
  const scans: ScanFile[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || IGNORED_NAMES.has(entry.name) || entry.name === '__MACOSX') {
      continue;
    }
    const lower = entry.name.toLowerCase();
    if (entry.isFile() && KNOWN.has(lower)) files.set(lower, join(root, entry.name));
    else if (entry.isDirectory() && lower === 'scans') {
      for (const scan of await readdir(join(root, entry.name), { withFileTypes: true })) {
        if (scan.isFile() && !scan.name.startsWith('.')) {
          scans.push({ name: scan.name, path: join(root, entry.name, scan.name) });
        } else if (!scan.name.startsWith('.')) ignored.push(`scans/${scan.name}`);
      }
    } else ignored.push(entry.isDirectory() ? `${entry.name}/` : entry.name);
  }
  scans.sort((a, b) => a.name.localeCompare(b.name));
  if (files.size === 0 && scans.length === 0) {
    throw new BundleError(
      `取り込めるファイルがありません(${[...KNOWN].join('、')} または scans/ を入れてください)`,
    );
  }
  return { root, files, scans, ignored };
}

/** Why a zip entry's name is refused, or null when it stays inside the target folder. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes('\0')) return 'ファイル名に NUL 文字があります';
  if (name.includes('\\')) return 'ファイル名に「\\」があります';
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return '絶対パスです';
  if (name.split('/').some((part) => part === '..')) return '「..」で上のフォルダを指しています';
  return null;
}

/** Counts bytes as they stream and stops once the bundle's allowance is used up. */
class ByteLimit extends Transform {
  constructor(
    private readonly allowance: { left: number },
    private readonly entryName: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.allowance.left -= chunk.length;
    if (this.allowance.left < 0) {
      done(
        new BundleError(
          `展開後の大きさが上限を超えました(${this.entryName} の途中)。zip を分けて取り込んでください`,
        ),
      );
    } else done(null, chunk);
  }
}

/**
 * Expands a zip into `target` (which must not exist yet). Absolute paths, `..`, links, too many
 * entries and too many bytes are refused, and then nothing of the zip is left on disk.
 */
export async function extractZip(
  zipPath: string,
  target: string,
  limits: BundleLimits = DEFAULT_BUNDLE_LIMITS,
): Promise<void> {
  const targetRoot = resolve(target);
  await mkdir(dirname(targetRoot), { recursive: true });
  await mkdir(targetRoot);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, { strictFileNames: true, validateEntrySizes: true });
  } catch (error) {
    await rm(targetRoot, { recursive: true, force: true });
    throw new BundleError(`zip ファイルとして読めません(${(error as Error).message})`);
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new BundleError(
        `zip のファイル数(${zip.entryCount})が上限 ${limits.maxEntries} を超えています`,
      );
    }
    const allowance = { left: limits.maxBytes };
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      const problem = unsafeEntryName(name);
      if (problem) throw new BundleError(`zip 内の「${name}」は取り込めません: ${problem}`);
      const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
      if (mode === 0o120000) {
        throw new BundleError(
          `zip 内の「${name}」はリンク(シンボリックリンク)のため取り込めません`,
        );
      }
      const destination = resolve(targetRoot, name);
      if (destination !== targetRoot && !destination.startsWith(targetRoot + sep)) {
        throw new BundleError(`zip 内の「${name}」は展開先の外を指しています`);
      }
      if (name.endsWith('/')) {
        await mkdir(destination, { recursive: true });
        continue;
      }
      if (entry.isEncrypted()) throw new BundleError(`zip 内の「${name}」は暗号化されています`);
      if (entry.uncompressedSize > allowance.left) {
        throw new BundleError(
          `zip の展開後の大きさが上限(${Math.round(limits.maxBytes / 1024 ** 2)} MB)を超えます(${name})。zip を分けて取り込んでください`,
        );
      }
      if (
        entry.uncompressedSize > 1024 ** 2 &&
        entry.uncompressedSize > limits.maxRatio * Math.max(entry.compressedSize, 1)
      ) {
        throw new BundleError(
          `zip 内の「${name}」は圧縮率が異常に高く(zip 爆弾の疑い)、取り込めません`,
        );
      }
      await mkdir(dirname(destination), { recursive: true });
      // Every parent folder was created by us just now; refuse anything that is not a plain folder.
      const parent = await lstat(dirname(destination));
      if (!parent.isDirectory()) throw new BundleError(`zip 内の「${name}」の展開先が不正です`);
      const stream = await zip.openReadStreamPromise(entry);
      const out = createWriteStream(destination, { flags: 'wx' });
      await pipeline(stream, new ByteLimit(allowance, name), out);
    }
  } catch (error) {
    zip.close();
    await rm(targetRoot, { recursive: true, force: true });
    if (error instanceof BundleError) throw error;
    // yauzl checks names too, before we see them: say it in the same words as our own check.
    const unsafe =
      /^(invalid relative path|absolute path|invalid characters in fileName): (.*)$/.exec(
        (error as Error).message,
      );
    if (unsafe) {
      const reason =
        unsafe[1] === 'absolute path'
          ? '絶対パスです'
          : unsafe[1].startsWith('invalid relative')
            ? '「..」で上のフォルダを指しています'
            : '使えない文字があります';
      throw new BundleError(`zip 内の「${unsafe[2]}」は取り込めません: ${reason}`);
    }
    throw new BundleError(`zip を展開できません: ${(error as Error).message}`);
  }
}

async function isZip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const magic = Buffer.alloc(4);
    await handle.read(magic, 0, 4, 0);
    return magic.readUInt32LE(0) === 0x04034b50 || magic.readUInt32LE(0) === 0x06054b50;
  } finally {
    await handle.close();
  }
}

/**
 * Opens a bundle: a folder is read in place; a zip is expanded into `workDir` first.
 */
export async function openBundle(
  source: string,
  workDir: string,
  limits: BundleLimits = DEFAULT_BUNDLE_LIMITS,
): Promise<Bundle> {
  const info = await stat(source).catch(() => null);
  if (!info)
    throw new BundleError(`${source} がありません(フォルダか .zip ファイルを指定してください)`);
  if (info.isDirectory()) return listBundle(source);
  if (info.isFile() && (await isZip(source))) {
    const target = join(workDir, 'bundle');
    await extractZip(source, target, limits);
    return listBundle(target);
  }
  if (info.isFile() && KNOWN.has(basename(source).toLowerCase())) {
    // One CSV given directly: a bundle of one file.
    return {
      root: dirname(source),
      files: new Map([[basename(source).toLowerCase(), resolve(source)]]),
      scans: [],
      ignored: [],
    };
  }
  throw new BundleError(
    `${source} はフォルダでも zip でもありません(取り込むファイルを入れたフォルダか .zip を指定してください)`,
  );
}
