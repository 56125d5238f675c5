import { Injectable, Logger } from '@nestjs/common';
import { extname } from 'node:path';
import { AuditService } from '../audit/audit.service.js';
import { InvalidInputError, NotFoundError } from '../common/domain-errors.js';
import { MasterRepository } from '../masters/master.repository.js';
import type { FacilityRecord } from '../masters/master-records.js';
import { jstDay } from '../common/japan-time.js';
import { RoundService } from '../rounds/round.service.js';
import { DispatchRepository, type FactsReader } from './dispatch.repository.js';
import { openCsv, openXlsx, type CsvEncoding, type ListSink } from './list-writer.js';
import {
  dispatchKindOf,
  dispatchState,
  lateChangesOf,
  LIST_TITLES,
  listHeader,
  mailingRow,
  validUntil,
  type DispatchState,
  toSend,
  type DispatchFacts,
  type LateChange,
  type MailingRow,
} from './mailing-lists.js';
import {
  DISPATCH_KINDS,
  MAILING_LISTS,
  type ExportName,
  type ListSummary,
  type MailingList,
  type MailingListSummary,
  type RecordedDispatches,
  type Unrepresentable,
} from './mailing.views.js';
import { openLetters, type LetterRound } from './result-letter.js';

/** What can be exported: the mailing lists, and the result letters (PDF) of the results list. */
export const EXPORTS = [...MAILING_LISTS, 'result-letters'] as const;
export type ExportFormat = 'xlsx' | 'csv' | 'pdf';

export interface ExportRequest {
  list: ExportName;
  format: ExportFormat;
  encoding: CsvEncoding;
  /** Only those still to be sent (results, certificates, pin badges, letters). */
  pendingOnly: boolean;
}

export interface ExportResult {
  list: ExportName;
  roundId: string;
  rows: number;
  lateChanges: number;
  files: string[];
  unrepresentable: Unrepresentable[];
}

const TITLES: Record<ExportName, string> = {
  ...LIST_TITLES,
  'result-letters': '審査結果通知書(PDF)',
};
const listOf = (name: ExportName): MailingList => (name === 'result-letters' ? 'results' : name);
const fail = (field: string, message: string): never => {
  throw new InvalidInputError(message, [{ field, message }]);
};
/** A day given as YYYY-MM-DD, today (JST) or before. */
const pastDay = (field: string, label: string, value: unknown): string => {
  const day = String(value ?? '');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day))) {
    fail(field, `${label}は YYYY-MM-DD で指定してください(「${day}」)`);
  }
  if (day > jstDay(new Date())) fail(field, `${label} ${day} は未来の日付です`);
  return day;
};

/**
 * The mailing lists of interface.md and the result letters, written as they are read from one
 * snapshot of the database (memory stays flat however many rows); the certificates' numbers;
 * the mailings sent and returned.
 */
@Injectable()
export class DispatchService {
  private readonly logger = new Logger(DispatchService.name);

  constructor(
    private readonly dispatch: DispatchRepository,
    private readonly masters: MasterRepository,
    private readonly rounds: RoundService,
    private readonly audit: AuditService,
  ) {}

  /** Checks what is asked before anything is queued or written; the messages name the field. */
  validate(input: {
    list?: unknown;
    format?: unknown;
    encoding?: unknown;
    pendingOnly?: unknown;
  }): ExportRequest {
    const list = String(input.list ?? '');
    if (!(EXPORTS as readonly string[]).includes(list)) {
      fail('list', `一覧「${list}」はありません。使える一覧: ${EXPORTS.join(', ')}`);
    }
    const format = String(input.format ?? '');
    const formats: ExportFormat[] = list === 'result-letters' ? ['pdf'] : ['xlsx', 'csv'];
    if (!formats.includes(format as ExportFormat)) {
      fail(
        'format',
        `${TITLES[list as ExportName]}の形式は ${formats.join(' か ')} です(「${format}」)`,
      );
    }
    const encoding = String(input.encoding || 'utf8')
      .toLowerCase()
      .replace('-', '');
    if (encoding !== 'utf8' && encoding !== 'cp932') {
      fail('encoding', `文字コードは utf8 か cp932 にしてください(「${String(input.encoding)}」)`);
    }
    const pendingOnly = input.pendingOnly === true || input.pendingOnly === 'true';
    if (pendingOnly && !dispatchKindOf(listOf(list as ExportName))) {
      fail(
        'pendingOnly',
        `${TITLES[list as ExportName]}は発送を記録しないため「未発送のみ」は使えません`,
      );
    }
    return {
      list: list as ExportName,
      format: format as ExportFormat,
      encoding: encoding as CsvEncoding,
      pendingOnly,
    };
  }

