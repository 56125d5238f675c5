/**
 * Conflicts of interest between a reviewer and an applicant (issue 5): a reviewer working at
 * the applicant's workplace, or at a facility of the applicant's case sheets, must not judge
 * the dossier. Pure: no Nest, no database.
 */

/** Where a reviewer works: a facility number of the board's list, a name, or both. */
export interface ReviewerWorkplace {
  facilityNo: string | null;
  name: string | null;
}

/** A place named in a dossier: a facility number, a name, or both (the list's name). */
export interface DossierPlace {
  facilityNo: string | null;
  name: string | null;
}

/** What of a dossier is compared: its 申請1 workplace and its case sheets' facilities. */
export interface DossierPlaces {
  workplace: DossierPlace | null;
  caseSheets: (DossierPlace & { sheetNo: number })[];
}

export type ConflictKind = 'workplace' | 'case-sheet' | 'unknown-workplace';

export interface Conflict {
  kind: ConflictKind;
  /** `sheet:<n>` for a case sheet, as rules.md names them; null otherwise. */
  ref: string | null;
  facilityNo: string | null;
  facilityName: string | null;
  /** For the secretariat, in Japanese. */
  message: string;
}

/**
 * Names compared loosely: full/half width, spaces, middle dots and case do not matter
 * (「国立がん研究センター 中央病院」 is 「国立がん研究センター中央病院」).
 */
export function placeKey(name: string | null | undefined): string {
  if (!name) return '';
  return name
    .normalize('NFKC')
    .replace(/[\s・･.,、。()()「」]/g, '')
    .toLowerCase();
}

function samePlace(reviewer: ReviewerWorkplace, place: DossierPlace): boolean {
  const number = reviewer.facilityNo?.normalize('NFKC').trim();
  if (number && place.facilityNo && number === place.facilityNo.normalize('NFKC').trim()) {
    return true;
  }
  const name = placeKey(reviewer.name);
  return name !== '' && name === placeKey(place.name);
}

function describe(place: DossierPlace): string {
  return [place.name, place.facilityNo ? `施設番号 ${place.facilityNo}` : null]
    .filter(Boolean)
    .join('・');
}

/**
 * Every conflict between the reviewer and the dossier; empty when the reviewer may judge it.
 * A reviewer whose workplace is not recorded cannot be checked, which is a conflict too (an
 * admin may still override it with a reason).
 */
export function findConflicts(reviewer: ReviewerWorkplace, dossier: DossierPlaces): Conflict[] {
  if (!reviewer.facilityNo?.trim() && !placeKey(reviewer.name)) {
    return [
      {
        kind: 'unknown-workplace',
        ref: null,
        facilityNo: null,
        facilityName: null,
        message:
          '審査委員の勤務先が登録されていないため、利益相反を確認できません。アカウント管理で勤務先を登録してください',
      },
    ];
  }
  const conflicts: Conflict[] = [];
  if (dossier.workplace && samePlace(reviewer, dossier.workplace)) {
    conflicts.push({
      kind: 'workplace',
      ref: null,
      facilityNo: dossier.workplace.facilityNo,
      facilityName: dossier.workplace.name,
      message: `申請者の勤務先(${describe(dossier.workplace)})が審査委員の勤務先と同じです`,
    });
  }
  for (const sheet of dossier.caseSheets) {
    if (!samePlace(reviewer, sheet)) continue;
    conflicts.push({
      kind: 'case-sheet',
      ref: `sheet:${sheet.sheetNo}`,
      facilityNo: sheet.facilityNo,
      facilityName: sheet.name,
      message: `症例一覧表 ${sheet.sheetNo} の施設(${describe(sheet)})が審査委員の勤務先と同じです`,
    });
  }
  return conflicts;
}
