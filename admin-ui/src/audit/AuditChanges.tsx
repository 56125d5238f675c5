import { Box, Typography } from '@mui/material';
import { auditChanges } from '@server/audit/audit-changes';
import { AUDIT_READS } from '@server/audit/audit.views';
import { useTranslate } from 'react-admin';
import type { AuditRowJson } from './auditRowText';
import { useAuditActionLabel } from './useAuditActionLabel';

const VIEW_DETAILS = new Set(['receiptNo', 'file']);

/**
 * What an audited action changed, one field a line: 判定: 保留 → 合格. A field set shows its
 * value, one removed its old value (削除); unchanged fields are left out. For a run of views,
 * what was viewed.
 */
export function AuditChanges({ row }: { row: AuditRowJson }) {
  const translate = useTranslate();
  const actionLabel = useAuditActionLabel();
  if (row.views) {
    return (
      <Typography variant="body2" className="audit-changes">
        {translate('shinsa.audit.viewed_what', {
          what: row.views.actions.map(actionLabel).join('、'),
        })}
      </Typography>
    );
  }
  // A single view changed nothing: of its details, only which envelope or file it was.
  const changes = auditChanges(row.before, row.after).filter(
    (change) => !AUDIT_READS.includes(row.action) || VIEW_DETAILS.has(change.path),
  );
  if (changes.length === 0) return null;
  return (
    <Box className="audit-changes" sx={{ overflowWrap: 'anywhere' }}>
      {changes.map((change) => (
        <Typography key={change.path} variant="body2" component="div">
          <Box component="span" sx={{ fontWeight: 'bold' }}>
            {change.label}
          </Box>
          {': '}
          {change.before === null
            ? change.after
            : change.after === null
              ? translate('shinsa.audit.removed', { value: change.before })
              : `${change.before} → ${change.after}`}
        </Typography>
      ))}
    </Box>
  );
}
