import KeyIcon from '@mui/icons-material/Key';
import QueueIcon from '@mui/icons-material/Queue';
import { ListItemIcon, ListItemText, MenuItem } from '@mui/material';
import { memo, useMemo, type ReactNode } from 'react';
import {
  AppBar,
  Layout,
  Logout,
  Menu,
  MenuItemLink,
  UserMenu,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { NavigationType, UNSAFE_LocationContext, useLocation } from 'react-router-dom';

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

const MenuOfPages = memo(function MenuOfPages() {
  return <Menu />;
});

/**
 * react-admin's menu, rendered again when the page changes but not at each new page, sort or
 * filter of a list (the query string): its items match the path only, and rendering the
 * sixteen of them took a good part of a list's page change.
 */
function ShinsaMenu() {
  const { pathname } = useLocation();
  const location = useMemo(
    () => ({
      location: { pathname, search: '', hash: '', state: null, key: pathname },
      navigationType: NavigationType.Pop,
    }),
    [pathname],
  );
  return (
    <UNSAFE_LocationContext.Provider value={location}>
      <MenuOfPages />
    </UNSAFE_LocationContext.Provider>
  );
}

/** react-admin's layout, with the password change in the user menu. */
export function ShinsaLayout({ children }: { children: ReactNode }) {
  return (
    <Layout appBar={ShinsaAppBar} menu={ShinsaMenu}>
      {children}
    </Layout>
  );
}
