import { useQuery } from '@tanstack/react-query';
import { Authenticated, useGetOne, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { checksOf, type DossierRecord } from '../dossiers/dossierRecord';
import { RULE_IDS } from '../dossiers/rules';
import { useShinsaDataProvider } from '../providers/dataProvider';
import { queryKeys } from '../providers/queryKeys';
import { documentLabel } from '../common/itemLabels';
import { japanDateTime } from '../common/japanTime';
import { PrintPage, PrintStatus } from './PrintPage';

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));

/** What is said of an item that did not simply pass: its checks' messages, one per line. */
function ItemRemarks({ dossier, ref }: { dossier: DossierRecord; ref: string }) {
  const remarks = checksOf(dossier, ref).filter((c) => c.outcome !== 'pass');
  return (
    <>
      {remarks.map((c, i) => (
        <div key={i}>{c.message}</div>
      ))}
    </>
  );
}

/**
 * A dossier on A4 for the committee's file: the applicant, the rule results, the cases and
 * attendances with what the checks and the reviewers said of each, and the decisions.
 */
export function DossierPrint() {
  const { id = '' } = useParams();
  const translate = useTranslate();
  const dataProvider = useShinsaDataProvider();
  const dossier = useGetOne<DossierRecord & { id: string }>('dossiers', { id });
  const decisions = useQuery({
    queryKey: queryKeys.decisions(id),
    queryFn: () => dataProvider.getDecisions(id),
  });
  const overrides = useQuery({
    queryKey: queryKeys.itemOverrides(id),
    queryFn: () => dataProvider.getItemOverrides(id),
  });
  const record = dossier.data;
  if (!record) return <PrintStatus error={dossier.error} />;
  const rank = (rule: string) => {
    const i = RULE_IDS.indexOf(rule as (typeof RULE_IDS)[number]);
    return i < 0 ? RULE_IDS.length : i;
  };
  const overall = record.checks
    .filter((c) => c.ref === null)
    .sort((a, b) => rank(a.rule) - rank(b.rule));
  const overrideOf = (ref: string) => overrides.data?.find((o) => o.ref === ref);
  const overrideText = (ref: string) => {
    const o = overrideOf(ref);
    if (!o) return '';
    return `${translate(o.accepted ? 'shinsa.print.accepted' : 'shinsa.print.rejected')}: ${o.reason}`;
  };
  const f = (key: string) => translate(`resources.dossiers.fields.${key}`);
  return (
    <PrintPage
      title={translate('shinsa.print.dossier_title', { certNo: record.certNo, name: record.name })}
    >
      <table id="print-summary">
        <tbody>
          <tr>
            <th>{f('roundId')}</th>
            <td>{record.roundId}</td>
            <th>{f('verdict')}</th>
            <td>
              {record.verdict
                ? translate(`shinsa.verdict.${record.verdict}`)
                : translate('shinsa.verdict.none')}
            </td>
          </tr>
          <tr>
            <th>{f('kana')}</th>
            <td>{record.kana}</td>
            <th>{f('workplace')}</th>
            <td>{text(record.workplace)}</td>
          </tr>
          <tr>
            <th>{f('reviewers')}</th>
            <td colSpan={3}>{record.reviewers.map((r) => r.displayName).join('、')}</td>
          </tr>
        </tbody>
      </table>

      <h2>{f('checks')}</h2>
      <table id="print-checks">
        <thead>
          <tr>
            <th style={{ width: '30%' }}>{f('rule')}</th>
            <th style={{ width: '12%' }}>{f('outcome')}</th>
            <th>{f('message')}</th>
          </tr>
        </thead>
        <tbody>
          {overall.map((c, i) => (
            <tr key={i}>
              <td>
                {translate(`shinsa.rules.${c.rule}`, { _: translate('shinsa.print.other_rule') })}
              </td>
              <td>{translate(`shinsa.outcome.${c.outcome}`, { _: c.outcome })}</td>
              <td>{c.message}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{translate('shinsa.print.cases', { n: record.cases.length })}</h2>
      <table id="print-cases">
        <thead>
          <tr>
            {[
              'sheetNo',
              'caseNo',
              'startMonth',
              'item',
              'age',
              'sex',
              'diagnosis',
              'pathology',
            ].map((key) => (
              <th key={key}>{f(key)}</th>
            ))}
            <th>{translate('shinsa.print.remarks')}</th>
          </tr>
        </thead>
        <tbody>
          {record.cases.map((c, i) => {
            const ref = `case:${text(c.sheetNo)}-${text(c.caseNo)}`;
            return (
              <tr key={i}>
                {[
                  'sheetNo',
                  'caseNo',
                  'startMonth',
                  'item',
                  'age',
                  'sex',
                  'diagnosis',
                  'pathology',
                ].map((key) => (
                  <td key={key}>{text(c[key])}</td>
                ))}
                <td>
                  <ItemRemarks dossier={record} ref={ref} />
                  {overrideText(ref) && <div>{overrideText(ref)}</div>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>{translate('shinsa.print.attendances', { n: record.attendances.length })}</h2>
      <table id="print-attendances">
        <thead>
          <tr>
            <th>{f('no')}</th>
            <th>{f('meetingCode')}</th>
            <th>{translate('shinsa.print.remarks')}</th>
          </tr>
        </thead>
        <tbody>
          {record.attendances.map((a, i) => {
            const ref = `attendance:${text(a.no)}`;
            return (
              <tr key={i}>
                <td>{text(a.no)}</td>
                <td>{text(a.meetingCode)}</td>
                <td>
                  <ItemRemarks dossier={record} ref={ref} />
                  {overrideText(ref) && <div>{overrideText(ref)}</div>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>{translate('shinsa.decision.history')}</h2>
      <table id="print-decisions">
        <thead>
          <tr>
            <th>{f('decision')}</th>
            <th>{translate('shinsa.print.reason')}</th>
            <th>{translate('shinsa.print.decided')}</th>
            <th>{translate('shinsa.print.released')}</th>
          </tr>
        </thead>
        <tbody>
          {(decisions.data ?? []).length === 0 && (
            <tr>
              <td colSpan={4}>{translate('shinsa.decision.none')}</td>
            </tr>
          )}
          {(decisions.data ?? []).map((d) => (
            <tr key={d.id} style={d.supersededAt ? { color: '#666' } : undefined}>
              <td>
                {d.decision}
                {d.supersededAt ? `(${translate('shinsa.print.superseded')})` : ''}
              </td>
              <td>
                {[...d.reasonCodes, d.reason ?? ''].filter(Boolean).join(' / ')}
                {d.overriddenChecks.length > 0 && (
                  <div>
                    {translate('shinsa.print.overridden', {
                      // Each sheet's seal and each proof apart, by name (no rule ID).
                      rules: d.overriddenChecks
                        .map((c) => documentLabel(translate, c.rule, c.ref))
                        .join('、'),
                    })}
                  </div>
                )}
              </td>
              <td>
                {d.decidedBy} {japanDateTime(d.decidedAt)}
              </td>
              <td>{d.releasedAt ? `${d.releasedBy ?? ''} ${japanDateTime(d.releasedAt)}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div style={{ textAlign: 'right', fontSize: '8pt' }}>
        {translate('shinsa.print.printed_at', { at: japanDateTime(new Date().toISOString()) })}
      </div>
    </PrintPage>
  );
}

/** The dossier's print view, for signed-in users only (the API checks the assignment). */
export function DossierPrintPage() {
  return (
    <Authenticated>
      <DossierPrint />
    </Authenticated>
  );
}
