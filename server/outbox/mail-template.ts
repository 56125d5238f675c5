/**
 * The e-mails of the outbox (issue 19): their kinds, the merge fields each may use, the
 * default Japanese templates, and rendering. Pure: no Nest, no database, no Node (the console
 * imports it).
 */
import type { FieldProblem } from '../common/field-problem.js';

export const MAIL_KINDS = [
  'payment-request',
  'deficiency',
  'reminder-review-fee',
  'reminder-elearning',
  'reminder-mail',
  'reminder-certification-fee',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export const MAIL_KIND_TITLES: Record<MailKind, string> = {
  'payment-request': '更新認定料のお支払いのお願い',
  deficiency: '提出書類の不備のお知らせ',
  'reminder-review-fee': '督促: 更新審査料が未入金',
  'reminder-elearning': '督促: e-learning が未修了',
  'reminder-mail': '督促: 書類が未着',
  'reminder-certification-fee': '督促: 更新認定料が未入金',
};

export const isReminder = (kind: MailKind) => kind.startsWith('reminder-');

/** Fields every kind may use. */
const COMMON_FIELDS = ['氏名', '認定番号', '年度'] as const;

/** What each kind may merge besides the common fields. */
export const KIND_FIELDS: Record<MailKind, readonly string[]> = {
  'payment-request': ['更新認定料', '手数料', '請求額', '支払期限'],
  deficiency: ['不備一覧', '再提出期限'],
  'reminder-review-fee': ['更新審査料', '手数料', '請求額', '期限'],
  'reminder-elearning': ['期限'],
  'reminder-mail': ['期限'],
  'reminder-certification-fee': ['更新認定料', '手数料', '請求額', '期限'],
};

export function fieldsOf(kind: MailKind): string[] {
  return [...COMMON_FIELDS, ...KIND_FIELDS[kind]];
}

export interface MailTemplate {
  subject: string;
  body: string;
}

/** The templates a new installation starts with; admins edit them in the console. */
export const DEFAULT_TEMPLATES: Record<MailKind, MailTemplate> = {
  'payment-request': {
    subject: '【がん治療認定医】{{年度}} 更新認定料のお支払いのお願い',
    body: `{{氏名}} 先生

認定番号: {{認定番号}}

このたびは認定医の更新審査にご申請いただき、ありがとうございました。
審査の結果、更新が認められましたので、下記のとおり更新認定料をお支払いください。

  更新認定料: {{更新認定料}}
  手数料: {{手数料}}
  お支払い額: {{請求額}}
  お支払い期限: {{支払期限}}

お支払いは申請システムにログインし、「更新認定料の支払い」からクレジットカードまたはコンビニ決済でお願いします。
入金を確認後、認定証をお送りします。

行き違いでお支払いがお済みの場合はご容赦ください。

認定医制度 事務局`,
  },
  deficiency: {
    subject: '【がん治療認定医】{{年度}} 提出書類の不備のお知らせ',
    body: `{{氏名}} 先生

認定番号: {{認定番号}}

ご提出いただいた書類を確認したところ、次の不備がありました。

{{不備一覧}}

{{再提出期限}} までに(消印有効)、不足の書類を事務局へお送りください。

行き違いでお送りいただいている場合はご容赦ください。

認定医制度 事務局`,
  },
  'reminder-review-fee': {
    subject: '【がん治療認定医】{{年度}} 更新審査料のお支払いについて',
    body: `{{氏名}} 先生

認定番号: {{認定番号}}

更新審査料の入金がまだ確認できておりません。
{{期限}} までに {{請求額}}(更新審査料 {{更新審査料}}、手数料 {{手数料}})をお支払いください。
期限までにお支払いがない場合、審査を受けられません。

行き違いでお支払いがお済みの場合はご容赦ください。

認定医制度 事務局`,
  },
  'reminder-elearning': {
    subject: '【がん治療認定医】{{年度}} e-learning の受講について',
    body: `{{氏名}} 先生

認定番号: {{認定番号}}

e-learning の必要な分野の修了がまだ確認できておりません。
{{期限}} までに受講を終えてください。

行き違いで修了されている場合はご容赦ください。

認定医制度 事務局`,
  },
  'reminder-mail': {
    subject: '【がん治療認定医】{{年度}} 申請書類の郵送について',
    body: `{{氏名}} 先生

認定番号: {{認定番号}}

申請書類の郵便がまだ事務局に届いておりません。
{{期限}} の消印までに、申請書類一式を簡易書留でお送りください。

行き違いでお送りいただいている場合はご容赦ください。

認定医制度 事務局`,
  },
  'reminder-certification-fee': {
    subject: '【がん治療認定医】{{年度}} 更新認定料のお支払いについて',
    body: `{{氏名}} 先生

認定番号: {{認定番号}}

更新認定料の入金がまだ確認できておりません。
{{期限}} までに {{請求額}}(更新認定料 {{更新認定料}}、手数料 {{手数料}})をお支払いください。
入金を確認後、認定証をお送りします。

行き違いでお支払いがお済みの場合はご容赦ください。

認定医制度 事務局`,
  },
};

/** `{{ 氏名 }}`: a merge field, spaces allowed inside the braces. */
const FIELD = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/** The merge fields a text names, in order of first use. */
export function fieldsUsed(text: string): string[] {
  return [...new Set([...text.matchAll(FIELD)].map((m) => m[1]))];
}

/**
 * What is wrong with a template for its kind: empty subject or body, a subject over one line,
 * merge fields the kind does not have (named, with those it has), braces left unclosed.
 */
export function templateProblems(kind: MailKind, template: MailTemplate): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const allowed = fieldsOf(kind);
  for (const part of ['subject', 'body'] as const) {
    const text = template[part];
    const label = part === 'subject' ? '件名' : '本文';
    if (!text.trim()) {
      problems.push({ field: part, message: `${label}を入れてください` });
      continue;
    }
    const unknown = fieldsUsed(text).filter((f) => !allowed.includes(f));
    if (unknown.length > 0) {
      problems.push({
        field: part,
        message: `${label}の差し込み項目 ${unknown.map((f) => `{{${f}}}`).join('、')} はこの種類のメールにありません。使える項目: ${allowed.map((f) => `{{${f}}}`).join('、')}`,
      });
    }
    if (/\{\{|\}\}/.test(text.replace(FIELD, ''))) {
      problems.push({
        field: part,
        message: `${label}に閉じていない {{ }} があります。差し込み項目は {{氏名}} のように書いてください`,
      });
    }
  }
  if (/[\r\n]/.test(template.subject.trim())) {
    problems.push({ field: 'subject', message: '件名は 1 行で書いてください' });
  }
  if (template.subject.length > 200) {
    problems.push({ field: 'subject', message: '件名は 200 文字以内にしてください' });
  }
  return problems;
}

export type MergeValues = Record<string, string>;

export interface RenderedMail {
  subject: string;
  body: string;
}

/**
 * The message for one applicant: each merge field replaced by its value. A field without a
 * value is an error naming it (a template is checked against its kind before it is saved, so
 * this means the merge values were not built for that kind). Lines end with CRLF-free `\n`;
 * the body's trailing spaces and the subject's line breaks are dropped.
 */
export function renderMail(template: MailTemplate, values: MergeValues): RenderedMail {
  const fill = (text: string) =>
    text.replace(FIELD, (_, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`No value for the merge field {{${name}}}`);
      return value;
    });
  return {
    subject: fill(template.subject)
      .replace(/\s*[\r\n]+\s*/g, ' ')
      .trim(),
    body:
      fill(template.body.replace(/\r\n?/g, '\n'))
        .split('\n')
        .map((line) => line.trimEnd())
        .join('\n')
        .trim() + '\n',
  };
}

/** `22000` → `22,000円`. */
export const yen = (amount: number) => `${amount.toLocaleString('ja-JP')}円`;
