/**
 * What the API answers for the dashboard: pure types, with no Nest or database in them, so
 * that the console reads them too.
 */

/** Counts of a round's dossiers at each stage of the process (README's process table). */
export interface StageCounts {
  imported: number;
  registered: number;
  mailReceived: number;
  /** Every document check (doc.*) passed. */
  verified: number;
  /** 合格 or 不合格 recorded (released or not). */
  decided: number;
  released: number;
  /** fee.review passed. */
  paid: number;
}

export interface DashboardCounts {
  stages: StageCounts;
  verdicts: { pass: number; fail: number; review: number; unchecked: number };
  decisions: { 合格: number; 不合格: number; 保留: number; none: number; unreleased: number };
  /** Per rule, how many dossiers have it failed, under review or pending (worst outcome). */
  rules: { rule: string; fail: number; review: number; pending: number }[];
  /** Each count is what the dossier list shows with the filter the console links it to. */
  today: {
    checkErrors: number;
    unassigned: number;
    casesUnderReview: number;
    mailProblems: number;
    mailArrivedToday: number;
    feeToReview: number;
    undecided: number;
    unreleased: number;
  };
}

export interface Dashboard extends DashboardCounts {
  roundId: string;
  /** The JST day "today" means. */
  day: string;
  /** True when the counts are only the caller's assigned dossiers (reviewers). */
  onlyAssigned: boolean;
}
