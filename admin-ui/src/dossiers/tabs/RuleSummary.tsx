import { Alert, Box } from '@mui/material';
import { useRecordContext } from 'react-admin';
import type { DossierRecord } from '../dossierRecord';

/** The rule's overall result above a tab's rows. */
export function RuleSummary({ rules }: { rules: string[] }) {
  const dossier = useRecordContext<DossierRecord>();
  if (!dossier) return null;
  return (
    <Box sx={{ mb: 1 }}>
      {dossier.checks
        .filter((c) => rules.includes(c.rule))
        .map((c, i) => (
          <Alert
            key={`${c.rule}-${c.ref}-${i}`}
            severity={
              c.outcome === 'pass'
                ? 'success'
                : c.outcome === 'fail'
                  ? 'error'
                  : c.outcome === 'review'
                    ? 'warning'
                    : 'info'
            }
            sx={{ mb: 0.5 }}
          >
            {c.message}
          </Alert>
        ))}
    </Box>
  );
}
