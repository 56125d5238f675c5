/*
 * What a scanner does to a page: rasterise (pdfjs, as the page came out of the printer), then
 * JPEG at low quality, a few degrees of skew or a page fed sideways or upside down, noise, grey,
 * bilevel; and the files a scanner or a person writes: one PDF of JPEG pages, a bilevel PDF
 * with CCITT G4 pages (office copiers in black-and-white mode), an encrypted PDF, pages stored
 * sideways with /Rotate, PNG, JPEG and multi-page TIFF.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';

const require = createRequire(import.meta.url);
const PDFJS_DIR = dirname(require.resolve('pdfjs-dist/package.json'));
let pdfjs;

/** The drawn page as a 200 dpi RGB image (what a clean scan of the printout gives). */
export async function rasterise(pdf, dpi = 200) {
  pdfjs ??= await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(pdf),
    standardFontDataUrl: join(PDFJS_DIR, 'standard_fonts') + '/',
    wasmUrl: join(PDFJS_DIR, 'wasm') + '/',
    isEvalSupported: false,
    verbosity: Number(process.env.PDFJS_VERBOSITY ?? 0),
  }).promise;
  try {
    const page = await doc.getPage(1);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const width = Math.round(viewport.width);
    const height = Math.round(viewport.height);
    const { canvas, context } = doc.canvasFactory.create(width, height);
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    await page.render({ canvasContext: context, canvas, viewport }).promise;
    const rgba = context.getImageData(0, 0, width, height).data;
    const data = await sharp(Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength), {
      raw: { width, height, channels: 4 },
    })
      .removeAlpha()
      .raw()
      .toBuffer();
    return { width, height, data };
  } finally {
    await doc.destroy();
  }
}

const of = (img) => sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });
const raw = async (pipeline) => {
  const { data, info } = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.channels === 1) {
    return raw(sharp(data, { raw: { ...info, channels: 1 } }).toColourspace('srgb'));
  }
  return { width: info.width, height: info.height, data };
};

/** Turns the page by `degrees` (any angle), the corners filled with the scanner's white. */
export async function rotate(img, degrees) {
  return raw(of(img).rotate(degrees, { background: '#ffffff' }));
}

/** Sensor noise and a grey cast, as a cheap scanner or a copy of a copy gives. */
export async function addNoise(img, rand) {
  const noise = await sharp({
    create: {
      width: img.width,
      height: img.height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 22 + Math.round(rand() * 14) },
    },
  })
    .png()
    .toBuffer();
  const speckles = speckleSvg(img.width, img.height, rand);
  return raw(
    of(img)
      .composite([
        { input: noise, blend: 'soft-light' },
        { input: Buffer.from(speckles), blend: 'over' },
      ])
      .linear(0.92, 6),
  );
}

