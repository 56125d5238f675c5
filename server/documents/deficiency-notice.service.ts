import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../auth/auth.service.js';
import { csvCell } from '../common/csv.js';
import type { ListQuery } from '../common/list-query.js';
import { InvalidInputError } from '../common/domain-errors.js';
import { jstDay, parseDay } from '../common/japan-time.js';
import { inTemporaryFolder } from '../common/temporary-folder.js';
import {
  drawLetter,
  openPages,
  type LetterContent,
  type LetterHead,
} from '../mailings/letter-layout.js';
import { deficiencyLetter } from '../mailings/request-letters.js';
import type { RoundView } from '../rounds/round.service.js';
import { join } from 'node:path';
import { MasterRepository } from '../masters/master.repository.js';
import { RoundService } from '../rounds/round.service.js';
import type { FacilityRecord } from '../masters/master-records.js';
import { addressAsOf } from '../mailings/mailing-lists.js';
import type { DeficiencyNoticeIssueDto } from './dto/deficiency-notice-issue.dto.js';
import {
  DeficiencyNoticeRepository,
  type NoticeSortField,
} from './deficiency-notice.repository.js';
import type { NoticeItem, NoticeRow } from './document.views.js';
import { undeliverable } from '../outbox/mail-recipients.js';

/** Columns of the notices' CSV, for a mail merge of letters or e-mails. */
export const NOTICE_CSV_HEADER = [
  '通知ID',
  '認定番号',
  '氏名',
  '送付先名称',
  '郵便番号',
  '都道府県',
  '住所',
  'メールアドレス',
  '再提出期限',
  '不備の内容',
  '発行日',
];

const sameItems = (a: NoticeItem[] | null, b: NoticeItem[]) =>
  !!a &&
  JSON.stringify(a.map((i) => [i.rule, i.ref, i.message])) ===
    JSON.stringify(b.map((i) => [i.rule, i.ref, i.message]));

/**
 * Deficiency notices (不備通知): for each applicant with documents a person marked missing or
 * insufficient, what is wrong and the date to resubmit by; exported for letters or e-mails.
 * An applicant already told exactly the same is not told again; a later envelope re-opens the
 * items (the checks turn them back to pending), so they leave the next notice.
 */
@Injectable()
export class DeficiencyNoticeService {
  constructor(
    private readonly notices: DeficiencyNoticeRepository,
    private readonly rounds: RoundService,
    private readonly audit: AuditService,
    private readonly masters: MasterRepository,
  ) {}

  list(query: ListQuery<NoticeSortField>): Promise<[NoticeRow[], number]> {
    return this.notices.list(
      query.filter,
      { field: query.sortField, order: query.sortOrder },
      query.offset,
      query.limit,
    );
  }

  async issue(
    body: DeficiencyNoticeIssueDto,
    user: SessionUser,
  ): Promise<{ issued: number; unchanged: number; notices: NoticeRow[] }> {
    const round = await this.rounds.get(body.roundId);
    const { resubmitBy, dossierIds: ids } = body;
    const deficient = await this.notices.deficient(round.id, ids);
    const fresh = deficient.filter((d) => !sameItems(d.lastItems, d.items));
    const notices = await this.notices.insertMany(
      round.id,
      fresh.map((d) => ({ dossierId: d.dossierId, items: d.items })),
      resubmitBy,
      user.login,
    );
    await this.audit.recordMany(
      notices.map((n) => ({
        actor: user.login,
        action: 'deficiency.notified',
        entity: 'dossier',
        entityId: n.dossierId,
        roundId: round.id,
        certNo: n.certNo,
        after: { notice: n.id, resubmitBy, items: n.items.map((i) => i.message) },
      })),
    );
    return { issued: notices.length, unchanged: deficient.length - fresh.length, notices };
  }

