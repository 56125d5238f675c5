import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  markupIn,
  mediaTypeOfName,
  parseScanName,
  ScanStore,
  sniffMediaType,
} from './scan-store.js';

describe('scan names', () => {
  it.each([
    ['R2021-000123.pdf', { receiptNo: 'R2021-000123', page: null, extension: 'pdf' }],
    ['R2021-000123-1.png', { receiptNo: 'R2021-000123', page: 1, extension: 'png' }],
    ['R2021-000123-12.JPG', { receiptNo: 'R2021-000123', page: 12, extension: 'jpg' }],
    ['R2021-000123-3.jpeg', { receiptNo: 'R2021-000123', page: 3, extension: 'jpg' }],
    ['R2021-000123.tif', { receiptNo: 'R2021-000123', page: null, extension: 'tif' }],
    ['R2021-000123-2.tiff', { receiptNo: 'R2021-000123', page: 2, extension: 'tif' }],
  ])('reads %s', (name, parsed) => expect(parseScanName(name)).toEqual(parsed));

  it.each(['R2021-000123-0.png', 'notes.txt', 'R2021-000123.gif', 'x-.png'])('refuses %s', (name) =>
    expect(parseScanName(name)).toBeNull(),
  );

  it('knows a file by its first bytes', () => {
    expect(sniffMediaType(Buffer.from('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe('image/png');
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffMediaType(Buffer.from([0x49, 0x49, 0x2a, 0x00]))).toBe('image/tiff');
    expect(sniffMediaType(Buffer.from([0x4d, 0x4d, 0x00, 0x2a]))).toBe('image/tiff');
    expect(sniffMediaType(Buffer.from('<html>'))).toBeNull();
  });

  it('takes no header followed by markup for a scan, nor a PNG without its IHDR', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const ihdr = Buffer.from([0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(sniffMediaType(Buffer.concat([png, ihdr]))).toBe('image/png');
    expect(
      sniffMediaType(Buffer.concat([png, Buffer.from('<html><script>x</script>')])),
    ).toBeNull();
    expect(
      sniffMediaType(Buffer.concat([png, Buffer.from('<!-- a comment, no header -->')])),
    ).toBeNull();
    expect(sniffMediaType(Buffer.from('%PDF-1.4\n<HTML><body>x</body></HTML>'))).toBeNull();
    expect(sniffMediaType(Buffer.from('%PDF-1.4\n<svg onload=alert(1)>'))).toBeNull();
    expect(markupIn(Buffer.from('%PDF-1.7\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>'))).toBe(false);
    expect(markupIn(Buffer.from('<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/">'))).toBe(
      false,
    );
  });

  it('reads the media type a name says', () => {
    expect(mediaTypeOfName('scan.PDF')).toBe('application/pdf');
    expect(mediaTypeOfName('R2021-000001-1.jpeg')).toBe('image/jpeg');
    expect(mediaTypeOfName('page.tiff')).toBe('image/tiff');
    expect(mediaTypeOfName('page.html')).toBeNull();
    expect(mediaTypeOfName('page')).toBeNull();
  });
});

describe('scan store', () => {
  it('keeps the same content once, under its SHA-256', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shinsa-scans-'));
    const a = join(dir, 'a.png');
    const b = join(dir, 'b.png');
    writeFileSync(a, 'same page');
    writeFileSync(b, 'same page');
    const store = new ScanStore(join(dir, 'store'));
    const first = await store.put(a, 'image/png');
    const second = await store.put(b, 'image/png');
    expect(first).toMatchObject({ stored: true, size: 9 });
    expect(second).toMatchObject({ stored: false, sha256: first.sha256 });
    expect(readdirSync(join(dir, 'store', first.sha256.slice(0, 2)))).toEqual([
      `${first.sha256}.png`,
    ]);
    expect(readdirSync(join(dir, 'store')).filter((n) => n.startsWith('.incoming'))).toEqual([]);
  });
});
