/** Types of agreement-compare.mjs, for the tests that use it. */
export interface Difference {
  certNo: string;
  key: string;
  want: unknown;
  got: unknown;
}

export function compareWithExpected(
  expected: unknown,
  applications: { certNo: string; verdict: string | null; counts: unknown; checks: unknown[] }[],
): { compared: number; differences: Difference[] };
