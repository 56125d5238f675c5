import { Injectable, Logger } from '@nestjs/common';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/domain-errors.js';
import type { ListQuery } from '../common/list-query.js';
import { RoundEntity } from './round.entity.js';
import { RoundRepository, RoundSortField } from './round.repository.js';
import { parseRoundSettings, RoundSettings } from './round-settings.js';
import { formatJst } from '../common/japan-time.js';
import { AuditService } from '../audit/audit.service.js';
import { CheckQueueService } from '../checks/check-queue.service.js';

/** A round as the API and the console see it: formats.md's JSON plus `id` and `version`. */
export interface RoundView extends RoundSettings {
  id: string;
  version: number;
  updatedAt: string;
}

export function toRoundView(entity: RoundEntity): RoundView {
  return {
    id: entity.id,
    round: entity.id,
    label: entity.label,
    applicationOpens: formatJst(entity.applicationOpens),
    reviewFeeDeadline: formatJst(entity.reviewFeeDeadline),
    elearningDeadline: formatJst(entity.elearningDeadline),
    registrationDeadline: formatJst(entity.registrationDeadline),
    postmarkDeadline: entity.postmarkDeadline,
    resultsAddressCutoff: entity.resultsAddressCutoff,
    certificateAddressCutoff: entity.certificateAddressCutoff,
    renewalDate: entity.renewalDate,
    fees: entity.fees,
    requirements: entity.requirements,
    pinBadgeAtRenewal: entity.pinBadgeAtRenewal,
    ...(entity.sender ? { sender: entity.sender } : {}),
    version: entity.version,
    updatedAt: entity.updatedAt.toISOString(),
  };
}

function toColumns(settings: RoundSettings) {
  return {
    label: settings.label,
    applicationOpens: new Date(settings.applicationOpens),
    reviewFeeDeadline: new Date(settings.reviewFeeDeadline),
    elearningDeadline: new Date(settings.elearningDeadline),
    registrationDeadline: new Date(settings.registrationDeadline),
    postmarkDeadline: settings.postmarkDeadline,
    resultsAddressCutoff: settings.resultsAddressCutoff,
    certificateAddressCutoff: settings.certificateAddressCutoff,
    renewalDate: settings.renewalDate,
    fees: settings.fees,
    requirements: settings.requirements,
    pinBadgeAtRenewal: settings.pinBadgeAtRenewal,
    sender: settings.sender ?? null,
  };
}

/** The settings of a body, without the fields the API adds for its own bookkeeping. */
function settingsOf(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const {
    id: _id,
    version: _version,
    updatedAt: _updatedAt,
    ...settings
  } = body as Record<string, unknown>;
  return settings;
}

/** JSON with object keys sorted, so jsonb's own key order never counts as a change. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function validate(body: unknown): RoundSettings {
  const result = parseRoundSettings(body);
  if (!result.ok) {
    throw new InvalidInputError(
      `年度設定に誤りがあります(${result.problems.length} 件): ` +
        result.problems.map((p) => `${p.field || '全体'}: ${p.message}`).join(' / '),
      result.problems,
    );
  }
  return result.settings;
}

@Injectable()
export class RoundService {
  private readonly logger = new Logger(RoundService.name);

  constructor(
    private readonly rounds: RoundRepository,
    private readonly checks: CheckQueueService,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListQuery<RoundSortField>): Promise<{ rows: RoundView[]; total: number }> {
    const [rows, total] = await this.rounds.list(query);
    return { rows: rows.map(toRoundView), total };
  }

  async get(id: string): Promise<RoundView> {
    const round = await this.rounds.findById(id);
    if (!round)
      throw new NotFoundError(`年度「${id}」はありません。年度一覧で ID を確かめてください`);
    return toRoundView(round);
  }

  async create(body: unknown, actor = 'system'): Promise<RoundView> {
    const settings = validate(settingsOf(body));
    if (await this.rounds.findById(settings.round)) {
      throw new ConflictError(
        `年度「${settings.round}」は既にあります。変更するには編集してください`,
      );
    }
    const created = await this.rounds.create({ id: settings.round, ...toColumns(settings) });
    this.logger.log(`Round ${settings.round} created`);
    await this.audit.record({
      actor,
      action: 'round.created',
      entity: 'round',
      entityId: settings.round,
      roundId: settings.round,
      after: toRoundView(created),
    });
    await this.checks.scheduleDeadlines();
    return toRoundView(created);
  }

  /** Saves the console's edit: the body holds the `version` the editor read. */
  edit(id: string, body: unknown, actor: string): Promise<RoundView> {
    const version =
      typeof body === 'object' && body !== null && 'version' in body ? body.version : undefined;
    return this.update(id, body, typeof version === 'number' ? version : undefined, actor);
  }

  /**
   * Saves edited settings. `expectedVersion` is the version the editor read; when the round has
   * changed since, the save is refused rather than overwriting the other person's change.
   */
  async update(
    id: string,
    body: unknown,
    expectedVersion?: number,
    actor = 'system',
  ): Promise<RoundView> {
    const settings = validate({ ...(settingsOf(body) as object), round: id });
    const current = await this.rounds.findById(id);
    if (!current)
      throw new NotFoundError(`年度「${id}」はありません。年度一覧で ID を確かめてください`);
    const version = expectedVersion ?? current.version;
    if (!(await this.rounds.updateIfVersion(id, version, toColumns(settings)))) {
      throw new ConflictError(
        `年度「${id}」は他の人が先に変更しました。画面を再読み込みして最新の内容を確かめてから、もう一度保存してください`,
      );
    }
    this.logger.log(`Round ${id} updated`);
    const after = await this.get(id);
    await this.audit.record({
      actor,
      action: 'round.updated',
      entity: 'round',
      entityId: id,
      roundId: id,
      before: toRoundView(current),
      after,
    });
    // Every check reads the round's settings: judge its dossiers again, and at its new deadlines.
    const queued = await this.checks.requeueRound(id);
    await this.checks.scheduleDeadlines();
    if (queued) this.logger.log(`Round ${id}: ${queued} dossiers queued for checks`);
    return after;
  }

  /** `round load`: creates the round of the JSON, or replaces the settings of an existing one. */
  async load(
    json: unknown,
    actor = 'system',
  ): Promise<{ round: RoundView; created: boolean; changed: boolean }> {
    const settings = validate(json);
    const existing = await this.rounds.findById(settings.round);
    if (!existing)
      return { round: await this.create(settings, actor), created: true, changed: true };
    const current = toRoundView(existing);
    const loaded = toRoundView({ ...existing, ...toColumns(settings) });
    if (canonicalJson(settingsOf(current)) === canonicalJson(settingsOf(loaded))) {
      return { round: current, created: false, changed: false };
    }
    const round = await this.update(settings.round, settings, existing.version, actor);
    return { round, created: false, changed: true };
  }
}
