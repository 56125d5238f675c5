import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type {
  CheckInput,
  CheckOutcome,
  DocumentMark,
  ElearningFacts,
  RoundRules,
} from '../rules/check-input.js';
import type { PaymentFacts } from '../fees/payment-facts.js';
import type { FacilityFacts, MeetingFacts } from '../masters/master-records.js';
import { worstOutcomes } from '../rules/verdict.js';
import type { PageText } from '../scans/reading/ocr.js';
import type { ReadPage } from '../scans/reading/page-reader.js';
import type { StoredLine } from '../scans/scan-reading.views.js';
import { latestReleasedDecisionOf } from '../decisions/decision-sql.js';
import { CURRENT_REVISION, ELEARNING, FORMS, PAYMENTS } from '../dossiers/dossier-projection.js';
import type { CheckBatchEntry } from '../queues/queues.js';

interface RoundMasters {
  stamp: string;
  round: RoundRules;
  societyCodes: Set<string>;
  meetings: Map<string, MeetingFacts>;
  facilities: Map<string, FacilityFacts>;
}

/** A read page as loadInput selects it from scan_pages (lines without their words). */
interface StoredReadPage extends Omit<ReadPage, 'text'> {
  width: number;
  height: number;
  text: string;
  textConfidence: number;
  lines: StoredLine[];
  orientation: PageText['orientation'];
  skew: number;
}

/** The page as the findings read it: the words of its lines are not needed there. */
function readPageOf(stored: StoredReadPage): ReadPage {
  const { width, height, text, textConfidence, lines, orientation, skew, ...page } = stored;
  return {
    ...page,
    text: {
      width,
      height,
      text,
      lines: lines.map((line) => ({ ...line, words: [] })),
      confidence: textConfidence * 100,
      orientation,
      skew,
    },
  };
}

/** A row of loadInputs: the current revision's forms and the dossier's facts, as JSON. */
interface InputRow extends Pick<
  CheckInput,
  'applicant' | 'caseSheets' | 'cases' | 'attendances' | 'payments' | 'elearning' | 'envelopes'
> {
  id: string;
  cert_no: string;
  revision: number;
  overrides: [string, boolean][];
  documents: [string, DocumentMark][];
  decision: CheckInput['decision'];
  readPages: StoredReadPage[];
}

/** A row of loadInputs, with the round's settings and master data, as the rules read it. */
function loadedDossierOf(dossier: InputRow, masters: RoundMasters): LoadedDossier {
  // JSON writes timestamps with their offset; the rules compare ISO instants.
  const iso = <T extends object>(rows: T[], field: keyof T): T[] =>
    rows.map((r) => ({ ...r, [field]: new Date(String(r[field])).toISOString() }));
  return {
    dossierId: dossier.id,
    revision: dossier.revision,
    input: {
      round: masters.round,
      applicant: dossier.applicant,
      caseSheets: dossier.caseSheets,
      cases: dossier.cases,
      attendances: dossier.attendances,
      societyCodes: masters.societyCodes,
      meetings: masters.meetings,
      facilities: masters.facilities,
      payments: iso<PaymentFacts>(dossier.payments, 'paidAt'),
      elearning: iso<ElearningFacts>(dossier.elearning, 'completedAt'),
      envelopes: dossier.envelopes,
      overrides: new Map(dossier.overrides),
      decision: dossier.decision,
      readPages: dossier.readPages.map(readPageOf),
      documents: new Map(
        dossier.documents.map(([key, mark]) => [
          key,
          { ...mark, checkedAt: new Date(mark.checkedAt).toISOString() },
        ]),
      ),
    },
  };
}

/** The rules that did not pass, each once (check_results.not_passed). */
function notPassedOf(outcome: CheckOutcome): string[] {
  return [...new Set(outcome.results.filter((r) => r.outcome !== 'pass').map((r) => r.rule))];
}

/** A dossier's inputs, and its identity for storing the results. */
export interface LoadedDossier {
  dossierId: string;
  revision: number;
  input: Omit<CheckInput, 'asOf'>;
}

