import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AuditService } from '../audit/audit.service.js';
import { InvalidInputError, NotFoundError } from '../common/domain-errors.js';
import type { ListQuery } from '../common/list-query.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { QUEUES, runExportJob, type ExportJob, type QueueOf } from '../queues/queues.js';
import { RoundService } from '../rounds/round.service.js';
import type { ExportRequestDto } from './dto/export-request.dto.js';
import { exportFileName } from './export-lists.js';
import { ListExportRepository } from './list-export.repository.js';
import { MailingListService } from './mailing-list.service.js';
import type { ListExportRow } from './mailing.views.js';

/** Finished exports keep their files this long (they hold addresses): then they are removed. */
const KEEP_FILES_MS = 7 * 24 * 3600 * 1000;

/**
 * Exports asked for in the console: recorded, written by a worker with progress (no row cap),
 * kept in the data folder for a week, downloaded by office staff.
 */
@Injectable()
export class ListExportService {
  private readonly logger = new Logger(ListExportService.name);

  constructor(
    private readonly exports: ListExportRepository,
    private readonly mailingLists: MailingListService,
    private readonly rounds: RoundService,
    @InjectQueue(QUEUES.exports) private readonly queue: QueueOf<ExportJob>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  folderOf(id: string): string {
    return join(this.config.dataDir, 'exports', id);
  }

  async request(roundId: string, request: ExportRequestDto, actor: string): Promise<ListExportRow> {
    const round = await this.rounds.get(roundId);
    await this.removeExpired();
    const row = await this.exports.create({
      id: randomUUID(),
      roundId: round.id,
      list: request.list,
      format: request.format,
      encoding: request.encoding,
      pendingOnly: request.pendingOnly,
      layout: request.layout,
      letterDate: request.letterDate ?? null,
      withoutEmailOnly: request.withoutEmailOnly,
      requestedBy: actor,
    });
    const job = runExportJob(row.id);
    await this.queue.add(job.name, job.data, job.opts);
    return row;
  }

  /** Runs one export (the worker): a retry starts the files again; a finished one is left. */
  async run(
    id: string,
    onProgress: (done: number, total: number) => Promise<void>,
  ): Promise<ListExportRow | null> {
    const row = await this.exports.find(id);
    if (!row || row.status === 'done' || row.status === 'expired') return null;
    const folder = this.folderOf(id);
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
    await this.exports.update(id, { status: 'running', dossiersDone: 0, error: null });
    const out = join(folder, exportFileName(row, row.roundId));
    let lastWrite = 0;
    const result = await this.mailingLists.export(
      row.roundId,
      {
        list: row.list,
        format: row.format,
        encoding: row.encoding,
        pendingOnly: row.pendingOnly,
        layout: row.layout,
        letterDate: row.letterDate,
        withoutEmailOnly: row.withoutEmailOnly,
      },
      out,
      row.requestedBy,
      async (done, total) => {
        // Progress is for a person watching: a few writes a second are plenty.
        if (done < total && Date.now() - lastWrite < 250) return;
        lastWrite = Date.now();
        await this.exports.update(id, { dossiersDone: done, dossiersTotal: total });
        await onProgress(done, total);
      },
    );
    await this.exports.update(id, {
      status: 'done',
      rows: result.rows,
      lateChanges: result.lateChanges,
      unrepresentable: result.unrepresentable,
      files: result.files.map((f) => basename(f)),
      finished: true,
    });
    return this.exports.find(id);
  }

  async failed(id: string, message: string): Promise<void> {
    await this.exports.update(id, { status: 'failed', error: message, finished: true });
  }

  async get(id: string): Promise<ListExportRow> {
    const row = await this.exports.find(id);
    if (!row) throw new NotFoundError(`書き出し ${id} はありません`);
    return row;
  }

  /** A page of the exports of the round the list is filtered by. */
  list(query: ListQuery): Promise<[ListExportRow[], number]> {
    const roundId = query.filter.roundId;
    if (typeof roundId !== 'string' || !roundId) {
      throw new InvalidInputError('filter に roundId(年度)を指定してください', [
        { field: 'roundId', message: '年度を指定してください' },
      ]);
    }
    return this.exports.list(roundId, query.limit, query.offset);
  }

  /**
   * The path and name of one file of a finished export (0: the list, 1: its late changes).
   * Each download is audited: the files hold names and addresses, and whoever asked for the
   * export is not always who takes it.
   */
  async file(
    id: string,
    part: number,
    reader: { login: string; ip: string | null },
  ): Promise<{ path: string; name: string; row: ListExportRow }> {
    const row = await this.get(id);
    if (row.status === 'expired') {
      throw new NotFoundError(
        'この書き出しは保存期間(7日)を過ぎて削除されました。もう一度書き出してください',
      );
    }
    if (row.status !== 'done') {
      throw new NotFoundError(`書き出しはまだ終わっていません(状態: ${row.status})`);
    }
    const name = row.files[part];
    if (!name) throw new NotFoundError(`書き出し ${id} にファイル ${part} はありません`);
    await this.audit.record({
      actor: reader.login,
      action: 'export.downloaded',
      entity: 'export',
      entityId: row.id,
      roundId: row.roundId,
      after: { list: row.list, format: row.format, part, file: name },
      ip: reader.ip,
    });
    return { path: join(this.folderOf(id), name), name, row };
  }

  private async removeExpired(): Promise<void> {
    for (const id of await this.exports.expire(new Date(Date.now() - KEEP_FILES_MS))) {
      await rm(this.folderOf(id), { recursive: true, force: true });
      this.logger.log(`Removed the files of export ${id} (kept 7 days)`);
    }
  }
}
