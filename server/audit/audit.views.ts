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
