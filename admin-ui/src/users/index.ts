import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import { lazyView } from '../common/lazyView';

const UserCreate = lazyView(() => import('./UserCreate'), 'UserCreate');
const UserEdit = lazyView(() => import('./UserEdit'), 'UserEdit');
const UserList = lazyView(() => import('./UserList'), 'UserList');

/** Accounts: admins only (authProvider.canAccess and the server). */
export default {
  list: UserList,
  create: UserCreate,
  edit: UserEdit,
  icon: ManageAccountsIcon,
  recordRepresentation: 'login',
};
