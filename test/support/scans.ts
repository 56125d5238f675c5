/** A minimal scanner-like PDF: one page a JPEG image. */
export function scannedPdf(pages: Buffer[], directLength = true): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let n = 3;
  const kids: string[] = [];
  for (const page of pages) {
    const image = n++;
    const pageObj = n++;
    kids.push(`${pageObj} 0 R`);
    const length = directLength ? `${page.length}` : `${n} 0 R`;
    parts.push(
      Buffer.from(
        `${image} 0 obj\n<< /Type /XObject /Subtype /Image /Width 10 /Height 10 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${length} >>\nstream\n`,
        'latin1',
      ),
      page,
      Buffer.from(`\nendstream\nendobj\n`, 'latin1'),
    );
    if (!directLength) parts.push(Buffer.from(`${n++} 0 obj\n${page.length}\nendobj\n`, 'latin1'));
    parts.push(
      Buffer.from(
        `${pageObj} 0 obj\n<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Im0 ${image} 0 R >> >> /MediaBox [0 0 595 842] >>\nendobj\n`,
        'latin1',
      ),
    );
  }
  parts.push(
    Buffer.from(
      `1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages.length} >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(parts);
}