  /** The format a file name asks for: `.xlsx`, `.csv`, `.pdf`, or a folder for letters. */
  formatOf(list: string, out: string): string {
    const ext = extname(out).toLowerCase().slice(1);
    return list === 'result-letters' && ext === '' ? 'pdf' : ext;
  }

  /** How many recipients each list has, how many are still to send, and the mailings' state. */
  async summary(roundId: string): Promise<MailingListSummary> {
    const round = await this.rounds.get(roundId);
    const facilities = await this.masters.facilitiesOf(round.id);
    const lists: ListSummary[] = MAILING_LISTS.map((list) => ({
      list,
      title: LIST_TITLES[list],
      rows: 0,
      pending: dispatchKindOf(list) ? 0 : null,
      lateChanges: 0,
    }));
    const dispatches = DISPATCH_KINDS.map((kind) => ({ kind, sent: 0, returned: 0, relisted: 0 }));
    await this.dispatch.inSnapshot(async (reader) => {
      for await (const batch of reader.batches(round.id)) {
        for (const d of batch) {
          for (const summary of lists) {
            const list = summary.list as MailingList;
            if (!mailingRow(list, d, round, facilities)) continue;
            summary.rows += 1;
            const kind = dispatchKindOf(list);
            if (summary.pending !== null && kind && toSend(dispatchState(d, kind, facilities))) {
              summary.pending += 1;
            }
            summary.lateChanges += lateChangesOf(list, d, round, facilities).length;
          }
          for (const counts of dispatches) {
            const state: DispatchState = dispatchState(d, counts.kind, facilities);
            if (state !== 'unsent') counts[state === 'sent' ? 'sent' : state] += 1;
          }
        }
      }
    });
    return { lists, dispatches };
  }

  /**
   * Writes one list (or the letters) to `out`: certificates get their numbers first, then, in
   * one snapshot, the rows are written as they are read, reporting progress by dossiers read.
   * The workbook's summary sheet comes first, so for xlsx a first pass counts the rows.
   */
  async export(
    roundId: string,
    request: ExportRequest,
    out: string,
    actor: string,
    onProgress?: (done: number, total: number) => Promise<void>,
  ): Promise<ExportResult> {
    const round = await this.rounds.get(roundId);
    const facilities = await this.masters.facilitiesOf(round.id);
    const list = listOf(request.list);
    if (list === 'certificates' || list === 'pin-badges') {
      await this.numberCertificates(round, facilities, this.dispatch.reader(), actor);
    }
    const options = { pendingOnly: request.pendingOnly };
    const result = await this.dispatch.inSnapshot(async (reader) => {
      /** One pass over the round: each row of the list to `each`, its late change notices kept. */
      const walk = async (
        each?: (row: MailingRow, d: DispatchFacts) => Promise<void>,
        progress?: (done: number) => Promise<void>,
      ) => {
        let rows = 0;
        let done = 0;
        const lateChanges: LateChange[] = [];
        for await (const batch of reader.batches(round.id)) {
          for (const d of batch) {
            const row = mailingRow(list, d, round, facilities, options);
            if (!row) continue;
            rows += 1;
            lateChanges.push(...lateChangesOf(list, d, round, facilities));
            await each?.(row, d);
          }
          done += batch.length;
          await progress?.(done);
        }
        return { rows, lateChanges };
      };
      const total = await reader.count(round.id);
      const counted = request.format === 'xlsx' ? await walk() : null;
      const sink = await this.open(request, out, round, counted);
      await onProgress?.(0, total);
      const { rows, lateChanges } = await walk(
        (row, d) => sink.add(row, d),
        async (done) => onProgress?.(done, total),
      );
      const written = await sink.close(lateChanges);
      return { rows, lateChanges: lateChanges.length, ...written };
    });
    await this.audit.record({
      actor,
      action: 'list.exported',
      entity: 'round',
      entityId: round.id,
      roundId: round.id,
      after: {
        list: request.list,
        format: request.format,
        pendingOnly: request.pendingOnly,
        rows: result.rows,
        lateChanges: result.lateChanges,
        files: result.files.length,
        unrepresentable: result.unrepresentable.length,
      },
    });
    this.logger.log(`${actor} exported ${request.list} of ${round.id}: ${result.rows} rows`);
    return { list: request.list, roundId: round.id, ...result };
  }

