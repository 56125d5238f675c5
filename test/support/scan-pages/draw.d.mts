/** Types of draw.mjs, for the specs. */
export const SEAL_RED: string;
export type Rand = () => number;
/** A page to draw: `kind` (cover, form1, elearning, sheet, form3, proof, receipt, poster,
 * palliative, nameChange, letter, other) and that kind's fields (see draw.mjs). */
export interface PageSpec {
  kind: string;
  [field: string]: unknown;
}
export function drawPage(spec: PageSpec, rand: Rand): Promise<Buffer>;
export function dateRange(days: string[]): string;
