import { Injectable, Logger } from '@nestjs/common';
import { DashboardCacheService } from '../dashboard/dashboard-cache.service.js';
import { DossierRepository } from '../dossiers/dossier.repository.js';
import type { DossierDetail } from '../dossiers/dossier.views.js';
import { DossierService } from '../dossiers/dossier.service.js';
import { AuditService } from '../audit/audit.service.js';
import { CheckQueueService } from '../checks/check-queue.service.js';
import type { SessionUser } from '../auth/auth.service.js';
import {
  ConflictError,
  InvalidInputError,
  NotAllowedError,
  NotFoundError,
} from '../common/domain-errors.js';
import { cleanCell, columnOf, readSheet, sheetProblem } from '../common/sheet.js';
import type { FieldProblem } from '../common/field-problem.js';
import { RoundService } from '../rounds/round.service.js';
import {
  decisionProblems,
  warningsAgainstPass,
  type CheckSummary,
  type Decision,
  type DecisionFacts,
} from './decision-rules.js';
import { reasonCodesOf, type DecisionDto } from './dto/decision.dto.js';
import type { HoldDto } from './dto/hold.dto.js';
import type { ReleaseDto } from './dto/release.dto.js';
import {
  DecisionRepository,
  StaleDecisionError,
  type ReleaseScope,
} from './decision.repository.js';
import type { DecisionRow, ReleasePreview } from './decision.views.js';

export interface SheetResult {
  recorded: number;
  unchanged: number;
  rejected: { line: number; column: string; reason: string }[];
}

/** Columns of the committee's sheet (interface.md: 認定番号, 判定, 理由). */
const SHEET = {
  certNo: ['認定番号'],
  decision: ['判定'],
  reason: ['理由'],
  reasonCodes: ['理由コード'],
} as const;

const MAX_SHEET_LINES = 50_000;

const scopeOf = (body: ReleaseDto): ReleaseScope => ({
  roundId: body.roundId,
  dossierIds: body.dossierIds,
  includeHeld: body.includeHeld === true,
});

/**
 * The committee's decisions (rules.md): 合格 / 不合格 / 保留 with reasons, 合格 against the checks
 * only with a reason (the checks not passed are recorded as overridden), every change kept,
 * and release in batches: only released decisions reach letters and lists.
 */
@Injectable()
export class DecisionService {
  private readonly logger = new Logger(DecisionService.name);

  constructor(
    private readonly decisions: DecisionRepository,
    private readonly dossiers: DossierService,
    private readonly applications: DossierRepository,
    private readonly rounds: RoundService,
    private readonly audit: AuditService,
    private readonly checkQueue: CheckQueueService,
    private readonly dashboard: DashboardCacheService,
  ) {}

  async history(dossierId: string, user: SessionUser, ip: string | null): Promise<DecisionRow[]> {
    await this.dossiers.summaryForReading(dossierId, user, ip, 'dossier.decisions-viewed');
    return this.decisions.history(dossierId);
  }

  /** What would stand against 合格 now, for the console's warning. */
  async warnings(dossierId: string, user: SessionUser): Promise<CheckSummary[]> {
    const dossier = await this.dossiers.summaryForWork(dossierId, user);
    return warningsAgainstPass(await this.facts(dossier.roundId, dossier));
  }

  /** Records a decision on one dossier (console); it waits for release. */
  async decide(
    dossierId: string,
    body: DecisionDto,
    user: SessionUser,
  ): Promise<{ decision: DecisionRow; warnings: CheckSummary[] }> {
    const dossier = await this.dossiers.forWork(dossierId, user);
    const input = { decision: body.decision, reasonCodes: body.reasonCodes, reason: body.reason };
    const warnings = warningsAgainstPass(await this.facts(dossier.roundId, dossier));
    const problems = decisionProblems(input, warnings);
    if (problems.length > 0) {
      throw new InvalidInputError(problems.map((p) => p.message).join(' / '), problems);
    }
    const before = await this.decisions.current(dossier.id);
    if ((before?.id ?? null) !== body.expectedCurrentId) {
      throw this.stale(before);
    }
    let recorded: DecisionRow;
    try {
      recorded = await this.recordAudited(dossier, input, warnings, before, user.login, null);
    } catch (error) {
      if (error instanceof StaleDecisionError)
        throw this.stale(await this.decisions.current(dossier.id));
      throw error;
    }
    return { decision: recorded, warnings };
  }

