import { Inject, Injectable, Logger } from '@nestjs/common';
import { importRows } from '../metrics/metrics.js';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { EntityManager } from 'typeorm';
import { basename, join } from 'node:path';
import { AuditService } from '../audit/audit.service.js';
import { CheckQueueService } from '../checks/check-queue.service.js';
import { CheckRepository, type CheckTarget } from '../checks/check.repository.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { EnvelopeToRead } from '../scans/scan-reading.views.js';
import { ScanQueueService } from '../scans/scan-queue.service.js';
import { MEDIA_TYPES, ScanStore, parseScanName, sniffMediaType } from '../scans/scan-store.js';
import { RoundService } from '../rounds/round.service.js';
import {
  BundleError,
  DEFAULT_BUNDLE_LIMITS,
  openBundle,
  type Bundle,
} from './bundle/bundle-source.js';
import { FACILITIES, FILE_SPECS, type FileSpec } from './csv/file-specs.js';
import { duplicateKeyProblem, stagesRows, type ParsedFile } from './csv/parse-file.js';
import type { Row, RowProblem } from './csv/row-reader.js';
import { parseFiles } from './csv/parse-files.js';
import {
  filesSavedBySpreadsheet,
  refuseFacilityNumbersWithLostZeros,
  spreadsheetBundleError,
  type DamagedFile,
  type LostZerosCheck,
} from './csv/spreadsheet-damage.js';
import {
  assembleDossiers,
  certNosNeedingPrevious,
  FORM_PARTS,
  type AssemblyResult,
  type FormPart,
} from './dossier-assembler.js';
import { groupStagedRows } from './form-groups.js';
import { boundHeap } from '../common/heap-bound.js';
import type { FeedCounts, FileReport, ImportProgress, ImportReport } from './import-report.js';
import { ImportRepository, type ScanLink, type VersionedDossier } from './import.repository.js';

export interface ImportRequest {
  roundId: string;
  /** A folder, a zip, or one CSV. */
  source: string;
  /** What the history shows as the source (a file name, not a server path). */
  sourceName?: string;
  requestedBy: string | null;
  /** An import run created beforehand (a console upload); otherwise one is created. */
  importId?: string;
  onProgress?: (progress: ImportProgress) => void | Promise<void>;
}

export interface ImportOutcome {
  report: ImportReport;
  /** The checks this import queued, for `--wait`. */
  queuedChecks: CheckTarget[];
  /** The envelopes whose scans this import queued for reading, for `--wait`. */
  queuedReadings: EnvelopeToRead[];
}

const FORM_PART: Record<string, FormPart> = {
  'applicants.csv': 'applicant',
  'case_sheets.csv': 'caseSheets',
  'cases.csv': 'cases',
  'attendances.csv': 'attendances',
};

const NO_FEEDS: FeedCounts = { payments: 0, elearning: 0, addressChanges: 0, mail: 0 };

/** How often a running import says it is alive (the reconciler waits a minute). */
export const IMPORT_HEARTBEAT_MS = 15_000;

/** Rows written from which an import refreshes the planner's statistics. */
const LARGE_IMPORT_ROWS = 1000;

/** Dossiers assembled from the staging and written at a time: memory stays flat. */
export const DOSSIER_CHUNK = 500;

/**
 * Garbage (MB) an import lets grow over what is alive before it collects between chunks
 * (common/heap-bound.ts): the command line holds about 45, an import about 50 more at 20,000
 * dossiers, so its heap stays near 130.
 */
export const IMPORT_GARBAGE_MB = 32;

/** The promise itself, its failure marked handled until it is awaited (where it is thrown). */
function observed<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** What the chunks of dossiers assembled and wrote, for the report. */
interface DossierSummary extends Omit<AssemblyResult, 'dossiers'> {
  /** New dossiers and new revisions, with their inputs' versions. */
  written: VersionedDossier[];
  createdCertNos: string[];
  revised: number;
  unchanged: number;
}

