import PrintIcon from '@mui/icons-material/Print';
import { Box, Button, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/**
 * A page for paper: A4 portrait, no menu or app bar (a route without react-admin's layout), the
 * print button hidden when printing, tables that repeat their headers and keep rows whole.
 */
export function PrintPage({ title, children }: { title: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Box
      className="print-page"
      sx={{
        maxWidth: '180mm',
        mx: 'auto',
        my: 2,
        px: 1,
        color: '#000',
        fontSize: '10pt',
        '& table': { width: '100%', borderCollapse: 'collapse', mb: 2 },
        '& th, & td': {
          border: '1px solid #555',
          px: 0.5,
          py: 0.25,
          textAlign: 'left',
          verticalAlign: 'top',
        },
        '& th': { background: '#eee', fontWeight: 'bold', wordBreak: 'keep-all' },
        '& thead': { display: 'table-header-group' },
        '& tr': { breakInside: 'avoid' },
        '& h2': { fontSize: '12pt', mt: 2, mb: 0.5 },
        '@media print': {
          my: 0,
          '& .print-hide': { display: 'none' },
        },
      }}
    >
      <style>{'@page { size: A4 portrait; margin: 15mm 12mm; }'}</style>
      <Box className="print-hide" sx={{ mb: 2, textAlign: 'right' }}>
        <Button
          id="print-now"
          variant="contained"
          startIcon={<PrintIcon />}
          onClick={() => window.print()}
        >
          {translate('shinsa.print.print')}
        </Button>
      </Box>
      <Typography component="h1" sx={{ fontSize: '14pt', fontWeight: 'bold', mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

/** "Not loaded yet" and "could not be loaded", on the printed page's terms. */
export function PrintStatus({ error }: { error?: unknown }) {
  const translate = useTranslate();
  return (
    <Box sx={{ p: 4 }}>
      {error
        ? translate('shinsa.print.load_failed', {
            error: error instanceof Error ? error.message : String(error),
          })
        : translate('shinsa.print.loading')}
    </Box>
  );
}