  private open(
    request: ExportRequest,
    out: string,
    round: LetterRound,
    counted: { rows: number; lateChanges: LateChange[] } | null,
  ): Promise<ListSink> {
    const list = listOf(request.list);
    if (request.format === 'pdf') {
      const target = extname(out).toLowerCase() === '.pdf' ? { merged: out } : { folder: out };
      return openLetters(target, round, jstDay(new Date()));
    }
    if (request.format === 'csv') return openCsv(out, listHeader(list), request.encoding);
    return openXlsx(out, listHeader(list), {
      title: TITLES[request.list],
      roundLabel: round.label,
      rows: counted?.rows ?? 0,
      lateChanges: counted?.lateChanges.length ?? 0,
      note: request.pendingOnly ? '未発送(返送後に住所が変わったものを含む)のみ' : '対象者全員',
    });
  }

  /**
   * Numbers the certificates due (合格 with the certification fee paid) that have none yet, in
   * 認定番号 order; a number once given stays.
   */
  private async numberCertificates(
    round: LetterRound & { id: string },
    facilities: ReadonlyMap<string, FacilityRecord>,
    reader: FactsReader,
    actor: string,
  ): Promise<number> {
    let issued = 0;
    const dates = { renewalDate: round.renewalDate, validUntil: validUntil(round.renewalDate) };
    for await (const batch of reader.batches(round.id)) {
      const due = batch
        .filter((d) => !d.certificateNo && mailingRow('certificates', d, round, facilities))
        .map((d) => d.certNo);
      if (due.length === 0) continue;
      await this.dispatch.issueCertificates(round.id, due, dates, actor);
      issued += due.length;
    }
    if (issued > 0) {
      await this.audit.record({
        actor,
        action: 'certificates.numbered',
        entity: 'round',
        entityId: round.id,
        roundId: round.id,
        after: { issued },
      });
    }
    return issued;
  }

  /** One applicant's result letter (released 合格 or 不合格), as a PDF file at `out`. */
  async letter(roundId: string, certNo: string, out: string): Promise<void> {
    const round = await this.rounds.get(roundId);
    const facilities = await this.masters.facilitiesOf(round.id);
    const [facts] = await this.dispatch.facts(round.id, [certNo]);
    const row = facts && mailingRow('results', facts, round, facilities);
    if (!row) {
      throw new NotFoundError(
        `認定番号 ${certNo} には公開された合格・不合格の判定がないため、結果通知書は作れません`,
      );
    }
    const sink = await openLetters({ merged: out }, round, jstDay(new Date()));
    await sink.add(row, facts);
    await sink.close([]);
  }

