import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { InvalidInputError, NotFoundError } from '../common/domain-errors.js';
import { japaneseDate, jstDay } from '../common/japan-time.js';
import { ScanStore } from '../scans/scan-store.js';
import { purgeableFrom } from './case-retention.js';
import {
  CaseRetentionRepository,
  PatientDataCounts,
  RetentionOfRound,
} from './case-retention.repository.js';

export interface RetentionPlan extends RetentionOfRound {
  roundId: string;
  /** The first day a purge is allowed. */
  purgeableFrom: string;
  due: boolean;
  /** What a purge would remove today. */
  pending: PatientDataCounts;
}

/**
 * A round's case details (patients' age, sex, diagnoses, the case sheets' scans and their
 * text) are kept `case_retention_years` after its renewal date, then purged: counts, verdicts,
 * decisions and the audit trail stay. A dry run says what would go; the purge is audited.
 */
@Injectable()
export class CaseRetentionService {
  constructor(
    private readonly retention: CaseRetentionRepository,
    private readonly store: ScanStore,
    private readonly audit: AuditService,
  ) {}

  async plan(roundId: string, today = jstDay(new Date())): Promise<RetentionPlan> {
    const round = await this.retention.retentionOf(roundId);
    if (!round) throw new NotFoundError(`年度「${roundId}」はありません。年度IDを確かめてください`);
    const from = purgeableFrom(round.renewalDate, round.years);
    return {
      roundId,
      ...round,
      purgeableFrom: from,
      due: today >= from,
      pending: await this.retention.counts(roundId),
    };
  }

  async setYears(roundId: string, years: number, actor: string): Promise<RetentionPlan> {
    if (!Number.isInteger(years) || years < 1 || years > 50) {
      throw new InvalidInputError('保存年数は 1 から 50 の整数で指定してください', [
        { field: 'years', message: '1 から 50 の整数で指定してください' },
      ]);
    }
    const before = await this.plan(roundId);
    await this.retention.setYears(roundId, years);
    await this.audit.record({
      actor,
      action: 'round.retention-changed',
      entity: 'round',
      entityId: roundId,
      roundId,
      before: { caseRetentionYears: before.years },
      after: { caseRetentionYears: years },
    });
    return this.plan(roundId);
  }

  /** The dry run, recorded: who looked at what would be purged. */
  async preview(roundId: string, actor: string): Promise<RetentionPlan> {
    const plan = await this.plan(roundId);
    await this.audit.record({
      actor,
      action: 'round.case-purge-previewed',
      entity: 'round',
      entityId: roundId,
      roundId,
      after: { purgeableFrom: plan.purgeableFrom, pending: plan.pending },
    });
    return plan;
  }

  async purge(
    roundId: string,
    actor: string,
    today = jstDay(new Date()),
  ): Promise<{ plan: RetentionPlan; removed: PatientDataCounts; filesDeleted: number }> {
    const plan = await this.plan(roundId, today);
    if (!plan.due) {
      throw new InvalidInputError(
        `年度「${roundId}」の症例の内容は ${japaneseDate(plan.purgeableFrom)} まで保存します(更新日 ${japaneseDate(plan.renewalDate)} から ${plan.years} 年)。それまでは削除できません`,
        [{ field: 'round', message: `${plan.purgeableFrom} から削除できます` }],
      );
    }
    const { removed, files } = await this.retention.purge(roundId, actor);
    for (const file of files) await this.store.remove(file.sha256, file.mediaType);
    await this.audit.record({
      actor,
      action: 'round.case-details-purged',
      entity: 'round',
      entityId: roundId,
      roundId,
      after: { ...removed, filesDeleted: files.length },
    });
    return { plan, removed, filesDeleted: files.length };
  }
}
