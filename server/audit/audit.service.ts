import { Injectable, Logger } from '@nestjs/common';
import { csvCell } from '../common/csv.js';
import type { ListQuery } from '../common/list-query.js';
import { AuditRepository, AuditSortField } from './audit.repository.js';
import type { AuditEvent, AuditRow } from './audit.views.js';

/** How long a read of the same thing by the same person is recorded once (10 minutes). */
export const READ_WINDOW_SECONDS = 600;

/**
 * Records who changed what, when, with the values before and after. A failure to record is
 * logged and raised: a change that cannot be audited should not pass silently.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(private readonly audit: AuditRepository) {}

  async record(event: AuditEvent): Promise<void> {
    await this.logFailure(event, () => this.audit.append(event));
  }

  async recordMany(events: readonly AuditEvent[]): Promise<void> {
    if (events.length === 0) return;
    try {
      await this.audit.appendMany(events);
    } catch (error) {
      this.logger.error(
        `${events.length} audit events (${events[0].action}) not recorded: ${(error as Error).message}`,
      );
      throw error;
    }
  }

  /**
   * A read of personal data, recorded once per reader and thing read in `windowSeconds`: a strip
   * of page thumbnails, a PDF viewer's range requests or the console reloading a panel after
   * each change would otherwise write a row per request. Who read what, and from when, is kept.
   */
  async recordRead(event: AuditEvent, windowSeconds = READ_WINDOW_SECONDS): Promise<void> {
    await this.logFailure(event, () => this.audit.appendUnlessRecent(event, windowSeconds));
  }

  /** Events of a filter (a dossier's history: its round and 認定番号). */
  list(query: ListQuery<AuditSortField>): Promise<{ rows: AuditRow[]; total: number }> {
    return this.audit.list(query);
  }

  /** A page of the global log, as an admin reads it: the reading is itself audited. */
  async listRead(
    query: ListQuery<AuditSortField>,
    actor: string,
    ip: string | null,
  ): Promise<{ rows: AuditRow[]; total: number }> {
    const page = await this.audit.list(query);
    await this.record({
      actor,
      action: 'audit.viewed',
      entity: 'audit',
      after: { filter: query.filter, offset: query.offset, rows: page.rows.length },
      ip,
    });
    return page;
  }

  /** The export of the log, audited before it starts. */
  async recordExport(filter: Record<string, unknown>, actor: string, ip: string | null) {
    await this.record({ actor, action: 'audit.exported', entity: 'audit', after: { filter }, ip });
  }

  /** The filtered log as CSV (UTF-8 with BOM): the header line, then page after page. */
  async *exportCsv(filter: Record<string, unknown>): AsyncGenerator<string> {
    yield '\uFEFF日時,実行者,操作,対象,対象ID,年度,認定番号,変更前,変更後,接続元\r\n';
    for await (const page of this.audit.stream(filter)) {
      const lines = page.map((e) =>
        [
          e.at.toISOString(),
          e.actor,
          e.action,
          e.entity,
          e.entityId,
          e.roundId,
          e.certNo,
          e.before,
          e.after,
          e.ip,
        ]
          .map(csvCell)
          .join(','),
      );
      yield lines.join('\r\n') + '\r\n';
    }
  }

  private async logFailure(event: AuditEvent, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.logger.error(
        `Audit event ${event.action} of ${event.actor} not recorded: ${(error as Error).message}`,
      );
      throw error;
    }
  }
}
