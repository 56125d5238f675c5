/** Settings the secretariat changes in the console. Pure types, shared with the console. */

/** How proposals of the page reader are confirmed together. */
export interface ReadingSettings {
  /**
   * Proposals at or above this confidence (0.5–1) are confirmed by 「読み取り結果をまとめて確定」;
   * below it each is confirmed by a person one at a time.
   */
  confirmThreshold: number;
  /** Who set it last, and when (null: never changed, the default holds). */
  updatedBy: string | null;
  updatedAt: string | null;
}

/** The threshold until the secretariat sets one: a proposal the reader is sure of. */
export const DEFAULT_CONFIRM_THRESHOLD = 0.95;