/** A dossier judged at the inputs version its job was queued for. */
export interface JudgedDossier {
  loaded: LoadedDossier;
  inputsVersion: number;
  outcome: CheckOutcome;
}

export interface CheckTarget {
  roundId: string;
  certNo: string;
  inputsVersion: number;
}

/** The check bookkeeping of dossiers: which inputs version was last judged, or failed. */
@Injectable()
export class CheckRepository {
  /** Round settings and master data per round, reloaded when any of them changed. */
  private readonly masters = new Map<string, RoundMasters>();
  private readonly mastersReading = new Map<string, Promise<RoundMasters>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private async roundMasters(roundId: string): Promise<RoundMasters> {
    const [{ stamp }] = await this.dataSource.query(
      `SELECT concat_ws('|', (SELECT max(updated_at) FROM societies WHERE round_id = $1),
                             (SELECT max(updated_at) FROM meetings WHERE round_id = $1),
                             (SELECT max(updated_at) FROM facilities WHERE round_id = $1),
                             (SELECT updated_at FROM rounds WHERE id = $1)) AS stamp`,
      [roundId],
    );
    const cached = this.masters.get(roundId);
    if (cached && cached.stamp === stamp) return cached;
    // Batches that start together (an import's first ones) wait for the same reading.
    const key = `${roundId}|${stamp}`;
    let reading = this.mastersReading.get(key);
    if (!reading) {
      reading = this.readRoundMasters(roundId, stamp).finally(() =>
        this.mastersReading.delete(key),
      );
      this.mastersReading.set(key, reading);
    }
    return reading;
  }

  private async readRoundMasters(roundId: string, stamp: string): Promise<RoundMasters> {
    const [round] = await this.dataSource.query(
      `SELECT registration_deadline AS "registrationDeadline", review_fee_deadline AS "reviewFeeDeadline",
              elearning_deadline AS "elearningDeadline", postmark_deadline AS "postmarkDeadline",
              fees, requirements
         FROM rounds WHERE id = $1`,
      [roundId],
    );
    const societies: { code: string }[] = await this.dataSource.query(
      `SELECT code FROM societies WHERE round_id = $1`,
      [roundId],
    );
    const meetings: ({ code: string } & MeetingFacts)[] = await this.dataSource.query(
      `SELECT code, name, kind, starts_on AS "startsOn", ends_on AS "endsOn" FROM meetings WHERE round_id = $1`,
      [roundId],
    );
    const facilities: ({ facility_no: string } & FacilityFacts)[] = await this.dataSource.query(
      `SELECT facility_no, postal_code AS "postalCode", prefecture, address FROM facilities WHERE round_id = $1`,
      [roundId],
    );
    const loaded: RoundMasters = {
      stamp,
      round: {
        ...round,
        registrationDeadline: new Date(round.registrationDeadline).toISOString(),
        reviewFeeDeadline: new Date(round.reviewFeeDeadline).toISOString(),
        elearningDeadline: new Date(round.elearningDeadline).toISOString(),
      },
      societyCodes: new Set(societies.map((r) => r.code)),
      meetings: new Map(meetings.map(({ code, ...m }) => [code, m])),
      facilities: new Map(facilities.map(({ facility_no, ...f }) => [facility_no, f])),
    };
    this.masters.set(roundId, loaded);
    return loaded;
  }

  /**
   * Everything the checks of one dossier read, at its current revision; null when the dossier
   * is gone or was judged at `inputsVersion` or later already.
   */
  async loadInput(
    roundId: string,
    certNo: string,
    inputsVersion: number,
  ): Promise<LoadedDossier | null> {
    const loaded = await this.loadInputs(roundId, [{ certNo, inputsVersion }]);
    return loaded.get(certNo) ?? null;
  }

