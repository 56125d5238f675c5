import DownloadIcon from '@mui/icons-material/Download';
import { Button } from '@mui/material';
import { useListFilterContext, useTranslate } from 'react-admin';

/** The CSV of what the list shows now (the same filter), streamed by the server, no row cap. */
export function CsvExportButton({ path, label, id }: { path: string; label: string; id?: string }) {
  // The filter part of the list only: not rendered again at each page.
  const { filterValues } = useListFilterContext();
  const translate = useTranslate();
  return (
    <Button
      size="small"
      startIcon={<DownloadIcon />}
      id={id}
      href={`${path}?filter=${encodeURIComponent(JSON.stringify(filterValues))}`}
    >
      {translate(label)}
    </Button>
  );
}
