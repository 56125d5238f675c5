import type { ParsedFile } from './csv/parse-file.js';
import type { Row, RowProblem } from './csv/row-reader.js';
import { EMPTY_FORM, sha256 } from './form-groups.js';

/** The four forms of a dossier, as a revision stores them. */
export const FORM_PARTS = ['applicant', 'caseSheets', 'cases', 'attendances'] as const;
export type FormPart = (typeof FORM_PARTS)[number];

export type PartHashes = Record<FormPart, string>;

export interface KnownDossier {
  revision: number;
  contentHash: string;
  partHashes: PartHashes;
}

export interface AssembledDossier {
  certNo: string;
  /** The applicant row (申請1): names and dates the dossier row repeats. */
  applicant: Row;
  /** Each form as stored JSON. */
  json: Record<FormPart, string>;
  partHashes: PartHashes;
  contentHash: string;
  /** new: no earlier revision; changed: a new revision; unchanged: identical to the current one. */
  status: 'new' | 'changed' | 'unchanged';
}

export interface FileProblem extends RowProblem {
  file: string;
}

export interface RejectedDossier {
  certNo: string;
  problems: FileProblem[];
}

export interface AssemblyResult {
  dossiers: AssembledDossier[];
  rejected: RejectedDossier[];
  /** Rows refused because no applicants.csv row exists for their 認定番号, by file. */
  orphanProblems: Map<string, RowProblem[]>;
  /** Rows of each form file that went in (their dossier imported or unchanged). */
  importedRows: Map<string, number>;
  /** Of those, the rows of dossiers that are new or changed. */
  changedRows: Map<string, number>;
  /** The form file refused whole, so that no dossier of the bundle was imported; or null. */
  blockedByFile: string | null;
}

/** The content hash of a dossier: one hash over its four forms' hashes. */
export function contentHashOf(parts: PartHashes): string {
  return sha256(FORM_PARTS.map((p) => parts[p]).join('\n'));
}

/**
 * Builds the dossiers of a bundle from its form files. A dossier is taken whole or not at all:
 * one rejected row of any of its forms keeps it at its earlier revision (or absent).
 *
 * A dossier in the bundle's applicants.csv was exported whole: each form file present gives its
 * rows (none: the form is now empty). Otherwise a form keeps what the current revision has
 * (`previous`: the stored JSON, with `known`'s part hashes) unless a form file has rows for it.
 */
export function assembleDossiers(
  forms: Partial<Record<FormPart, ParsedFile>>,
  known: ReadonlyMap<string, KnownDossier>,
  previous: ReadonlyMap<string, Record<FormPart, string>>,
): AssemblyResult {
  const importedRows = new Map<string, number>();
  const changedRows = new Map<string, number>();
  const orphanProblems = new Map<string, RowProblem[]>();
  const present = FORM_PARTS.filter((p) => forms[p]);
  for (const p of present) {
    importedRows.set(forms[p]!.spec.file, 0);
    changedRows.set(forms[p]!.spec.file, 0);
  }

  // Problems of every form file, by the 認定番号 of their row when it could be read.
  const problemsByCert = new Map<string, FileProblem[]>();
  for (const part of present) {
    const file = forms[part]!;
    if (file.rejectedWhole) continue;
    for (const problem of file.problems) {
      if (!problem.certNo) continue;
      const list = problemsByCert.get(problem.certNo);
      const entry = { file: file.spec.file, ...problem };
      if (list) list.push(entry);
      else problemsByCert.set(problem.certNo, [entry]);
    }
  }

  const blocking = present.map((p) => forms[p]!).find((f) => f.rejectedWhole) ?? null;
  const applicants = forms.applicant?.groups ?? null;
  const certNos = new Set<string>(problemsByCert.keys());
  for (const part of present)
    for (const certNo of forms[part]!.groups?.keys() ?? []) certNos.add(certNo);

  const dossiers: AssembledDossier[] = [];
  const rejected: RejectedDossier[] = [];
  for (const certNo of [...certNos].sort()) {
    const problems = problemsByCert.get(certNo);
    const hasApplicant =
      applicants?.has(certNo) ||
      known.has(certNo) ||
      problems?.some((p) => p.file === forms.applicant?.spec.file);
    if (!hasApplicant) {
      // Rows for a 認定番号 with no 申請1 anywhere: refused one by one; there is no dossier.
      for (const part of present) {
        const file = forms[part]!;
        const group = file.groups?.get(certNo);
        if (!group) continue;
        const list = orphanProblems.get(file.spec.file) ?? [];
        for (const line of group.lines) {
          list.push({
            line,
            column: '認定番号',
            certNo,
            reason: `認定番号「${certNo}」の申請1(applicants.csv の行)がありません。applicants.csv と一緒に取り込んでください`,
          });
        }
        orphanProblems.set(file.spec.file, list);
      }
      continue;
    }
    if (blocking || problems) {
      rejected.push({
        certNo,
        problems: problems ?? [
          {
            file: blocking!.spec.file,
            line: blocking!.problems[0]?.line ?? 1,
            column: blocking!.problems[0]?.column ?? '',
            reason: `${blocking!.spec.file} がファイルごと取り込めなかったため、この申請も取り込みませんでした`,
          },
        ],
      });
      continue;
    }

    const current = known.get(certNo);
    const before = previous.get(certNo);
    const json = {} as Record<FormPart, string>;
    const partHashes = {} as PartHashes;
    const inApplicants = applicants?.has(certNo) ?? false;
    for (const part of FORM_PARTS) {
      const group = forms[part]?.groups?.get(certNo);
      if (group) {
        json[part] = group.json;
        partHashes[part] = group.hash;
      } else if (forms[part] && inApplicants && part !== 'applicant') {
        // The dossier was exported whole and this form has no rows now: it is empty.
        json[part] = EMPTY_FORM.json;
        partHashes[part] = EMPTY_FORM.hash;
      } else if (current && before) {
        json[part] = before[part];
        partHashes[part] = current.partHashes[part];
      } else if (part !== 'applicant') {
        json[part] = EMPTY_FORM.json;
        partHashes[part] = EMPTY_FORM.hash;
      } else {
        throw new Error(
          `Dossier ${certNo}: no applicant row in the bundle and no earlier revision`,
        );
      }
    }
    const applicant = applicants?.get(certNo)?.row ?? (JSON.parse(json.applicant) as Row);
    const contentHash = contentHashOf(partHashes);
    const status = !current ? 'new' : current.contentHash === contentHash ? 'unchanged' : 'changed';
    dossiers.push({ certNo, applicant, json, partHashes, contentHash, status });
    for (const part of present) {
      const file = forms[part]!;
      const group = file.groups?.get(certNo);
      if (group)
        importedRows.set(file.spec.file, importedRows.get(file.spec.file)! + group.lines.length);
    }
  }
  return {
    dossiers,
    rejected,
    orphanProblems,
    importedRows,
    changedRows,
    blockedByFile: blocking?.spec.file ?? null,
  };
}

/** Known dossiers whose earlier forms must be loaded: not every form comes in this bundle. */
export function certNosNeedingPrevious(
  forms: Partial<Record<FormPart, ParsedFile>>,
  known: ReadonlyMap<string, KnownDossier>,
): string[] {
  const allFiles = FORM_PARTS.every((p) => forms[p]);
  const applicants = forms.applicant?.groups;
  const certNos = new Set<string>();
  for (const part of FORM_PARTS) {
    for (const certNo of forms[part]?.groups?.keys() ?? []) {
      if (known.has(certNo) && !(allFiles && applicants?.has(certNo))) certNos.add(certNo);
    }
  }
  return [...certNos];
}