  /**
   * Puts several dossiers on hold (保留) at once, with one reason. A dossier that already has a
   * 合格 or 不合格 is left as it is and listed (changing a decision is done on its page, where
   * the person sees what they replace); one already on hold is unchanged.
   */
  async holdMany(
    body: HoldDto,
    user: SessionUser,
  ): Promise<{
    held: number;
    unchanged: number;
    skipped: { id: string; certNo: string | null; reason: string }[];
  }> {
    const ids = body.dossierIds;
    const input = { decision: '保留', reasonCodes: body.reasonCodes, reason: body.reason };
    const problems = decisionProblems(input, []);
    if (problems.length > 0) {
      throw new InvalidInputError(problems.map((p) => p.message).join(' / '), problems);
    }
    const skipped: { id: string; certNo: string | null; reason: string }[] = [];
    let held = 0;
    let unchanged = 0;
    for (const id of ids) {
      let dossier: DossierDetail;
      try {
        dossier = await this.dossiers.forWork(id, user);
      } catch (error) {
        if (!(error instanceof NotAllowedError || error instanceof NotFoundError)) throw error;
        skipped.push({ id, certNo: null, reason: error.message });
        continue;
      }
      const current = await this.decisions.current(dossier.id);
      if (current?.decision === '保留') {
        unchanged++;
        continue;
      }
      if (current) {
        skipped.push({
          id,
          certNo: dossier.certNo,
          reason: `すでに「${current.decision}」と判定されています。変更は申請の画面で行ってください`,
        });
        continue;
      }
      try {
        await this.recordAudited(dossier, input, [], null, user.login, null);
        held++;
      } catch (error) {
        if (!(error instanceof StaleDecisionError)) throw error;
        skipped.push({
          id,
          certNo: dossier.certNo,
          reason: '同時に他の人が判定を記録しました。申請の画面で確かめてください',
        });
      }
    }
    this.logger.log(`${user.login} put ${held} dossiers on hold (${skipped.length} skipped)`);
    return { held, unchanged, skipped };
  }

  /** Releases the round's pending decisions (all, or of these dossiers): letters may go out. */
  async release(
    body: ReleaseDto,
    user: SessionUser,
  ): Promise<{ released: number; byDecision: Record<string, number> }> {
    const { roundId } = body;
    await this.rounds.get(roundId);
    const released = await this.decisions.release(scopeOf(body), user.login);
    this.dashboard.invalidate();
    await this.audit.recordMany(
      released.map((r) => ({
        actor: user.login,
        action: 'decision.released',
        entity: 'dossier',
        entityId: r.dossierId,
        roundId,
        certNo: r.certNo,
        after: { decision: r.decision },
      })),
    );
    // The checks read released decisions (after 合格, fee.certification is judged).
    await this.checkQueue.requeue(
      roundId,
      released.map((r) => r.certNo),
    );
    const byDecision: Record<string, number> = {};
    for (const r of released) byDecision[r.decision] = (byDecision[r.decision] ?? 0) + 1;
    this.logger.log(`${user.login} released ${released.length} decisions of ${roundId}`);
    return { released: released.length, byDecision };
  }

  /** What `release(body)` would release now: the chair sees it before confirming. */
  async previewRelease(body: ReleaseDto): Promise<ReleasePreview> {
    await this.rounds.get(body.roundId);
    return this.decisions.previewRelease(scopeOf(body));
  }

  pendingRelease(roundId: string): Promise<Record<string, number>> {
    return this.decisions.pending(roundId);
  }

