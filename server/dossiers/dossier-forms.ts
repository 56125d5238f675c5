/**
 * The forms of a dossier as registered in the applicant web system (formats.md): 申請1, the
 * case sheets and cases of 申請2, the attendances of 申請3. Pure types, read by the checks, the
 * lists, the notices and the console alike.
 */

/** 申請1: the applicant, their licence, society, workplace and mailing address. */
export interface ApplicantForm {
  familyName: string;
  givenName: string;
  formerName?: string;
  licenceType: string;
  licenceNo: string;
  certKind: string;
  lastCertifiedOn: string;
  deferred: boolean;
  societyCode: string;
  memberNo: string;
  memberType: string;
  palliativeHost?: string;
  palliativeCertificateNo?: string;
  palliativeApprovedOn?: string | null;
  workplaceKind: string;
  workplaceFacilityNo?: string;
  workplacePostalCode?: string;
  workplacePrefecture?: string;
  workplaceAddress?: string;
  mailTo: string;
  mailPostalCode?: string;
  mailPrefecture?: string;
  mailAddress?: string;
  registeredAt: string | null;
}

export interface CaseSheetForm {
  sheetNo: number;
  tenureStart1: string | null;
  tenureEnd1: string | null;
  tenureStart2?: string | null;
  tenureEnd2?: string | null;
  tenureStart3?: string | null;
  tenureEnd3?: string | null;
}

export interface CaseForm {
  sheetNo: number;
  caseNo: number;
  startMonth: string;
  endMonth: string;
  item: string;
  itemOther?: string;
  age: number | null;
  sex: string;
  diagnosis: string;
  pathology: string;
}

export interface AttendanceForm {
  no: number;
  meetingCode: string;
}
