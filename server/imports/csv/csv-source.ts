import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, TransformCallback } from 'node:stream';

/** How a file's bytes were read: what the import report shows. */
export type FileEncoding = 'utf8' | 'utf8-bom' | 'cp932';

const SAMPLE_BYTES = 64 * 1024;

/** True when `bytes` are valid UTF-8, allowing one multi-byte character cut off at the end. */
export function isUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const extra =
      b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (extra < 0) return false;
    for (let k = 1; k <= extra; k++) {
      if (i + k >= n) return true; // cut off by the sample's end
      if ((bytes[i + k] & 0xc0) !== 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

/**
 * Windows-31J (CP932) or UTF-8, with or without BOM, from the first bytes: a BOM says UTF-8;
 * bytes that are valid UTF-8 are UTF-8 (Japanese CP932 text practically never is); else CP932.
 */
export function detectEncoding(sample: Uint8Array): FileEncoding {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return 'utf8-bom';
  }
  return isUtf8(sample) ? 'utf8' : 'cp932';
}

export async function detectFileEncoding(path: string): Promise<FileEncoding> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return detectEncoding(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** A file that cannot be read as CSV at all: it is rejected whole. */
export class FileReadError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Strict UTF-8: a file that turns out not to be UTF-8 past the sample is refused, never garbled. */
class Utf8Decoder extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  private offset = 0;

  constructor() {
    super({ decodeStrings: true, readableObjectMode: false });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.push(this.decoder.decode(chunk, { stream: true }));
      this.offset += chunk.length;
      done();
    } catch {
      done(
        new FileReadError(
          `UTF-8 として読めないバイトがあります(${this.offset + 1} バイト目以降)。文字コードを UTF-8 か Shift_JIS(CP932)に揃えて保存し直してください`,
          0,
        ),
      );
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      this.push(this.decoder.decode());
      done();
    } catch {
      done(new FileReadError('ファイルの末尾で UTF-8 の文字が途切れています', 0));
    }
  }
}

export interface CsvRecord {
  /** Line in the file where the record starts (the header is line 1). */
  line: number;
  cells: string[];
}

/**
 * Streams a CSV file as records with their line numbers. Quoted fields may hold commas, quotes
 * and line breaks; blank lines are skipped (their lines still count).
 */
export async function* readCsv(path: string, encoding: FileEncoding): AsyncGenerator<CsvRecord> {
  const bytes = createReadStream(path, { highWaterMark: 1024 * 1024 });
  const decoder =
    encoding === 'cp932'
      ? (iconv.decodeStream('cp932') as unknown as Transform)
      : new Utf8Decoder();
  const parser = parse({
    relax_column_count: true,
    relax_quotes: true,
    bom: true,
    // CRLF or LF, even mixed in one file (a hand-edited export)
    record_delimiter: ['\r\n', '\n'],
  });
  bytes.on('error', (error) => parser.destroy(error));
  decoder.on('error', (error) => parser.destroy(error));
  bytes.pipe(decoder).pipe(parser);
  let line = 1;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      const start = line;
      let breaks = 0;
      for (const cell of cells) {
        if (cell.length > 0 && cell.includes('\n')) breaks += cell.split('\n').length - 1;
      }
      line += 1 + breaks;
      if (cells.length === 1 && cells[0] === '') continue;
      yield { line: start, cells };
    }
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    const csvError = error as { code?: string; lines?: number; message: string };
    if (csvError.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new FileReadError(
        `引用符「"」が閉じられていません(${csvError.lines ?? line} 行目までに対応する「"」がありません)`,
        line,
      );
    }
    if (csvError.code?.startsWith('CSV_') || csvError.code?.startsWith('INVALID_')) {
      throw new FileReadError(`CSV として読めません: ${csvError.message}`, csvError.lines ?? line);
    }
    throw error;
  } finally {
    bytes.destroy();
  }
}
