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
}

/** What reading a dossier's panels is audited as (DossierService.forReading). */
export const DOSSIER_READS = [
  'dossier.documents-viewed',
  'dossier.proposals-viewed',
  'dossier.decisions-viewed',
  'dossier.overrides-viewed',
] as const;
export type DossierRead = (typeof DOSSIER_READS)[number];
