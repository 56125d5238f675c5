/**
 * The page images of a scanned PDF. Scanners write each page as one JPEG image (an image
 * XObject with /Filter /DCTDecode) whose stream is the JPEG file itself, so the pages can be
 * taken out without rendering the PDF. Images come in the order their objects appear, which is
 * the page order in the files scanners write. A PDF without such images yields none (it is
 * kept and shown as a PDF, but its pages are not read).
 */
export function extractJpegPages(pdf: Buffer): Buffer[] {
  const text = pdf.toString('latin1');
  const pages: Buffer[] = [];
  const objectStart = /(\d+)\s+(\d+)\s+obj\b/g;
  for (let match = objectStart.exec(text); match; match = objectStart.exec(text)) {
    const streamAt = text.indexOf('stream', match.index);
    const endObj = text.indexOf('endobj', match.index);
    if (streamAt < 0 || (endObj >= 0 && endObj < streamAt)) continue;
    const dictionary = text.slice(match.index, streamAt);
    if (!/\/Subtype\s*\/Image\b/.test(dictionary) || !/\/DCTDecode\b/.test(dictionary)) continue;
    // The stream's data starts after the end-of-line that follows the keyword.
    let start = streamAt + 'stream'.length;
    if (text[start] === '\r') start++;
    if (text[start] === '\n') start++;
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dictionary);
    let end = length ? start + Number(length[1]) : text.indexOf('endstream', start);
    if (end < start || end > pdf.length) continue;
    // Without a direct /Length, trim the end-of-line before `endstream`.
    if (!length) while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
    const jpeg = pdf.subarray(start, end);
    if (jpeg[0] === 0xff && jpeg[1] === 0xd8) pages.push(Buffer.from(jpeg));
    objectStart.lastIndex = end;
  }
  return pages;
}
