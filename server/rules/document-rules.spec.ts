import type { CheckInput } from './check-input.js';
import { input } from './check-input.fixture.js';
import { documentKey } from './document-rules.js';
import { runChecks } from './run-checks.js';

describe('a clean dossier', () => {
  it('lists a doc.seal per sheet and a doc.attendance per attendance, doc.palliative and doc.name-change only when they apply', () => {
    const out = runChecks(input()).results;
    expect(out.filter((r) => r.rule === 'doc.seal').map((r) => r.ref)).toEqual(['sheet:1']);
    expect(out.filter((r) => r.rule === 'doc.attendance').map((r) => r.ref)).toEqual([
      'attendance:1',
      'attendance:2',
      'attendance:3',
    ]);
    expect(out.some((r) => r.rule === 'doc.palliative' || r.rule === 'doc.name-change')).toBe(
      false,
    );
    const i = input();
    i.applicant = {
      ...i.applicant,
      deferred: true,
      formerName: '佐藤',
      palliativeHost: '東京都',
      palliativeCertificateNo: '12',
      palliativeApprovedOn: '2019-01-01',
    };
    const rules = runChecks(i).results.map((r) => r.rule);
    expect(rules).toContain('doc.palliative');
    expect(rules).toContain('doc.name-change');
  });
});

describe('documents verified by a person', () => {
  const mark = (
    status: 'found' | 'missing' | 'insufficient',
    checkedAt = '2021-09-22T03:00:00.000Z',
    note: string | null = null,
  ) => ({ status, note, checkedAt });
  const find = (i: CheckInput, rule: string, ref: string | null = null) =>
    runChecks(i).results.find((r) => r.rule === rule && r.ref === ref)!;

  it('are pending until marked; found passes, missing and insufficient fail with the note', () => {
    const none = input();
    expect(find(none, 'doc.cover')).toMatchObject({
      outcome: 'pending',
      message: '表紙(日付・署名・押印)の確認待ちです',
    });
    const marked = input({
      documents: new Map([
        [documentKey('doc.cover', null), mark('found')],
        [documentKey('doc.seal', 'sheet:1'), mark('missing', undefined, '公印の欄が空白')],
        [documentKey('doc.attendance', 'attendance:2'), mark('insufficient', undefined, '領収書')],
      ]),
    });
    expect(find(marked, 'doc.cover')).toMatchObject({
      outcome: 'pass',
      message: '表紙(日付・署名・押印)を確認しました',
    });
    expect(find(marked, 'doc.seal', 'sheet:1')).toMatchObject({
      outcome: 'fail',
      message: '一覧表(1)の病院長公印がありません(公印の欄が空白)',
    });
    expect(find(marked, 'doc.attendance', 'attendance:2')).toMatchObject({
      outcome: 'fail',
      message: '参加証明(2)が不十分です(領収書)',
    });
    expect(find(marked, 'doc.attendance', 'attendance:1').outcome).toBe('pending');
    // Any document failing makes the automatic verdict fail.
    expect(runChecks(marked).verdict).toBe('fail');
  });

  it('a deficiency is re-opened by an envelope arriving after the day it was marked', () => {
    const missing = new Map([[documentKey('doc.elearning', null), mark('missing')]]);
    const sameDay = input({
      documents: missing,
      envelopes: [
        {
          receiptNo: 'R1',
          arrivedOn: '2021-09-20',
          postmarkedOn: '2021-09-18',
          mailKind: '簡易書留',
        },
        { receiptNo: 'R2', arrivedOn: '2021-09-22', postmarkedOn: null, mailKind: '普通郵便' },
      ],
    });
    expect(find(sameDay, 'doc.elearning').outcome).toBe('fail');
    const later = input({
      documents: missing,
      envelopes: [
        {
          receiptNo: 'R1',
          arrivedOn: '2021-09-20',
          postmarkedOn: '2021-09-18',
          mailKind: '簡易書留',
        },
        { receiptNo: 'R2', arrivedOn: '2021-09-24', postmarkedOn: null, mailKind: '普通郵便' },
      ],
    });
    expect(find(later, 'doc.elearning')).toMatchObject({
      outcome: 'pending',
      message:
        'e-learning 修了証は不備でしたが、その後に郵便(R2)が届きました。もう一度確認してください',
    });
    // A found document stays found whatever arrives later.
    const found = input({
      documents: new Map([[documentKey('doc.elearning', null), mark('found')]]),
      envelopes: later.envelopes,
    });
    expect(find(found, 'doc.elearning').outcome).toBe('pass');
  });
});
