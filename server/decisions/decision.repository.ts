import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CheckSummary, Decision } from './decision-rules.js';
import { isCurrentDecisionOf } from './decision-sql.js';
import type { DecisionRow, ReleasePreview } from './decision.views.js';

export interface NewDecision {
  dossierId: string;
  decision: Decision;
  reasonCodes: string[];
  reason: string | null;
  overriddenChecks: CheckSummary[];
  revision: number;
  decidedBy: string;
  /** Released at once (the committee's sheet). */
  releasedBy: string | null;
}

const COLUMNS = `id::text AS id, dossier_id::text AS "dossierId", decision, reason_codes AS "reasonCodes",
  reason, overridden_checks AS "overriddenChecks", revision, decided_by AS "decidedBy",
  decided_at AS "decidedAt", released_by AS "releasedBy", released_at AS "releasedAt",
  superseded_at AS "supersededAt"`;

/** Which pending decisions a release takes: a round's, or of these dossiers; 保留 when asked. */
export interface ReleaseScope {
  roundId: string;
  dossierIds: readonly string[] | null;
  includeHeld: boolean;
}

/**
 * Condition on `decisions x, dossiers d`: x is the current, unreleased decision of d, in the
 * round $1 and among the dossiers $2 (null: all of them). x.round_id (its dossier's): only the
 * round's decisions are read (decisions_round_current_idx).
 */
const PENDING_IN_SCOPE = `${isCurrentDecisionOf('d.id')} AND x.released_at IS NULL
  AND x.round_id = $1 AND d.round_id = $1 AND ($2::bigint[] IS NULL OR d.id = ANY($2::bigint[]))`;

/** Superseding found another current decision than the one the caller read. */
export class StaleDecisionError extends Error {}

/** The committee's decisions: rows are added, never rewritten (but released or superseded). */
@Injectable()
export class DecisionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async current(dossierId: string): Promise<DecisionRow | null> {
    const rows: DecisionRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM decisions x WHERE ${isCurrentDecisionOf('$1')}`,
      [dossierId],
    );
    return rows[0] ?? null;
  }

  /** Every decision of the dossier, newest first. */
  history(dossierId: string): Promise<DecisionRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM decisions WHERE dossier_id = $1 ORDER BY id DESC`,
      [dossierId],
    );
  }

  /**
   * Adds the decision and supersedes `replaces` (the current one the caller read, or null) in
   * one transaction; throws StaleDecisionError when someone else decided meanwhile.
   */
  async record(decision: NewDecision, replaces: string | null): Promise<DecisionRow> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const current: { id: string }[] = await manager.query(
          `SELECT id::text AS id FROM decisions x WHERE ${isCurrentDecisionOf('$1')} FOR UPDATE`,
          [decision.dossierId],
        );
        const currentId = current[0]?.id ?? null;
        if (currentId !== replaces) throw new StaleDecisionError();
        if (currentId) {
          await manager.query(`UPDATE decisions SET superseded_at = now() WHERE id = $1`, [
            currentId,
          ]);
        }
        const rows: DecisionRow[] = await manager.query(
          `INSERT INTO decisions (dossier_id, decision, reason_codes, reason, overridden_checks,
                                  revision, decided_by, released_by, released_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::varchar, CASE WHEN $8::varchar IS NULL THEN NULL ELSE now() END)
           RETURNING ${COLUMNS}`,
          [
            decision.dossierId,
            decision.decision,
            decision.reasonCodes,
            decision.reason,
            JSON.stringify(decision.overriddenChecks),
            decision.revision,
            decision.decidedBy,
            decision.releasedBy,
          ],
        );
        return rows[0];
      });
    } catch (error) {
      // Two first decisions at once: the unique index on the current one refuses the second.
      if ((error as { code?: string }).code === '23505') throw new StaleDecisionError();
      throw error;
    }
  }

  /**
   * Releases the current, unreleased decisions of the round (all, or of these dossiers);
   * returns what was released.
   */
  async release(
    scope: ReleaseScope,
    by: string,
  ): Promise<{ dossierId: string; certNo: string; decision: Decision }[]> {
    // An UPDATE … RETURNING answers [rows, affected] through TypeORM's pg driver.
    const [rows] = (await this.dataSource.query(
      `UPDATE decisions x SET released_at = now(), released_by = $4
         FROM dossiers d
        WHERE ${PENDING_IN_SCOPE} AND (x.decision <> '保留' OR $3)
        RETURNING d.id::text AS "dossierId", d.cert_no AS "certNo", x.decision`,
      [scope.roundId, scope.dossierIds, scope.includeHeld, by],
    )) as [{ dossierId: string; certNo: string; decision: Decision }[], number];
    return rows;
  }

  /** What `release(scope)` would release, without releasing it. */
  async previewRelease(scope: ReleaseScope): Promise<ReleasePreview> {
    const params = [scope.roundId, scope.dossierIds, scope.includeHeld];
    const [byDecision, deciders, overridden]: [
      { decision: string; n: number }[],
      ReleasePreview['deciders'],
      ReleasePreview['overridden'],
    ] = await Promise.all([
      this.dataSource.query(
        `SELECT x.decision, count(*)::int AS n FROM decisions x JOIN dossiers d ON d.id = x.dossier_id
          WHERE ${PENDING_IN_SCOPE}
          GROUP BY x.decision`,
        params.slice(0, 2),
      ),
      this.dataSource.query(
        `SELECT x.decided_by AS login, min(u.display_name) AS "displayName", count(*)::int AS decisions
           FROM decisions x JOIN dossiers d ON d.id = x.dossier_id
           LEFT JOIN users u ON u.login = x.decided_by
          WHERE ${PENDING_IN_SCOPE} AND (x.decision <> '保留' OR $3)
          GROUP BY x.decided_by ORDER BY decisions DESC, login`,
        params,
      ),
      this.dataSource.query(
        `SELECT c->>'rule' AS rule, min(c->>'message') AS message,
                count(DISTINCT x.id)::int AS decisions
           FROM decisions x JOIN dossiers d ON d.id = x.dossier_id
          CROSS JOIN LATERAL jsonb_array_elements(x.overridden_checks) c
          WHERE ${PENDING_IN_SCOPE} AND (x.decision <> '保留' OR $3)
          GROUP BY c->>'rule' ORDER BY decisions DESC, rule`,
        params,
      ),
    ]);
    const pending = Object.fromEntries(byDecision.map((r) => [r.decision, r.n]));
    const releasing = byDecision
      .filter((r) => scope.includeHeld || r.decision !== '保留')
      .reduce((sum, r) => sum + r.n, 0);
    return { pending, releasing, deciders, overridden };
  }

  /** How many current decisions of the round wait for release, by decision. */
  async pending(roundId: string): Promise<Record<string, number>> {
    const rows: { decision: string; n: number }[] = await this.dataSource.query(
      `SELECT x.decision, count(*)::int AS n FROM decisions x JOIN dossiers d ON ${isCurrentDecisionOf('d.id')}
        WHERE x.round_id = $1 AND d.round_id = $1 AND x.released_at IS NULL
        GROUP BY x.decision`,
      [roundId],
    );
    return Object.fromEntries(rows.map((r) => [r.decision, r.n]));
  }
}
