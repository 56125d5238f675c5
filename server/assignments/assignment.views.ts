/**
 * What the API answers about reviewer assignment: pure types, with no Nest or database in
 * them, so that the console reads them too.
 */
import type { Conflict } from './conflict-of-interest.js';

export interface AssignmentRow {
  id: string;
  roundId: string;
  dossierId: string;
  certNo: string;
  name: string;
  reviewerId: number;
  reviewerLogin: string;
  reviewerName: string;
  assignedBy: string;
  assignedAt: Date;
  conflicts: Conflict[];
  overrideReason: string | null;
}

/** What became of one dossier of an assignment request. */
export type AssignOutcome =
  'assigned' | 'overridden' | 'already-assigned' | 'conflict' | 'not-found';

export interface AssignItemResult {
  certNo: string;
  reviewerLogin: string;
  outcome: AssignOutcome;
  conflicts: Conflict[];
  /** The line of the uploaded sheet, for a CSV. */
  line?: number;
}

export interface AssignResult {
  assigned: number;
  overridden: number;
  alreadyAssigned: number;
  conflicts: number;
  notFound: number;
  /** Every dossier asked for, with what happened to it. */
  items: AssignItemResult[];
}

/** An active reviewer, with their workplace and how many dossiers of the round they have. */
export interface ReviewerRow {
  id: number;
  login: string;
  displayName: string;
  workplaceFacilityNo: string | null;
  workplaceName: string | null;
  assigned: number;
}
