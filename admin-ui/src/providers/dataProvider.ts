import type { AssignResult } from '@server/assignments/assignment.views';
import type { AuditRow } from '@server/audit/audit.views';
import type { Dashboard } from '@server/dashboard/dashboard.views';
import type { CheckSummary, Decision, DecisionReason } from '@server/decisions/decision-rules';
import type {
  DecisionRow,
  HoldResult,
  ItemOverrideRow,
  ReleasePreview,
  ReleaseResult,
} from '@server/decisions/decision.views';
import type {
  ChecklistItem,
  DocumentCheckRow,
  DocumentStatus,
  NoticesIssued,
} from '@server/documents/document.views';
import type { DossierNeighbours } from '@server/dossiers/dossier.views';
import type { ScansAdded } from '@server/envelopes/envelope.views';
import type {
  DispatchKind,
  ExportName,
  ListExportRow,
  MailingListSummary,
  RecordedDispatches,
} from '@server/mailings/mailing.views';
import type { PaymentTotals } from '@server/fees/payment.views';
import type { RecipientFlags } from '@server/outbox/outbox.views';
import type { SavedView } from '@server/saved-views/saved-view.views';
import type { ConfirmationPlan } from '@server/documents/proposal-confirmation';
import type { ReadingSettings } from '@server/settings/setting.views';
import simpleRestProvider from 'ra-data-simple-rest';
import {
  fetchUtils,
  HttpError,
  useDataProvider,
  type DataProvider,
  type Identifier,
} from 'react-admin';
import type { Json } from '../common/json';

/** A release: the round's pending decisions, or of these dossiers; 保留 only when asked. */
type ReleaseRequest = { roundId: string; dossierIds: string[] | null; includeHeld: boolean };

const httpClient = (url: string, options: fetchUtils.Options = {}) =>
  fetchUtils.fetchJson(url, { ...options, credentials: 'same-origin' });

const rest = simpleRestProvider('/api', httpClient);

/**
 * A JSON call beyond react-admin's CRUD. A refusal is an HttpError with the server's body
 * (`{message, problems, errors}`) and its message for people: a list of messages joined.
 */
async function call<T>(
  path: string,
  init: { method?: string; json?: unknown; form?: FormData } = {},
): Promise<T> {
  try {
    const { json } = await httpClient(path, {
      method: init.method ?? (init.json !== undefined || init.form ? 'POST' : 'GET'),
      body: init.form ?? (init.json !== undefined ? JSON.stringify(init.json) : undefined),
    });
    return json as T;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    const message = (error.body as { message?: unknown } | null)?.message;
    throw new HttpError(
      Array.isArray(message)
        ? message.join(' / ')
        : typeof message === 'string'
          ? message
          : `HTTP ${error.status}`,
      error.status,
      error.body,
    );
  }
}

const path = (...parts: (string | number)[]) =>
  `/api/${parts.map((part) => encodeURIComponent(String(part))).join('/')}`;

