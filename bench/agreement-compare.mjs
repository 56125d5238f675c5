/*
 * The comparison of bench/agreement.mjs, kept apart so the tests can use it: every outcome of
 * the generator's expected.json against the results of `applications --json`.
 */

/**
 * Every rule listed in expect must match; a case or attendance rule not listed must be pass;
 * `fail-candidate` (a proposal from reading the scans) must still be pending. Counts and verdicts too.
 */
export function compareWithExpected(expected, applications) {
  const byCert = new Map(applications.map((a) => [a.certNo, a]));
  const differences = [];
  let compared = 0;
  for (const [certNo, want] of Object.entries(expected.applicants)) {
    const got = byCert.get(certNo);
    if (!got) {
      differences.push({ certNo, key: '(dossier)', want: 'present', got: 'missing' });
      continue;
    }
    const results = new Map();
    for (const c of got.checks) results.set(c.ref ? `${c.rule}@${c.ref}` : c.rule, c);
    for (const [key, outcome] of Object.entries(want.expect)) {
      const wanted = outcome === 'fail-candidate' ? 'pending' : outcome;
      const result = results.get(key);
      compared++;
      if (result?.outcome !== wanted)
        differences.push({ certNo, key, want: wanted, got: result?.outcome ?? 'missing' });
    }
    for (const [key, result] of results) {
      if (key in want.expect || !key.includes('@')) continue;
      if (!/^(case|attendance)\./.test(key)) continue;
      compared++;
      if (result.outcome !== 'pass')
        differences.push({ certNo, key, want: 'pass (not listed)', got: result.outcome });
    }
    for (const [ref, icd10] of Object.entries(want.icd10 ?? {})) {
      const result = results.get(`case.diagnosis@${ref}`);
      compared++;
      if ((result?.icd10 ?? null) !== icd10)
        differences.push({ certNo, key: `icd10@${ref}`, want: icd10, got: result?.icd10 });
    }
    compared += 2;
    if (got.verdict !== want.verdict)
      differences.push({ certNo, key: 'verdict', want: want.verdict, got: got.verdict });
    if (JSON.stringify(got.counts) !== JSON.stringify(want.counts)) {
      differences.push({
        certNo,
        key: 'counts',
        want: JSON.stringify(want.counts),
        got: JSON.stringify(got.counts),
      });
    }
  }
  return { compared, differences };
}
