/**
 * The columns of a dossier as the checks' input (checks/check.repository.ts), the console's
 * list, page and export (dossier.repository.ts), the mailing lists' facts
 * (mailings/dispatch.repository.ts) and the deficiency notices read them, each written once:
 * SQL fragments over `d` (dossiers) and, where said, `r` (its current revision).
 *
 * What stays apart, for a reason:
 * - the decision: the console's list shows the current one (released or waiting), the checks,
 *   `applications` and the mailing lists go by the latest released one (decisions/decision-sql.ts);
 * - the envelopes: the checks read the four facts their rules judge, first arrived first; the
 *   dossier page also shows tracking numbers, notes and the scans of each envelope, a subquery
 *   per envelope the checks need not pay for;
 * - the list's workplace and reviewers: only the console shows them.
 */

/** Joins `r`, the current revision of `d`: the forms as last imported. */
export const CURRENT_REVISION = `JOIN dossier_revisions r ON r.dossier_id = d.id AND r.revision = d.revision`;

/** The forms of the current revision (申請1, 申請2's sheets and cases, 申請3); needs `r`. */
export const FORMS = `r.applicant, r.case_sheets AS "caseSheets", r.cases, r.attendances`;

/** 氏名 as lists, letters and notices print it. */
export const NAME = `trim(d.family_name || ' ' || d.given_name)`;

/** The name's kana, as the list shows and sorts it. */
export const KANA = `trim(d.family_name_kana || ' ' || d.given_name_kana)`;

/** 勤務先 by name: the facility's from the master, or as the applicant wrote it; needs `r`. */
export const WORKPLACE = `coalesce((SELECT f.name FROM facilities f
                                     WHERE f.round_id = d.round_id
                                       AND f.facility_no = r.applicant->>'workplaceFacilityNo'),
                                   r.applicant->>'workplaceName')`;

/**
 * The applicant's payments in the round, in file order (fees/payment-facts.ts, with 決済方法,
 * which only the dossier page shows).
 */
export const PAYMENTS = `coalesce((
    SELECT jsonb_agg(jsonb_build_object('transactionId', p.transaction_id, 'item', p.item,
                                        'amount', p.amount, 'handlingFee', p.handling_fee,
                                        'paidAt', p.paid_at, 'method', p.method, 'status', p.status)
                     ORDER BY p.file_order)
      FROM payments p WHERE p.round_id = d.round_id AND p.cert_no = d.cert_no), '[]')`;

/** The applicant's e-learning results in the round, by field (rules/check-input.ts ElearningFacts). */
export const ELEARNING = `coalesce((
    SELECT jsonb_agg(jsonb_build_object('field', e.field, 'completedAt', e.completed_at,
                                        'miniTestScore', e.mini_test_score)
                     ORDER BY e.field)
      FROM elearning_results e WHERE e.round_id = d.round_id AND e.cert_no = d.cert_no), '[]')`;

/** The change-of-address notices received, first received first (mailing-lists.ts AddressChangeFacts). */
export const ADDRESS_CHANGES = `coalesce((
    SELECT json_agg(json_build_object('receivedAt', a.received_at, 'recipientName', a.recipient_name,
                                      'postalCode', a.postal_code, 'prefecture', a.prefecture,
                                      'address', a.address)
                    ORDER BY a.received_at)
      FROM address_changes a WHERE a.round_id = d.round_id AND a.cert_no = d.cert_no), '[]')`;

/** The scanned files of the envelope `e` (envelopes), in scan order: the dossier's and the envelope's page. */
export const scansOfEnvelope = (e: string) => `(
    SELECT coalesce(jsonb_agg(jsonb_build_object('fileName', s.file_name, 'page', s.page,
                                                 'sha256', s.sha256, 'mediaType', sf.media_type)
                              ORDER BY s.page NULLS LAST, s.file_name), '[]')
      FROM envelope_scans s JOIN scan_files sf ON sf.sha256 = s.sha256
     WHERE s.round_id = ${e}.round_id AND s.receipt_no = ${e}.receipt_no)`;

/**
 * The master records the forms' codes name (needs `r`), for the dossier page: 所属学会, the
 * workplace's facility and the meetings of 申請3, as the round's master files have them (null,
 * or a meeting left out, when a code is not there).
 */
export const FORM_MASTERS = `
  (SELECT jsonb_build_object('code', s.code, 'name', s.name)
     FROM societies s WHERE s.round_id = d.round_id AND s.code = r.applicant->>'societyCode') AS society,
  (SELECT jsonb_build_object('facilityNo', f.facility_no, 'name', f.name, 'postalCode', f.postal_code,
                             'prefecture', f.prefecture, 'address', f.address)
     FROM facilities f
    WHERE f.round_id = d.round_id AND f.facility_no = r.applicant->>'workplaceFacilityNo') AS facility,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('code', m.code, 'name', m.name,
                                                'societyCode', m.society_code, 'kind', m.kind,
                                                'startsOn', to_char(m.starts_on, 'YYYY-MM-DD'),
                                                'endsOn', to_char(m.ends_on, 'YYYY-MM-DD'))
                             ORDER BY m.code), '[]')
     FROM meetings m
    WHERE m.round_id = d.round_id
      AND m.code IN (SELECT a->>'meetingCode' FROM jsonb_array_elements(r.attendances) a)) AS meetings`;

/**
 * Condition: the check result `e` (an element of check_results.results) is a document that fails
 * now: marked missing or insufficient, and no later envelope re-opened it.
 */
export const isFailingDocument = (e: string) =>
  `${e}->>'rule' LIKE 'doc.%' AND ${e}->>'outcome' = 'fail'`;
