import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isCurrentDecisionOf } from '../decisions/decision-sql.js';
import type { DashboardCounts } from './dashboard.views.js';

/**
 * The dashboard's counts in three queries over the round's dossiers (optionally only those
 * assigned to one reviewer), and among the decisions only the round's (decisions.round_id):
 * 40–90 ms for a round of 4,000 among ten on a loaded 2-core machine, hence the cache in front
 * of them (dashboard-cache.service.ts).
 */
@Injectable()
export class DashboardRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async counts(
    roundId: string,
    onlyAssignedTo: number | null,
    today: string,
  ): Promise<DashboardCounts> {
    const scope = `
      WITH scope AS (
        SELECT d.id, d.registered_at, d.verdict, d.counts, d.check_error,
               coalesce(c.outcomes, '{}') AS outcomes,
               x.decision, x.released_at
          FROM dossiers d
          LEFT JOIN check_results c ON c.dossier_id = d.id
          LEFT JOIN decisions x ON ${isCurrentDecisionOf('d.id')} AND x.round_id = $1
         WHERE d.round_id = $1
           AND ($2::int IS NULL OR EXISTS (SELECT 1 FROM assignments a
                                            WHERE a.dossier_id = d.id AND a.reviewer_id = $2)))`;
    const params = [roundId, onlyAssignedTo];
    const [[totals], rules, [arrived]] = await Promise.all([
      this.dataSource.query(
        `${scope}
         SELECT count(*)::int AS imported,
                count(*) FILTER (WHERE registered_at IS NOT NULL)::int AS registered,
                count(*) FILTER (WHERE outcomes ? 'mail.postmark' AND outcomes->>'mail.postmark' <> 'pending')::int AS "mailReceived",
                count(*) FILTER (WHERE outcomes <> '{}' AND NOT EXISTS (
                  SELECT 1 FROM jsonb_each_text(outcomes) o WHERE o.key LIKE 'doc.%' AND o.value <> 'pass'))::int AS verified,
                count(*) FILTER (WHERE decision IN ('合格', '不合格'))::int AS decided,
                count(*) FILTER (WHERE released_at IS NOT NULL)::int AS released,
                count(*) FILTER (WHERE outcomes->>'fee.review' = 'pass')::int AS paid,
                count(*) FILTER (WHERE verdict = 'pass')::int AS "vPass",
                count(*) FILTER (WHERE verdict = 'fail')::int AS "vFail",
                count(*) FILTER (WHERE verdict = 'review')::int AS "vReview",
                count(*) FILTER (WHERE verdict IS NULL)::int AS "vUnchecked",
                count(*) FILTER (WHERE decision = '合格')::int AS "d合格",
                count(*) FILTER (WHERE decision = '不合格')::int AS "d不合格",
                count(*) FILTER (WHERE decision = '保留')::int AS "d保留",
                count(*) FILTER (WHERE decision IS NULL)::int AS "dNone",
                count(*) FILTER (WHERE decision IS NOT NULL AND released_at IS NULL)::int AS "dUnreleased",
                count(*) FILTER (WHERE check_error IS NOT NULL)::int AS "checkErrors",
                count(*) FILTER (WHERE NOT EXISTS (
                  SELECT 1 FROM assignments a WHERE a.dossier_id = scope.id))::int AS unassigned,
                count(*) FILTER (WHERE decision IS NULL AND outcomes->>'cases.count' = 'review')::int AS "casesUnderReview",
                count(*) FILTER (WHERE outcomes->>'mail.postmark' IN ('fail', 'review')
                                    OR outcomes->>'mail.type' IN ('fail', 'review'))::int AS "mailProblems",
                count(*) FILTER (WHERE outcomes->>'fee.review' = 'review')::int AS "feeToReview",
                count(*) FILTER (WHERE decision IS NULL)::int AS undecided
           FROM scope`,
        params,
      ),
      this.dataSource.query(
        `${scope}
         SELECT o.key AS rule,
                count(*) FILTER (WHERE o.value = 'fail')::int AS fail,
                count(*) FILTER (WHERE o.value = 'review')::int AS review,
                count(*) FILTER (WHERE o.value = 'pending')::int AS pending
           FROM scope, jsonb_each_text(scope.outcomes) o
          WHERE o.value <> 'pass'
          GROUP BY o.key
          ORDER BY count(*) DESC, o.key`,
        params,
      ),
      this.dataSource.query(
        `${scope}
         SELECT count(DISTINCT scope.id)::int AS n
           FROM scope JOIN dossiers d ON d.id = scope.id
           JOIN envelopes e ON e.round_id = d.round_id AND e.cert_no = d.cert_no
          WHERE e.arrived_on = $3::date`,
        [...params, today],
      ),
    ]);
    return {
      stages: {
        imported: totals.imported,
        registered: totals.registered,
        mailReceived: totals.mailReceived,
        verified: totals.verified,
        decided: totals.decided,
        released: totals.released,
        paid: totals.paid,
      },
      verdicts: {
        pass: totals.vPass,
        fail: totals.vFail,
        review: totals.vReview,
        unchecked: totals.vUnchecked,
      },
      decisions: {
        合格: totals.d合格,
        不合格: totals.d不合格,
        保留: totals.d保留,
        none: totals.dNone,
        unreleased: totals.dUnreleased,
      },
      rules,
      today: {
        checkErrors: totals.checkErrors,
        unassigned: totals.unassigned,
        casesUnderReview: totals.casesUnderReview,
        mailProblems: totals.mailProblems,
        mailArrivedToday: arrived.n,
        feeToReview: totals.feeToReview,
        undecided: totals.undecided,
        unreleased: totals.dUnreleased,
      },
    };
  }
}