function speckleSvg(width, height, rand) {
  const dots = [];
  for (let i = 0; i < 400; i++) {
    const x = Math.round(rand() * width);
    const y = Math.round(rand() * height);
    dots.push(`<circle cx="${x}" cy="${y}" r="${(1 + rand() * 1.5).toFixed(1)}" fill="#333"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${dots.join('')}</svg>`;
}

/** A greyscale scan: colour lost (the red seal becomes a mid grey), paper a little grey. */
export async function grey(img) {
  return raw(of(img).greyscale().linear(0.9, 14));
}

/** A JPEG round trip at `quality` (q40: blocky, ringing around the letters). */
export async function jpegRoundTrip(img, quality) {
  const jpg = await of(img).jpeg({ quality, chromaSubsampling: '4:2:0' }).toBuffer();
  return raw(sharp(jpg));
}

/** One bit a pixel, as an office copier in black-and-white mode: `threshold` of 0–255. */
export async function bilevel(img, threshold = 170) {
  return raw(of(img).extractChannel(1).threshold(threshold));
}

export const jpegOf = (img, quality = 85) => of(img).jpeg({ quality }).toBuffer();
export const pngOf = (img) => of(img).png({ compressionLevel: 6 }).toBuffer();

/** A multi-page TIFF (LZW), as some scanners save an envelope (pages of one size). */
export async function tiffOf(imgs) {
  const width = imgs[0].width;
  const height = imgs[0].height;
  const pages = await Promise.all(
    imgs.map((i) =>
      of(i).resize(width, height, { fit: 'contain', background: '#fff' }).raw().toBuffer(),
    ),
  );
  return sharp(Buffer.concat(pages), {
    raw: { width, height: height * imgs.length, channels: 3, pageHeight: height },
  })
    .tiff({ compression: 'lzw' })
    .toBuffer();
}

/**
 * A scanner's PDF: each page one image XObject filling the page, in order. `pages` hold
 * `{ kind: 'jpeg', bytes, width, height, rotate? }` (DCTDecode: the JPEG file as the stream),
 * `{ kind: 'ccitt', strips, width, height }` (CCITTFaxDecode, G4) or `{ kind: 'flate', img }`.
 * `rotate` sets the page's /Rotate (a page stored sideways that viewers turn upright).
 */
export function scannerPdf(pages) {
  const objects = [];
  const add = (body) => {
    objects.push(body);
    return objects.length + 2;
  };
  const kids = [];
  for (const p of pages) {
    // The page is the image at the scanner's 200 dpi: a sheet fed sideways gives a landscape page.
    const wPt = (p.width * 72) / 200;
    const hPt = (p.height * 72) / 200;
    const [mw, mh] = p.rotate === 90 || p.rotate === 270 ? [wPt, hPt] : [wPt, hPt];
    const draws = [];
    const xobjects = [];
    if (p.kind === 'ccitt') {
      let y = 0;
      p.strips.forEach((strip, k) => {
        const rows = strip.rows;
        const dict = `<< /Type /XObject /Subtype /Image /Width ${p.width} /Height ${rows} /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns ${p.width} /Rows ${rows} /BlackIs1 ${p.blackIs1 ? 'true' : 'false'} >> /Length ${strip.bytes.length} >>`;
        const id = add([
          Buffer.from(`${dict}\nstream\n`, 'latin1'),
          strip.bytes,
          Buffer.from('\nendstream', 'latin1'),
        ]);
        xobjects.push(`/S${k} ${id} 0 R`);
        const sh = (hPt * rows) / p.height;
        const top = hPt - (hPt * y) / p.height - sh;
        draws.push(`q ${wPt.toFixed(2)} 0 0 ${sh.toFixed(4)} 0 ${top.toFixed(4)} cm /S${k} Do Q`);
        y += rows;
      });
    } else {
      const isJpeg = p.kind === 'jpeg';
      const bytes = isJpeg ? p.bytes : deflateSync(p.img.data);
      const dict = `<< /Type /XObject /Subtype /Image /Width ${p.width} /Height ${p.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /${isJpeg ? 'DCTDecode' : 'FlateDecode'} /Length ${bytes.length} >>`;
      const id = add([
        Buffer.from(`${dict}\nstream\n`, 'latin1'),
        bytes,
        Buffer.from('\nendstream', 'latin1'),
      ]);
      xobjects.push(`/Im0 ${id} 0 R`);
      draws.push(`q ${wPt.toFixed(2)} 0 0 ${hPt.toFixed(2)} 0 0 cm /Im0 Do Q`);
    }
    const content = Buffer.from(draws.join('\n'), 'latin1');
    const contentId = add([
      Buffer.from(`<< /Length ${content.length} >>\nstream\n`, 'latin1'),
      content,
      Buffer.from('\nendstream', 'latin1'),
    ]);
    const rotate = p.rotate ? ` /Rotate ${p.rotate}` : '';
    const pageId = add([
      Buffer.from(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${mw.toFixed(2)} ${mh.toFixed(2)}]${rotate} /Resources << /XObject << ${xobjects.join(' ')} >> >> /Contents ${contentId} 0 R >>`,
        'latin1',
      ),
    ]);
    kids.push(`${pageId} 0 R`);
  }
  const head = Buffer.from('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const parts = [head];
  const offsets = [];
  let at = head.length;
  const emit = (n, chunks) => {
    offsets[n] = at;
    const all = [
      Buffer.from(`${n} 0 obj\n`, 'latin1'),
      ...chunks,
      Buffer.from('\nendobj\n', 'latin1'),
    ];
    for (const c of all) {
      parts.push(c);
      at += c.length;
    }
  };
  emit(1, [Buffer.from('<< /Type /Catalog /Pages 2 0 R >>', 'latin1')]);
  emit(2, [
    Buffer.from(`<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`, 'latin1'),
  ]);
  objects.forEach((chunks, i) => emit(i + 3, chunks));
  const size = objects.length + 3;
  const xref = [`xref\n0 ${size}\n0000000000 65535 f \n`];
  for (let n = 1; n < size; n++) xref.push(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
  parts.push(
    Buffer.from(
      `${xref.join('')}trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`,
      'latin1',
    ),
  );
  return Buffer.concat(parts);
}

/** A scanner PDF page of a colour or grey image, as JPEG (optionally stored sideways). */
export async function jpegPdfPage(img, quality = 85, rotate = 0) {
  // Stored sideways: the image is turned back, and /Rotate turns it upright on display.
  const stored = rotate ? await raw(of(img).rotate(360 - rotate)) : img;
  return {
    kind: 'jpeg',
    bytes: await jpegOf(stored, quality),
    width: stored.width,
    height: stored.height,
    rotate,
  };
}

/** A bilevel page as CCITT G4 strips (sharp writes the TIFF; its strips become the images). */
export async function ccittPdfPage(img, threshold = 170) {
  const tiff = await of(img)
    .extractChannel(1)
    .threshold(threshold)
    .tiff({ compression: 'ccittfax4', bitdepth: 1 })
    .toBuffer();
  const t = readTiff(tiff);
  // libtiff codes the 0 bits as white runs; with BlackIsZero those are the black pixels.
  return {
    kind: 'ccitt',
    width: t.width,
    height: t.height,
    strips: t.strips,
    blackIs1: t.photometric === 1,
  };
}

function readTiff(tiff) {
  const le = tiff[0] === 0x49;
  const u16 = (o) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  const tags = new Map();
  for (let i = 0; i < u16(ifd); i++) {
    const e = ifd + 2 + i * 12;
    const [tag, type, count] = [u16(e), u16(e + 2), u32(e + 4)];
    const size = type === 3 ? 2 : 4;
    const read = (o) => (type === 3 ? u16(o) : u32(o));
    const base = count * size <= 4 ? e + 8 : u32(e + 8);
    tags.set(
      tag,
      Array.from({ length: count }, (_, k) => read(base + k * size)),
    );
  }
  const width = tags.get(256)[0];
  const height = tags.get(257)[0];
  const perStrip = tags.get(278)?.[0] ?? height;
  const offsets = tags.get(273);
  const counts = tags.get(279);
  const strips = offsets.map((o, k) => ({
    bytes: tiff.subarray(o, o + counts[k]),
    rows: Math.min(perStrip, height - k * perStrip),
  }));
  return { width, height, strips, photometric: tags.get(262)[0] };
}

/** An encrypted PDF (AES, empty user password, an owner password), one JPEG page a page. */
export async function encryptedPdf(imgs) {
  const doc = new PDFDocument({
    autoFirstPage: false,
    userPassword: '',
    ownerPassword: 'scanner-owner',
    pdfVersion: '1.7ext3',
    permissions: { printing: 'highResolution', copying: false, modifying: false },
  });
  const chunks = [];
  doc.on('data', (c) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (const img of imgs) {
    const w = 595.28;
    const h = (w * img.height) / img.width;
    doc.addPage({ size: [w, h], margin: 0 });
    doc.image(await jpegOf(img), 0, 0, { width: w, height: h });
  }
  doc.end();
  return done;
}
