/**
 * The keys of the decision panel once G / F / H chose a decision, as pure functions: the
 * reason codes shown are picked by digit (1–9, then 0 for the tenth).
 */

/** The digit key of the n-th reason shown, or null past the tenth. */
export function reasonKey(index: number): string | null {
  return index < 9 ? String(index + 1) : index === 9 ? '0' : null;
}

/**
 * The reason codes chosen after pressing `key` over the codes shown: the code of that digit
 * toggled, or null when no code has that digit (the key is then not the panel's).
 */
export function toggleReasonByKey(
  key: string,
  shown: readonly string[],
  chosen: readonly string[],
): string[] | null {
  const code = shown.find((_, i) => reasonKey(i) === key);
  if (code === undefined) return null;
  return chosen.includes(code) ? chosen.filter((c) => c !== code) : [...chosen, code];
}

/** The digit keys the panel listens to. */
export const REASON_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;
