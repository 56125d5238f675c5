import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { InvalidInputError, NotFoundError } from '../common/domain-errors.js';
import type { ListQuery } from '../common/list-query.js';
import { MasterRepository } from '../masters/master.repository.js';
import { RoundService } from '../rounds/round.service.js';
import { CertificateService } from './certificate.service.js';
import { DispatchRepository, type DispatchSortField } from './dispatch.repository.js';
import type { DispatchSentDto } from './dto/dispatch-sent.dto.js';
import type { DispatchUpdateDto } from './dto/dispatch-update.dto.js';
import { dispatchKindOf, dispatchState, LIST_TITLES, mailingRow } from './mailing-lists.js';
import type { DispatchRow, MailingList } from './mailing.views.js';

const fail = (field: string, message: string): never => {
  throw new InvalidInputError(message, [{ field, message }]);
};

/**
 * The mailings sent (results, certificates with their pin badges): recorded per applicant with
 * the address each went to, their tracking numbers, and their returns.
 */
@Injectable()
export class DispatchRecordService {
  private readonly logger = new Logger(DispatchRecordService.name);

  constructor(
    private readonly dispatch: DispatchRepository,
    private readonly certificates: CertificateService,
    private readonly masters: MasterRepository,
    private readonly rounds: RoundService,
    private readonly audit: AuditService,
  ) {}

  list(query: ListQuery<DispatchSortField>): Promise<[DispatchRow[], number]> {
    return this.dispatch.list(query);
  }

  async get(id: string): Promise<DispatchRow> {
    const row = await this.dispatch.find(id);
    if (!row) throw new NotFoundError(`発送記録 ${id} はありません`);
    return row;
  }

  /**
   * Records that a list's envelopes were sent on a day: those named (each must be on the list),
   * or everyone still to send. Each keeps the address it went to; those already sent are skipped.
   */
  async record(
    roundId: string,
    input: DispatchSentDto,
    actor: string,
  ): Promise<{ recorded: number; skipped: { certNo: string; reason: string }[] }> {
    const round = await this.rounds.get(roundId);
    // The pin badge travels in the certificate's envelope: its mailing is the certificate's.
    const kind = dispatchKindOf(input.list)!;
    const list: MailingList = kind;
    const { sentOn } = input;
    const named = input.certNos ?? null;
    const tracking = input.trackingNos ?? {};
    const facilities = await this.masters.facilitiesOf(round.id);
    if (kind === 'certificates') await this.certificates.numberDue(round, facilities, actor);
    const facts = await this.dispatch.facts(round.id, named ?? undefined);
    const known = new Set(facts.map((f) => f.certNo));
    const notListed = [
      ...(named ?? []).filter((c) => !known.has(c)),
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
          const state = dispatchState(d, kind, facilities);
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
        kind,
        sentOn,
        trackingNo: String(tracking[d.certNo] ?? '').trim(),
        postalCode: row.postalCode,
        prefecture: row.prefecture,
        address: row.address,
        recipient: row.recipient,
        recordedBy: actor,
        after: d.dispatches[kind]?.id ?? null,
      });
    }
    // Those recorded by someone else meanwhile (the same list sent twice at once) are skipped.
    const done = new Set(await this.dispatch.recordDispatches(rows));
    for (const row of rows) {
      if (!done.has(row.certNo) && named) {
        skipped.push({ certNo: row.certNo, reason: '発送済みです(同時に記録されました)' });
      }
    }
    const recorded = done.size;
    if (recorded > 0) {
      await this.audit.record({
        actor,
        action: 'dispatch.recorded',
        entity: 'round',
        entityId: round.id,
        roundId: round.id,
        after: { list, kind, sentOn, recorded, certNos: [...done] },
      });
    }
    this.logger.log(
      `${actor} recorded ${recorded} ${kind} mailings of ${round.id} sent on ${sentOn}`,
    );
    return { recorded, skipped };
  }

  /** Changes a mailing's tracking no., or marks it returned (or not) with the day and reason. */
  async update(id: string, input: DispatchUpdateDto, actor: string): Promise<DispatchRow> {
    const before = await this.get(id);
    const trackingNo = input.trackingNo ?? before.trackingNo;
    let returnedOn = before.returnedOn;
    let returnReason = before.returnReason;
    if (input.returnedOn !== undefined) {
      returnedOn = input.returnedOn;
      returnReason = returnedOn ? (input.returnReason ?? '') : null;
      if (returnedOn !== null && returnedOn < before.sentOn) {
        fail('returnedOn', `返送日 ${returnedOn} が発送日 ${before.sentOn} より前です`);
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
}