  /**
   * Everything the checks of these dossiers of one round read, at their current revisions, in
   * one query, by 認定番号: only dossiers still there and not judged at their version (or later)
   * already. The dossier's columns are those of dossier-projection.ts; the envelopes,
   * overrides and document marks only the checks read so.
   */
  async loadInputs(
    roundId: string,
    dossiers: readonly CheckBatchEntry[],
  ): Promise<Map<string, LoadedDossier>> {
    const loaded = new Map<string, LoadedDossier>();
    if (dossiers.length === 0) return loaded;
    const rows: InputRow[] = await this.dataSource.query(
      `SELECT d.id, d.cert_no, d.revision, ${FORMS}, ${PAYMENTS} AS payments, ${ELEARNING} AS elearning,
              coalesce((SELECT json_agg(json_build_object('receiptNo', m.receipt_no, 'arrivedOn', m.arrived_on,
                                        'postmarkedOn', m.postmarked_on, 'mailKind', m.mail_kind)
                                        ORDER BY m.arrived_on, m.receipt_no)
                          FROM envelopes m WHERE m.round_id = d.round_id AND m.cert_no = d.cert_no), '[]') AS envelopes,
              coalesce((SELECT json_agg(json_build_array(o.ref, o.accepted))
                          FROM item_overrides o WHERE o.dossier_id = d.id), '[]') AS overrides,
              coalesce((SELECT json_agg(json_build_array(k.rule || '@' || k.ref,
                                        json_build_object('status', k.status, 'note', k.note,
                                                          'checkedAt', k.checked_at)))
                          FROM document_checks k WHERE k.dossier_id = d.id), '[]') AS documents,
              (SELECT x.decision FROM ${latestReleasedDecisionOf('d.id')} x) AS decision,
              coalesce((SELECT json_agg(json_build_object(
                                 'ref', p.receipt_no || '-' || p.page_no, 'kind', p.kind,
                                 'number', p.number, 'proofKind', p.proof_kind, 'confidence', p.confidence,
                                 'cues', p.cues, 'seal', p.seal, 'width', p.width, 'height', p.height,
                                 'text', p.text, 'textConfidence', p.text_confidence, 'lines', p.lines,
                                 'orientation', p.orientation, 'skew', p.skew)
                               ORDER BY e.arrived_on, e.receipt_no, p.page_no)
                          FROM envelopes e JOIN scan_pages p USING (round_id, receipt_no)
                         WHERE e.round_id = d.round_id AND e.cert_no = d.cert_no
                           AND p.kind <> 'unread'), '[]') AS "readPages"
         FROM unnest($2::text[], $3::integer[]) AS u(cert_no, inputs_version)
         JOIN dossiers d ON d.round_id = $1 AND d.cert_no = u.cert_no
         ${CURRENT_REVISION}
        WHERE d.checked_version < u.inputs_version
          -- A round whose case details were purged is judged for good: no rule re-reads it.
          AND NOT EXISTS (SELECT 1 FROM rounds x
                           WHERE x.id = d.round_id AND x.case_details_purged_at IS NOT NULL)`,
      [roundId, dossiers.map((d) => d.certNo), dossiers.map((d) => d.inputsVersion)],
    );
    if (rows.length === 0) return loaded;
    const masters = await this.roundMasters(roundId);
    for (const dossier of rows) loaded.set(dossier.cert_no, loadedDossierOf(dossier, masters));
    return loaded;
  }

  /**
   * Replaces the dossier's results in one transaction, unless a newer inputs version was
   * judged already (a late retry of an older job changes nothing). Returns false then.
   */
  async saveResults(
    loaded: LoadedDossier,
    inputsVersion: number,
    outcome: CheckOutcome,
  ): Promise<boolean> {
    const saved = await this.dataSource.transaction((tx) =>
      this.writeResults(tx, [{ loaded, inputsVersion, outcome }]),
    );
    return saved.length > 0;
  }