/**
 * Imports a bundle (formats.md): reads and validates every file first (the rows of the form
 * files staged in PostgreSQL as they are read), then writes what can be stored in one
 * transaction, assembling the dossiers from the staging a chunk at a time, then queues the
 * checks of every dossier whose inputs changed.
 */
@Injectable()
export class ImportService {
  private readonly logger = new Logger(ImportService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly imports: ImportRepository,
    private readonly rounds: RoundService,
    private readonly checkQueue: CheckQueueService,
    private readonly checkRepository: CheckRepository,
    private readonly audit: AuditService,
    private readonly scanQueue: ScanQueueService,
    private readonly scanStore: ScanStore,
  ) {}

  /** Working folder of one import (uploads, an expanded zip); removed when it ends. */
  workDirOf(importId: string): string {
    return join(this.config.dataDir, 'imports', importId);
  }

  async run(request: ImportRequest): Promise<ImportOutcome> {
    await this.rounds.get(request.roundId); // refuses an unknown round with a clear message
    const importId = request.importId ?? randomUUID();
    const sourceName = request.sourceName ?? basename(request.source);
    if (request.importId) {
      await this.imports.updateRun(importId, {
        status: 'running',
        startedAt: new Date(),
        error: null,
      });
    } else {
      await this.imports.createRun({
        id: importId,
        roundId: request.roundId,
        sourceName,
        status: 'running',
        requestedBy: request.requestedBy,
        startedAt: new Date(),
      });
    }
    const started = Date.now();
    this.logger.log(`Import ${importId} of ${sourceName} into round ${request.roundId} started`);
    // Signs of life while it runs (by the database's clock): the reconciler takes up an
    // import whose runner is gone.
    await this.imports.heartbeat(importId);
    const heartbeat = setInterval(
      () => void this.imports.heartbeat(importId).catch(() => undefined),
      IMPORT_HEARTBEAT_MS,
    );
    heartbeat.unref();
    try {
      const outcome = await this.execute(importId, request, sourceName, started);
      const { report } = outcome;
      await this.imports.updateRun(importId, {
        status: report.bundleError ? 'rejected' : 'done',
        exitCode: report.exitCode,
        report,
        finishedAt: new Date(),
        progress: {
          phase: 'done',
          filesDone: report.files.length,
          filesTotal: report.files.length,
          rows: report.files.reduce((n, f) => n + f.rows, 0),
        },
      });
      await this.audit.record({
        actor: request.requestedBy ?? 'system',
        action: 'import.finished',
        entity: 'import',
        entityId: importId,
        roundId: request.roundId,
        after: {
          source: sourceName,
          exitCode: report.exitCode,
          dossiers: report.dossiers,
          files: report.files.map((f) => ({
            file: f.file,
            rows: f.rows,
            imported: f.imported,
            rejected: f.rejected.length,
          })),
        },
      });
      this.logger.log(
        `Import ${importId} ended with status ${report.exitCode}: ${report.dossiers.imported} dossiers written, ` +
          `${report.dossiers.unchanged} unchanged, ${report.dossiers.rejected} rejected, ${report.queued} checks queued in ${report.durationMs} ms`,
      );
      return outcome;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A console import's job is tried again (queues.ts): it waits `queued` with the error
      // shown (再試行中) until its last attempt fails and ImportProcessor marks it failed.
      await this.imports.updateRun(
        importId,
        request.importId
          ? { status: 'queued', error: message }
          : { status: 'failed', error: message, finishedAt: new Date() },
      );
      throw error;
    } finally {
      clearInterval(heartbeat);
      // Scratch rows only; what a failure here leaves, the next import clears.
      await this.imports.dropStaging(importId).catch(() => undefined);
      // An expanded zip is never kept; a console upload is removed by its job once it ended.
      await rm(
        request.importId ? join(this.workDirOf(importId), 'bundle') : this.workDirOf(importId),
        {
          recursive: true,
          force: true,
        },
      );
    }
  }

