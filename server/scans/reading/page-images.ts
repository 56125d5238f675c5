import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type sharpOfLibvips from 'sharp';
import type { Metadata, Sharp } from 'sharp';

/** A page as pixels: raw RGB, 3 bytes a pixel, row after row (grey and bilevel scans too). */
export interface PageImage {
  width: number;
  height: number;
  data: Buffer;
}

/** One stored file opened for reading: its pages, rendered one at a time (memory stays flat). */
export interface ScanFile {
  kind: 'pdf' | 'png' | 'jpeg' | 'tiff';
  pageCount: number;
  /** Page `index` (0-based) as an image for reading, at about {@link READING_DPI}. */
  page(index: number): Promise<PageImage>;
  close(): Promise<void>;
}

/** A file that cannot be read: kept and shown as it came, listed with the reason for a person. */
export interface UnreadFile {
  unread: string;
}

/**
 * Resolution pages are read at: Japanese print at 10 pt is then about 28 px high, which the OCR
 * reads as well as at 300 dpi in less than half the time.
 */
export const READING_DPI = 200;
/** An A4 page's short side at {@link READING_DPI}. */
const READING_SHORT_SIDE = Math.round(8.27 * READING_DPI);
/** A3 at the reading resolution: larger pages (or absurd MediaBoxes) are scaled down to it. */
const MAX_SIDE = Math.round(16.54 * READING_DPI);
/** Pages are kept for display at most this wide: an A4 page at 150 dpi, readable on a screen. */
export const DISPLAY_WIDTH = 1240;

const require = createRequire(import.meta.url);
const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));

/**
 * sharp (libvips), loaded when a page is first read: a process that reads no scan (the CLI's
 * import, most of its commands) does not pay for loading it.
 */
export const sharp = ((...args: unknown[]) =>
  (require('sharp') as (...a: unknown[]) => Sharp)(...args)) as unknown as typeof sharpOfLibvips;
const PDFJS_ASSETS = {
  cMapUrl: join(PDFJS_DIR, 'cmaps') + '/',
  standardFontDataUrl: join(PDFJS_DIR, 'standard_fonts') + '/',
  wasmUrl: join(PDFJS_DIR, 'wasm') + '/',
  iccUrl: join(PDFJS_DIR, 'iccs') + '/',
};

/** What pdfjs' Node canvas factory (@napi-rs/canvas) gives: the 2D context of the DOM's API. */
interface CanvasAndContext {
  canvas: unknown;
  context: {
    fillStyle: string;
    fillRect(x: number, y: number, w: number, h: number): void;
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  };
}
interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(canvasAndContext: CanvasAndContext): void;
}

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<Pdfjs> | undefined;
/** pdfjs-dist is ESM only; loaded once, when the first PDF comes. */
function loadPdfjs(): Promise<Pdfjs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/**
 * Opens a stored file (its bytes and media type) for reading: a PDF through pdfjs (every filter
 * a scanner writes — JPEG, Flate, CCITT G4, JBIG2, JPX —, /Rotate, mixed page sizes, encrypted
 * with an empty user password), PNG, JPEG and (multi-page) TIFF through sharp. A file that
 * cannot be read gives the reason in Japanese, for the person who will look at it instead.
 */
export async function openScan(bytes: Buffer, mediaType: string): Promise<ScanFile | UnreadFile> {
  const type = mediaType.toLowerCase();
  if (type === 'application/pdf') return openPdf(bytes);
  if (['image/png', 'image/jpeg', 'image/jpg', 'image/tiff'].includes(type)) {
    return openImage(bytes);
  }
  return {
    unread: `読み取れない形式のファイルです(${mediaType})。そのまま表示して確認してください`,
  };
}

