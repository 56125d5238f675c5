/**
 * What the API answers about decisions and item overrides: pure types, with no Nest or
 * database in them, so that the console reads them too.
 */
import type { CheckSummary, Decision } from './decision-rules.js';

export interface DecisionRow {
  id: string;
  dossierId: string;
  decision: Decision;
  reasonCodes: string[];
  reason: string | null;
  overriddenChecks: CheckSummary[];
  revision: number;
  decidedBy: string;
  decidedAt: Date;
  releasedBy: string | null;
  releasedAt: Date | null;
  supersededAt: Date | null;
}

/** What a bulk 保留 did: those put on hold, those already on hold, those left as they were. */
export interface HoldResult {
  held: number;
  unchanged: number;
  skipped: { id: string; certNo: string | null; reason: string }[];
}

/** How many decisions were released, by decision. */
export interface ReleaseResult {
  released: number;
  byDecision: Record<string, number>;
}

/**
 * What a release would do: the pending decisions in its scope by decision (保留 counted even
 * when it stays back), and of those it would release who decided them and the rules 合格
 * overrode.
 */
export interface ReleasePreview {
  pending: Record<string, number>;
  /** How many it would release (保留 only when asked). */
  releasing: number;
  deciders: { login: string; displayName: string | null; decisions: number }[];
  overridden: { rule: string; message: string; decisions: number }[];
}

/** A reviewer's 採用 / 不採用 of one case or attendance against the automatic result. */
export interface ItemOverrideRow {
  id: string;
  ref: string;
  accepted: boolean;
  reason: string;
  revision: number;
  decidedBy: string;
  decidedAt: Date;
}
