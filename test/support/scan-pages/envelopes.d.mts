/** Types of envelopes.mjs, for the specs. */
import type { PageSpec, Rand } from './draw.mjs';

export const EFFECTS: string[];
export const DEFECTS: string[];
export const MEETINGS: {
  name: string;
  society: string;
  start: string;
  end: string;
  venue: string;
  domain: string;
}[];
export function random(seed: number): Rand;
export interface ExpectedFinding {
  rule: string;
  ref: string | null;
  finding: 'found' | 'missing' | 'insufficient';
  defect: string | null;
}
export interface EnvelopePlan {
  index: number;
  receiptNo: string;
  effect: string;
  defects: string[];
  facts: {
    family: string;
    given: string;
    maidenName: string | null;
    sheetNos: number[];
    attendances: { no: number; meetingName: string; start: string; end: string }[];
    palliative: { required: boolean; certificateNo: string | null };
  };
  pages: PageSpec[];
  expected: ExpectedFinding[];
  seed: number;
}
/** A given dossier to draw the pages of (instead of a made-up applicant). */
export interface PlannedApplicant {
  certNo: string;
  receiptNo: string;
  family: string;
  given: string;
  maidenName: string | null;
  sheetNos: number[];
  attendances: { no: number; meeting: { name: string; start: string; end: string } }[];
  /** The palliative-care certificate's number when one is required (a deferral), else null. */
  palliativeNo: string | null;
}
export function planEnvelope(
  index: number,
  options?: { seed?: number; effect?: string; defects?: string[]; applicant?: PlannedApplicant },
): EnvelopePlan;
export function scanEnvelope(
  plan: EnvelopePlan,
): Promise<{ name: string; mediaType: string; bytes: Buffer }[]>;
