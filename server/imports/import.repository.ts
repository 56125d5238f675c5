import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { bulkUpsert } from '../database/bulk-upsert.js';
import { copyRows } from '../database/copy-rows.js';
import type { ListQuery } from '../common/list-query.js';
import { refreshSearchText } from '../dossiers/dossier-search.js';
import { ADDRESS_CHANGES, ELEARNING, MAIL, PAYMENTS, type FileSpec } from './csv/file-specs.js';
import type { AcceptedRow } from './csv/parse-file.js';
import type { Row } from './csv/row-reader.js';
import type { AssembledDossier, FormPart, KnownDossier, PartHashes } from './dossier-assembler.js';
import type { FeedCounts } from './import-report.js';
import { ImportRunEntity } from './import-run.entity.js';
import { tableMapping, tableOf } from './table-mapping.js';

export const IMPORT_SORTABLE = ['createdAt', 'status', 'sourceName', 'roundId'] as const;
export type ImportSortField = (typeof IMPORT_SORTABLE)[number];

export const UNMATCHED_SORTABLE = ['receivedAt', 'certNo', 'kind', 'key'] as const;
export type UnmatchedSortField = (typeof UNMATCHED_SORTABLE)[number];

/** A feed row waiting for a dossier with its 認定番号. */
export interface UnmatchedRecord {
  id: string;
  roundId: string;
  kind: 'payment' | 'elearning' | 'addressChange' | 'mail';
  /** 取引番号, 受付番号, or the e-learning field. */
  key: string;
  certNo: string;
  receivedAt: string;
  summary: string;
}

const UNMATCHED_SQL = `
  SELECT 'payment' AS kind, round_id, transaction_id AS key, cert_no, paid_at AS received_at,
         item || ' ' || coalesce(amount::text, '') || '円 ' || status AS summary FROM payments
  UNION ALL
  SELECT 'elearning', round_id, field, cert_no, completed_at,
         field || coalesce(' ミニテスト ' || mini_test_score || '/5', '') FROM elearning_results
  UNION ALL
  SELECT 'addressChange', round_id, receipt_no, cert_no, received_at,
         postal_code || ' ' || prefecture || address FROM address_changes
  UNION ALL
  SELECT 'mail', round_id, receipt_no, cert_no, arrived_on::timestamptz,
         mail_kind || CASE WHEN cert_no = '' THEN '(宛名ラベルが読めません)' ELSE '' END FROM envelopes`;

const UNMATCHED_ORDER: Record<UnmatchedSortField, string> = {
  receivedAt: 'received_at',
  certNo: 'cert_no',
  kind: 'kind',
  key: 'key',
};

export interface VersionedDossier {
  certNo: string;
  inputsVersion: number;
}

export interface ScanLink {
  receiptNo: string;
  fileName: string;
  page: number | null;
  sha256: string;
  size: number;
  mediaType: string;
}

/** The COPY into import_staged_rows of one import's reading phase, on its own connection. */
export interface StagingCopy {
  importId: string;
  write(copyText: string): Promise<void>;
  /** Ends the COPY (the rows are then visible) and lets the connection go. */
  end(): Promise<void>;
  /** Lets the connection go after a failure, whatever the COPY's state. */
  abort(): Promise<void>;
}

/** A later row of a form file with the key of an earlier one, found in the staging. */
export interface StagedDuplicate {
  file: string;
  line: number;
  certNo: string;
  json: string;
  firstLine: number;
}

export interface StagedRow {
  file: string;
  certNo: string;
  line: number;
  json: string;
}

/** Rows of a staged feed file upserted at a time. */
const STAGED_UPSERT_BATCH = 25_000;

