import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { FacilityRecord } from '../masters/master-records.js';
import { DispatchRepository } from './dispatch.repository.js';
import { mailingRow, validUntil } from './mailing-lists.js';
import type { LetterRound } from './result-letter.js';

/**
 * The certificates' numbers (認定証番号, `2022-00001`…): given to the certificates due when
 * they are first listed or mailed, in 認定番号 order, never changed.
 */
@Injectable()
export class CertificateService {
  constructor(
    private readonly dispatch: DispatchRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Numbers the certificates due (合格 with the certification fee paid) that have none yet, in
   * 認定番号 order; a number once given stays, audited once (`certificate.numbered`, one event
   * per certificate, in its dossier's history). Returns how many were numbered.
   */
  async numberDue(
    round: LetterRound & { id: string },
    facilities: ReadonlyMap<string, FacilityRecord>,
    actor: string,
  ): Promise<number> {
    let issued = 0;
    const dates = { renewalDate: round.renewalDate, validUntil: validUntil(round.renewalDate) };
    for await (const batch of this.dispatch.reader().batches(round.id)) {
      const due = batch
        .filter((d) => !d.certificateNo && mailingRow('certificates', d, round, facilities))
        .map((d) => d.certNo);
      if (due.length === 0) continue;
      // Only those numbered now: another request numbering the same round meanwhile audits its own.
      const numbered = await this.dispatch.issueCertificates(round.id, due, dates, actor);
      await this.audit.recordMany(
        numbered.map((c) => ({
          actor,
          action: 'certificate.numbered',
          entity: 'certificate',
          entityId: c.certificateNo,
          roundId: round.id,
          certNo: c.certNo,
          after: { certificateNo: c.certificateNo, ...dates },
        })),
      );
      issued += numbered.length;
    }
    return issued;
  }
}