  private async execute(
    importId: string,
    request: ImportRequest,
    sourceName: string,
    started: number,
  ): Promise<ImportOutcome> {
    const { roundId } = request;
    const progress = async (p: ImportProgress) => request.onProgress?.(p);
    const report: ImportReport = {
      importId,
      roundId,
      source: sourceName,
      files: [],
      dossiers: { imported: 0, created: 0, revised: 0, unchanged: 0, rejected: 0 },
      rejectedDossiers: [],
      queued: 0,
      unmatched: { ...NO_FEEDS },
      attached: { ...NO_FEEDS },
      scans: { files: 0, stored: 0, alreadyStored: 0, ignored: [] },
      bundleError: null,
      warnings: [],
      exitCode: 0,
      durationMs: 0,
    };
    const finish = (
      queuedChecks: CheckTarget[],
      queuedReadings: EnvelopeToRead[] = [],
    ): ImportOutcome => {
      report.durationMs = Date.now() - started;
      for (const file of report.files) {
        importRows.inc({ file: file.file, outcome: 'imported' }, file.imported);
        importRows.inc({ file: file.file, outcome: 'rejected' }, file.rejected.length);
      }
      report.exitCode =
        report.bundleError || report.files.some((f) => f.rejectedWhole)
          ? 2
          : report.files.some((f) => f.rejected.length > 0) || report.dossiers.rejected > 0
            ? 1
            : 0;
      return { report, queuedChecks, queuedReadings };
    };

    await progress({ phase: 'unpacking', filesDone: 0, filesTotal: 0, rows: 0 });
    // What an attempt killed midway expanded is expanded again from the start.
    await rm(join(this.workDirOf(importId), 'bundle'), { recursive: true, force: true });
    let bundle: Bundle;
    try {
      // What a zip expands to is bounded like an upload (IMPORT_MAX_MB).
      bundle = await openBundle(request.source, this.workDirOf(importId), {
        ...DEFAULT_BUNDLE_LIMITS,
        maxBytes: this.config.importMaxBytes,
      });
    } catch (error) {
      if (!(error instanceof BundleError)) throw error;
      report.bundleError = error.message;
      return finish([]);
    }
    report.warnings.push(
      ...bundle.ignored.map((name) => `「${name}」は取り込み対象ではないため読み飛ばしました`),
    );

    // 1. Read and validate every file; nothing is written yet but the staged rows of the forms.
    const specs = FILE_SPECS.filter((s) => bundle.files.has(s.file));
    const parsed = new Map<string, ParsedFile>();
    let rowsRead = 0;
    await progress({ phase: 'reading', filesDone: 0, filesTotal: specs.length, rows: 0 });
    const t0 = Date.now();
    await this.imports.clearStaging(importId);
    const staging = await this.imports.openStaging(importId);
    try {
      await parseFiles(
        specs.map((spec) => ({ spec, path: bundle.files.get(spec.file)! })),
        async (file, done) => {
          boundHeap(IMPORT_GARBAGE_MB);
          parsed.set(file.spec.file, file);
          rowsRead += file.rows;
          this.logger.debug(
            `Read ${file.spec.file}: ${file.rows} rows after ${Date.now() - t0} ms`,
          );
          await progress({
            phase: 'reading',
            file: file.spec.file,
            filesDone: done,
            filesTotal: specs.length,
            rows: rowsRead,
          });
        },
        {
          importId,
          write: (copyText) => {
            boundHeap(IMPORT_GARBAGE_MB);
            return staging.write(copyText);
          },
        },
      );
      await staging.end();
      boundHeap(IMPORT_GARBAGE_MB);
      await this.imports.analyzeStaging();
    } catch (error) {
      await staging.abort();
      throw error;
    }
    // Files refused whole keep no rows: what they staged before that is never read.
    const staged = specs
      .filter((s) => stagesRows(s) && !parsed.get(s.file)!.rejectedWhole)
      .map((s) => s.file);
    const stagedFiles = staged.filter((file) => parsed.get(file)!.spec.group === 'form');
    await this.refuseStagedDuplicates(importId, staged, parsed);
    this.logger.debug(`Staged the form files after ${Date.now() - t0} ms`);
    const forms: Partial<Record<FormPart, ParsedFile>> = {};
    for (const [name, part] of Object.entries(FORM_PART)) {
      if (parsed.has(name)) forms[part] = parsed.get(name);
    }

    await progress({
      phase: 'writing',
      filesDone: specs.length,
      filesTotal: specs.length,
      rows: rowsRead,
    });
    const written = await this.imports.withRoundLock(roundId, async (manager) => {
      // A bundle a spreadsheet saved is refused before anything is written (scans included).
      const files = [...parsed.values()];
      const lostZeros = refuseFacilityNumbersWithLostZeros(
        files,
        await this.imports.facilityNumbers(manager, roundId),
      );
      await this.refuseStagedLostZeros(importId, stagedFiles, parsed, lostZeros);
      const damaged = filesSavedBySpreadsheet(files);
      if (damaged.length > 0) return { savedBySpreadsheet: damaged };
      let t0 = Date.now();
      const scanLinks = await this.storeScans(bundle, report);

      return this.imports.inTransaction(manager, async (tx) => {
        const changedRows = new Map<string, number>();
        let mastersChanged = false;
        const feedCertNos = new Set<string>();
        for (const spec of specs) {
          const file = parsed.get(spec.file)!;
          if (spec.group === 'form' || file.rejectedWhole) continue;
          t0 = Date.now();
          const { changed, certNos } = staged.includes(spec.file)
            ? await this.imports.upsertStagedFile(tx, roundId, importId, spec, () =>
                boundHeap(IMPORT_GARBAGE_MB),
              )
            : await this.imports.upsertFile(tx, roundId, importId, spec, file.accepted);
          this.logger.debug(`Wrote ${spec.file}: ${changed} rows changed in ${Date.now() - t0} ms`);
          changedRows.set(spec.file, changed);
          if (spec.group === 'master' && changed > 0) mastersChanged = true;
          for (const certNo of certNos) feedCertNos.add(certNo);
        }
        t0 = Date.now();
        const assembly = await this.assembleAndWrite(tx, roundId, importId, forms, stagedFiles);
        const dossiers = assembly.written;
        this.logger.debug(
          `Assembled and wrote ${dossiers.length} dossiers in ${Date.now() - t0} ms`,
        );
        const writtenCertNos = dossiers.map((d) => d.certNo);
        const facilitiesChanged = (changedRows.get(FACILITIES.file) ?? 0) > 0;
        await this.imports.refreshSearchText(
          tx,
          roundId,
          facilitiesChanged ? null : writtenCertNos,
        );
        // Master data is read by every dossier's checks; a feed row only by its own dossier's.
        const bumped = await this.checkRepository.bumpInputs(
          roundId,
          mastersChanged ? null : [...feedCertNos],
          writtenCertNos,
          tx,
        );
        await this.imports.linkScans(tx, roundId, importId, scanLinks);
        report.unmatched = await this.imports.unmatchedCounts(tx, roundId);
        report.attached = await this.imports.attachedCounts(
          tx,
          roundId,
          importId,
          assembly.createdCertNos,
        );
        const targets: CheckTarget[] = [...dossiers.map((d) => ({ roundId, ...d })), ...bumped];
        return { assembly, changedRows, targets, scanLinks };
      });
    });

    if ('savedBySpreadsheet' in written) {
      this.refusedReport(
        report,
        specs.map((s) => parsed.get(s.file)!),
        written.savedBySpreadsheet,
      );
      return finish([]);
    }

    this.fillReport(
      report,
      specs.map((s) => parsed.get(s.file)!),
      written.assembly,
      written.changedRows,
    );

    const changed = [...written.changedRows.values()].reduce((sum, n) => sum + n, 0);
    // The planner's statistics are refreshed while the checks are queued, each on a connection
    // of its own: the CLI waited for the one, then the other.
    const ta = Date.now();
    const statistics =
      changed >= LARGE_IMPORT_ROWS
        ? observed(
            this.imports
              .refreshStatistics()
              .then(() =>
                this.logger.debug(
                  `Refreshed statistics after ${changed} rows in ${Date.now() - ta} ms`,
                ),
              ),
          )
        : null;

    // 2. After commit: a check job never runs before the data it judges is visible.
    await progress({
      phase: 'queueing',
      filesDone: specs.length,
      filesTotal: specs.length,
      rows: rowsRead,
    });
    const queuedChecks = written.targets;
    const tq = Date.now();
    report.queued = await this.checkQueue.queue(queuedChecks);
    this.logger.debug(`Queued ${report.queued} checks in ${Date.now() - tq} ms`);
    await statistics;
    // The reader reads the envelopes that brought pages.
    const scanned = [...new Set(written.scanLinks.map((l) => l.receiptNo))];
    const queuedReadings =
      scanned.length > 0 ? await this.scanQueue.queueEnvelopes(roundId, scanned) : [];
    return finish(queuedChecks, queuedReadings);
  }

