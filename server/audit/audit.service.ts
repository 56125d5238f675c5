import { Injectable, Logger } from '@nestjs/common';
import { AuditEvent, AuditRepository } from './audit.repository.js';

/**
 * Records who changed what, when, with the values before and after. A failure to record is
 * logged and raised: a change that cannot be audited should not pass silently.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(private readonly audit: AuditRepository) {}

  async record(event: AuditEvent): Promise<void> {
    try {
      await this.audit.append(event);
    } catch (error) {
      this.logger.error(
        `Audit event ${event.action} of ${event.actor} not recorded: ${(error as Error).message}`,
      );
      throw error;
    }
  }
}