/** Every query of the import: the import runs, and the bulk writes of a bundle. */
@Injectable()
export class ImportRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ImportRunEntity) private readonly runs: Repository<ImportRunEntity>,
  ) {}

  // ── import runs ──

  createRun(values: Partial<ImportRunEntity>): Promise<ImportRunEntity> {
    return this.runs.save(this.runs.create(values));
  }

  /**
   * Fresh planner statistics after a large import. Without them PostgreSQL still plans for the
   * empty tables it last saw (dozens of rows instead of thousands) until autovacuum comes by,
   * and the console's filtered lists turn into nested loops taking hundreds of milliseconds.
   */
  async refreshStatistics(): Promise<void> {
    await this.dataSource.query(
      `ANALYZE dossiers, dossier_revisions, elearning_results, payments, envelopes, envelope_scans,
               address_changes, facilities, meetings, societies`,
    );
  }

  async updateRun(id: string, values: Partial<ImportRunEntity>): Promise<void> {
    await this.runs.update({ id }, values as never);
  }

  /** Whoever runs the import is alive. */
  async heartbeat(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE imports SET heartbeat_at = now() WHERE id = $1`, [id]);
  }

  /**
   * Imports queued or running with no sign of life for `staleSeconds` (by the database's clock):
   * either waiting for a busy worker, or left behind by a lost one.
   */
  staleRuns(staleSeconds: number): Promise<{ id: string; status: string; resumed: number }[]> {
    return this.dataSource.query(
      `SELECT id, status, resumed FROM imports
        WHERE status IN ('queued', 'running')
          AND greatest(heartbeat_at, started_at, created_at) < now() - make_interval(secs => $1)
        ORDER BY created_at`,
      [staleSeconds],
    );
  }

  /**
   * Takes an import up again, unless another reconciler just did (`resumed` moved on) or it
   * ended meanwhile. Returns whether this caller won.
   */
  async claimResumption(id: string, resumed: number): Promise<boolean> {
    const [rows] = (await this.dataSource.query(
      `UPDATE imports SET resumed = resumed + 1, heartbeat_at = now()
        WHERE id = $1 AND resumed = $2 AND status IN ('queued', 'running')
        RETURNING id`,
      [id, resumed],
    )) as [unknown[], number];
    return rows.length === 1;
  }

  /** Marks an import failed with a reason, unless it ended meanwhile. */
  async markFailedIfUnfinished(id: string, error: string): Promise<boolean> {
    const [rows] = (await this.dataSource.query(
      `UPDATE imports SET status = 'failed', error = $2, finished_at = now()
        WHERE id = $1 AND status IN ('queued', 'running')
        RETURNING id`,
      [id, error],
    )) as [unknown[], number];
    return rows.length === 1;
  }

  findRun(id: string): Promise<ImportRunEntity | null> {
    return this.runs.findOneBy({ id });
  }

  listRuns(query: ListQuery<ImportSortField>): Promise<[ImportRunEntity[], number]> {
    const where: Record<string, unknown> = {};
    if (typeof query.filter.roundId === 'string') where.roundId = query.filter.roundId;
    if (typeof query.filter.status === 'string') where.status = query.filter.status;
    return this.runs.findAndCount({
      where,
      // The full report is fetched per import; the history list needs only the summary.
      select: {
        id: true,
        roundId: true,
        sourceName: true,
        status: true,
        exitCode: true,
        requestedBy: true,
        progress: true,
        error: true,
        createdAt: true,
        startedAt: true,
        finishedAt: true,
      },
      order: { [query.sortField]: query.sortOrder },
      skip: query.offset,
      take: query.limit,
    });
  }

  /**
   * Runs `work` holding the round's import lock on one connection: imports of one round run one
   * after the other, so revision numbers never race.
   */
  async withRoundLock<T>(
    roundId: string,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [
        `shinsa.import.${roundId}`,
      ]);
      try {
        return await work(runner.manager);
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [
          `shinsa.import.${roundId}`,
        ]);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * Another connection of the pool, for what an import reads while its transaction writes on
   * the locked one (a connection runs one query at a time): the staging, committed before, and
   * the dossiers of chunks the transaction has not written yet. Under READ COMMITTED each query
   * sees what it would have seen in the transaction.
   */
  alongside(): EntityManager {
    return this.dataSource.manager;
  }

  /** Runs `work` in one transaction on the locked connection. */
  async inTransaction<T>(
    manager: EntityManager,
    work: (tx: EntityManager) => Promise<T>,
  ): Promise<T> {
    const runner = manager.queryRunner!;
    await runner.startTransaction();
    try {
      const result = await work(runner.manager);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  }

  /** The facility numbers of the round's facilities master, as stored. */
  async facilityNumbers(manager: EntityManager, roundId: string): Promise<Set<string>> {
    const rows: { facility_no: string }[] = await manager.query(
      `SELECT facility_no FROM facilities WHERE round_id = $1`,
      [roundId],
    );
    return new Set(rows.map((r) => r.facility_no));
  }

  // ── staging (import_staged_rows) ──

  /**
   * Removes what this import staged (an earlier attempt's) and what imports no longer queued
   * or running left behind (a process killed midway).
   */
  async clearStaging(importId: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM import_staged_rows s
        WHERE s.import_id = $1
           OR NOT EXISTS (SELECT 1 FROM imports i
                           WHERE i.id = s.import_id AND i.status IN ('queued', 'running'))`,
      [importId],
    );
  }

  /** Removes this import's staged rows once it ended. */
  async dropStaging(importId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM import_staged_rows WHERE import_id = $1`, [importId]);
  }

  /** Opens one COPY for the rows the import stages while reading (import_staged_rows). */
  async openStaging(importId: string): Promise<StagingCopy> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as pg.PoolClient;
    const stream = client.query(
      copyFrom(
        `COPY import_staged_rows (import_id, file, line, cert_no, row_key, sort_key, json) FROM STDIN`,
      ),
    );
    let failure: Error | null = null;
    const finished = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', (error: Error) => {
        failure = error;
        reject(error);
      });
    });
    finished.catch(() => undefined);
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      await runner.release();
    };
    return {
      importId,
      write: async (copyText) => {
        if (failure) throw failure;
        if (!stream.write(copyText)) await Promise.race([once(stream, 'drain'), finished]);
      },
      end: async () => {
        try {
          stream.end();
          await finished;
        } finally {
          await release();
        }
      },
      abort: async () => {
        if (released) return;
        // destroy() sends CopyFail: what was copied is rolled back, the connection usable again.
        // PostgreSQL gone, its answer never comes: the connection is let go after a while.
        if (!stream.destroyed) {
          const closed = once(stream, 'close').catch(() => undefined);
          stream.destroy();
          await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
        }
        await release();
      },
    };
  }

  /**
   * Fresh planner statistics of the staging once a bundle is in: without them PostgreSQL
   * plans the chunks' reads for an empty table and may scan all of it for each.
   */
  async analyzeStaging(): Promise<void> {
    await this.dataSource.query(`ANALYZE import_staged_rows`);
  }

  /** Later rows of staged form files with the key of an earlier row (the earliest is kept). */
  async stagedDuplicates(importId: string, files: string[]): Promise<StagedDuplicate[]> {
    if (files.length === 0) return [];
    const rows: {
      file: string;
      line: number;
      cert_no: string;
      json: string;
      first_line: number;
    }[] = await this.dataSource.query(
      `SELECT s.file, s.line, s.cert_no, s.json, d.first_line
         FROM (SELECT file, row_key, min(line) AS first_line FROM import_staged_rows
                WHERE import_id = $1 AND file = ANY($2)
                GROUP BY file, row_key HAVING count(*) > 1) d
         JOIN import_staged_rows s ON s.import_id = $1 AND s.file = d.file AND s.row_key = d.row_key
        WHERE s.line > d.first_line
        ORDER BY s.file, s.line`,
      [importId, files],
    );
    return rows.map((r) => ({
      file: r.file,
      line: r.line,
      certNo: r.cert_no,
      json: r.json,
      firstLine: r.first_line,
    }));
  }

  /** Takes refused rows out of the staging. */
  async unstageLines(importId: string, file: string, lines: number[]): Promise<void> {
    if (lines.length === 0) return;
    await this.dataSource.query(
      `DELETE FROM import_staged_rows WHERE import_id = $1 AND file = $2 AND line = ANY($3)`,
      [importId, file, lines],
    );
  }

  /**
   * Staged rows of a file with one of `values` in one of `fields` (facility numbers that lost
   * their zeros), in the order a dossier's rows were grouped: dossiers by their first line,
   * rows by their key.
   */
  async stagedRowsWithValues(
    importId: string,
    file: string,
    fields: string[],
    values: string[],
  ): Promise<StagedRow[]> {
    if (fields.length === 0 || values.length === 0) return [];
    const rows: { cert_no: string; line: number; json: string }[] = await this.dataSource.query(
      `SELECT cert_no, line, json FROM (
         SELECT cert_no, line, sort_key, json, min(line) OVER (PARTITION BY cert_no) AS first_line
           FROM import_staged_rows WHERE import_id = $1 AND file = $2) s
        WHERE ${fields.map((_, i) => `(s.json::jsonb ->> $${i + 4}) = ANY($3)`).join(' OR ')}
        ORDER BY first_line, sort_key, line`,
      [importId, file, values, ...fields],
    );
    return rows.map((r) => ({ file, certNo: r.cert_no, line: r.line, json: r.json }));
  }

  /** The 認定番号 of the staged rows of these files, sorted. */
  async stagedCertNos(
    manager: EntityManager,
    importId: string,
    files: string[],
  ): Promise<string[]> {
    if (files.length === 0) return [];
    const rows: { cert_no: string }[] = await manager.query(
      `SELECT DISTINCT cert_no FROM import_staged_rows WHERE import_id = $1 AND file = ANY($2)`,
      [importId, files],
    );
    return rows.map((r) => r.cert_no);
  }

  /** The staged rows of these dossiers, by 認定番号, then in each dossier's stored order. */
  async stagedRows(
    manager: EntityManager,
    importId: string,
    files: string[],
    certNos: string[],
  ): Promise<StagedRow[]> {
    if (files.length === 0 || certNos.length === 0) return [];
    const rows: { file: string; cert_no: string; line: number; json: string }[] =
      await manager.query(
        `SELECT file, cert_no, line, json FROM import_staged_rows
          WHERE import_id = $1 AND cert_no = ANY($2) AND file = ANY($3)
          ORDER BY cert_no COLLATE "C", file, sort_key, line`,
        [importId, certNos, files],
      );
    return rows.map((r) => ({ file: r.file, certNo: r.cert_no, line: r.line, json: r.json }));
  }

  // ── dossiers ──

  /** The round's dossiers (only these 認定番号 when given). */
  async knownDossiers(
    manager: EntityManager,
    roundId: string,
    certNos?: string[],
  ): Promise<Map<string, KnownDossier>> {
    const rows: {
      cert_no: string;
      revision: number;
      content_hash: string;
      part_hashes: PartHashes;
    }[] = await manager.query(
      `SELECT cert_no, revision, content_hash, part_hashes FROM dossiers
        WHERE round_id = $1 AND ($2::text[] IS NULL OR cert_no = ANY($2))`,
      [roundId, certNos ?? null],
    );
    return new Map(
      rows.map((r) => [
        r.cert_no,
        { revision: r.revision, contentHash: r.content_hash, partHashes: r.part_hashes },
      ]),
    );
  }

  /** The stored JSON of each form of these dossiers' current revisions. */
  async currentForms(
    manager: EntityManager,
    roundId: string,
    certNos: string[],
  ): Promise<Map<string, Record<FormPart, string>>> {
    if (certNos.length === 0) return new Map();
    const rows: (Record<FormPart, string> & { cert_no: string })[] = await manager.query(
      `SELECT d.cert_no, r.applicant::text AS applicant, r.case_sheets::text AS "caseSheets",
              r.cases::text AS cases, r.attendances::text AS attendances
         FROM dossiers d JOIN dossier_revisions r ON r.dossier_id = d.id AND r.revision = d.revision
        WHERE d.round_id = $1 AND d.cert_no = ANY($2)`,
      [roundId, certNos],
    );
    return new Map(
      rows.map((r) => [
        r.cert_no,
        {
          applicant: r.applicant,
          caseSheets: r.caseSheets,
          cases: r.cases,
          attendances: r.attendances,
        },
      ]),
    );
  }

  /**
   * Writes new dossiers and new revisions of changed ones. Earlier revisions stay: review work
   * made on them keeps pointing at the revision it was made on.
   */
  async writeDossiers(
    manager: EntityManager,
    roundId: string,
    importId: string,
    dossiers: AssembledDossier[],
  ): Promise<VersionedDossier[]> {
    const created = dossiers.filter((d) => d.status === 'new');
    const revised = dossiers.filter((d) => d.status === 'changed');
    const identity = (d: AssembledDossier) => {
      const a = d.applicant;
      return [
        d.certNo,
        d.contentHash,
        JSON.stringify(d.partHashes),
        a.familyName,
        a.givenName,
        a.familyNameKana ?? '',
        a.givenNameKana ?? '',
        a.registeredAt,
        a.lastEditedAt,
      ];
    };
    const columns = (list: AssembledDossier[]) => {
      const rows = list.map(identity);
      return rows[0]?.map((_, i) => rows.map((r) => r[i])) ?? [];
    };
    const written: { id: string; cert_no: string; revision: number; inputs_version: number }[] = [];
    for (let start = 0; start < created.length; start += 5000) {
      const chunk = created.slice(start, start + 5000);
      written.push(
        ...(await manager.query(
          `INSERT INTO dossiers (round_id, cert_no, revision, content_hash, part_hashes, family_name,
                                 given_name, family_name_kana, given_name_kana, registered_at, last_edited_at)
           SELECT $1, u.cert_no, 1, u.hash, u.parts, u.fn, u.gn, u.fnk, u.gnk, u.reg, u.edit
             FROM unnest($2::text[], $3::text[], $4::jsonb[], $5::text[], $6::text[], $7::text[], $8::text[],
                         $9::timestamptz[], $10::timestamptz[])
                  AS u(cert_no, hash, parts, fn, gn, fnk, gnk, reg, edit)
           RETURNING id, cert_no, revision, inputs_version`,
          [roundId, ...columns(chunk)],
        )),
      );
    }
    for (let start = 0; start < revised.length; start += 5000) {
      const chunk = revised.slice(start, start + 5000);
      const [rows] = (await manager.query(
        `UPDATE dossiers d
            SET revision = d.revision + 1, content_hash = u.hash, part_hashes = u.parts,
                family_name = u.fn, given_name = u.gn,
                family_name_kana = u.fnk, given_name_kana = u.gnk, registered_at = u.reg,
                last_edited_at = u.edit, inputs_version = d.inputs_version + 1, updated_at = now()
           FROM unnest($2::text[], $3::text[], $4::jsonb[], $5::text[], $6::text[], $7::text[], $8::text[],
                       $9::timestamptz[], $10::timestamptz[])
                AS u(cert_no, hash, parts, fn, gn, fnk, gnk, reg, edit)
          WHERE d.round_id = $1 AND d.cert_no = u.cert_no
          RETURNING d.id, d.cert_no, d.revision, d.inputs_version`,
        [roundId, ...columns(chunk)],
      )) as [typeof written, number];
      written.push(...rows);
    }
    const byCert = new Map(dossiers.map((d) => [d.certNo, d]));
    // Revisions go in by COPY: each holds every form of one dossier as JSON.
    await copyRows(
      manager,
      'dossier_revisions',
      [
        'dossier_id',
        'revision',
        'content_hash',
        'import_id',
        'applicant',
        'case_sheets',
        'cases',
        'attendances',
      ],
      (function* () {
        for (const w of written) {
          const d = byCert.get(w.cert_no)!;
          const j = d.json;
          yield [
            w.id,
            w.revision,
            d.contentHash,
            importId,
            j.applicant,
            j.caseSheets,
            j.cases,
            j.attendances,
          ];
        }
      })(),
    );
    return written.map((w) => ({ certNo: w.cert_no, inputsVersion: w.inputs_version }));
  }

  /**
   * The search text of the dossiers written (their names, kana or workplace may have changed),
   * or of every dossier of the round when `certNos` is null (a facility renamed).
   */
  async refreshSearchText(
    manager: EntityManager,
    roundId: string,
    certNos: string[] | null,
  ): Promise<number> {
    if (certNos?.length === 0) return 0;
    return refreshSearchText((sql, params) => manager.query(sql, params), roundId, certNos);
  }

  // ── masters and feeds ──

  /** Upserts a master or feed file; returns the 認定番号 (or key) of each row inserted or changed. */
  async upsertFile(
    manager: EntityManager,
    roundId: string,
    importId: string,
    spec: FileSpec,
    rows: AcceptedRow[],
  ): Promise<{ changed: number; certNos: string[] }> {
    const mapping = tableMapping(spec);
    const hasCertNo = mapping.columns.some((col) => col.name === 'cert_no');
    const returned = await bulkUpsert<{ cert_no?: string }>(manager, {
      table: mapping.table,
      columns: [{ name: 'round_id', type: 'text' }, ...mapping.columns],
      key: mapping.key,
      rows: rows.map((r) => [roundId, ...mapping.columns.map((col) => r.row[col.field])]),
      constants: { import_id: { value: importId, type: 'uuid' } },
      returning: hasCertNo ? ['cert_no'] : [],
    });
    return {
      changed: returned.length,
      certNos: hasCertNo ? [...new Set(returned.map((r) => r.cert_no!))] : [],
    };
  }

  /**
   * Upserts a staged feed file (import_staged_rows) like upsertFile, a batch of rows at a
   * time read through a cursor in file order, so the rows are never all in memory.
   */
  async upsertStagedFile(
    manager: EntityManager,
    roundId: string,
    importId: string,
    spec: FileSpec,
    afterBatch?: () => void,
  ): Promise<{ changed: number; certNos: string[] }> {
    const cursor = `staged_${spec.file.replace(/\W/g, '_')}`;
    await manager.query(
      `DECLARE ${cursor} NO SCROLL CURSOR FOR
         SELECT line, json FROM import_staged_rows WHERE import_id = $1 AND file = $2 ORDER BY line`,
      [importId, spec.file],
    );
    let changed = 0;
    const certNos = new Set<string>();
    try {
      for (;;) {
        const batch: { line: number; json: string }[] = await manager.query(
          `FETCH ${STAGED_UPSERT_BATCH} FROM ${cursor}`,
        );
        if (batch.length === 0) break;
        const rows = batch.map((r) => ({ line: r.line, row: JSON.parse(r.json) as Row }));
        const result = await this.upsertFile(manager, roundId, importId, spec, rows);
        afterBatch?.();
        changed += result.changed;
        for (const certNo of result.certNos) certNos.add(certNo);
      }
    } finally {
      await manager.query(`CLOSE ${cursor}`);
    }
    return { changed, certNos: [...certNos] };
  }

  async linkScans(
    manager: EntityManager,
    roundId: string,
    importId: string,
    links: ScanLink[],
  ): Promise<number> {
    if (links.length === 0) return 0;
    await manager.query(
      `INSERT INTO scan_files (sha256, size, media_type)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[]) ON CONFLICT DO NOTHING`,
      [links.map((l) => l.sha256), links.map((l) => l.size), links.map((l) => l.mediaType)],
    );
    const changed = await bulkUpsert(manager, {
      table: 'envelope_scans',
      columns: [
        { name: 'round_id', type: 'text' },
        { name: 'receipt_no', type: 'text' },
        { name: 'file_name', type: 'text' },
        { name: 'page', type: 'integer' },
        { name: 'sha256', type: 'text' },
      ],
      key: ['round_id', 'receipt_no', 'file_name'],
      rows: links.map((l) => [roundId, l.receiptNo, l.fileName, l.page, l.sha256]),
      constants: { import_id: { value: importId, type: 'uuid' } },
    });
    return changed.length;
  }

  // ── unmatched feeds ──

  private static readonly FEED_TABLES: Record<keyof FeedCounts, string> = {
    payments: tableOf(PAYMENTS),
    elearning: tableOf(ELEARNING),
    addressChanges: tableOf(ADDRESS_CHANGES),
    mail: tableOf(MAIL),
  };

  /** Rows of each feed whose 認定番号 has no dossier in the round (yet). */
  async unmatchedCounts(manager: EntityManager, roundId: string): Promise<FeedCounts> {
    const counts = {} as FeedCounts;
    for (const [key, table] of Object.entries(ImportRepository.FEED_TABLES)) {
      const [row] = await manager.query(
        `SELECT count(*)::int AS n FROM ${table} f
          WHERE f.round_id = $1
            AND NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.round_id = f.round_id AND d.cert_no = f.cert_no)`,
        [roundId],
      );
      counts[key as keyof FeedCounts] = row.n;
    }
    return counts;
  }

  async listUnmatched(
    query: ListQuery<UnmatchedSortField>,
  ): Promise<{ rows: UnmatchedRecord[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [
      'NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.round_id = f.round_id AND d.cert_no = f.cert_no)',
    ];
    if (typeof query.filter.roundId === 'string') {
      params.push(query.filter.roundId);
      where.push(`f.round_id = $${params.length}`);
    }
    if (typeof query.filter.kind === 'string') {
      params.push(query.filter.kind);
      where.push(`f.kind = $${params.length}`);
    }
    if (typeof query.filter.q === 'string' && query.filter.q.trim()) {
      params.push(`%${query.filter.q.trim()}%`);
      where.push(`(f.cert_no ILIKE $${params.length} OR f.key ILIKE $${params.length})`);
    }
    const base = `FROM (${UNMATCHED_SQL}) AS f WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total ${base}`,
      params,
    );
    const rows: {
      kind: UnmatchedRecord['kind'];
      round_id: string;
      key: string;
      cert_no: string;
      received_at: Date;
      summary: string;
    }[] = await this.dataSource.query(
      `SELECT f.* ${base} ORDER BY ${UNMATCHED_ORDER[query.sortField]} ${query.sortOrder}, f.key
         OFFSET ${query.offset} LIMIT ${query.limit}`,
      params,
    );
    return {
      total,
      rows: rows.map((r) => ({
        id: `${r.kind}.${r.round_id}.${r.key}.${r.cert_no}`,
        roundId: r.round_id,
        kind: r.kind,
        key: r.key,
        certNo: r.cert_no,
        receivedAt: new Date(r.received_at).toISOString(),
        summary: r.summary,
      })),
    };
  }

  /** Feed rows stored before this import that now belong to dossiers it created. */
  async attachedCounts(
    manager: EntityManager,
    roundId: string,
    importId: string,
    createdCertNos: string[],
  ): Promise<FeedCounts> {
    const counts = {} as FeedCounts;
    for (const [key, table] of Object.entries(ImportRepository.FEED_TABLES)) {
      const [row] = createdCertNos.length
        ? await manager.query(
            `SELECT count(*)::int AS n FROM ${table}
              WHERE round_id = $1 AND cert_no = ANY($2) AND import_id IS DISTINCT FROM $3`,
            [roundId, createdCertNos, importId],
          )
        : [{ n: 0 }];
      counts[key as keyof FeedCounts] = row.n;
    }
    return counts;
  }
}
