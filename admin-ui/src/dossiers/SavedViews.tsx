import DeleteIcon from '@mui/icons-material/Delete';
import GroupIcon from '@mui/icons-material/Group';
import SaveIcon from '@mui/icons-material/Save';
import {
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  IconButton,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  TextField,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import {
  useGetIdentity,
  useListContext,
  useNotify,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { callApi } from '../common/api';

interface SavedView {
  id: string;
  name: string;
  filter: Record<string, unknown>;
  sort: { field: string; order: 'ASC' | 'DESC' } | null;
  shared: boolean;
  owner: string;
}

/**
 * Views of the dossier list kept on the server: one click applies a saved filter and sort;
 * office staff may share a view with everybody.
 */
export function SavedViews({ resource }: { resource: string }) {
  const { filterValues, setFilters, sort, setSort } = useListContext();
  const { identity } = useGetIdentity();
  const { permissions } = usePermissions<string>();
  const translate = useTranslate();
  const notify = useNotify();
  const [views, setViews] = useState<SavedView[]>([]);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    callApi<SavedView[]>(`/api/saved-views?resource=${resource}`)
      .then(setViews)
      .catch((e: Error) => notify(e.message, { type: 'error' }));
  }, [resource, notify]);
  useEffect(load, [load]);

  const save = async () => {
    setError(null);
    try {
      await callApi('/api/saved-views', {
        json: { resource, name, filter: filterValues, sort, shared },
      });
      notify('shinsa.views.saved', { type: 'success', messageArgs: { name } });
      setOpen(false);
      setName('');
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const remove = async (view: SavedView) => {
    if (!window.confirm(translate('shinsa.views.remove_confirm', { name: view.name }))) return;
    try {
      await callApi(`/api/saved-views/${view.id}`, { method: 'DELETE' });
      notify('shinsa.views.removed', { type: 'info' });
      load();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  const office = permissions === 'admin' || permissions === 'secretariat';
  const mayRemove = (view: SavedView) =>
    view.owner === identity?.login || (view.shared && permissions === 'admin');

  return (
    <Card sx={{ order: -1, mr: 2, mt: 8, width: 220, flexShrink: 0, alignSelf: 'flex-start' }}>
      <CardContent sx={{ p: 1 }}>
        <Typography variant="subtitle2" sx={{ px: 1 }}>
          {translate('shinsa.views.title')}
        </Typography>
        {views.length === 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ px: 1, py: 0.5 }}>
            {translate('shinsa.views.none')}
          </Typography>
        )}
        <List dense id="saved-views">
          {views.map((view) => (
            <ListItem
              key={view.id}
              disablePadding
              secondaryAction={
                mayRemove(view) ? (
                  <IconButton
                    edge="end"
                    size="small"
                    aria-label={translate('shinsa.views.remove')}
                    onClick={() => remove(view)}
                  >
                    <DeleteIcon fontSize="small" />
                  </IconButton>
                ) : undefined
              }
            >
              <ListItemButton
                selected={JSON.stringify(view.filter) === JSON.stringify(filterValues)}
                onClick={() => {
                  setFilters(
                    view.filter,
                    Object.fromEntries(Object.keys(view.filter).map((key) => [key, true])),
                    false,
                  );
                  if (view.sort) setSort(view.sort);
                }}
              >
                <ListItemText
                  primary={view.name}
                  secondary={
                    view.shared ? (
                      <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center' }}>
                        <GroupIcon sx={{ fontSize: 14, mr: 0.5 }} />
                        {translate('shinsa.views.shared_by', { owner: view.owner })}
                      </Box>
                    ) : undefined
                  }
                />
              </ListItemButton>
            </ListItem>
          ))}
        </List>
        <Button size="small" startIcon={<SaveIcon />} onClick={() => setOpen(true)} id="view-save">
          {translate('shinsa.views.save')}
        </Button>
      </CardContent>
      <Dialog open={open} onClose={() => setOpen(false)}>
        <DialogTitle>{translate('shinsa.views.save')}</DialogTitle>
        <DialogContent>
          <TextField
            id="view-name"
            autoFocus
            fullWidth
            margin="dense"
            label={translate('shinsa.views.name')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={!!error}
            helperText={error}
          />
          {office && (
            <FormControlLabel
              control={<Checkbox checked={shared} onChange={(e) => setShared(e.target.checked)} />}
              label={translate('shinsa.views.shared')}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button variant="contained" onClick={save} disabled={!name.trim()} id="view-submit">
            {translate('ra.action.save')}
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}
