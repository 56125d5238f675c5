import { Checkbox, FormControlLabel, FormGroup } from '@mui/material';

export interface DecisionReason {
  code: string;
  label: string;
  for: string[];
}

/** Checkboxes of the reason codes that suit a decision (GET /api/decision-reasons). */
export function ReasonCodes({
  reasons,
  decision,
  codes,
  onChange,
  row = false,
}: {
  reasons: DecisionReason[];
  decision: string;
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
