import {
  ABBREVIATIONS,
  BENIGN_WORDS,
  BOARD_ABBREVIATIONS,
  IN_SITU_WORDS,
  MALIGNANT_WORDS,
  NAMED,
  NON_NEOPLASTIC_WORDS,
  OTHER_NAMED,
  PRECANCEROUS_WORDS,
  SITES,
  UNCLASSIFIABLE_WORDS,
} from './diagnosis-dictionary.js';

/**
 * malignant: C00–C97 / D00–D09, or a tumour the guide names eligible (GIST, IPMN…): pass.
 * benign / nonNeoplastic / outside: fail. abbreviation / precancerous / unclassifiable: review.
 */
export type DiagnosisClass =
  | 'malignant'
  | 'benign'
  | 'nonNeoplastic'
  | 'outside'
  | 'abbreviation'
  | 'precancerous'
  | 'unclassifiable';

export interface DiagnosisClassification {
  class: DiagnosisClass;
  /** ICD-10 three-character category found, or null where the name carries none. */
  icd10: string | null;
  /** The dictionary term that decided it. */
  matched: string | null;
}

/** NFKC, no spaces, がん / ガン read as 癌 (not in ガングリオン and other katakana words). */
export function normaliseDiagnosis(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/(がん|ガン)(?![ァ-ヶー])/g, '癌');
}

/** Same meaning for case.duplicate: compare after this. */
export const diagnosisKey = normaliseDiagnosis;

export function isEligibleCategory(icd10: string): boolean {
  const letter = icd10[0];
  const n = Number(icd10.slice(1, 3));
  return (letter === 'C' && n >= 0 && n <= 97) || (letter === 'D' && n >= 0 && n <= 9);
}

const byLength = <T>(list: T[], text: (t: T) => string) =>
  [...list].sort((a, b) => text(b).length - text(a).length);

const NAMED_SORTED = byLength(NAMED, (n) => normaliseDiagnosis(n.name)).map((n) => ({
  ...n,
  key: normaliseDiagnosis(n.name),
}));
const OTHER_SORTED = byLength(OTHER_NAMED, (n) => n.name);
const SITE_TERMS = byLength(
  SITES.flatMap((site) => site.terms.map((term) => ({ term: normaliseDiagnosis(term), site }))),
  (t) => t.term,
);

/** The site named first (the primary: 肺癌脳転移 is lung), the longest term at that place. */
function firstSite(text: string) {
  let best: { index: number; term: string; site: (typeof SITES)[number] } | null = null;
  for (const { term, site } of SITE_TERMS) {
    const index = text.indexOf(term);
    if (index < 0) continue;
    if (!best || index < best.index || (index === best.index && term.length > best.term.length)) {
      best = { index, term, site };
    }
  }
  return best;
}

const found = (klass: DiagnosisClass, icd10: string | null, matched: string | null) => ({
  class: klass,
  icd10,
  matched,
});

/**
 * Names classified already: the same names come back in dossier after dossier (肺癌, 胃癌 …),
 * and classifying one scans the whole dictionary. Bounded, so odd names cannot fill memory;
 * the classifications are frozen, shared by every case that names them.
 */
const classified = new Map<string, Readonly<DiagnosisClassification>>();
const CLASSIFIED_KEPT = 20_000;

/** Classifies a Japanese diagnosis name by meaning (rules.md, case.diagnosis). */
export function classifyDiagnosis(name: string): Readonly<DiagnosisClassification> {
  const known = classified.get(name);
  if (known) return known;
  const classification = Object.freeze(classifyAnew(name));
  if (classified.size >= CLASSIFIED_KEPT) classified.clear();
  classified.set(name, classification);
  return classification;
}

function classifyAnew(name: string): DiagnosisClassification {
  const text = normaliseDiagnosis(name);
  if (!text || text === '無し' || text === 'なし') return found('unclassifiable', null, null);

  // An abbreviation alone: NSCLC, ＨＣＣ, AML(M2). The board's own GIST and IPMN are eligible.
  const bare = text.replace(/\(.*?\)/g, '');
  if (/^[A-Za-z][A-Za-z0-9/-]{1,9}$/.test(bare)) {
    const upper = bare.toUpperCase();
    if (BOARD_ABBREVIATIONS.includes(upper)) return found('malignant', null, upper);
    return found('abbreviation', ABBREVIATIONS[upper] ?? null, upper);
  }

  const malignant = MALIGNANT_WORDS.find((w) => text.includes(w));
  // A named benign or other disease decides, unless the name also says malignant (腺腫内癌).
  const other = OTHER_SORTED.find((o) => text.includes(o.name));
  if (other && !malignant) return found(other.kind, other.icd10, other.name);
  const precancer = PRECANCEROUS_WORDS.find((w) => text.includes(w));
  if (precancer) return found('precancerous', null, precancer);
  const suspected = ['疑い', '疑', '精査中'].find((w) => text.includes(w));
  if (suspected) return found('unclassifiable', null, suspected);

  const named = NAMED_SORTED.find((n) => text.includes(n.key));
  if (named) {
    const site = firstSite(text);
    const siteBefore = site && site.index < text.indexOf(named.key);
    // 肺大細胞神経内分泌癌 is lung; 子宮平滑筋肉腫 is uterus.
    if (siteBefore && (named.siteFirst || (named.icd10 === null && malignant))) {
      return found('malignant', site.site.icd10, site.term);
    }
    if (named.icd10 === null || isEligibleCategory(named.icd10)) {
      return found('malignant', named.icd10, named.name);
    }
    return found('outside', named.icd10, named.name);
  }

  if (malignant) {
    const site = firstSite(text);
    // 転移性肝癌 is a metastasis in the liver; 転移性前立腺癌 a prostate cancer that spread.
    if (text.startsWith('転移性') && site?.site.secondary) {
      return found('malignant', site.site.secondary, `転移性${site.term}`);
    }
    if (IN_SITU_WORDS.some((w) => text.includes(w))) {
      return found('malignant', site?.site.inSitu ?? 'D09', site?.term ?? '上皮内癌');
    }
    if (site) return found('malignant', site.site.icd10, site.term);
    // A carcinoma with no site is of unknown primary; a sarcoma with no site, of soft tissue.
    return found('malignant', malignant === '肉腫' ? 'C49' : 'C80', malignant);
  }

  // A metastasis named alone: リンパ節転移, 肝転移, 骨転移.
  if (text.includes('転移')) {
    const site = firstSite(text);
    if (site)
      return found(
        'malignant',
        site.site.secondary ?? (site.site.icd10 === 'C77' ? 'C77' : 'C79'),
        `${site.term}転移`,
      );
  }
  const benign = BENIGN_WORDS.find((w) => text.includes(w));
  if (benign) return found('benign', null, benign);
  const disease = NON_NEOPLASTIC_WORDS.find((w) => text.includes(w));
  if (disease) return found('nonNeoplastic', null, disease);
  const vague = UNCLASSIFIABLE_WORDS.find((w) => text.includes(w));
  return found('unclassifiable', null, vague ?? null);
}