  /**
   * Assembles the dossiers from the staged rows, DOSSIER_CHUNK at a time in the order of their
   * 認定番号, and writes each chunk's new dossiers and revisions: the import holds one chunk.
   */
  private async assembleAndWrite(
    tx: EntityManager,
    roundId: string,
    importId: string,
    forms: Partial<Record<FormPart, ParsedFile>>,
    stagedFiles: string[],
  ): Promise<DossierSummary> {
    const present = FORM_PARTS.filter((p) => forms[p]);
    const certs = new Set(await this.imports.stagedCertNos(tx, importId, stagedFiles));
    // The problems of each form file by 認定番号: a dossier with one is kept out.
    const problemsByPart = new Map<FormPart, Map<string, RowProblem[]>>();
    for (const part of present) {
      const file = forms[part]!;
      if (file.rejectedWhole) continue;
      const byCert = new Map<string, RowProblem[]>();
      for (const problem of file.problems) {
        if (!problem.certNo) continue;
        certs.add(problem.certNo);
        const list = byCert.get(problem.certNo);
        if (list) list.push(problem);
        else byCert.set(problem.certNo, [problem]);
      }
      problemsByPart.set(part, byCert);
    }
    const certNos = [...certs].sort();
    const summary: DossierSummary = {
      written: [],
      createdCertNos: [],
      revised: 0,
      unchanged: 0,
      rejected: [],
      orphanProblems: new Map(),
      importedRows: new Map(),
      changedRows: new Map(),
      blockedByFile: null,
    };
    for (const part of present) {
      summary.importedRows.set(forms[part]!.spec.file, 0);
      summary.changedRows.set(forms[part]!.spec.file, 0);
    }
    const chunks: string[][] = [];
    for (let start = 0; start < certNos.length; start += DOSSIER_CHUNK) {
      chunks.push(certNos.slice(start, start + DOSSIER_CHUNK));
    }
    // While this process assembles a chunk, PostgreSQL reads the next one's rows (on another
    // connection) and writes the one before (in the transaction): the import spent about a
    // third of its time waiting on one or the other.
    const reads = this.imports.alongside();
    const readChunk = (chunk: string[]) =>
      observed(
        Promise.all([
          this.imports.stagedRows(reads, importId, stagedFiles, chunk),
          this.imports.knownDossiers(reads, roundId, chunk),
        ]),
      );
    let next = chunks.length > 0 ? readChunk(chunks[0]) : null;
    let writing: Promise<void> = Promise.resolve();
    try {
      for (const [index, chunk] of chunks.entries()) {
        const [rows, known] = await next!;
        next = index + 1 < chunks.length ? readChunk(chunks[index + 1]) : null;
        const chunkForms: Partial<Record<FormPart, ParsedFile>> = {};
        for (const part of present) {
          const file = forms[part]!;
          const problems = problemsByPart.get(part);
          chunkForms[part] = !problems
            ? file
            : {
                ...file,
                problems: chunk.flatMap((certNo) => problems.get(certNo) ?? []),
                groups: groupStagedRows(
                  file.spec,
                  rows.filter((r) => r.file === file.spec.file),
                ),
              };
        }
        const previous = await this.imports.currentForms(
          reads,
          roundId,
          certNosNeedingPrevious(chunkForms, known),
        );
        const assembly = assembleDossiers(chunkForms, known, previous);
        const toWrite = assembly.dossiers.filter((d) => d.status !== 'unchanged');
        await writing;
        writing = observed(
          this.imports.writeDossiers(tx, roundId, importId, toWrite).then((written) => {
            summary.written.push(...written);
          }),
        );
        for (const d of toWrite) {
          if (d.status === 'new') summary.createdCertNos.push(d.certNo);
          else summary.revised++;
        }
        summary.unchanged += assembly.dossiers.length - toWrite.length;
        summary.rejected.push(...assembly.rejected);
        for (const [file, problems] of assembly.orphanProblems) {
          summary.orphanProblems.set(file, [
            ...(summary.orphanProblems.get(file) ?? []),
            ...problems,
          ]);
        }
        for (const [file, n] of assembly.importedRows)
          summary.importedRows.set(file, (summary.importedRows.get(file) ?? 0) + n);
        for (const [file, n] of assembly.changedRows)
          summary.changedRows.set(file, (summary.changedRows.get(file) ?? 0) + n);
        summary.blockedByFile = assembly.blockedByFile;
        boundHeap(IMPORT_GARBAGE_MB);
      }
      await writing;
    } catch (error) {
      // Nothing is left running on the connection, and a failed write is what is told: the
      // queries after it only failed because the transaction had.
      const [written] = await Promise.allSettled([writing, next]);
      throw written.status === 'rejected' ? written.reason : error;
    }
    if (certNos.length === 0) {
      summary.blockedByFile =
        present.map((p) => forms[p]!).find((f) => f.rejectedWhole)?.spec.file ?? null;
    }
    return summary;
  }

