import KeyIcon from '@mui/icons-material/Key';
import QueueIcon from '@mui/icons-material/Queue';
import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import type { ReactNode } from 'react';
import {
  AppBar,
  Layout,
  Logout,
  MenuItemLink,
  UserMenu,
  usePermissions,
  useTranslate,
} from 'react-admin';

function ShinsaUserMenu() {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  return (
    <UserMenu>
      <MenuItemLink
        to="/password"
        primaryText={translate('shinsa.account.title')}
        leftIcon={<KeyIcon />}
      />
      {permissions === 'admin' && (
        // The operators' queue board is a page of its own (server/queue-board), not a screen.
        <MenuItem component="a" href="/admin/queues" target="_blank" rel="noopener">
          <ListItemIcon>
            <QueueIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText>{translate('shinsa.account.queue_board')}</ListItemText>
        </MenuItem>
      )}
      <Logout />
    </UserMenu>
  );
}

const ShinsaAppBar = () => <AppBar userMenu={<ShinsaUserMenu />} />;

/** react-admin's layout, with the password change in the user menu. */
export function ShinsaLayout({ children }: { children: ReactNode }) {
  return <Layout appBar={ShinsaAppBar}>{children}</Layout>;
}
