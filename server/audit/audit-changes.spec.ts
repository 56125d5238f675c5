import { auditChanges, auditFieldLabel, auditValueText } from './audit-changes.js';

describe('audit changes as a person reads them', () => {
  it('names the fields that changed in Japanese and leaves out those that did not', () => {
    const changes = auditChanges(
      { decision: '保留', reason: '書類待ち', released: false },
      {
        decision: '合格',
        reasonCodes: ['P01'],
        reason: '書類待ち',
        overriddenChecks: ['mail.postmark', 'doc.seal'],
      },
    );
    expect(changes).toEqual([
      { path: 'decision', label: '判定', before: '保留', after: '合格' },
      { path: 'reasonCodes', label: '理由コード', before: null, after: '要件を満たす' },
      {
        path: 'overriddenChecks',
        label: '合格とした未通過の確認',
        before: null,
        after: '消印、病院長公印',
      },
    ]);
  });

  it('removes the fields of an event with no after (an override taken back)', () => {
    expect(auditChanges({ ref: 'case:2-3', accepted: false }, null)).toEqual([
      { path: 'ref', label: '対象', before: '症例一覧表(2) 3 行目', after: null },
      { path: 'accepted', label: '委員の判断', before: '不採用', after: null },
    ]);
  });

  it('writes refs and rules as people say them, never their IDs', () => {
    const changes = auditChanges(
      { rule: 'doc.seal', ref: 'sheet:1', status: 'missing', note: null },
      { rule: 'doc.seal', ref: 'sheet:1', status: 'found', note: '再提出で確認' },
    );
    expect(changes).toEqual([
      { path: 'status', label: '状態', before: '不足', after: '確認済み' },
      { path: 'note', label: 'メモ', before: '(なし)', after: '再提出で確認' },
    ]);
    const override = auditChanges(null, { ref: 'case:1-6', accepted: true, reason: '確認済み' });
    expect(override.map((c) => `${c.label}: ${c.after}`)).toEqual([
      '対象: 症例一覧表(1) 6 行目',
      '理由: 確認済み',
      '委員の判断: 採用',
    ]);
    expect(JSON.stringify(override)).not.toMatch(/case:|sheet:|doc\.seal/);
    expect(auditChanges(null, { decision: '保留', overriddenChecks: [], note: null })).toEqual([
      { path: 'decision', label: '判定', before: null, after: '保留' },
    ]);
  });

  it('writes instants in Japan time and days as Japanese dates', () => {
    expect(auditValueText('lockedUntil', '2026-04-01T00:30:00.000Z')).toBe('2026年4月1日 09:30');
    expect(auditValueText('reviewFeeDeadline', '2021-09-16T23:59:59+09:00')).toBe(
      '2021年9月16日 23:59',
    );
    expect(auditValueText('arrivedOn', '2021-10-02')).toBe('2021年10月2日');
  });

  it('flattens nested settings and shows only the leaf that changed', () => {
    const round = {
      id: '2021',
      label: '2021年度',
      fees: { review: 11000, certification: 22000, handling: 110 },
      version: 3,
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const changes = auditChanges(round, {
      ...round,
      fees: { ...round.fees, review: 12000 },
      version: 4,
      updatedAt: '2026-02-01T00:00:00.000Z',
    });
    expect(changes).toEqual([
      { path: 'fees.review', label: '更新審査料', before: '11,000 円', after: '12,000 円' },
    ]);
  });

  it('names lists of objects by what they hold and cuts long lists', () => {
    expect(auditValueText('files', [{ name: 'a.pdf', sha256: 'x' }, { name: 'b.pdf' }])).toBe(
      'a.pdf、b.pdf',
    );
    const certNos = [...Array(10)].map((_, i) => `C${i}`);
    expect(auditValueText('certNos', certNos)).toBe('C0、C1、C2、C3、C4、C5、C6、C7 ほか 2 件');
    const confirmed = [
      { rule: 'doc.attendance', ref: 'attendance:3' },
      { rule: 'doc.seal', ref: 'sheet:2' },
    ];
    expect(auditValueText('confirmed', confirmed)).toBe('参加証明 3、病院長公印 症例一覧表(2)');
  });

  it('names an unknown nested field by its parts', () => {
    expect(auditFieldLabel('filter.actor')).toBe('条件 実行者');
    expect(auditChanges(undefined, undefined)).toEqual([]);
    expect(auditChanges(null, { role: 'reviewer', active: true })).toEqual([
      { path: 'role', label: '役割', before: null, after: '審査委員' },
      { path: 'active', label: '有効', before: null, after: 'はい' },
    ]);
  });
});
