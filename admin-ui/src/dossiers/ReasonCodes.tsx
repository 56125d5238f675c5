import { Checkbox, FormControlLabel, FormGroup } from '@mui/material';
import type { Decision, DecisionReason } from '@server/decisions/decision-rules';
import { useQuery } from '@tanstack/react-query';
import { useShinsaDataProvider } from '../providers/dataProvider';
import { queryKeys } from '../providers/queryKeys';
import { reasonKey } from './decisionKeys';

/** The reason codes (GET /api/decision-reasons), once asked for. */
export function useDecisionReasons(enabled = true) {
  const dataProvider = useShinsaDataProvider();
  return useQuery({
    queryKey: queryKeys.decisionReasons(),
    queryFn: () => dataProvider.getDecisionReasons(),
    enabled,
    retry: false,
  });
}

/** The reason codes that suit a decision, in the order shown (digit keys pick them so). */
export function reasonsFor(reasons: readonly DecisionReason[], decision: Decision) {
  return reasons.filter((r) => r.for.includes(decision));
}

/** Checkboxes of the reason codes that suit a decision; `numbered` shows the digit of each. */
export function ReasonCodes({
  reasons,
  decision,
  codes,
  onChange,
  row = false,
  numbered = false,
}: {
  reasons: DecisionReason[];
  decision: Decision;
  codes: string[];
  onChange: (codes: string[]) => void;
  row?: boolean;
  numbered?: boolean;
}) {
  return (
    <FormGroup row={row}>
      {reasonsFor(reasons, decision).map((r, i) => (
        <FormControlLabel
          key={r.code}
          control={
            <Checkbox
              checked={codes.includes(r.code)}
              onChange={(e) =>
                onChange(e.target.checked ? [...codes, r.code] : codes.filter((c) => c !== r.code))
              }
            />
          }
          label={
            numbered && reasonKey(i) !== null
              ? `${reasonKey(i)}: ${r.code} ${r.label}`
              : `${r.code} ${r.label}`
          }
        />
      ))}
    </FormGroup>
  );
}
