import {
  DEFAULT_TEMPLATES,
  fieldsOf,
  fieldsUsed,
  MAIL_KINDS,
  renderMail,
  templateProblems,
  yen,
} from './mail-template.js';
import { messageIdOf, messageKey } from './message-key.js';
import { isDue, mergeValues, undeliverable, type RecipientFacts } from './mail-recipients.js';

const round = {
  id: '2021',
  label: '2021年度',
  reviewFeeDeadline: '2021-09-16T23:59:59+09:00',
  elearningDeadline: '2021-09-30T23:59:59+09:00',
  postmarkDeadline: '2021-10-05',
  fees: { review: 11000, certification: 22000, handling: 110 },
};

const applicant: RecipientFacts = {
  dossierId: '1',
  certNo: '100001',
  name: '山田 太郎',
  email: 'yamada@example.jp',
  decision: '合格',
  payments: [],
  deficiencies: [
    { rule: 'doc.seal', message: '症例一覧表 1 の病院長公印が不足しています' },
    { rule: 'doc.attendance', message: '参加証明 2 が不十分です(氏名がありません)' },
  ],
  elearningOutcome: 'fail',
  envelopes: 0,
  doNotMail: false,
  badAddress: null,
};

describe('mail templates', () => {
  it('every default template uses only the fields of its kind and renders for an applicant', () => {
    for (const kind of MAIL_KINDS) {
      expect(templateProblems(kind, DEFAULT_TEMPLATES[kind])).toEqual([]);
      const values = mergeValues(kind, applicant, round, { dueBy: '2022-04-30' });
      expect(Object.keys(values).sort()).toEqual(fieldsOf(kind).sort());
      const mail = renderMail(DEFAULT_TEMPLATES[kind], values);
      expect(mail.subject).toContain('2021年度');
      expect(mail.body).toContain('山田 太郎 先生');
      expect(mail.body).not.toMatch(/\{\{|\}\}/);
    }
  });

  it('fills amounts, the deadline and the deficiencies by document', () => {
    const payment = renderMail(
      DEFAULT_TEMPLATES['payment-request'],
      mergeValues('payment-request', applicant, round, { dueBy: '2022-04-30' }),
    );
    expect(payment.body).toContain('更新認定料: 22,000円');
    expect(payment.body).toContain('お支払い額: 22,110円');
    expect(payment.body).toContain('お支払い期限: 2022年4月30日');
    const deficiency = renderMail(
      DEFAULT_TEMPLATES.deficiency,
      mergeValues('deficiency', applicant, round, { dueBy: '2021-11-15' }),
    );
    expect(deficiency.body).toContain(
      '・症例一覧表 1 の病院長公印が不足しています\n・参加証明 2 が不十分です(氏名がありません)',
    );
    expect(deficiency.body).toContain('2021年11月15日 までに');
    const reminder = renderMail(
      DEFAULT_TEMPLATES['reminder-review-fee'],
      mergeValues('reminder-review-fee', applicant, round, { dueBy: null }),
    );
    expect(reminder.body).toContain('2021年9月16日 までに 11,110円');
  });

  it('allows spaces inside braces, keeps one subject line and trims trailing spaces', () => {
    const mail = renderMail(
      { subject: '{{ 氏名 }} 様\nへ', body: '{{認定番号}}  \r\n\r\n本文  ' },
      { 氏名: '佐藤 花子', 認定番号: '100002' },
    );
    expect(mail).toEqual({ subject: '佐藤 花子 様 へ', body: '100002\n\n本文\n' });
  });

  it('names unknown merge fields with the ones the kind has, and unclosed braces', () => {
    const problems = templateProblems('reminder-mail', {
      subject: '{{氏名}} 様',
      body: '{{請求額}} を {{期限}} までに {{支払',
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ field: 'body' });
    expect(problems[0].message).toContain('{{請求額}} はこの種類のメールにありません');
    expect(problems[0].message).toContain('{{期限}}');
    expect(problems[1].message).toContain('閉じていない');
    expect(templateProblems('deficiency', { subject: ' ', body: 'x' })).toEqual([
      { field: 'subject', message: '件名を入れてください' },
    ]);
  });

  it('refuses to render a field without a value', () => {
    expect(() => renderMail({ subject: '{{氏名}}', body: '{{不明}}' }, { 氏名: 'a' })).toThrow(
      '{{不明}}',
    );
  });

  it('lists the fields a text uses once each', () => {
    expect(fieldsUsed('{{氏名}} {{認定番号}} {{氏名}}')).toEqual(['氏名', '認定番号']);
  });

  it('gives the same message the same key and Message-ID, another content another', () => {
    const mail = { subject: 's', body: 'b\n' };
    const key = messageKey('deficiency', '2021', '100001', mail);
    expect(messageKey('deficiency', '2021', '100001', { ...mail })).toBe(key);
    expect(messageKey('deficiency', '2021', '100001', { ...mail, body: 'c\n' })).not.toBe(key);
    expect(messageKey('deficiency', '2021', '100001', mail, 'attachment')).not.toBe(key);
    expect(messageIdOf(key, '事務局 <jimu@board.example.jp>')).toMatch(
      /^<[0-9a-f]{40}\.outbox@board\.example\.jp>$/,
    );
    expect(messageIdOf(key, 'jimu@board.example.jp')).toBe(
      messageIdOf(key, '事務局 <jimu@board.example.jp>'),
    );
  });

  it('writes yen with separators', () => {
    expect(yen(22110)).toBe('22,110円');
  });
});

describe('who is due an e-mail', () => {
  const paid = (item: string) => ({
    transactionId: 't',
    item,
    amount: 1,
    handlingFee: 110,
    paidAt: '2021-09-01T00:00:00Z',
    status: '入金済',
  });

  it('drops whoever complied', () => {
    expect(isDue('payment-request', applicant)).toBe(true);
    expect(isDue('payment-request', { ...applicant, payments: [paid('更新認定料')] })).toBe(false);
    expect(isDue('payment-request', { ...applicant, decision: '不合格' })).toBe(false);
    expect(isDue('reminder-review-fee', { ...applicant, payments: [paid('更新審査料')] })).toBe(
      false,
    );
    expect(isDue('reminder-elearning', { ...applicant, elearningOutcome: 'pass' })).toBe(false);
    expect(isDue('reminder-mail', { ...applicant, envelopes: 1 })).toBe(false);
    expect(isDue('deficiency', { ...applicant, deficiencies: [] })).toBe(false);
  });

  it('says why a message cannot go', () => {
    expect(undeliverable(applicant)).toBeNull();
    expect(undeliverable({ ...applicant, doNotMail: true })?.status).toBe('unsent');
    expect(undeliverable({ ...applicant, email: '' })?.reason).toContain(
      'メールアドレスがありません',
    );
    expect(undeliverable({ ...applicant, badAddress: 'YAMADA@example.jp' })?.status).toBe(
      'bounced',
    );
    expect(undeliverable({ ...applicant, badAddress: 'old@example.jp' })).toBeNull();
  });
});