/** The console's calls beyond CRUD, each named for what it does (see queryKeys for caching). */
export interface ShinsaDataProvider extends DataProvider {
  getDashboard(roundId: string): Promise<Json<Dashboard>>;
  getMailingLists(roundId: string): Promise<Json<MailingListSummary>>;
  requestExport(
    roundId: string,
    request: {
      list: ExportName;
      format: string;
      encoding?: string;
      pendingOnly: boolean;
      layout?: 'list' | 'labels';
      letterDate?: string;
      withoutEmailOnly?: boolean;
    },
  ): Promise<Json<ListExportRow>>;
  recordDispatches(
    roundId: string,
    request: { list: DispatchKind; sentOn: string },
  ): Promise<RecordedDispatches>;
  getDossierNeighbours(
    dossierId: string,
    list: { filter: string; sort: string },
  ): Promise<DossierNeighbours>;
  getDossierHistory(dossierId: string): Promise<Json<AuditRow>[]>;
  getItemOverrides(dossierId: string): Promise<Json<ItemOverrideRow>[]>;
  setItemOverride(
    dossierId: string,
    override: { ref: string; accepted: boolean; reason: string; expected: string | null },
  ): Promise<Json<ItemOverrideRow>>;
  removeItemOverride(
    dossierId: string,
    override: { ref: string; expected: string | null },
  ): Promise<Json<ItemOverrideRow>>;
  getDocumentChecklist(dossierId: string): Promise<Json<ChecklistItem>[]>;
  markDocument(
    dossierId: string,
    mark: {
      rule: string;
      ref: string | null;
      status: DocumentStatus;
      note: string | null;
      expected: string | null;
    },
  ): Promise<Json<DocumentCheckRow>>;
  unmarkDocument(
    dossierId: string,
    mark: { rule: string; ref: string | null; expected: string | null },
  ): Promise<Json<DocumentCheckRow>>;
  /** What confirming one envelope's proposals together would mark (nothing saved). */
  getProposalConfirmation(dossierId: string, receiptNo: string): Promise<ConfirmationPlan>;
  confirmProposals(dossierId: string, receiptNo: string): Promise<ConfirmationPlan>;
  getReadingSettings(): Promise<ReadingSettings>;
  updateReadingSettings(settings: { confirmThreshold: number }): Promise<ReadingSettings>;
  getDecisionReasons(): Promise<DecisionReason[]>;
  getDecisions(dossierId: string): Promise<Json<DecisionRow>[]>;
  getDecisionWarnings(dossierId: string): Promise<CheckSummary[]>;
  decide(
    dossierId: string,
    decision: {
      decision: Decision;
      reasonCodes: string[];
      reason: string;
      expectedCurrentId: string | null;
    },
  ): Promise<unknown>;
  holdDecisions(request: {
    dossierIds: Identifier[];
    reasonCodes: string[];
    reason: string;
  }): Promise<HoldResult>;
  releaseDecisions(request: ReleaseRequest): Promise<ReleaseResult>;
  previewRelease(request: ReleaseRequest): Promise<ReleasePreview>;
  assign(request: {
    roundId: string;
    reviewerId: number;
    certNos: string[];
    overrideReason?: string;
  }): Promise<AssignResult>;
  assignFromCsv(roundId: string, sheet: File): Promise<AssignResult>;
  getSavedViews(resource: string): Promise<Json<SavedView>[]>;
  saveView(view: {
    resource: string;
    name: string;
    filter: Record<string, unknown>;
    sort: { field: string; order: string };
    shared: boolean;
  }): Promise<Json<SavedView>>;
  removeView(id: string): Promise<{ id: string }>;
  resetPassword(userId: Identifier): Promise<{ temporaryPassword: string }>;
  unlockUser(userId: Identifier): Promise<unknown>;
  issueDeficiencyNotices(request: {
    roundId: string | undefined;
    resubmitBy: string;
  }): Promise<Json<NoticesIssued>>;
  addScans(envelopeId: string, files: File[]): Promise<Json<ScansAdded>>;
  retryCheck(roundId: string, certNo: string): Promise<{ retried: boolean }>;
  getPaymentSummary(roundId: string): Promise<PaymentTotals[]>;
  previewMail(
    kind: string,
    request: { subject: string; body: string; dossierId: string; dueBy: string },
  ): Promise<MailPreview>;
  approveMailBatch(batchId: Identifier): Promise<{ approved: number }>;
  resendMail(messageId: Identifier): Promise<unknown>;
  getMailFlags(dossierId: Identifier): Promise<Json<RecipientFlags>>;
  setMailFlags(
    dossierId: Identifier,
    flags: { doNotMail: boolean; reason: string; clearBadAddress: boolean },
  ): Promise<Json<RecipientFlags>>;
}

/** A template as one applicant would get it (POST /api/mail-templates/:kind/preview). */
export interface MailPreview {
  problems: { field: string; message: string }[];
  mail: { subject: string; body: string } | null;
  recipient: string;
  name: string;
  certNo: string;
  due: boolean;
  undeliverable: string | null;
}

/**
 * The server honours react-admin's REST contract under /api; the session cookie goes along.
 * An import is created by uploading files, so its `create` sends multipart form data.
 */
