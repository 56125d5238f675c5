import type { DossierListRow } from '@server/dossiers/dossier.views';
import { Authenticated, useGetList, useTranslate } from 'react-admin';
import { useSearchParams } from 'react-router-dom';
import type { Json } from '../common/json';
import { japanDateTime } from '../common/japanTime';
import { PrintPage, PrintStatus } from './PrintPage';

/** The list's filter as the link carries it; a mangled one shows the whole list. */
function listFilter(json: string | null): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json ?? '{}');
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The list's page size limit (server/common/list-query.ts): a sheet holds at most this. */
const SHEET_ROWS = 1000;

/**
 * The committee's decision sheet for a meeting: the dossiers of the list as filtered on screen
 * (the round, a reviewer, those undecided…), each with its automatic result and counts, its
 * current decision, and empty columns for the committee's 合格・不合格・保留 and remarks.
 */
export function DecisionSheet() {
  const translate = useTranslate();
  const [params] = useSearchParams();
  const filter = listFilter(params.get('filter'));
  const list = useGetList<Json<DossierListRow>>('dossiers', {
    filter,
    sort: { field: 'certNo', order: 'ASC' },
    pagination: { page: 1, perPage: SHEET_ROWS },
  });
  if (!list.data) return <PrintStatus error={list.error} />;
  const rows = list.data;
  const f = (key: string) => translate(`resources.dossiers.fields.${key}`);
  return (
    <PrintPage
      title={translate('shinsa.print.sheet_title', {
        round: typeof filter.roundId === 'string' ? filter.roundId : '',
      })}
    >
      <div id="sheet-count" style={{ marginBottom: 8 }}>
        {translate('shinsa.print.sheet_count', {
          n: rows.length,
          total: list.total ?? rows.length,
        })}
        {(list.total ?? 0) > rows.length && ` ${translate('shinsa.print.sheet_truncated')}`}
      </div>
      <table id="decision-sheet">
        <thead>
          <tr>
            <th style={{ width: '4%' }}>#</th>
            <th>{f('certNo')}</th>
            <th>{f('name')}</th>
            <th>{f('workplace')}</th>
            <th>{f('verdict')}</th>
            <th>{translate('shinsa.print.counts_header')}</th>
            <th>{translate('shinsa.print.current_decision')}</th>
            <th style={{ width: '16%' }}>{translate('shinsa.print.committee_decision')}</th>
            <th style={{ width: '14%' }}>{translate('shinsa.print.remarks')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d, i) => (
            <tr key={d.id}>
              <td>{i + 1}</td>
              <td style={{ whiteSpace: 'nowrap' }}>{d.certNo}</td>
              <td>
                {d.name}
                <div style={{ fontSize: '8pt' }}>{d.kana}</div>
              </td>
              <td>{d.workplace ?? ''}</td>
              <td>{translate(`shinsa.verdict.${d.verdict ?? 'none'}`)}</td>
              <td>
                {d.counts
                  ? translate('shinsa.print.counts', {
                      cases: d.counts.cases,
                      review: d.counts.casesUnderReview,
                      attendances: d.counts.attendances,
                    })
                  : ''}
              </td>
              <td>
                {d.decision
                  ? `${d.decision.decision}${d.decision.released ? '' : `(${translate('shinsa.print.unreleased')})`}`
                  : ''}
              </td>
              <td>{translate('shinsa.print.circle')}</td>
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      <div style={{ marginTop: 24, display: 'flex', justifyContent: 'space-between' }}>
        <span>{translate('shinsa.print.meeting_date')}</span>
        <span>{translate('shinsa.print.chair_signature')}</span>
      </div>
      <div style={{ textAlign: 'right', fontSize: '8pt', marginTop: 8 }}>
        {translate('shinsa.print.printed_at', { at: japanDateTime(new Date()) })}
      </div>
    </PrintPage>
  );
}

export function DecisionSheetPage() {
  return (
    <Authenticated>
      <DecisionSheet />
    </Authenticated>
  );
}
