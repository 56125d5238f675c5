import KeyIcon from '@mui/icons-material/Key';
import type { ReactNode } from 'react';
import { AppBar, Layout, Logout, MenuItemLink, UserMenu, useTranslate } from 'react-admin';

function ShinsaUserMenu() {
  const translate = useTranslate();
  return (
    <UserMenu>
      <MenuItemLink
        to="/password"
        primaryText={translate('shinsa.account.title')}
        leftIcon={<KeyIcon />}
      />
      <Logout />
    </UserMenu>
  );
}

const ShinsaAppBar = () => <AppBar userMenu={<ShinsaUserMenu />} />;

/** react-admin's layout, with the password change in the user menu. */
export function ShinsaLayout({ children }: { children: ReactNode }) {
  return <Layout appBar={ShinsaAppBar}>{children}</Layout>;
}
