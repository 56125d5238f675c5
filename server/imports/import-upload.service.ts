import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidInputError } from '../common/domain-errors.js';
import { QUEUES, runImportJob, type ImportJob, type QueueOf } from '../queues/queues.js';
import { RoundService } from '../rounds/round.service.js';
import type { ImportRunEntity } from './import-run.entity.js';
import { ImportRepository } from './import.repository.js';
import { ImportService } from './import.service.js';

/** A file received by the console's upload, already on disk in a temporary place. */
export interface UploadedFile {
  /** As the browser sent it (multer reads it as latin1). */
  originalname: string;
  path: string;
  size: number;
}

/** multer decodes the multipart file name as latin1; browsers send UTF-8. */
export function uploadedName(originalname: string): string {
  return Buffer.from(originalname, 'latin1').toString('utf8').normalize('NFC');
}

/** A plain file name: no folders, no hidden files. */
export function uploadNameProblem(name: string): string | null {
  if (!name || name.includes('/') || name.includes('\\') || name.includes('\0')) {
    return `ファイル名「${name}」は使えません(フォルダを含まない名前にしてください)`;
  }
  if (name.startsWith('.')) return `ファイル名「${name}」は「.」で始まるため使えません`;
  return null;
}

/** Console uploads: kept in the import's folder and imported by a worker, with progress. */
@Injectable()
export class ImportUploadService {
  constructor(
    @InjectQueue(QUEUES.imports) private readonly queue: QueueOf<ImportJob>,
    private readonly imports: ImportRepository,
    private readonly importService: ImportService,
    private readonly rounds: RoundService,
  ) {}

  /** Every refusal, of the round as of the files, and every failure discards the files uploaded. */
  async queueUpload(
    roundId: string,
    files: UploadedFile[],
    requestedBy: string,
  ): Promise<ImportRunEntity> {
    let workDir: string | null = null;
    const discard = () =>
      Promise.all([
        ...files.map((f) => rm(f.path, { force: true })),
        // Moved into the import's folder already: the run or its job could not be written.
        workDir && rm(workDir, { recursive: true, force: true }),
      ]);
    try {
      if (!roundId) {
        throw new InvalidInputError('年度を選んでください', [
          { field: 'roundId', message: '年度を選んでください' },
        ]);
      }
      await this.rounds.get(roundId);
      if (files.length === 0) {
        throw new InvalidInputError('取り込むファイルを選んでください(zip か CSV)', [
          { field: 'files', message: '取り込むファイルを選んでください(zip か CSV)' },
        ]);
      }
      const names = files.map((f) => uploadedName(f.originalname));
      const problems = names.map(uploadNameProblem).filter((p): p is string => !!p);
      if (new Set(names).size !== names.length) problems.push('同じ名前のファイルが 2 つあります');
      if (problems.length > 0) {
        throw new InvalidInputError(
          problems.join('。'),
          problems.map((message) => ({ field: 'files', message })),
        );
      }
      const id = randomUUID();
      workDir = this.importService.workDirOf(id);
      const uploadDir = join(workDir, 'upload');
      await mkdir(uploadDir, { recursive: true });
      for (const [i, file] of files.entries()) await rename(file.path, join(uploadDir, names[i]));
      const run = await this.imports.createRun({
        id,
        roundId,
        sourceName: names.length === 1 ? names[0] : `${names[0]} ほか ${names.length - 1} ファイル`,
        status: 'queued',
        requestedBy,
        progress: { phase: 'queued', filesDone: 0, filesTotal: 0, rows: 0 },
      });
      const job = runImportJob(id);
      await this.queue.add(job.name, job.data, job.opts);
      return run;
    } catch (error) {
      await discard();
      throw error;
    }
  }
}