  /**
   * Refuses the later rows of a staged form file with the key of an earlier row, as reading
   * refuses them in the other files, and takes them out of the staging.
   */
  private async refuseStagedDuplicates(
    importId: string,
    stagedFiles: string[],
    parsed: ReadonlyMap<string, ParsedFile>,
  ): Promise<void> {
    const duplicates = await this.imports.stagedDuplicates(importId, stagedFiles);
    for (const name of stagedFiles) {
      const file = parsed.get(name)!;
      const spec: FileSpec = file.spec;
      const ofFile = duplicates.filter((d) => d.file === name);
      if (ofFile.length === 0) continue;
      const refused: RowProblem[] = ofFile.map((d) => {
        // A form's staged row lost its 認定番号 to the dossier; a feed's kept it.
        const row: Row =
          spec.group === 'form'
            ? { ...(JSON.parse(d.json) as Row), certNo: d.certNo }
            : (JSON.parse(d.json) as Row);
        return duplicateKeyProblem(spec, d.line, d.firstLine, row);
      });
      // Reading's problems come in line order; these go where reading would have put them.
      const merged: RowProblem[] = [];
      let i = 0;
      for (const problem of file.problems) {
        while (i < refused.length && refused[i].line < problem.line) merged.push(refused[i++]);
        merged.push(problem);
      }
      merged.push(...refused.slice(i));
      file.problems = merged;
      file.staged = (file.staged ?? 0) - ofFile.length;
      await this.imports.unstageLines(
        importId,
        name,
        ofFile.map((d) => d.line),
      );
    }
  }

