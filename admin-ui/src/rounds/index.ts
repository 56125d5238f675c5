import EventNoteIcon from '@mui/icons-material/EventNote';
import { RoundCreate } from './RoundCreate';
import { RoundEdit } from './RoundEdit';
import { RoundList } from './RoundList';

/** Renewal rounds: everyone reads the list; admins create and edit (authProvider.canAccess). */
export default {
  list: RoundList,
  edit: RoundEdit,
  create: RoundCreate,
  icon: EventNoteIcon,
  recordRepresentation: 'label',
};
