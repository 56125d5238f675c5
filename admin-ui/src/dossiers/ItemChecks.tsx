import { Chip, Stack, Tooltip } from '@mui/material';
import type { CheckSummary } from '@server/decisions/decision-rules';
import { useTranslate } from 'react-admin';
import { OUTCOME_COLOR } from './rules';
import { useItemLabels } from '../common/useItemLabels';

/** The results of the rules about one item (a case, an attendance, a document), as chips. */
export function ItemChecks({
  checks,
  passed = false,
  outcomeOnly = false,
}: {
  checks: CheckSummary[];
  /** Show passed results too (otherwise only a single 適合 chip when all passed). */
  passed?: boolean;
  /** Label chips with the outcome only, where the rule is named beside them. */
  outcomeOnly?: boolean;
}) {
  const translate = useTranslate();
  const labels = useItemLabels();
  const shown = passed ? checks : checks.filter((c) => c.outcome !== 'pass');
  if (shown.length === 0 && checks.length > 0) {
    return <Chip size="small" color="success" label={translate('shinsa.outcome.pass')} />;
  }
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {shown.map((c, i) => (
        <Tooltip key={`${c.rule}-${i}`} title={c.message}>
          <Chip
            size="small"
            variant={c.outcome === 'pending' ? 'outlined' : 'filled'}
            color={OUTCOME_COLOR[c.outcome]}
            label={
              outcomeOnly
                ? translate(`shinsa.outcome.${c.outcome}`)
                : `${labels.rule(c.rule)}: ${translate(`shinsa.outcome.${c.outcome}`)}`
            }
          />
        </Tooltip>
      ))}
    </Stack>
  );
}
