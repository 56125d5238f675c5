import ForwardToInboxIcon from '@mui/icons-material/ForwardToInbox';
import MarkEmailReadIcon from '@mui/icons-material/MarkEmailRead';
import EditNoteIcon from '@mui/icons-material/EditNote';
import { lazyView } from '../common/lazyView';

/** The e-mail outbox: batches and their approval, every message, and the templates. */
export const mailBatches = {
  list: lazyView(() => import('./BatchList'), 'BatchList'),
  show: lazyView(() => import('./BatchShow'), 'BatchShow'),
  icon: ForwardToInboxIcon,
};
export const mailMessages = {
  list: lazyView(() => import('./MessageList'), 'MessageList'),
  icon: MarkEmailReadIcon,
};
export const mailTemplates = {
  list: lazyView(() => import('./TemplateList'), 'TemplateList'),
  edit: lazyView(() => import('./TemplateEdit'), 'TemplateEdit'),
  icon: EditNoteIcon,
};
