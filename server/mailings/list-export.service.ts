import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { NotFoundError } from '../common/domain-errors.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { JOBS, QUEUES, runExportJobId, type RunExportPayload } from '../queues/queues.js';
import { RoundService } from '../rounds/round.service.js';
import { DispatchService } from './dispatch.service.js';
import { ListExportRepository } from './list-export.repository.js';
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
    private readonly dispatch: DispatchService,
    private readonly rounds: RoundService,
    @InjectQueue(QUEUES.exports) private readonly queue: Queue<RunExportPayload>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  folderOf(id: string): string {
    return join(this.config.dataDir, 'exports', id);
  }

  async request(
    roundId: string,
    input: { list?: unknown; format?: unknown; encoding?: unknown; pendingOnly?: unknown },
    actor: string,
  ): Promise<ListExportRow> {
    const round = await this.rounds.get(roundId);
    const request = this.dispatch.validate(input);
    await this.removeExpired();
    const row = await this.exports.create({
      id: randomUUID(),
      roundId: round.id,
      ...request,
      requestedBy: actor,
    });
    await this.queue.add(JOBS.exports.run, { exportId: row.id }, { jobId: runExportJobId(row.id) });
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
    const out = join(folder, `${row.list}-${row.roundId}.${row.format}`);
    let lastWrite = 0;
    const result = await this.dispatch.export(
      row.roundId,
      {
        list: row.list,
        format: row.format,
        encoding: row.encoding,
        pendingOnly: row.pendingOnly,
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

  list(roundId: string, limit: number, offset: number) {
    return this.exports.list(roundId, limit, offset);
  }

  /** The path and name of one file of a finished export (0: the list, 1: its late changes). */
  async file(
    id: string,
    part: number,
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
    return { path: join(this.folderOf(id), name), name, row };
  }

  private async removeExpired(): Promise<void> {
    for (const id of await this.exports.expire(new Date(Date.now() - KEEP_FILES_MS))) {
      await rm(this.folderOf(id), { recursive: true, force: true });
      this.logger.log(`Removed the files of export ${id} (kept 7 days)`);
    }
  }
}