  /** Refuses the staged form rows whose facility numbers lost their zeros (spreadsheet-damage.ts). */
  private async refuseStagedLostZeros(
    importId: string,
    stagedFiles: string[],
    parsed: ReadonlyMap<string, ParsedFile>,
    lostZeros: LostZerosCheck,
  ): Promise<void> {
    for (const name of stagedFiles) {
      const file = parsed.get(name)!;
      const fields = file.spec.columns.filter((c) => c.facilityNo).map((c) => c.field);
      const rows = await this.imports.stagedRowsWithValues(
        importId,
        name,
        fields,
        lostZeros.suspects,
      );
      for (const r of rows) lostZeros.check(file, r.line, JSON.parse(r.json) as Row, r.certNo);
    }
  }

  private fillReport(
    report: ImportReport,
    files: ParsedFile[],
    assembly: DossierSummary,
    changedRows: Map<string, number>,
  ): void {
    for (const file of files) {
      const isForm = file.spec.group === 'form';
      const rejected = [
        ...file.problems,
        ...(assembly.orphanProblems.get(file.spec.file) ?? []),
      ].sort((a, b) => a.line - b.line);
      const entry: FileReport = {
        file: file.spec.file,
        encoding: file.encoding,
        rows: file.rows,
        imported: file.rejectedWhole
          ? 0
          : isForm
            ? (assembly.importedRows.get(file.spec.file) ?? 0)
            : file.accepted.length + (file.staged ?? 0) + file.updatedInFile,
        rejected,
        changed: isForm
          ? (assembly.changedRows.get(file.spec.file) ?? 0)
          : (changedRows.get(file.spec.file) ?? 0),
        rejectedWhole: file.rejectedWhole,
        warnings: file.warnings,
      };
      report.files.push(entry);
    }
    report.dossiers = {
      imported: assembly.written.length,
      created: assembly.createdCertNos.length,
      revised: assembly.revised,
      unchanged: assembly.unchanged,
      rejected: assembly.rejected.length,
    };
    report.rejectedDossiers = assembly.rejected;
    if (assembly.blockedByFile) {
      report.warnings.push(
        `${assembly.blockedByFile} がファイルごと取り込めなかったため、この一式の申請(申請1〜3)はどれも取り込んでいません。ファイルを直して一式を取り込み直してください`,
      );
    }
  }

