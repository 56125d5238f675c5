import { Injectable } from '@nestjs/common';
import { RoundService } from '../rounds/round.service.js';
import { DossierRepository } from './dossier.repository.js';

/** One element of `applications --json` (interface.md). */
export interface ApplicationView {
  certNo: string;
  name: string;
  verdict: 'pass' | 'fail' | 'review' | null;
  decision: '合格' | '不合格' | '保留' | null;
  counts: { cases: number; casesUnderReview: number; attendances: number };
  checks: {
    rule: string;
    outcome: string;
    ref: string | null;
    message: string;
    icd10?: string | null;
    /** doc.* only: the reading's proposal (interface.md), null when no page was read for it. */
    proposal?: {
      finding: 'found' | 'missing' | 'insufficient';
      confidence: number;
      page: string | null;
      evidence: string;
    } | null;
  }[];
}

@Injectable()
export class ApplicationsReportService {
  constructor(
    private readonly applications: DossierRepository,
    private readonly rounds: RoundService,
  ) {}

  /** Every dossier of the round with every check result, as interface.md shows it. */
  async listForRound(roundId: string): Promise<ApplicationView[]> {
    await this.rounds.get(roundId);
    const rows = await this.applications.listWithChecks(roundId);
    return rows.map((row) => ({
      certNo: row.certNo,
      name: `${row.familyName} ${row.givenName}`.trim(),
      verdict: row.verdict,
      decision: row.decision,
      counts: {
        cases: row.counts?.cases ?? 0,
        casesUnderReview: row.counts?.casesUnderReview ?? 0,
        attendances: row.counts?.attendances ?? 0,
      },
      checks: row.checks.map((c) => {
        const check = { rule: c.rule, outcome: c.outcome, ref: c.ref, message: c.message };
        if (c.rule === 'case.diagnosis') {
          return { ...check, icd10: (c.details?.icd10 as string | null) ?? null };
        }
        if (c.rule.startsWith('doc.')) {
          const p = c.proposal;
          return {
            ...check,
            proposal: p
              ? { finding: p.finding, confidence: p.confidence, page: p.page, evidence: p.evidence }
              : null,
          };
        }
        return check;
      }),
    }));
  }
}
