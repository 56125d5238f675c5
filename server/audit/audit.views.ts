/**
 * The audit trail's events as recorded and as the API answers them: pure types, with no Nest
 * or database in them, so that the console reads them too.
 */

export interface AuditEvent {
  actor: string;
  action: string;
  entity: string;
  entityId?: string | null;
  roundId?: string | null;
  certNo?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

export interface AuditRow extends AuditEvent {
  id: string;
  at: Date;
  /**
   * Where the log collapses reads (the default): the run of reads by this actor of this dossier
   * that this row, the latest of them, stands for — when there was more than one.
   */
  views?: { count: number; firstAt: Date; actions: string[] } | null;
}

/** What reading a dossier's panels is audited as (DossierService.forReading). */
export const DOSSIER_READS = [
  'dossier.documents-viewed',
  'dossier.proposals-viewed',
  'dossier.decisions-viewed',
  'dossier.overrides-viewed',
] as const;
export type DossierRead = (typeof DOSSIER_READS)[number];

/**
 * Every read the log collapses: consecutive ones by the same person of the same dossier (no
 * change of the dossier between them) are one row, so that decisions are not buried in them.
 */
export const AUDIT_READS: readonly string[] = [
  'dossier.viewed',
  ...DOSSIER_READS,
  'envelope.pages-viewed',
  'envelope.scan-file-read',
  'dossier.result-letter-read',
  'audit.viewed',
];