  /**
   * Replaces the results of many dossiers in one transaction with one statement per table,
   * each unless a newer inputs version was judged already. Dossiers another transaction holds
   * (an import writing them, a duplicate job saving them) are skipped rather than waited for:
   * waiting on them while holding the others could deadlock against a writer that locks them
   * in another order. Returns the dossier ids saved and the judgements left for the caller to
   * save one by one (`busy`); the rest were judged at their version or later already.
   */
  async saveResultsMany(judged: readonly JudgedDossier[]): Promise<{
    saved: string[];
    busy: JudgedDossier[];
  }> {
    if (judged.length === 0) return { saved: [], busy: [] };
    return this.dataSource.transaction(async (tx) => {
      const locked: { id: string }[] = await tx.query(
        `SELECT id FROM dossiers WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE SKIP LOCKED`,
        [judged.map((j) => j.loaded.dossierId)],
      );
      const lockedIds = new Set(locked.map((r) => String(r.id)));
      const held = (j: JudgedDossier) => lockedIds.has(String(j.loaded.dossierId));
      const saved = await this.writeResults(tx, judged.filter(held));
      return { saved, busy: judged.filter((j) => !held(j)) };
    });
  }

  /**
   * The dossiers' verdicts and results, in the caller's transaction, each unless a newer inputs
   * version was judged already; the ids of those written.
   */
  private async writeResults(
    tx: EntityManager,
    judged: readonly JudgedDossier[],
  ): Promise<string[]> {
    if (judged.length === 0) return [];
    const [updated] = (await tx.query(
      `UPDATE dossiers d SET checked_version = u.v, check_error = NULL, verdict = u.verdict,
              counts = u.counts, checked_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS u(id bigint, v integer, verdict text, counts jsonb)
        WHERE d.id = u.id AND d.checked_version < u.v
        RETURNING d.id`,
      [
        JSON.stringify(
          judged.map((j) => ({
            id: j.loaded.dossierId,
            v: j.inputsVersion,
            verdict: j.outcome.verdict,
            counts: j.outcome.counts,
          })),
        ),
      ],
    )) as [{ id: string }[], number];
    const saved = updated.map((r) => String(r.id));
    if (saved.length === 0) return saved;
    const savedIds = new Set(saved);
    await tx.query(
      `INSERT INTO check_results (dossier_id, revision, results, not_passed, outcomes)
       SELECT u.id, u.revision, u.results,
              ARRAY(SELECT jsonb_array_elements_text(u.not_passed)), u.outcomes
         FROM jsonb_to_recordset($1::jsonb)
              AS u(id bigint, revision integer, results jsonb, not_passed jsonb, outcomes jsonb)
       ON CONFLICT (dossier_id) DO UPDATE
         SET revision = EXCLUDED.revision, results = EXCLUDED.results,
             not_passed = EXCLUDED.not_passed, outcomes = EXCLUDED.outcomes, checked_at = now()`,
      [
        JSON.stringify(
          judged
            .filter((j) => savedIds.has(String(j.loaded.dossierId)))
            .map((j) => ({
              id: j.loaded.dossierId,
              revision: j.loaded.revision,
              results: j.outcome.results,
              not_passed: notPassedOf(j.outcome),
              outcomes: worstOutcomes(j.outcome.results),
            })),
        ),
      ],
    );
    return saved;
  }

