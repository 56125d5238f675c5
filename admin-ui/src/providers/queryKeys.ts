/**
 * Keys of the queries on the dataProvider's own methods, shaped as react-admin keys its own
 * (`[resource, method, params]`): a mutation invalidates exactly what it changed, and
 * react-admin's refresh reaches these too.
 */
export const queryKeys = {
  dashboard: (roundId: string) => ['dashboard', 'getDashboard', { roundId }] as const,
  mailingLists: (roundId: string) => ['mailing-lists', 'getMailingLists', { roundId }] as const,
  dossierNeighbours: (id: string, filter: string, sort: string) =>
    ['dossiers', 'getDossierNeighbours', { id, filter, sort }] as const,
  dossierHistory: (id: string) => ['dossiers', 'getDossierHistory', { id }] as const,
  itemOverrides: (id: string) => ['dossiers', 'getItemOverrides', { id }] as const,
  documentChecklist: (id: string) => ['dossiers', 'getDocumentChecklist', { id }] as const,
  proposalConfirmation: (id: string, receiptNo: string) =>
    ['dossiers', 'getProposalConfirmation', { id, receiptNo }] as const,
  readingSettings: () => ['settings', 'getReadingSettings'] as const,
  decisions: (id: string) => ['dossiers', 'getDecisions', { id }] as const,
  decisionWarnings: (id: string) => ['dossiers', 'getDecisionWarnings', { id }] as const,
  releasePreview: (request: {
    roundId: string;
    dossierIds: string[] | null;
    includeHeld: boolean;
  }) => ['decisions', 'previewRelease', request] as const,
  decisionReasons: () => ['decision-reasons', 'getDecisionReasons'] as const,
  paymentSummary: (roundId: string) => ['payments', 'getPaymentSummary', { roundId }] as const,
  savedViews: (resource: string) => ['saved-views', 'getSavedViews', { resource }] as const,
};
