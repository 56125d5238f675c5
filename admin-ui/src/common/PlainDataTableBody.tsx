import { TableBody } from '@mui/material';
import { Children, isValidElement, memo, useMemo, type MouseEvent, type ReactNode } from 'react';
import {
  useDataTableCallbacksContext,
  useDataTableConfigContext,
  useDataTableDataContext,
  useDataTableSelectedIdsContext,
  useDataTableStoreContext,
  useGetPathForRecordCallback,
  useNavigate,
  useResourceContext,
  useStore,
  useTranslate,
  type Identifier,
  type RaRecord,
} from 'react-admin';

/** The value at a column's source (`a.b` for a nested one), as text. */
function textAt(record: RaRecord, source: string | undefined): string {
  const value = (source ?? '')
    .split('.')
    .reduce<unknown>(
      (at, key) => (at as Record<string, unknown> | null | undefined)?.[key],
      record,
    );
  return value == null ? '' : String(value);
}

/** What the body reads of a `<DataTable.Col>`: the cell is `render(record)` or the source's value. */
type Column = {
  source?: string;
  label?: string;
  render?: (record: RaRecord) => ReactNode;
};

/**
 * A `<DataTable body>` of plain `<tr>`/`<td>` rows styled once by the body. react-admin's own
 * body gives every cell a MUI TableCell, a store hook and a record context, and every row a MUI
 * Checkbox: a 50-row page took most of a page change to mount. Here a row is a memoised plain
 * element, its cells `render(record)` (or the source's value), one click handler for the body.
 * Rows still open on click (the DataTable's rowClick), select with their checkbox (shift-click
 * for a range), shade on hover and when selected, and hidden columns stay hidden (no expand
 * panels: a list that has them keeps react-admin's body). A cell may
 * hold `<span className="chip">` for a small chip (a MUI Chip per row costs as much as the row).
 */
export function PlainDataTableBody({ children }: { children?: ReactNode }) {
  const data = useDataTableDataContext() as RaRecord[] | undefined;
  const selectedIds = useDataTableSelectedIdsContext();
  const { handleToggleItem, isRowSelectable, rowClick } = useDataTableCallbacksContext();
  const { hasBulkActions } = useDataTableConfigContext();
  const { storeKey, defaultHiddenColumns } = useDataTableStoreContext();
  const [hiddenColumns] = useStore<string[]>(storeKey, defaultHiddenColumns);
  const resource = useResourceContext();
  const getPathForRecord = useGetPathForRecordCallback();
  const navigate = useNavigate();
  const translate = useTranslate();
  const columns = useMemo(
    () =>
      Children.toArray(children)
        .filter(isValidElement)
        .map((child) => child.props as Column)
        .filter((column) => !hiddenColumns.includes((column.source ?? column.label) as string)),
    [children, hiddenColumns],
  );
  const byId = useMemo(
    () => new Map((data ?? []).map((record) => [String(record.id), record])),
    [data],
  );
  const recordOf = (event: MouseEvent) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('tr[data-id]');
    return row ? byId.get(row.dataset.id!) : undefined;
  };
  const toggle = useMemo(
    () =>
      hasBulkActions && handleToggleItem
        ? (id: Identifier, event: MouseEvent) => handleToggleItem(id, event)
        : undefined,
    [hasBulkActions, handleToggleItem],
  );
  const open = async (event: MouseEvent<HTMLTableSectionElement>) => {
    const record = recordOf(event);
    if (!record || !resource || rowClick === false) return;
    // A click on a control inside a cell (a link, a button, the checkbox) is that control's.
    if ((event.target as HTMLElement).closest('a, button, input, label')) return;
    const link =
      typeof rowClick === 'function' ? await rowClick(record.id, resource, record) : rowClick;
    if (link === 'toggleSelection') {
      toggle?.(record.id, event);
      return;
    }
    const path = await getPathForRecord({ record, resource, link });
    if (path) navigate(path, { state: { _scrollToTop: true } });
  };
  const selectLabel = translate('ra.action.select_row', { _: 'Select this row' });
  return (
    <TableBody
      className="datatable-body RaDataTable-tbody"
      onClick={open}
      sx={(theme) => ({
        '& > tr': { cursor: rowClick === false ? 'default' : 'pointer' },
        '& > tr:hover': { backgroundColor: theme.palette.action.hover },
        '& > tr[data-selected="true"]': {
          backgroundColor: theme.alpha(
            theme.palette.primary.main,
            theme.palette.action.selectedOpacity,
          ),
        },
        '& > tr > td': {
          ...theme.typography.body2,
          borderBottom: `1px solid ${
            theme.palette.mode === 'light'
              ? theme.lighten(theme.alpha(theme.palette.divider, 1), 0.88)
              : theme.darken(theme.alpha(theme.palette.divider, 1), 0.68)
          }`,
          padding: '6px 16px',
          textAlign: 'left',
        },
        '& > tr > td.select': { width: 48, padding: '0 0 0 4px', textAlign: 'center' },
        '& .chip': {
          display: 'inline-block',
          height: 24,
          lineHeight: '24px',
          padding: '0 8px',
          marginRight: 4,
          borderRadius: 12,
          fontSize: theme.typography.pxToRem(13),
          whiteSpace: 'nowrap',
          backgroundColor: theme.palette.action.selected,
        },
        '& input[type="checkbox"]': {
          width: 18,
          height: 18,
          margin: '9px',
          cursor: 'pointer',
          accentColor: theme.palette.primary.main,
        },
      })}
    >
      {(data ?? []).map((record, index) => (
        <PlainRow
          key={record.id ?? `row${index}`}
          record={record}
          index={index}
          columns={columns}
          selected={!!selectedIds?.includes(record.id)}
          selectable={!isRowSelectable || isRowSelectable(record)}
          onToggle={toggle}
          selectLabel={selectLabel}
        />
      ))}
    </TableBody>
  );
}

const PlainRow = memo(function PlainRow({
  record,
  index,
  columns,
  selected,
  selectable,
  onToggle,
  selectLabel,
}: {
  record: RaRecord;
  index: number;
  columns: Column[];
  selected: boolean;
  selectable: boolean;
  onToggle?: (id: Identifier, event: MouseEvent) => void;
  selectLabel: string;
}) {
  return (
    <tr
      data-id={String(record.id)}
      data-selected={selected}
      className={`RaDataTable-row ${index % 2 ? 'RaDataTable-rowOdd' : 'RaDataTable-rowEven'}`}
    >
      {onToggle && (
        <td className="select">
          <input
            type="checkbox"
            className="select-item"
            aria-label={selectLabel}
            checked={selectable && selected}
            disabled={!selectable}
            onChange={() => undefined}
            onClick={(event) => {
              event.stopPropagation();
              if (selectable) onToggle(record.id, event);
            }}
          />
        </td>
      )}
      {columns.map((column, i) => (
        <td key={column.source ?? i} className={`RaDataTable-rowCell column-${column.source}`}>
          {column.render ? column.render(record) : textAt(record, column.source)}
        </td>
      ))}
    </tr>
  );
});
