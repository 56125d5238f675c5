import UploadFileIcon from '@mui/icons-material/UploadFile';
import { lazyView } from '../common/lazyView';

const ImportCreate = lazyView(() => import('./ImportCreate'), 'ImportCreate');
const ImportList = lazyView(() => import('./ImportList'), 'ImportList');
const ImportShow = lazyView(() => import('./ImportShow'), 'ImportShow');

/** Imports: the secretariat uploads bundles and reads each import's report. */
export default {
  list: ImportList,
  show: ImportShow,
  create: ImportCreate,
  icon: UploadFileIcon,
  recordRepresentation: 'sourceName',
};
