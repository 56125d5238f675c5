import jpeg from 'jpeg-js';
import { scannedPdf } from '../../test/support/scans.js';
import { extractJpegPages } from './pdf-images.js';

const photo = (width: number, shade: number) =>
  Buffer.from(
    jpeg.encode({ data: Buffer.alloc(width * 20 * 4, shade), width, height: 20 }, 90).data,
  );

describe('extractJpegPages', () => {
  it('takes out the JPEG of each page, in order, byte for byte', () => {
    const pages = [photo(30, 200), photo(40, 100)];
    expect(extractJpegPages(scannedPdf(pages))).toEqual(pages);
    expect(extractJpegPages(scannedPdf(pages, false))).toEqual(pages);
  });

  it('finds none in a PDF without page images', () => {
    expect(
      extractJpegPages(Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n')),
    ).toEqual([]);
  });
});
