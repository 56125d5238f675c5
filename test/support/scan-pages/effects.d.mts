/** Types of effects.mjs, for the specs. */
import type { Rand } from './draw.mjs';

export interface RgbImage {
  width: number;
  height: number;
  data: Buffer;
}
export interface PdfPage {
  kind: 'jpeg' | 'ccitt' | 'flate';
  width: number;
  height: number;
  rotate?: number;
  [field: string]: unknown;
}
export function rasterise(pdf: Buffer, dpi?: number): Promise<RgbImage>;
export function rotate(img: RgbImage, degrees: number): Promise<RgbImage>;
export function addNoise(img: RgbImage, rand: Rand): Promise<RgbImage>;
export function grey(img: RgbImage): Promise<RgbImage>;
export function jpegRoundTrip(img: RgbImage, quality: number): Promise<RgbImage>;
export function bilevel(img: RgbImage, threshold?: number): Promise<RgbImage>;
export function jpegOf(img: RgbImage, quality?: number): Promise<Buffer>;
export function pngOf(img: RgbImage): Promise<Buffer>;
export function tiffOf(imgs: RgbImage[]): Promise<Buffer>;
export function scannerPdf(pages: PdfPage[]): Buffer;
export function jpegPdfPage(img: RgbImage, quality?: number, rotate?: number): Promise<PdfPage>;
export function ccittPdfPage(img: RgbImage, threshold?: number): Promise<PdfPage>;
export function encryptedPdf(imgs: RgbImage[]): Promise<Buffer>;
