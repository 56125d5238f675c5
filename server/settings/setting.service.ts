import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../auth/auth.service.js';
import type { ReadingSettingsDto } from './dto/reading-settings.dto.js';
import { SettingRepository } from './setting.repository.js';
import { DEFAULT_CONFIRM_THRESHOLD, type ReadingSettings } from './setting.views.js';

const READING = 'reading';

/** The settings of the page reader's proposals; every change audited. */
@Injectable()
export class SettingService {
  constructor(
    private readonly settings: SettingRepository,
    private readonly audit: AuditService,
  ) {}

  async reading(): Promise<ReadingSettings> {
    const row = await this.settings.find(READING);
    const value = (row?.value ?? {}) as Partial<ReadingSettings>;
    return {
      confirmThreshold: value.confirmThreshold ?? DEFAULT_CONFIRM_THRESHOLD,
      updatedBy: row?.updatedBy ?? null,
      updatedAt: row ? new Date(row.updatedAt).toISOString() : null,
    };
  }

  async updateReading(input: ReadingSettingsDto, user: SessionUser): Promise<ReadingSettings> {
    const before = await this.reading();
    await this.settings.save(READING, { confirmThreshold: input.confirmThreshold }, user.login);
    await this.audit.record({
      actor: user.login,
      action: 'settings.updated',
      entity: 'settings',
      entityId: READING,
      before: { confirmThreshold: before.confirmThreshold },
      after: { confirmThreshold: input.confirmThreshold },
    });
    return this.reading();
  }
}
