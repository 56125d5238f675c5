import { Transform } from 'class-transformer';
import { Allow, ValidateBy } from 'class-validator';
import { AsText, type TextOptions } from '../../common/dto-fields.js';

export const DECISION_TEXT: TextOptions = { form: 'NFC', trim: true, max: 10 };
export const REASON_TEXT: TextOptions = { form: 'NFC', trim: true, max: 2000 };

/** Reason codes as a list or as text (`F01, F05`): each once, in capitals. */
export function reasonCodesOf(value: unknown): string[] {
  const list = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.split(/[\s,、]+/)
      : [];
  return [
    ...new Set(list.map((c) => String(c).normalize('NFKC').trim().toUpperCase()).filter(Boolean)),
  ];
}

/**
 * A decision recorded on one dossier (POST /api/dossiers/:id/decisions). Its rules (rules.md:
 * the decision, reason codes that suit it, a reason where one is needed) are judged by
 * decisionProblems with what stands against 合格, as for the committee's sheet.
 */
export class DecisionDto {
  @AsText(DECISION_TEXT)
  decision = '';

  @Transform(({ value }: { value: unknown }) => reasonCodesOf(value))
  @Allow()
  reasonCodes: string[] = [];

  @AsText(REASON_TEXT)
  reason = '';

  /**
   * The current decision's id as the caller saw it, `null` when they saw none: always sent, so
   * a decision made a moment before by someone else is never replaced unseen (409).
   */
  @Transform(({ value }: { value: unknown }) =>
    value === null || value === undefined ? value : String(value),
  )
  @ValidateBy(
    {
      name: 'isExpectedDecision',
      validator: { validate: (value: unknown) => value === null || /^[0-9]+$/.test(String(value)) },
    },
    {
      message: ({ value }) =>
        value === undefined
          ? 'expectedCurrentId がありません: 画面で見ていた現在の判定の id を送ってください(まだ判定がなければ null)'
          : `expectedCurrentId「${String(value)}」は判定の id ではありません: 画面で見ていた現在の判定の id か、まだ判定がなければ null を送ってください`,
    },
  )
  expectedCurrentId!: string | null;
}