  /**
   * The report of a bundle refused whole because a spreadsheet saved it: every problem found,
   * nothing imported; the damaged files are marked refused.
   */
  private refusedReport(
    report: ImportReport,
    files: ParsedFile[],
    damaged: readonly DamagedFile[],
  ): void {
    this.logger.warn(
      `Import ${report.importId} refused: saved by a spreadsheet (${damaged.map((d) => `${d.file} ${d.damaged}/${d.rows} rows`).join(', ')})`,
    );
    report.bundleError = spreadsheetBundleError(damaged);
    for (const file of files) {
      report.files.push({
        file: file.spec.file,
        encoding: file.encoding,
        rows: file.rows,
        imported: 0,
        rejected: [...file.problems].sort((a, b) => a.line - b.line),
        changed: 0,
        rejectedWhole: file.rejectedWhole || damaged.some((d) => d.file === file.spec.file),
        warnings: file.warnings,
      });
    }
  }

  /** Stores each scan once by its content; returns the links to write with the rest. */
  private async storeScans(bundle: Bundle, report: ImportReport): Promise<ScanLink[]> {
    const links: ScanLink[] = [];
    for (const scan of bundle.scans) {
      report.scans.files++;
      const name = parseScanName(scan.name);
      if (!name) {
        report.scans.ignored.push(scan.name);
        report.warnings.push(
          `scans/${scan.name} は読み飛ばしました(名前を <受付番号>.pdf か <受付番号>-<ページ>.png|jpg|tif にしてください)`,
        );
        continue;
      }
      const mediaType = sniffMediaType(await this.scanStore.headOf(scan.path));
      const expected = MEDIA_TYPES[name.extension];
      if (mediaType !== expected) {
        report.scans.ignored.push(scan.name);
        report.warnings.push(
          `scans/${scan.name} は中身が ${name.extension.toUpperCase()} ではないため読み飛ばしました`,
        );
        continue;
      }
      const stored = await this.scanStore.put(scan.path, mediaType);
      if (stored.stored) report.scans.stored++;
      else report.scans.alreadyStored++;
      links.push({
        receiptNo: name.receiptNo,
        fileName: scan.name,
        page: name.page,
        sha256: stored.sha256,
        size: stored.size,
        mediaType,
      });
    }
    return links;
  }
}