async function openPdf(bytes: Buffer): Promise<ScanFile | UnreadFile> {
  const { getDocument } = await loadPdfjs();
  const task = getDocument({ data: new Uint8Array(bytes), ...PDFJS_ASSETS, verbosity: 0 });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy();
    if ((e as Error).name === 'PasswordException') {
      return {
        unread:
          'パスワードで保護されたPDFのため読み取れません。紙の原本か、保護のないPDFで確認してください',
      };
    }
    return {
      unread: `PDFとして開けません(${(e as Error).message})。ファイルが壊れていないか確認してください`,
    };
  }
  return {
    kind: 'pdf',
    pageCount: doc.numPages,
    async page(index) {
      const page = await doc.getPage(index + 1);
      try {
        // The default viewport applies the page's /Rotate.
        const unscaled = page.getViewport({ scale: 1 });
        const long = Math.max(unscaled.width, unscaled.height);
        const scale = Math.min(READING_DPI / 72, MAX_SIDE / long);
        const viewport = page.getViewport({ scale });
        const width = Math.max(1, Math.round(viewport.width));
        const height = Math.max(1, Math.round(viewport.height));
        // The document's own canvas factory: a canvas made elsewhere crashed the renderer.
        const factory = doc.canvasFactory as CanvasFactory;
        const { canvas, context } = factory.create(width, height);
        context.fillStyle = '#ffffff';
        context.fillRect(0, 0, width, height);
        await page.render({ canvasContext: context, canvas, viewport } as unknown as Parameters<
          typeof page.render
        >[0]).promise;
        const rgba = context.getImageData(0, 0, width, height).data;
        const data = await sharp(Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength), {
          raw: { width, height, channels: 4 },
        })
          .removeAlpha()
          .raw()
          .toBuffer();
        factory.destroy({ canvas, context });
        return { width, height, data };
      } finally {
        page.cleanup();
      }
    },
    close: () => doc.destroy(),
  };
}

async function openImage(bytes: Buffer): Promise<ScanFile | UnreadFile> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch (e) {
    return {
      unread: `画像として開けません(${(e as Error).message})。ファイルが壊れていないか確認してください`,
    };
  }
  const kind = meta.format === 'png' ? 'png' : meta.format === 'tiff' ? 'tiff' : 'jpeg';
  return {
    kind,
    pageCount: meta.pages ?? 1,
    page: async (index) => readingImage(sharp(bytes, { page: index, limitInputPixels: 2e8 })),
    close: async () => undefined,
  };
}

/**
 * An image page at the reading resolution: turned upright by its EXIF orientation, flattened
 * on white, as RGB, and scaled so that an A4 page is about {@link READING_DPI} (a 600 dpi scan
 * or a phone photo shrinks; a small page is kept).
 */
async function readingImage(image: Sharp): Promise<PageImage> {
  const upright = await image
    .rotate()
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height, channels } = upright.info;
  const scale = Math.min(
    1,
    READING_SHORT_SIDE / Math.min(width, height),
    MAX_SIDE / Math.max(width, height),
  );
  const raw = { width, height, channels };
  const pipeline = sharp(upright.data, { raw });
  const resized =
    scale < 0.95
      ? pipeline.resize(Math.round(width * scale), Math.round(height * scale), {
          kernel: 'lanczos3',
        })
      : pipeline;
  const out = await resized.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: out.info.width, height: out.info.height, data: out.data };
}

/** A page as the console shows it: RGB PNG at most {@link DISPLAY_WIDTH} wide. */
export async function displayRendition(page: PageImage): Promise<Buffer> {
  return sharp(page.data, { raw: { width: page.width, height: page.height, channels: 3 } })
    .resize({ width: DISPLAY_WIDTH, withoutEnlargement: true })
    .png({ compressionLevel: 6 })
    .toBuffer();
}

/** sharp's view of a page, for the steps after reading (deskew, crops, OCR input). */
export function sharpOf(page: PageImage): Sharp {
  return sharp(page.data, { raw: { width: page.width, height: page.height, channels: 3 } });
}