  /**
   * `cli decide`: the committee's sheet (認定番号, 判定, 理由 and optionally 理由コード), its
   * final word, so each decision is released at once. A wrong line is rejected with its line,
   * column and reason; the others are recorded. The same decision again is left unchanged.
   * Throws InvalidInputError when the sheet cannot be read at all.
   */
  async decideFromSheet(
    roundId: string,
    bytes: Buffer,
    file: string,
    actor: string,
  ): Promise<SheetResult> {
    const round = await this.rounds.get(roundId);
    const { sheet, problems } = readSheet(
      bytes,
      file,
      [SHEET.certNo, SHEET.decision],
      MAX_SHEET_LINES,
    );
    if (!sheet) throw new InvalidInputError(problems.map((p) => p.message).join(' / '), problems);
    const at = {
      certNo: columnOf(sheet, SHEET.certNo),
      decision: columnOf(sheet, SHEET.decision),
      reason: columnOf(sheet, SHEET.reason),
      reasonCodes: columnOf(sheet, SHEET.reasonCodes),
    };
    const dossiers = new Map(
      (await this.applications.listWithChecks(roundId)).map((row) => [row.certNo, row]),
    );
    const rejected: FieldProblem[] = [];
    const seen = new Map<string, number>();
    let recorded = 0;
    let unchanged = 0;
    for (const { line, cells } of sheet.lines) {
      const certNo = cleanCell(cells[at.certNo]);
      const dossier = dossiers.get(certNo);
      if (!dossier) {
        rejected.push(
          sheetProblem(
            file,
            line,
            '認定番号',
            certNo ? `年度 ${roundId} に認定番号 ${certNo} の申請はありません` : '空です',
          ),
        );
        continue;
      }
      if (seen.has(certNo)) {
        rejected.push(
          sheetProblem(file, line, '認定番号', `${seen.get(certNo)} 行目と同じ申請です`),
        );
        continue;
      }
      seen.set(certNo, line);
      const input = {
        decision: cleanCell(cells[at.decision]),
        reasonCodes: at.reasonCodes >= 0 ? reasonCodesOf(cells[at.reasonCodes]) : [],
        reason:
          at.reason >= 0 ? (cells[at.reason] ?? '').normalize('NFC').trim().slice(0, 2000) : '',
      };
      const warnings = warningsAgainstPass(this.factsOf(round.requirements, dossier));
      const wrong = decisionProblems(input, warnings);
      if (wrong.length > 0) {
        for (const p of wrong) {
          rejected.push(
            sheetProblem(
              file,
              line,
              p.field === 'decision' ? '判定' : p.field === 'reason' ? '理由' : '理由コード',
              p.message,
            ),
          );
        }
        continue;
      }
      const current = await this.decisions.current(dossier.id);
      if (
        current &&
        current.releasedAt &&
        current.decision === input.decision &&
        (current.reason ?? '') === input.reason &&
        current.reasonCodes.join(',') === input.reasonCodes.join(',')
      ) {
        unchanged++;
        continue;
      }
      await this.recordAudited({ ...dossier, roundId }, input, warnings, current, actor, file);
      recorded++;
    }
    await this.checkQueue.requeue(roundId, [...seen.keys()]);
    this.logger.log(`${actor} recorded ${recorded} decisions of ${roundId} from ${file}`);
    return {
      recorded,
      unchanged,
      rejected: rejected.map((p) => ({ line: p.line ?? 0, column: p.field, reason: p.message })),
    };
  }

  /**
   * Records the decision (superseding `before`) and audits it. From the committee's sheet
   * (`sheet` names it) the decision is released at once; from the console it waits.
   */
  private async recordAudited(
    dossier: { id: string; roundId: string; certNo: string; revision: number },
    input: { decision: string; reasonCodes: string[]; reason: string },
    warnings: CheckSummary[],
    before: DecisionRow | null,
    actor: string,
    sheet: string | null,
  ): Promise<DecisionRow> {
    const row = await this.decisions.record(
      {
        dossierId: dossier.id,
        decision: input.decision as Decision,
        reasonCodes: input.reasonCodes,
        reason: input.reason || null,
        overriddenChecks: input.decision === '合格' ? warnings : [],
        revision: dossier.revision,
        decidedBy: actor,
        releasedBy: sheet === null ? null : actor,
      },
      before?.id ?? null,
    );
    this.dashboard.invalidate();
    await this.audit.record({
      actor,
      action: 'decision.recorded',
      entity: 'dossier',
      entityId: dossier.id,
      roundId: dossier.roundId,
      certNo: dossier.certNo,
      before: before && {
        decision: before.decision,
        reason: before.reason,
        released: !!before.releasedAt,
      },
      after: {
        decision: row.decision,
        reasonCodes: row.reasonCodes,
        reason: row.reason,
        // One rule may stand several times (病院長公印 of each sheet).
        overriddenChecks: [...new Set(row.overriddenChecks.map((c) => c.rule))],
        ...(sheet === null ? {} : { released: true, sheet }),
      },
    });
    return row;
  }

  private stale(latest: DecisionRow | null): ConflictError {
    return new ConflictError(
      latest
        ? `他の人が先に判定を記録しました(${latest.decidedBy}: ${latest.decision})。画面を再読み込みして最新の判定を確かめてから、もう一度記録してください`
        : '他の人が先に判定を変更しました。画面を再読み込みして最新の判定を確かめてください',
    );
  }

  private async facts(
    roundId: string,
    dossier: Pick<DecisionFacts, 'verdict' | 'counts' | 'checks'>,
  ): Promise<DecisionFacts> {
    const round = await this.rounds.get(roundId);
    return this.factsOf(round.requirements, dossier);
  }

  private factsOf(
    requirements: { cases: number; attendances: number },
    dossier: Pick<DecisionFacts, 'verdict' | 'counts' | 'checks'>,
  ): DecisionFacts {
    return {
      verdict: dossier.verdict,
      counts: dossier.counts,
      checks: dossier.checks,
      requirements: { cases: requirements.cases, attendances: requirements.attendances },
    };
  }
}
