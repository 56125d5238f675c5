import { Injectable, Logger } from '@nestjs/common';
import { extname, join } from 'node:path';
import { AuditService } from '../audit/audit.service.js';
import { InvalidInputError, NotFoundError } from '../common/domain-errors.js';
import { validInput } from '../common/input-validation.js';
import { jstDay } from '../common/japan-time.js';
import { inTemporaryFolder } from '../common/temporary-folder.js';
import { MasterRepository } from '../masters/master.repository.js';
import { RoundService } from '../rounds/round.service.js';
import { CertificateService } from './certificate.service.js';
import { DispatchRepository } from './dispatch.repository.js';
import { ExportRequestDto } from './dto/export-request.dto.js';
import { exportFileName, EXPORT_TITLES, listOf, type ExportRequest } from './export-lists.js';
import { openLabelSheets } from './label-sheet.js';
import { openCsv, openLabelCsv, openXlsx, type ListSink } from './list-writer.js';
import {
  dispatchKindOf,
  dispatchState,
  lateChangesOf,
  LIST_TITLES,
  listHeader,
  mailingRow,
  toSend,
  type DispatchFacts,
  type DispatchState,
  type LateChange,
  type MailingRow,
} from './mailing-lists.js';
import { feeRequestLetter } from './request-letters.js';
import { openLetters, openLetterSink, type LetterRound } from './result-letter.js';
import { type Unrepresentable, DISPATCH_KINDS, MAILING_LISTS } from './mailing.views.js';
import type { MailingList } from './mailing.views.js';
import type { ExportName } from './mailing.views.js';
import type { ListSummary } from './mailing.views.js';
import type { DispatchCounts } from './mailing.views.js';

export interface ExportResult {
  list: ExportName;
  roundId: string;
  rows: number;
  lateChanges: number;
  files: string[];
  unrepresentable: Unrepresentable[];
}

/** A list written for one download, in a folder removed once it is sent. */
export interface WrittenList {
  path: string;
  name: string;
  encoding: ExportRequest['encoding'];
  result: ExportResult;
}

/**
 * The mailing lists of interface.md and the result letters, written as they are read from one
 * snapshot of the database (memory stays flat however many rows): each list's summary, the
 * exports, and one applicant's letter.
 */
@Injectable()
export class MailingListService {
  private readonly logger = new Logger(MailingListService.name);

  constructor(
    private readonly dispatch: DispatchRepository,
    private readonly certificates: CertificateService,
    private readonly masters: MasterRepository,
    private readonly rounds: RoundService,
    private readonly audit: AuditService,
  ) {}

  /** The format a file name asks for: `.xlsx`, `.csv`, `.pdf`, or a folder for letters. */
  formatOf(list: string, out: string): string {
    const ext = extname(out).toLowerCase().slice(1);
    return (list === 'result-letters' || list === 'fee-request-letters') && ext === ''
      ? 'pdf'
      : ext;
  }

  /** How many recipients each list has, how many are still to send, and the mailings' state. */
  async summary(roundId: string): Promise<{ lists: ListSummary[]; dispatches: DispatchCounts[] }> {
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
   * Writes one list (or the letters, or the labels) to `out`: certificates get their numbers
   * first, then, in one snapshot, the rows are written as they are read, reporting progress by
   * dossiers read.
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
      await this.certificates.numberDue(round, facilities, actor);
    }
    const options = {
      pendingOnly: request.pendingOnly,
      withoutEmailOnly: request.withoutEmailOnly ?? false,
    };
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
      const sink = await this.open(request, out, round);
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
        layout: request.layout,
        letterDate: request.letterDate ?? null,
        withoutEmailOnly: request.withoutEmailOnly ?? false,
        rows: result.rows,
        lateChanges: result.lateChanges,
        files: result.files.length,
        unrepresentable: result.unrepresentable.length,
      },
    });
    this.logger.log(`${actor} exported ${request.list} of ${round.id}: ${result.rows} rows`);
    return { list: request.list, roundId: round.id, ...result };
  }

  private open(request: ExportRequest, out: string, round: LetterRound): Promise<ListSink> {
    const list = listOf(request.list);
    if (request.layout === 'labels') {
      return request.format === 'pdf' ? openLabelSheets(out) : openLabelCsv(out, request.encoding);
    }
    if (request.format === 'pdf') {
      const target = extname(out).toLowerCase() === '.pdf' ? { merged: out } : { folder: out };
      // The date chosen when printing; else the day the letters are written.
      const letterDate = request.letterDate ?? jstDay(new Date());
      if (request.list === 'fee-request-letters') {
        return openLetterSink(
          target,
          '更新認定料お支払いのお願い',
          { letterDate, sender: round.sender },
          (row) => feeRequestLetter(row, round),
        );
      }
      return openLetters(target, round, letterDate);
    }
    if (request.format === 'csv') return openCsv(out, listHeader(list), request.encoding);
    return openXlsx(out, listHeader(list), {
      title: EXPORT_TITLES[request.list],
      roundLabel: round.label,
      note: request.pendingOnly ? '未発送(返送後に住所が変わったものを含む)のみ' : '対象者全員',
    });
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
   * Writes the list a file name asks for (`results.xlsx`, `certificates.csv` with
   * `?encoding=cp932`, `result-letters.pdf`…) into a temporary folder and hands it to `send`.
   */
  async withListFile(
    roundId: string,
    file: string,
    options: {
      encoding?: unknown;
      pendingOnly?: unknown;
      letterDate?: unknown;
      withoutEmailOnly?: unknown;
    },
    actor: string,
    send: (written: WrittenList) => Promise<void>,
  ): Promise<void> {
    const match = /^([a-z-]+?)(-labels)?\.(xlsx|csv|pdf)$/.exec(file);
    if (!match) {
      throw new InvalidInputError(
        `「${file}」は一覧のファイル名ではありません(例: results.xlsx、results-labels.csv)`,
      );
    }
    const request = await validInput(ExportRequestDto, {
      list: match[1],
      format: match[3],
      encoding: options.encoding,
      pendingOnly: options.pendingOnly,
      layout: match[2] ? 'labels' : 'list',
      letterDate: options.letterDate,
      withoutEmailOnly: options.withoutEmailOnly,
    });
    await inTemporaryFolder('shinsa-list-', async (dir) => {
      const name = exportFileName(request, roundId);
      const result = await this.export(roundId, request, join(dir, name), actor);
      await send({ path: join(dir, name), name, encoding: request.encoding, result });
    });
  }

  /**
   * One applicant's result letter, written to a temporary file and handed to `send`. Reading
   * it is audited (it names the applicant and the committee's decision).
   */
  async withLetter(
    dossierId: string,
    send: (path: string, name: string) => Promise<void>,
    reader: { login: string; ip: string | null },
  ): Promise<void> {
    const dossier = await this.dispatch.dossierKey(dossierId);
    if (!dossier) throw new NotFoundError(`申請 ${dossierId} はありません`);
    await this.audit.record({
      actor: reader.login,
      action: 'dossier.result-letter-read',
      entity: 'dossier',
      entityId: dossierId,
      roundId: dossier.roundId,
      certNo: dossier.certNo,
      ip: reader.ip,
    });
    await inTemporaryFolder('shinsa-letter-', async (dir) => {
      const path = join(dir, 'letter.pdf');
      await this.letter(dossier.roundId, dossier.certNo, path);
      await send(path, `result-letter-${dossier.certNo}.pdf`);
    });
  }
}
