import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import * as fx from '../../../test/support/scan-pages/effects.mjs';
import { displayRendition, openScan, type PageImage, type ScanFile } from './page-images.js';

/** A small test page: white, a black bar across the top and a red square at the top left. */
async function testPage(width = 600, height = 848): Promise<PageImage> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#fff"/>
    <rect x="40" y="40" width="${width - 80}" height="30" fill="#000"/>
    <rect x="40" y="120" width="80" height="80" fill="#d8262e"/></svg>`;
  const { data, info } = await sharp(Buffer.from(svg))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

const pixel = (img: PageImage, x: number, y: number) => {
  const i = (Math.round(y) * img.width + Math.round(x)) * 3;
  return [img.data[i], img.data[i + 1], img.data[i + 2]];
};
const isDark = ([r, g, b]: number[]) => r + g + b < 200;
const isRed = ([r, g, b]: number[]) => r > 150 && g < 110 && b < 110;

async function pagesOf(bytes: Buffer, mediaType: string): Promise<PageImage[]> {
  const file = await openScan(bytes, mediaType);
  if ('unread' in file) throw new Error(file.unread);
  const pages = [];
  for (let i = 0; i < file.pageCount; i++) pages.push(await file.page(i));
  await file.close();
  return pages;
}

/** The bar is at the top, the red square at the top left: the page stands as drawn. */
function expectUpright(page: PageImage) {
  expect(page.height).toBeGreaterThan(page.width);
  expect(isDark(pixel(page, page.width / 2, page.height * (55 / 848)))).toBe(true);
  expect(isDark(pixel(page, page.width / 2, page.height * 0.5))).toBe(false);
}

describe('page images', () => {
  let page: PageImage;
  beforeAll(async () => {
    page = await testPage();
  });

  it('renders a scanner PDF of JPEG pages at the reading resolution, 200 dpi', async () => {
    const pdf = fx.scannerPdf([await fx.jpegPdfPage(page), await fx.jpegPdfPage(page)]);
    const pages = await pagesOf(pdf, 'application/pdf');
    expect(pages).toHaveLength(2);
    // The test page is 600 px wide at the scanner's 200 dpi: it comes back at that size.
    expect(pages[0].width).toBe(600);
    expectUpright(pages[0]);
    expect(isRed(pixel(pages[0], pages[0].width * (80 / 600), pages[0].height * (160 / 848)))).toBe(
      true,
    );
  });

  it('renders bilevel CCITT G4 pages (office copiers in black-and-white mode)', async () => {
    const pdf = fx.scannerPdf([await fx.ccittPdfPage(page)]);
    const [read] = await pagesOf(pdf, 'application/pdf');
    expectUpright(read);
  });

  it('turns a page stored sideways upright by its /Rotate', async () => {
    const pdf = fx.scannerPdf([await fx.jpegPdfPage(page, 85, 90)]);
    const [read] = await pagesOf(pdf, 'application/pdf');
    expectUpright(read);
  });

  it('opens an encrypted PDF with an empty user password', async () => {
    const [read] = await pagesOf(await fx.encryptedPdf([page]), 'application/pdf');
    expectUpright(read);
  });

  it('renders mixed page sizes each at its own size', async () => {
    const doc = new PDFDocument({ autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((resolve) =>
      doc.on('end', () => resolve(Buffer.concat(chunks))),
    );
    doc.addPage({ size: 'A4' }).text('A4');
    doc.addPage({ size: 'A5', layout: 'landscape' }).text('A5');
    doc.end();
    const pages = await pagesOf(await done, 'application/pdf');
    expect(pages.map((p) => [p.width, p.height])).toEqual([
      [1654, 2339],
      [1654, 1165],
    ]);
  });

  it('keeps a password-protected or broken PDF unread, with the reason in Japanese', async () => {
    const doc = new PDFDocument({ userPassword: 'secret', ownerPassword: 'owner' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((resolve) =>
      doc.on('end', () => resolve(Buffer.concat(chunks))),
    );
    doc.text('confidential');
    doc.end();
    expect(await openScan(await done, 'application/pdf')).toEqual({
      unread: expect.stringContaining('パスワード'),
    });
    expect(await openScan(Buffer.from('%PDF-1.4 garbage'), 'application/pdf')).toEqual({
      unread: expect.stringContaining('PDFとして開けません'),
    });
    expect(await openScan(Buffer.from('hello'), 'text/plain')).toEqual({
      unread: expect.stringContaining('読み取れない形式'),
    });
  });

  it('reads PNG, JPEG and multi-page TIFF, a large scan scaled to the reading resolution', async () => {
    const [big] = await pagesOf(await fx.pngOf(await testPage(2480, 3508)), 'image/png');
    expect([big.width, big.height]).toEqual([1654, 2340]);
    const [png] = await pagesOf(await fx.pngOf(page), 'image/png');
    expectUpright(png);
    const [jpeg] = await pagesOf(await fx.jpegOf(page), 'image/jpeg');
    expectUpright(jpeg);
    const tiff = await openScan(await fx.tiffOf([page, page, page]), 'image/tiff');
    expect((tiff as ScanFile).pageCount).toBe(3);
    expectUpright(await (tiff as ScanFile).page(2));
    expect(await openScan(Buffer.from('not an image'), 'image/png')).toEqual({
      unread: expect.stringContaining('画像として開けません'),
    });
  });

  it('gives an RGB PNG at most 1,240 px wide for display', async () => {
    const a4 = await testPage(1654, 2339);
    const [read] = await pagesOf(fx.scannerPdf([await fx.jpegPdfPage(a4)]), 'application/pdf');
    const meta = await sharp(await displayRendition(read)).metadata();
    expect([meta.format, meta.width, meta.channels]).toEqual(['png', 1240, 3]);
  });
});
