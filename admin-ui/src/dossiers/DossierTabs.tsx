import {
  Alert,
  Box,
  Link,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import {
  ArrayField,
  DataTable,
  DateField,
  FunctionField,
  useNotify,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { callApi } from '../common/api';
import { DocumentChecklist } from './DocumentChecklist';
import { ItemChecks } from './ItemChecks';
import { ItemOverrideField, overrideItem, type ItemOverride } from './ItemOverrideField';
import { type CheckRow } from './rules';
import { useShortcuts } from './shortcuts';

export interface DossierRecord {
  id: string;
  revision: number;
  applicant: Record<string, unknown>;
  cases: { sheetNo: number; caseNo: number }[];
  attendances: { no: number; meetingCode: string }[];
  checks: CheckRow[];
  elearning: { field: string; completedAt: string; miniTestScore: number | null }[];
  payments: Record<string, unknown>[];
  certificate: { certificateNo: string; renewalDate: string; validUntil: string } | null;
  dispatches: {
    id: string;
    kind: string;
    sentOn: string;
    trackingNo: string;
    prefecture: string;
    address: string;
    recipient: string;
    returnedOn: string | null;
    returnReason: string | null;
  }[];
  mail: {
    receiptNo: string;
    arrivedOn: string;
    postmarkedOn: string | null;
    mailKind: string;
    trackingNo: string;
    note: string;
    scans: {
      fileName: string;
      page: number | null;
      sha256: string;
      mediaType: string;
      normalisedSha256: string | null;
    }[];
  }[];
}

const checksOf = (dossier: DossierRecord, ref: string | null, prefix?: string) =>
  dossier.checks.filter((c) => c.ref === ref && (!prefix || c.rule.startsWith(prefix)));

/** The dossier's item overrides, reloaded after each change. */
function useOverrides(dossierId: string | undefined) {
  const [overrides, setOverrides] = useState<ItemOverride[]>([]);
  const load = useCallback(() => {
    if (dossierId)
      callApi<ItemOverride[]>(`/api/dossiers/${dossierId}/overrides`)
        .then(setOverrides)
        .catch(() => setOverrides([]));
  }, [dossierId]);
  useEffect(load, [load]);
  return { overrides, load };
}

/** 申請1 as the applicant registered it, labelled as the export names its columns. */
export function ApplicantTab() {
  const dossier = useRecordContext<DossierRecord>();
  const translate = useTranslate();
  if (!dossier) return null;
  const shown = (value: unknown) =>
    value === true
      ? '有'
      : value === false
        ? '無'
        : value === null || value === ''
          ? '—'
          : String(value);
  return (
    <Table size="small" id="applicant-form" sx={{ maxWidth: 720 }}>
      <TableBody>
        {Object.entries(dossier.applicant).map(([key, value]) => (
          <TableRow key={key}>
            <TableCell component="th" sx={{ width: 220, color: 'text.secondary' }}>
              {translate(`resources.dossiers.applicant.${key}`, { _: key })}
            </TableCell>
            <TableCell>{shown(value)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * The cases with their rule results and ICD-10 category, each accepted or rejected against the
 * automatic result. ↓ / ↑ choose a case, A accepts it, R rejects it (the reason is asked).
 */
export function CasesTab() {
  const dossier = useRecordContext<DossierRecord>();
  const translate = useTranslate();
  const notify = useNotify();
  const { overrides, load } = useOverrides(dossier?.id);
  const [focus, setFocus] = useState(0);
  const count = dossier?.cases.length ?? 0;
  const refAt = (i: number) =>
    dossier ? `case:${dossier.cases[i].sheetNo}-${dossier.cases[i].caseNo}` : '';
  const decide = (accepted: boolean) => {
    if (!dossier || count === 0) return;
    const ref = refAt(focus);
    overrideItem(
      dossier.id,
      ref,
      accepted,
      overrides.find((o) => o.ref === ref),
      (r) => window.prompt(translate('shinsa.override.reason_prompt', { ref: r })),
    )
      .then((saved) => {
        if (!saved) return;
        notify('shinsa.override.saved', { type: 'success' });
        load();
      })
      .catch((e: Error) => {
        notify(e.message, { type: 'error' });
        load();
      });
  };
  useShortcuts({
    ArrowDown: () => setFocus((i) => Math.min(i + 1, count - 1)),
    ArrowUp: () => setFocus((i) => Math.max(i - 1, 0)),
    a: () => decide(true),
    r: () => decide(false),
  });
  useEffect(() => {
    document.querySelector('.case-in-focus')?.scrollIntoView({ block: 'nearest' });
  }, [focus]);
  if (!dossier) return null;
  return (
    <ArrayField source="cases">
      <DataTable
        bulkActionButtons={false}
        rowClick={false}
        rowSx={(_, index) =>
          index === focus ? { outline: '2px solid', outlineColor: 'primary.main' } : {}
        }
      >
        <DataTable.Col source="sheetNo" label="resources.dossiers.fields.sheetNo" />
        <DataTable.Col source="caseNo" label="resources.dossiers.fields.caseNo" />
        <DataTable.Col source="startMonth" label="resources.dossiers.fields.startMonth" />
        <DataTable.Col source="item" label="resources.dossiers.fields.item" />
        <DataTable.Col source="age" label="resources.dossiers.fields.age" />
        <DataTable.Col source="sex" label="resources.dossiers.fields.sex" />
        <DataTable.Col source="diagnosis" label="resources.dossiers.fields.diagnosis" />
        <DataTable.Col source="pathology" label="resources.dossiers.fields.pathology" />
        <DataTable.Col label="shinsa.dossiers.icd10">
          <FunctionField<{ sheetNo: number; caseNo: number }>
            render={(c) => {
              const dx = checksOf(dossier, `case:${c.sheetNo}-${c.caseNo}`).find(
                (r) => r.rule === 'case.diagnosis',
              );
              return (dx?.details?.icd10 as string | undefined) ?? '—';
            }}
          />
        </DataTable.Col>
        <DataTable.Col label="shinsa.dossiers.checks_of_item">
          <FunctionField<{ sheetNo: number; caseNo: number }>
            render={(c) => {
              const index = dossier.cases.findIndex(
                (x) => x.sheetNo === c.sheetNo && x.caseNo === c.caseNo,
              );
              return (
                <Box
                  className={index === focus ? 'case-in-focus' : undefined}
                  onClick={() => setFocus(index)}
                >
                  <ItemChecks checks={checksOf(dossier, `case:${c.sheetNo}-${c.caseNo}`)} />
                </Box>
              );
            }}
          />
        </DataTable.Col>
        <DataTable.Col label="resources.dossiers.fields.override">
          <ItemOverrideField
            dossierId={dossier.id}
            revision={dossier.revision}
            overrides={overrides}
            kind="case"
            onChange={load}
          />
        </DataTable.Col>
      </DataTable>
    </ArrayField>
  );
}

/** The meetings attended, with the rule's result, the proof's verification and overrides. */
export function AttendancesTab() {
  const dossier = useRecordContext<DossierRecord>();
  const { overrides, load } = useOverrides(dossier?.id);
  if (!dossier) return null;
  return (
    <ArrayField source="attendances">
      <DataTable bulkActionButtons={false} rowClick={false} id="attendances">
        <DataTable.Col source="no" label="resources.dossiers.fields.no" />
        <DataTable.Col source="meetingCode" label="resources.dossiers.fields.meetingCode" />
        <DataTable.Col label="shinsa.dossiers.meeting">
          <FunctionField<{ no: number }>
            render={(a) => (
              <ItemChecks checks={checksOf(dossier, `attendance:${a.no}`, 'attendance.')} passed />
            )}
          />
        </DataTable.Col>
        <DataTable.Col label="shinsa.dossiers.proof">
          <FunctionField<{ no: number }>
            render={(a) => (
              <ItemChecks checks={checksOf(dossier, `attendance:${a.no}`, 'doc.')} passed />
            )}
          />
        </DataTable.Col>
        <DataTable.Col label="resources.dossiers.fields.override">
          <ItemOverrideField
            dossierId={dossier.id}
            revision={dossier.revision}
            overrides={overrides}
            kind="attendance"
            onChange={load}
          />
        </DataTable.Col>
      </DataTable>
    </ArrayField>
  );
}

/** The rule's overall result above a tab's rows. */
function RuleSummary({ rules }: { rules: string[] }) {
  const dossier = useRecordContext<DossierRecord>();
  if (!dossier) return null;
  return (
    <Box sx={{ mb: 1 }}>
      {dossier.checks
        .filter((c) => rules.includes(c.rule))
        .map((c, i) => (
          <Alert
            key={`${c.rule}-${c.ref}-${i}`}
            severity={
              c.outcome === 'pass'
                ? 'success'
                : c.outcome === 'fail'
                  ? 'error'
                  : c.outcome === 'review'
                    ? 'warning'
                    : 'info'
            }
            sx={{ mb: 0.5 }}
          >
            {c.message}
          </Alert>
        ))}
    </Box>
  );
}

export function ElearningTab() {
  return (
    <>
      <RuleSummary rules={['elearning', 'doc.elearning']} />
      <ArrayField source="elearning">
        <DataTable bulkActionButtons={false} rowClick={false} empty={<Empty />}>
          <DataTable.Col source="field" label="resources.dossiers.fields.field" />
          <DataTable.Col source="completedAt" label="resources.dossiers.fields.completedAt">
            <DateField source="completedAt" showTime />
          </DataTable.Col>
          <DataTable.Col source="miniTestScore" label="resources.dossiers.fields.miniTestScore" />
        </DataTable>
      </ArrayField>
    </>
  );
}

export function PaymentsTab() {
  return (
    <>
      <RuleSummary rules={['fee.review', 'fee.certification']} />
      <ArrayField source="payments">
        <DataTable bulkActionButtons={false} rowClick={false} empty={<Empty />}>
          <DataTable.Col source="transactionId" label="resources.dossiers.fields.transactionId" />
          <DataTable.Col source="item" label="resources.dossiers.fields.item" />
          <DataTable.NumberCol source="amount" label="resources.dossiers.fields.amount" />
          <DataTable.NumberCol source="handlingFee" label="resources.dossiers.fields.handlingFee" />
          <DataTable.Col source="paidAt" label="resources.dossiers.fields.paidAt">
            <DateField source="paidAt" showTime />
          </DataTable.Col>
          <DataTable.Col source="method" label="resources.dossiers.fields.method" />
          <DataTable.Col source="status" label="resources.dossiers.fields.status" />
        </DataTable>
      </ArrayField>
      <Dispatches />
    </>
  );
}

/** The certificate's data and the mailings sent to the applicant; the result letter for office staff. */
function Dispatches() {
  const dossier = useRecordContext<DossierRecord>();
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  if (!dossier) return null;
  const office = permissions === 'admin' || permissions === 'secretariat';
  return (
    <Box sx={{ mt: 2 }} id="dossier-dispatches">
      <Typography variant="subtitle1">{translate('shinsa.dossiers.dispatch_title')}</Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {dossier.certificate
          ? translate('shinsa.dossiers.certificate', dossier.certificate)
          : translate('shinsa.dossiers.no_certificate')}
      </Typography>
      {dossier.dispatches.length > 0 && (
        <Table size="small" sx={{ mb: 1 }}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('resources.dispatches.fields.kind')}</TableCell>
              <TableCell>{translate('resources.dispatches.fields.sentOn')}</TableCell>
              <TableCell>{translate('resources.dispatches.fields.trackingNo')}</TableCell>
              <TableCell>{translate('resources.dispatches.fields.address')}</TableCell>
              <TableCell>{translate('resources.dispatches.fields.returnedOn')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {dossier.dispatches.map((d) => (
              <TableRow key={d.id}>
                <TableCell>
                  {office ? (
                    <Link href={`#/dispatches/${d.id}`}>
                      {translate(`shinsa.dispatch.kinds.${d.kind}`)}
                    </Link>
                  ) : (
                    translate(`shinsa.dispatch.kinds.${d.kind}`)
                  )}
                </TableCell>
                <TableCell>{d.sentOn}</TableCell>
                <TableCell>{d.trackingNo}</TableCell>
                <TableCell>
                  {d.prefecture}
                  {d.address} {d.recipient}
                </TableCell>
                <TableCell>
                  {d.returnedOn ? `${d.returnedOn}(${d.returnReason ?? ''})` : ''}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {office && (
        <Link href={`/api/dossiers/${dossier.id}/result-letter.pdf`} target="_blank" rel="noopener">
          {translate('shinsa.dossiers.result_letter')}
        </Link>
      )}
    </Box>
  );
}

function Empty() {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ p: 1 }}>
      {translate('shinsa.dossiers.none')}
    </Typography>
  );
}

/** Envelopes received, their scanned pages at readable size, and the document checklist beside. */
export function MailTab() {
  const dossier = useRecordContext<DossierRecord>();
  const translate = useTranslate();
  if (!dossier) return null;
  const mailChecks = dossier.checks.filter((c) => c.rule.startsWith('mail.'));
  const pages = dossier.mail.flatMap((m) => m.scans.map((s) => ({ ...s, receiptNo: m.receiptNo })));
  return (
    <Stack spacing={2}>
      {dossier.mail.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('shinsa.dossiers.no_mail')}
        </Typography>
      ) : (
        <Table size="small" id="mail">
          <TableHead>
            <TableRow>
              {['receiptNo', 'arrivedOn', 'postmarkedOn', 'mailKind', 'trackingNo', 'note'].map(
                (f) => (
                  <TableCell key={f}>{translate(`resources.dossiers.fields.${f}`)}</TableCell>
                ),
              )}
            </TableRow>
          </TableHead>
          <TableBody>
            {dossier.mail.map((m) => (
              <TableRow key={m.receiptNo}>
                <TableCell>{m.receiptNo}</TableCell>
                <TableCell>{m.arrivedOn}</TableCell>
                <TableCell>{m.postmarkedOn ?? '—'}</TableCell>
                <TableCell>{m.mailKind}</TableCell>
                <TableCell>{m.trackingNo}</TableCell>
                <TableCell>{m.note}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ItemChecks checks={mailChecks} passed />
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start' }}>
        <Box id="scans" sx={{ flex: '0 0 620px', maxHeight: '80vh', overflowY: 'auto' }}>
          {pages.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              {translate('shinsa.dossiers.no_scans')}
            </Typography>
          ) : (
            pages.map((p) => {
              // The original opens in a new tab; the page shows its normalised image if any.
              const src = `/api/dossiers/${dossier.id}/scans/${p.sha256}`;
              const shown = `/api/dossiers/${dossier.id}/scans/${p.normalisedSha256 ?? p.sha256}`;
              return (
                <Box key={`${p.receiptNo}-${p.fileName}`} sx={{ mb: 2 }}>
                  <Typography variant="caption" color="text.secondary">
                    {p.receiptNo} · {p.fileName}
                  </Typography>
                  {p.mediaType === 'application/pdf' ? (
                    <Box>
                      <Link href={src} target="_blank" rel="noopener">
                        {translate('shinsa.documents.open_pdf')}
                      </Link>
                    </Box>
                  ) : (
                    <Link href={src} target="_blank" rel="noopener">
                      <Box
                        component="img"
                        src={shown}
                        alt={p.fileName}
                        sx={{ width: 600, border: 1, borderColor: 'divider', display: 'block' }}
                      />
                    </Link>
                  )}
                </Box>
              );
            })
          )}
        </Box>
        <Box sx={{ flex: 1 }}>
          <Typography variant="subtitle2">{translate('shinsa.dossiers.documents')}</Typography>
          <DocumentChecklist />
        </Box>
      </Box>
    </Stack>
  );
}

/** Every check result, rule names in words, links to the list of dossiers failing the same. */
export function ChecksTab() {
  const dossier = useRecordContext<DossierRecord & { roundId: string }>();
  const translate = useTranslate();
  if (!dossier) return null;
  return (
    <Table size="small" id="checks">
      <TableHead>
        <TableRow>
          <TableCell>{translate('resources.dossiers.fields.rule')}</TableCell>
          <TableCell>{translate('resources.dossiers.fields.outcome')}</TableCell>
          <TableCell>{translate('resources.dossiers.fields.ref')}</TableCell>
          <TableCell>{translate('resources.dossiers.fields.message')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {dossier.checks.map((c, i) => (
          <TableRow key={`${c.rule}-${c.ref}-${i}`}>
            <TableCell>
              {c.outcome === 'pass' ? (
                translate(`shinsa.rules.${c.rule}`, { _: c.rule })
              ) : (
                <Link
                  href={`#/dossiers?filter=${encodeURIComponent(
                    JSON.stringify({ roundId: dossier.roundId, rule: c.rule }),
                  )}`}
                >
                  {translate(`shinsa.rules.${c.rule}`, { _: c.rule })}
                </Link>
              )}
            </TableCell>
            <TableCell>
              <ItemChecks checks={[c]} passed outcomeOnly />
            </TableCell>
            <TableCell>{c.ref ?? ''}</TableCell>
            <TableCell>{c.message}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
