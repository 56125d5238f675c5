import { Checkbox, FormControlLabel, FormGroup } from '@mui/material';
import type { Decision, DecisionReason } from '@server/decisions/decision-rules';
import { useQuery } from '@tanstack/react-query';
import { useShinsaDataProvider } from '../providers/dataProvider';
import { queryKeys } from '../providers/queryKeys';

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

/** Checkboxes of the reason codes that suit a decision. */
export function ReasonCodes({
  reasons,
  decision,
  codes,
  onChange,
  row = false,
}: {
  reasons: DecisionReason[];
  decision: Decision;
  codes: string[];
  onChange: (codes: string[]) => void;
  row?: boolean;
}) {
  return (
    <FormGroup row={row}>
      {reasons
        .filter((r) => r.for.includes(decision))
        .map((r) => (
          <FormControlLabel
            key={r.code}
            control={
              <Checkbox
                checked={codes.includes(r.code)}
                onChange={(e) =>
                  onChange(
                    e.target.checked ? [...codes, r.code] : codes.filter((c) => c !== r.code),
                  )
                }
              />
            }
            label={`${r.code} ${r.label}`}
          />
        ))}
    </FormGroup>
  );
}
