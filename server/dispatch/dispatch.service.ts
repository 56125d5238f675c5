import { Injectable, Logger } from '@nestjs/common';
import { extname } from 'node:path';
import { AuditService } from '../audit/audit.service.js';
import { InvalidInputError } from '../common/domain-errors.js';
import { MasterRepository } from '../masters/master.repository.js';
import { RoundService } from '../rounds/round.service.js';
import { DispatchRepository } from './dispatch.repository.js';
import { writeCsv, writeXlsx, type CsvEncoding, type Unrepresentable } from './list-writer.js';
import { buildMailingList, LIST_TITLES, MAILING_LISTS, type MailingList } from './mailing-lists.js';

export interface ExportResult {
  list: MailingList;
  roundId: string;
  rows: number;
  lateChanges: number;
  files: string[];
  unrepresentable: Unrepresentable[];
}

/** The mailing lists of interface.md, written as xlsx or CSV (`cli export`). */
@Injectable()
export class DispatchService {
  private readonly logger = new Logger(DispatchService.name);

  constructor(
    private readonly dispatch: DispatchRepository,
    private readonly masters: MasterRepository,
    private readonly rounds: RoundService,
    private readonly audit: AuditService,
  ) {}

  /** How many recipients each list has now, and the change notices after its cut-off. */
  async summary(
    roundId: string,
  ): Promise<{ list: MailingList; title: string; rows: number; lateChanges: number }[]> {
    const round = await this.rounds.get(roundId);
    const [facts, facilities] = await Promise.all([
      this.dispatch.facts(round.id),
      this.masters.facilitiesOf(round.id),
    ]);
    return MAILING_LISTS.map((list) => {
      const result = buildMailingList(list, facts, round, facilities);
      return {
        list,
        title: LIST_TITLES[list],
        rows: result.rows.length,
        lateChanges: result.lateChanges.length,
      };
    });
  }

  async export(
    list: string,
    roundId: string,
    out: string,
    encoding: string | undefined,
    actor: string,
  ): Promise<ExportResult> {
    if (!(MAILING_LISTS as readonly string[]).includes(list)) {
      throw new InvalidInputError(
        `一覧「${list}」はありません。使える一覧: ${MAILING_LISTS.join(', ')}`,
        [{ field: 'list', message: `使える一覧: ${MAILING_LISTS.join(', ')}` }],
      );
    }
    const kind = extname(out).toLowerCase();
    if (kind !== '.xlsx' && kind !== '.csv') {
      throw new InvalidInputError(`出力ファイル「${out}」の拡張子は .xlsx か .csv にしてください`, [
        { field: 'out', message: '.xlsx か .csv' },
      ]);
    }
    const csvEncoding = (encoding ?? 'utf8').toLowerCase().replace('-', '') as CsvEncoding;
    if (csvEncoding !== 'utf8' && csvEncoding !== 'cp932') {
      throw new InvalidInputError(`文字コードは utf8 か cp932 にしてください(「${encoding}」)`, [
        { field: 'encoding', message: 'utf8 か cp932' },
      ]);
    }
    const round = await this.rounds.get(roundId);
    const [facts, facilities] = await Promise.all([
      this.dispatch.facts(round.id),
      this.masters.facilitiesOf(round.id),
    ]);
    const result = buildMailingList(list as MailingList, facts, round, facilities);
    const written =
      kind === '.xlsx'
        ? {
            ...(await writeXlsx(result, out, LIST_TITLES[result.list], round.label)),
            unrepresentable: [],
          }
        : await writeCsv(result, out, csvEncoding);
    await this.audit.record({
      actor,
      action: 'list.exported',
      entity: 'round',
      entityId: round.id,
      roundId: round.id,
      after: {
        list,
        rows: result.rows.length,
        lateChanges: result.lateChanges.length,
        files: written.files,
        unrepresentable: written.unrepresentable.length,
      },
    });
    this.logger.log(`${actor} exported ${list} of ${round.id}: ${result.rows.length} rows`);
    return {
      list: result.list,
      roundId: round.id,
      rows: result.rows.length,
      lateChanges: result.lateChanges.length,
      files: written.files,
      unrepresentable: written.unrepresentable,
    };
  }
}
