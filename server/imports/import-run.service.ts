import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/domain-errors.js';
import type { ListQuery } from '../common/list-query.js';
import { reportCsv } from './import-report.js';
import type { ImportRunEntity } from './import-run.entity.js';
import {
  ImportRepository,
  type ImportSortField,
  type UnmatchedRecord,
  type UnmatchedSortField,
} from './import.repository.js';

/** The imports run so far, their reports, and the records still waiting for a dossier. */
@Injectable()
export class ImportRunService {
  constructor(private readonly imports: ImportRepository) {}

  list(query: ListQuery<ImportSortField>): Promise<[ImportRunEntity[], number]> {
    return this.imports.listRuns(query);
  }

  async get(id: string): Promise<ImportRunEntity> {
    const run = await this.imports.findRun(id);
    if (!run)
      throw new NotFoundError(`取り込み ${id} はありません。取り込み履歴から選び直してください`);
    return run;
  }

  /** The report as CSV for Excel, and the day the import was made (for the file's name). */
  async reportCsv(id: string): Promise<{ csv: string; day: string }> {
    const run = await this.get(id);
    if (!run.report)
      throw new NotFoundError('この取り込みはまだ終わっていないため、報告はまだありません');
    return { csv: reportCsv(run.report), day: run.createdAt.toISOString().slice(0, 10) };
  }

  unmatched(
    query: ListQuery<UnmatchedSortField>,
  ): Promise<{ rows: UnmatchedRecord[]; total: number }> {
    return this.imports.listUnmatched(query);
  }
}