  /**
   * Records that a list's envelopes were sent on a day: those named (each must be on the list),
   * or everyone still to send. Each keeps the address it went to; those already sent are skipped.
   */
  async record(
    roundId: string,
    input: { list?: unknown; sentOn?: unknown; certNos?: unknown; trackingNos?: unknown },
    actor: string,
  ): Promise<RecordedDispatches> {
    const round = await this.rounds.get(roundId);
    const asked = String(input.list ?? '');
    const kind = (MAILING_LISTS as readonly string[]).includes(asked)
      ? dispatchKindOf(asked as MailingList)
      : null;
    if (!kind) {
      fail('list', `発送を記録できる一覧は results, certificates, pin-badges です(「${asked}」)`);
    }
    // The pin badge travels in the certificate's envelope: its mailing is the certificate's.
    const list: MailingList = kind!;
    const sentOn = pastDay('sentOn', '発送日', input.sentOn);
    const named = input.certNos === undefined ? null : input.certNos;
    if (named !== null && (!Array.isArray(named) || named.some((c) => typeof c !== 'string'))) {
      fail('certNos', 'certNos は認定番号の配列で指定してください');
    }
    const tracking = (input.trackingNos ?? {}) as Record<string, unknown>;
    if (
      typeof tracking !== 'object' ||
      Object.values(tracking).some((t) => typeof t !== 'string')
    ) {
      fail('trackingNos', 'trackingNos は {認定番号: 追跡番号} の形で指定してください');
    }
    const facilities = await this.masters.facilitiesOf(round.id);
    if (kind === 'certificates') {
      await this.numberCertificates(round, facilities, this.dispatch.reader(), actor);
    }
    const facts = await this.dispatch.facts(round.id, (named as string[] | null) ?? undefined);
    const known = new Set(facts.map((f) => f.certNo));
    const notListed = [
      ...((named as string[] | null) ?? []).filter((c) => !known.has(c)),
      ...facts.filter((d) => !mailingRow(list, d, round, facilities)).map((d) => d.certNo),
    ];
    if (named && notListed.length > 0) {
      fail(
        'certNos',
        `${LIST_TITLES[list]}の対象でない認定番号があります: ${notListed.join(', ')}(何も記録していません)`,
      );
    }
    const skipped: { certNo: string; reason: string }[] = [];
    const rows = [];
    for (const d of facts) {
      const row = mailingRow(list, d, round, facilities, { pendingOnly: true });
      if (!row) {
        if (named) {
          const state = dispatchState(d, kind!, facilities);
          skipped.push({
            certNo: d.certNo,
            reason: state === 'returned' ? '返送済みで新しい住所がありません' : '発送済みです',
          });
        }
        continue;
      }
      rows.push({
        roundId: round.id,
        certNo: d.certNo,
        kind: kind!,
        sentOn,
        trackingNo: String(tracking[d.certNo] ?? '').trim(),
        postalCode: row.postalCode,
        prefecture: row.prefecture,
        address: row.address,
        recipient: row.recipient,
        recordedBy: actor,
      });
    }
    const recorded = await this.dispatch.recordDispatches(rows);
    if (recorded > 0) {
      await this.audit.record({
        actor,
        action: 'dispatch.recorded',
        entity: 'round',
        entityId: round.id,
        roundId: round.id,
        after: { list, kind, sentOn, recorded, certNos: rows.map((r) => r.certNo) },
      });
    }
    this.logger.log(
      `${actor} recorded ${recorded} ${kind} mailings of ${round.id} sent on ${sentOn}`,
    );
    return { recorded, skipped };
  }

  /** Changes a mailing's tracking no., or marks it returned (or not) with the day and reason. */
  async update(
    id: string,
    input: { trackingNo?: unknown; returnedOn?: unknown; returnReason?: unknown },
    actor: string,
  ) {
    const before = await this.dispatch.find(id);
    if (!before) throw new NotFoundError(`発送記録 ${id} はありません`);
    const trackingNo =
      input.trackingNo === undefined ? before.trackingNo : String(input.trackingNo ?? '').trim();
    let returnedOn = before.returnedOn;
    let returnReason = before.returnReason;
    if (input.returnedOn !== undefined) {
      returnedOn =
        input.returnedOn === null || input.returnedOn === '' ? null : String(input.returnedOn);
      returnReason = returnedOn ? String(input.returnReason ?? '').trim() : null;
      if (returnedOn !== null) {
        pastDay('returnedOn', '返送日', returnedOn);
        if (returnedOn < before.sentOn) {
          fail('returnedOn', `返送日 ${returnedOn} が発送日 ${before.sentOn} より前です`);
        }
        if (!returnReason) {
          fail('returnReason', '返送の理由を入力してください(例: 宛所に尋ねあたりません)');
        }
      }
    }
    const after = {
      trackingNo,
      returnedOn,
      returnReason,
      returnedBy: returnedOn
        ? returnedOn === before.returnedOn
          ? before.returnedBy
          : actor
        : null,
    };
    await this.dispatch.update(id, after);
    await this.audit.record({
      actor,
      action: returnedOn && !before.returnedOn ? 'dispatch.returned' : 'dispatch.updated',
      entity: 'dispatch',
      entityId: id,
      roundId: before.roundId,
      before: {
        trackingNo: before.trackingNo,
        returnedOn: before.returnedOn,
        returnReason: before.returnReason,
      },
      after: { trackingNo, returnedOn, returnReason },
    });
    return (await this.dispatch.find(id))!;
  }

  list(...args: Parameters<DispatchRepository['list']>) {
    return this.dispatch.list(...args);
  }
}
