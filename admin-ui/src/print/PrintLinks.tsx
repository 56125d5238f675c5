import PrintIcon from '@mui/icons-material/Print';
import { Button } from '@mui/material';
import { useListFilterContext, useTranslate } from 'react-admin';

/** Opens a print view in a new tab, so the page being worked on stays as it is. */
function PrintLink({ id, href, label }: { id: string; href: string; label: string }) {
  const translate = useTranslate();
  return (
    <Button
      id={id}
      size="small"
      startIcon={<PrintIcon />}
      href={href}
      target="_blank"
      rel="noopener"
    >
      {translate(label)}
    </Button>
  );
}

/** The dossier on A4 (cases, attendances, checks, decisions). */
export function DossierPrintLink({ dossierId }: { dossierId: string }) {
  return (
    <PrintLink
      id="dossier-print"
      href={`#/dossiers/${encodeURIComponent(dossierId)}/print`}
      label="shinsa.print.open"
    />
  );
}

/** The committee's decision sheet of the list as filtered now. */
export function DecisionSheetLink() {
  // The filter part of the list only: not rendered again at each page.
  const { filterValues } = useListFilterContext();
  return (
    <PrintLink
      id="decision-sheet-open"
      href={`#/decision-sheet?filter=${encodeURIComponent(JSON.stringify(filterValues ?? {}))}`}
      label="shinsa.print.open_sheet"
    />
  );
}
