import EventNoteIcon from '@mui/icons-material/EventNote';
import { lazyView } from '../common/lazyView';

const RoundCreate = lazyView(() => import('./RoundCreate'), 'RoundCreate');
const RoundEdit = lazyView(() => import('./RoundEdit'), 'RoundEdit');
const RoundList = lazyView(() => import('./RoundList'), 'RoundList');

/** Renewal rounds: everyone reads the list; admins create and edit (authProvider.canAccess). */
export default {
  list: RoundList,
  edit: RoundEdit,
  create: RoundCreate,
  icon: EventNoteIcon,
  recordRepresentation: 'label',
};
