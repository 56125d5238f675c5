import type { DossierDetail } from '@server/dossiers/dossier.views';
import type { Json } from '../common/json';

/** A dossier as its page receives it (GET /api/dossiers/:id). */
export type DossierRecord = Json<DossierDetail>;

/** The checks of one item (`case:1-7`, `attendance:3`), optionally of one family of rules. */
export const checksOf = (dossier: DossierRecord, ref: string | null, prefix?: string) =>
  dossier.checks.filter((c) => c.ref === ref && (!prefix || c.rule.startsWith(prefix)));