  /**
   * The notices of a filter as PDF letters (one page each, in the board's letter layout, from
   * each round's sender), dated `letterDate` (YYYY-MM-DD; absent: today), handed to `send` from
   * a temporary file; `withoutEmail`: only to applicants the outbox cannot e-mail (no address,
   * an address refused, or do-not-mail; the others are told by e-mail). Who took them is audited, as for the CSV.
   */
  async withLetters(
    filter: Record<string, unknown>,
    letterDate: unknown,
    withoutEmail: boolean,
    reader: { login: string; ip: string | null },
    send: (path: string, name: string) => Promise<void>,
  ): Promise<void> {
    const day =
      letterDate === undefined || letterDate === '' ? jstDay(new Date()) : parseDay(letterDate);
    if (!day) {
      throw new InvalidInputError(
        `通知書の日付は YYYY-MM-DD で指定してください(「${String(letterDate)}」)`,
        [{ field: 'letterDate', message: '日付を YYYY-MM-DD で指定してください' }],
      );
    }
    const rows = (await this.notices.letters(filter)).filter(
      (n) => !withoutEmail || undeliverable(n) !== null,
    );
    await this.audit.record({
      actor: reader.login,
      action: 'deficiency-notices.letters-printed',
      entity: 'deficiency-notice',
      roundId: typeof filter.roundId === 'string' && filter.roundId ? filter.roundId : null,
      after: { filter, rows: rows.length, letterDate: day, withoutEmail },
      ip: reader.ip,
    });
    const rounds = new Map<string, { round: RoundView; facilities: Map<string, FacilityRecord> }>();
    await inTemporaryFolder('shinsa-notices-', async (dir) => {
      const path = join(dir, 'deficiency-letters.pdf');
      const pages = await openPages<{ content: LetterContent; head: LetterHead }>(
        { merged: path },
        '更新申請書類の不備について',
        (doc, letter) => drawLetter(doc, letter.content, letter.head),
      );
      for (const n of rows) {
        if (!rounds.has(n.roundId)) {
          rounds.set(n.roundId, {
            round: await this.rounds.get(n.roundId),
            facilities: await this.masters.facilitiesOf(n.roundId),
          });
        }
        const { round, facilities } = rounds.get(n.roundId)!;
        // Where mail goes now: the same rule as the mailing lists (latest notice, else 申請1).
        const address = addressAsOf(n, null, facilities);
        await pages.add({
          content: deficiencyLetter(n, address, round),
          head: { letterDate: day, sender: round.sender },
        });
      }
      await pages.close();
      await send(path, 'deficiency-letters.pdf');
    });
  }

  /** The notices of a filter as CSV lines (the header first), one line a notice. */
  async exportCsv(
    filter: Record<string, unknown>,
    reader: { login: string; ip: string | null },
  ): Promise<string> {
    const rows = await this.notices.letters(filter);
    // Names and addresses of applicants: who took them is audited.
    await this.audit.record({
      actor: reader.login,
      action: 'deficiency-notices.exported',
      entity: 'deficiency-notice',
      roundId: typeof filter.roundId === 'string' && filter.roundId ? filter.roundId : null,
      after: { filter, rows: rows.length },
      ip: reader.ip,
    });
    const facilities = new Map<string, Map<string, FacilityRecord>>();
    const lines = [NOTICE_CSV_HEADER.join(',')];
    for (const n of rows) {
      if (!facilities.has(n.roundId)) {
        facilities.set(n.roundId, await this.masters.facilitiesOf(n.roundId));
      }
      // Where mail goes now: the same rule as the mailing lists (latest notice, else 申請1).
      const address = addressAsOf(n, null, facilities.get(n.roundId)!);
      lines.push(
        [
          n.id,
          n.certNo,
          n.name,
          address.recipient,
          address.postalCode,
          address.prefecture,
          address.address,
          n.applicant.email,
          n.resubmitBy,
          n.items.map((i) => `・${i.message}`).join('\n'),
          jstDay(new Date(n.issuedAt)),
        ]
          .map(csvCell)
          .join(','),
      );
    }
    return '\uFEFF' + lines.join('\r\n') + '\r\n';
  }
}
