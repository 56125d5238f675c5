import FolderSharedIcon from '@mui/icons-material/FolderShared';
import { lazyView } from '../common/lazyView';

const DossierList = lazyView(() => import('./DossierList'), 'DossierList');
const DossierShow = lazyView(() => import('./DossierShow'), 'DossierShow');

/** Dossiers: reviewers see only those assigned to them (the server decides). */
export default {
  list: DossierList,
  show: DossierShow,
  icon: FolderSharedIcon,
  recordRepresentation: 'certNo',
};