export const dataProvider: ShinsaDataProvider = {
  ...rest,
  async create(resource, params) {
    if (resource !== 'imports') return rest.create(resource, params);
    const form = new FormData();
    form.append('roundId', String(params.data.roundId ?? ''));
    const files = (params.data.files ?? []) as { rawFile?: File }[];
    for (const file of files)
      if (file.rawFile) form.append('files', file.rawFile, file.rawFile.name);
    const { json } = await httpClient('/api/imports', { method: 'POST', body: form });
    return { data: json };
  },

  getDashboard: (roundId) => call(`/api/dashboard?roundId=${encodeURIComponent(roundId)}`),
  getMailingLists: (roundId) => call(path('rounds', roundId, 'mailing-lists')),
  requestExport: (roundId, request) => call(path('rounds', roundId, 'exports'), { json: request }),
  recordDispatches: (roundId, request) =>
    call(path('rounds', roundId, 'dispatches'), { json: request }),

  getDossierNeighbours: (dossierId, { filter, sort }) =>
    call(
      `${path('dossiers', dossierId, 'neighbours')}?filter=${encodeURIComponent(filter)}&sort=${encodeURIComponent(sort)}`,
    ),
  getDossierHistory: (dossierId) =>
    call(`${path('dossiers', dossierId, 'audit-events')}?range=[0,499]`),
  getItemOverrides: (dossierId) => call(path('dossiers', dossierId, 'overrides')),
  setItemOverride: (dossierId, override) =>
    call(path('dossiers', dossierId, 'overrides'), { method: 'PUT', json: override }),
  removeItemOverride: (dossierId, { ref, expected }) =>
    call(
      `${path('dossiers', dossierId, 'overrides')}?ref=${encodeURIComponent(ref)}&expected=${encodeURIComponent(expected ?? '')}`,
      { method: 'DELETE' },
    ),
  getDocumentChecklist: (dossierId) => call(path('dossiers', dossierId, 'documents')),
  markDocument: (dossierId, mark) =>
    call(path('dossiers', dossierId, 'documents'), { method: 'PUT', json: mark }),
  unmarkDocument: (dossierId, { rule, ref, expected }) => {
    const query = new URLSearchParams({ rule, expected: expected ?? '' });
    if (ref) query.set('ref', ref);
    return call(`${path('dossiers', dossierId, 'documents')}?${query}`, { method: 'DELETE' });
  },
  getProposalConfirmation: (dossierId, receiptNo) =>
    call(
      `${path('dossiers', dossierId, 'documents', 'confirmation')}?${new URLSearchParams({ receiptNo })}`,
    ),
  confirmProposals: (dossierId, receiptNo) =>
    call(path('dossiers', dossierId, 'documents', 'confirmation'), { json: { receiptNo } }),
  getReadingSettings: () => call(path('settings', 'reading')),
  updateReadingSettings: (settings) =>
    call(path('settings', 'reading'), { method: 'PUT', json: settings }),

  getDecisionReasons: () => call('/api/decision-reasons'),
  getDecisions: (dossierId) => call(path('dossiers', dossierId, 'decisions')),
  getDecisionWarnings: (dossierId) => call(path('dossiers', dossierId, 'decision-warnings')),
  decide: (dossierId, decision) =>
    call(path('dossiers', dossierId, 'decisions'), { json: decision }),
  holdDecisions: (request) => call('/api/decisions/hold', { json: request }),
  releaseDecisions: (request) => call('/api/decisions/release', { json: request }),
  previewRelease: (request) => call('/api/decisions/release/preview', { json: request }),

  assign: (request) => call('/api/assignments', { json: request }),
  assignFromCsv: (roundId, sheet) => {
    const form = new FormData();
    form.append('roundId', roundId);
    form.append('file', sheet, sheet.name);
    return call('/api/assignments/csv', { form });
  },

  getSavedViews: (resource) => call(`/api/saved-views?resource=${encodeURIComponent(resource)}`),
  saveView: (view) => call('/api/saved-views', { json: view }),
  removeView: (id) => call(path('saved-views', id), { method: 'DELETE' }),

  resetPassword: (userId) => call(path('users', userId, 'password-reset'), { method: 'POST' }),
  unlockUser: (userId) => call(path('users', userId, 'unlock'), { method: 'POST' }),
  issueDeficiencyNotices: (request) => call('/api/deficiency-notices', { json: request }),
  previewMail: (kind, request) => call(path('mail-templates', kind, 'preview'), { json: request }),
  approveMailBatch: (batchId) => call(path('mail-batches', batchId, 'approve'), { json: {} }),
  resendMail: (messageId) => call(path('mail-messages', messageId, 'resend'), { json: {} }),
  getMailFlags: (dossierId) => call(path('dossiers', dossierId, 'mail-flags')),
  setMailFlags: (dossierId, flags) =>
    call(path('dossiers', dossierId, 'mail-flags'), { method: 'PUT', json: flags }),
  addScans: (envelopeId, files) => {
    const form = new FormData();
    for (const file of files) form.append('files', file);
    return call(path('envelopes', envelopeId, 'scans'), { form });
  },
  retryCheck: (roundId, certNo) =>
    call(path('check-failures', roundId, certNo, 'retry'), { method: 'POST' }),
  getPaymentSummary: (roundId) =>
    call(`/api/payments/summary?${new URLSearchParams({ roundId }).toString()}`),
};

/** The dataProvider with the console's own methods, for react-query's useQuery / useMutation. */
export const useShinsaDataProvider = () => useDataProvider<ShinsaDataProvider>();
