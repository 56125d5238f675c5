import ZoomInIcon from '@mui/icons-material/ZoomIn';
import ZoomOutIcon from '@mui/icons-material/ZoomOut';
import FitScreenIcon from '@mui/icons-material/FitScreen';
import { Alert, Box, IconButton, Link, Stack, Tooltip, Typography } from '@mui/material';
import type { ScanPageView } from '@server/scans/scan-reading.views';
import type { Box as WordBox } from '@server/scans/reading/ocr';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { Json } from '../common/json';

export type ViewedPage = Json<ScanPageView> & { receiptNo: string };

/** What the page shows, as a person names it (case sheet 1, attendance proof 3…). */
export function usePageKindLabel(): (page: Pick<ViewedPage, 'kind' | 'number'>) => string {
  const translate = useTranslate();
  return ({ kind, number }) =>
    kind === 'attendance' && number === null
      ? translate('shinsa.documents.kinds.attendance_unnumbered')
      : translate(`shinsa.documents.kinds.${kind}`, { n: number ?? '' });
}

const ZOOMS = [1, 1.5, 2, 3];

/**
 * The scanned pages of the dossier's envelopes: thumbnails in scan order, the chosen page at
 * readable size with zoom, and the words that support a proposal outlined on it. A page that
 * could not be read says why and opens as it came.
 */
export function ScanViewer({
  dossierId,
  pages,
  selected,
  highlight,
  onSelect,
}: {
  dossierId: string;
  pages: ViewedPage[];
  selected: string | null;
  /** Boxes in the read page's pixels (its `width` × `height`). */
  highlight: WordBox[];
  onSelect: (ref: string) => void;
}) {
  const translate = useTranslate();
  const kindLabel = usePageKindLabel();
  const [zoom, setZoom] = useState(0);
  const page = pages.find((p) => p.ref === selected) ?? pages[0];
  if (!page) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('shinsa.dossiers.no_scans')}
      </Typography>
    );
  }
  const scan = (sha256: string) => `/api/dossiers/${dossierId}/scans/${sha256}`;
  const caption = (p: ViewedPage) =>
    `${translate('shinsa.documents.pages.page', { receiptNo: p.receiptNo, n: p.pageNo })} · ${kindLabel(p)}`;
  return (
    <Stack spacing={1}>
      <Box
        id="page-thumbnails"
        sx={{ display: 'flex', gap: 1, overflowX: 'auto', pb: 1 }}
        role="tablist"
      >
        {pages.map((p) => (
          <Box
            key={p.ref}
            role="tab"
            aria-selected={p.ref === page.ref}
            aria-label={caption(p)}
            onClick={() => onSelect(p.ref)}
            sx={{
              flex: '0 0 72px',
              cursor: 'pointer',
              border: 2,
              borderColor: p.ref === page.ref ? 'primary.main' : 'divider',
              borderRadius: 1,
              p: 0.25,
              textAlign: 'center',
            }}
          >
            {p.displaySha256 ? (
              <Box
                component="img"
                src={scan(p.displaySha256)}
                alt=""
                loading="lazy"
                sx={{ width: '100%', display: 'block' }}
              />
            ) : (
              <Box sx={{ height: 90, bgcolor: 'action.hover' }} />
            )}
            <Typography variant="caption" sx={{ display: 'block', lineHeight: 1.2 }} noWrap>
              {p.pageNo}. {kindLabel(p)}
            </Typography>
          </Box>
        ))}
      </Box>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" sx={{ flex: 1 }} id="page-caption">
          {caption(page)}
        </Typography>
        <Tooltip title={translate('shinsa.documents.pages.zoom_out')}>
          <span>
            <IconButton size="small" disabled={zoom === 0} onClick={() => setZoom(zoom - 1)}>
              <ZoomOutIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
        <Tooltip title={translate('shinsa.documents.pages.fit')}>
          <IconButton size="small" onClick={() => setZoom(0)}>
            <FitScreenIcon fontSize="small" />
          </IconButton>
        </Tooltip>
        <Tooltip title={translate('shinsa.documents.pages.zoom_in')}>
          <span>
            <IconButton
              size="small"
              disabled={zoom === ZOOMS.length - 1}
              onClick={() => setZoom(zoom + 1)}
            >
              <ZoomInIcon fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
        <Link href={scan(page.sha256)} target="_blank" rel="noopener" variant="body2">
          {translate('shinsa.documents.pages.original')}
        </Link>
      </Stack>
      {page.kind === 'unread' || !page.displaySha256 ? (
        <Alert severity="warning">{page.unreadReason}</Alert>
      ) : (
        <Box
          id="scans"
          sx={{
            overflow: 'auto',
            // The thumbnails, the zoom bar and the page fit the window together.
            maxHeight: 'max(360px, calc(100vh - 250px))',
            border: 1,
            borderColor: 'divider',
          }}
        >
          <Box sx={{ position: 'relative', width: `${ZOOMS[zoom] * 100}%` }}>
            <Box
              component="img"
              src={scan(page.displaySha256)}
              alt={caption(page)}
              sx={{ width: '100%', display: 'block' }}
            />
            {page.width && page.height && highlight.length > 0 && (
              <Box
                component="svg"
                viewBox={`0 0 ${page.width} ${page.height}`}
                preserveAspectRatio="none"
                sx={{ position: 'absolute', inset: 0, width: '100%', height: '100%' }}
                aria-hidden
              >
                {highlight.map((b, i) => (
                  <rect
                    key={i}
                    className="evidence"
                    x={b.x0}
                    y={b.y0}
                    width={b.x1 - b.x0}
                    height={b.y1 - b.y0}
                    fill="rgba(255, 193, 7, 0.25)"
                    stroke="#f57c00"
                    strokeWidth={Math.max(2, page.width! / 400)}
                  />
                ))}
              </Box>
            )}
          </Box>
        </Box>
      )}
    </Stack>
  );
}
