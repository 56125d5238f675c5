import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface ApplicationRow {
  certNo: string;
  familyName: string;
  givenName: string;
  verdict: 'pass' | 'fail' | 'review' | null;
  counts: { cases: number; casesUnderReview: number; attendances: number } | null;
  checks: {
    rule: string;
    outcome: string;
    ref: string | null;
    message: string;
    details: Record<string, unknown> | null;
  }[];
}

/** Reads dossiers with their check results. */
@Injectable()
export class ApplicationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async listWithChecks(roundId: string): Promise<ApplicationRow[]> {
    return this.dataSource.query(
      `SELECT d.cert_no AS "certNo", d.family_name AS "familyName", d.given_name AS "givenName",
              d.verdict, d.counts,
              coalesce(c.results, '[]') AS checks
         FROM dossiers d LEFT JOIN check_results c ON c.dossier_id = d.id
        WHERE d.round_id = $1
        ORDER BY d.cert_no`,
      [roundId],
    );
  }
}
