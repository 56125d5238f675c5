import type { DocumentProposal } from '../scans/scan-reading.views.js';
import { planConfirmation, type ConfirmableItem } from './proposal-confirmation.js';

const proposal = (
  finding: DocumentProposal['finding'],
  confidence: number,
  page: string | null,
): DocumentProposal => ({ finding, confidence, page, evidence: '…', boxes: [] });

const items: ConfirmableItem[] = [
  { rule: 'doc.cover', ref: null, proposal: proposal('found', 0.99, 'R1-1'), marked: false },
  { rule: 'doc.seal', ref: 'sheet:1', proposal: proposal('missing', 0.97, 'R1-3'), marked: false },
  { rule: 'doc.seal', ref: 'sheet:2', proposal: proposal('found', 0.8, 'R1-4'), marked: false },
  { rule: 'doc.elearning', ref: null, proposal: proposal('found', 0.99, 'R2-1'), marked: false },
  {
    rule: 'doc.attendance',
    ref: 'attendance:1',
    proposal: proposal('insufficient', 0.98, 'R1-6'),
    marked: true,
  },
  {
    rule: 'doc.attendance',
    ref: 'attendance:2',
    proposal: proposal('missing', 0.96, null),
    marked: false,
  },
  { rule: 'doc.name-change', ref: null, proposal: null, marked: false },
];

describe('confirming an envelope’s proposals together', () => {
  it('confirms those of its pages the reader is sure of, never over a person’s mark', () => {
    const plan = planConfirmation(items, { receiptNo: 'R1', latest: false }, 0.95);
    expect(plan.confirm).toEqual([
      { rule: 'doc.cover', ref: null, status: 'found', confidence: 0.99 },
      { rule: 'doc.seal', ref: 'sheet:1', status: 'missing', confidence: 0.97 },
    ]);
    expect(plan.belowThreshold).toEqual([{ rule: 'doc.seal', ref: 'sheet:2', confidence: 0.8 }]);
    expect(plan.alreadyMarked).toEqual([{ rule: 'doc.attendance', ref: 'attendance:1' }]);
  });

  it('takes a document missing from every page with the latest envelope only', () => {
    const latest = planConfirmation(items, { receiptNo: 'R2', latest: true }, 0.95);
    expect(latest.confirm.map((c) => c.ref ?? c.rule)).toEqual(['doc.elearning', 'attendance:2']);
    const earlier = planConfirmation(items, { receiptNo: 'R2', latest: false }, 0.95);
    expect(earlier.confirm.map((c) => c.ref ?? c.rule)).toEqual(['doc.elearning']);
  });

  it('follows the threshold the secretariat sets', () => {
    expect(planConfirmation(items, { receiptNo: 'R1', latest: false }, 0.75).confirm).toHaveLength(
      3,
    );
    expect(planConfirmation(items, { receiptNo: 'R1', latest: false }, 1).confirm).toHaveLength(0);
  });
});
