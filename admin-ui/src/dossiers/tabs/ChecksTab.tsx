import { Link, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { DossierRecord } from '../dossierRecord';
import { ItemChecks } from '../ItemChecks';
import { useItemLabels } from '../../common/useItemLabels';

/** Every check result, rule names in words, links to the list of dossiers failing the same. */
export function ChecksTab() {
  const dossier = useRecordContext<DossierRecord>();
  const translate = useTranslate();
  const labels = useItemLabels();
  if (!dossier) return null;
  return (
    <Table size="small" id="checks">
      <TableHead>
        <TableRow>
          <TableCell>{translate('resources.dossiers.fields.rule')}</TableCell>
          <TableCell>{translate('resources.dossiers.fields.outcome')}</TableCell>
          <TableCell>{translate('resources.dossiers.fields.ref')}</TableCell>
          <TableCell>{translate('resources.dossiers.fields.message')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {dossier.checks.map((c, i) => (
          <TableRow key={`${c.rule}-${c.ref}-${i}`}>
            <TableCell>
              {c.outcome === 'pass' ? (
                labels.rule(c.rule)
              ) : (
                <Link
                  href={`#/dossiers?filter=${encodeURIComponent(
                    JSON.stringify({ roundId: dossier.roundId, rule: c.rule }),
                  )}`}
                >
                  {labels.rule(c.rule)}
                </Link>
              )}
            </TableCell>
            <TableCell>
              <ItemChecks checks={[c]} passed outcomeOnly />
            </TableCell>
            <TableCell>{labels.ref(c.ref)}</TableCell>
            <TableCell>{c.message}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