  /**
   * Something the checks read changed for these dossiers (or, with null, for every dossier of
   * the round): their inputs version grows, in the caller's transaction when a manager is given.
   * `except` are dossiers that already moved on (written by the same import).
   */
  async bumpInputs(
    roundId: string,
    certNos: string[] | null,
    except: string[] = [],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CheckTarget[]> {
    if (certNos && certNos.length === 0) return [];
    const [rows] = (await manager.query(
      `UPDATE dossiers SET inputs_version = inputs_version + 1, updated_at = now()
        WHERE round_id = $1 AND ($2::text[] IS NULL OR cert_no = ANY($2)) AND NOT (cert_no = ANY($3))
        RETURNING cert_no, inputs_version`,
      [roundId, certNos, except],
    )) as [{ cert_no: string; inputs_version: number }[], number];
    return rows.map((r) => ({ roundId, certNo: r.cert_no, inputsVersion: r.inputs_version }));
  }

  /** Round ids with the deadlines after which outcomes change (pending → fail). */
  async roundDeadlines(): Promise<
    { id: string; reviewFeeDeadline: Date; elearningDeadline: Date; registrationDeadline: Date }[]
  > {
    return this.dataSource.query(
      `SELECT id, review_fee_deadline AS "reviewFeeDeadline", elearning_deadline AS "elearningDeadline",
              registration_deadline AS "registrationDeadline" FROM rounds`,
    );
  }

  /** Dossiers whose last check gave up after its retries, for an admin to retry. */
  async failures(
    roundId: string | null,
  ): Promise<
    { roundId: string; certNo: string; inputsVersion: number; error: string | null; name: string }[]
  > {
    return this.dataSource.query(
      `SELECT round_id AS "roundId", cert_no AS "certNo", inputs_version AS "inputsVersion",
              check_error AS error, family_name || ' ' || given_name AS name
         FROM dossiers
        WHERE checked_version < inputs_version AND check_failed_version >= inputs_version
          AND ($1::text IS NULL OR round_id = $1)
        ORDER BY round_id, cert_no`,
      [roundId],
    );
  }

  /**
   * Dossiers whose inputs are ahead of their last check and whose check has not given up at
   * that version: each should have a job waiting, running or failed for its version.
   */
  unchecked(limit: number): Promise<CheckTarget[]> {
    return this.dataSource.query(
      `SELECT round_id AS "roundId", cert_no AS "certNo", inputs_version AS "inputsVersion"
         FROM dossiers
        WHERE checked_version < inputs_version AND check_failed_version < inputs_version
        ORDER BY round_id, cert_no
        LIMIT $1`,
      [limit],
    );
  }

  async markFailed(target: CheckTarget, error: string): Promise<void> {
    await this.markFailedMany([target], error);
  }

  /**
   * Gives up these dossiers at their versions, each listed on its own among the failures; a
   * dossier judged at its version meanwhile (by another job) is left as it is.
   */
  async markFailedMany(targets: readonly CheckTarget[], error: string): Promise<void> {
    if (targets.length === 0) return;
    await this.dataSource.query(
      `UPDATE dossiers d SET check_failed_version = greatest(d.check_failed_version, u.v), check_error = $4
         FROM unnest($1::text[], $2::text[], $3::integer[]) AS u(round_id, cert_no, v)
        WHERE d.round_id = u.round_id AND d.cert_no = u.cert_no AND d.checked_version < u.v`,
      [
        targets.map((t) => t.roundId),
        targets.map((t) => t.certNo),
        targets.map((t) => t.inputsVersion),
        error,
      ],
    );
  }

  /** How many of `targets` are still waiting: neither judged nor failed at (or past) their version. */
  async outstanding(targets: CheckTarget[]): Promise<{ waiting: number; failed: number }> {
    if (targets.length === 0) return { waiting: 0, failed: 0 };
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE d.checked_version < u.v AND d.check_failed_version < u.v)::int AS waiting,
              count(*) FILTER (WHERE d.checked_version < u.v AND d.check_failed_version >= u.v)::int AS failed
         FROM unnest($1::text[], $2::text[], $3::integer[]) AS u(round_id, cert_no, v)
         JOIN dossiers d ON d.round_id = u.round_id AND d.cert_no = u.cert_no`,
      [
        targets.map((t) => t.roundId),
        targets.map((t) => t.certNo),
        targets.map((t) => t.inputsVersion),
      ],
    );
    return { waiting: row.waiting, failed: row.failed };
  }

  /** These dossiers at their inputs version now: what waiting for their current checks means. */
  currentTargets(roundId: string, certNos: readonly string[]): Promise<CheckTarget[]> {
    return this.dataSource.query(
      `SELECT round_id AS "roundId", cert_no AS "certNo", inputs_version AS "inputsVersion"
         FROM dossiers WHERE round_id = $1 AND cert_no = ANY($2::text[])`,
      [roundId, certNos],
    );
  }
}
