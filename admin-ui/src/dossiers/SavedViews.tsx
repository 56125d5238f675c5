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
import type { SavedView } from '@server/saved-views/saved-view.views';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Confirm,
  useGetIdentity,
  useListFilterContext,
  useListSortContext,
  useNotify,
  usePermissions,
  useTranslate,
} from 'react-admin';
import type { Json } from '../common/json';
import { useNotifyError } from '../common/useNotifyError';
import { useReload } from '../common/useReload';
import { useShinsaDataProvider } from '../providers/dataProvider';
import { queryKeys } from '../providers/queryKeys';

/**
 * Views of the dossier list kept on the server: one click applies a saved filter and sort;
 * office staff may share a view with everybody.
 */
export function SavedViews({ resource }: { resource: string }) {
  // The filter and sort parts of the list only: a page change does not render the views again.
  const { filterValues, setFilters } = useListFilterContext();
  const { sort, setSort } = useListSortContext();
  const { identity } = useGetIdentity();
  const { permissions } = usePermissions<string>();
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useShinsaDataProvider();
  const reloadAll = useReload();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Json<SavedView> | null>(null);
  const { data: views = [], error: loadError } = useQuery({
    queryKey: queryKeys.savedViews(resource),
    queryFn: () => dataProvider.getSavedViews(resource),
    retry: false,
  });
  useNotifyError(loadError);
  const reload = () => reloadAll(queryKeys.savedViews(resource));

  const saveView = useMutation({
    mutationFn: (view: { name: string }) =>
      dataProvider.saveView({ resource, name: view.name, filter: filterValues, sort, shared }),
    onMutate: () => setError(null),
    onSuccess: async (_, view) => {
      setOpen(false);
      setName('');
      await reload();
      notify('shinsa.views.saved', { type: 'success', messageArgs: { name: view.name } });
    },
    onError: (e) => setError(e.message),
  });
  const removeView = useMutation({
    mutationFn: (view: Json<SavedView>) => dataProvider.removeView(view.id),
    onSuccess: async () => {
      setRemoving(null);
      await reload();
      notify('shinsa.views.removed', { type: 'info' });
    },
    onError: (e) => {
      setRemoving(null);
      notify(e.message, { type: 'error' });
    },
  });
  const save = () => saveView.mutate({ name });
  const office = permissions === 'admin' || permissions === 'secretariat';
  const mayRemove = (view: Json<SavedView>) =>
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
                    onClick={() => setRemoving(view)}
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
      <Confirm
        isOpen={removing !== null}
        loading={removeView.isPending}
        title="shinsa.dialogs.view_remove_title"
        content="shinsa.views.remove_confirm"
        contentTranslateOptions={{ name: removing?.name ?? '' }}
        confirm="shinsa.views.remove"
        confirmColor="warning"
        onConfirm={() => removing && removeView.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
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
