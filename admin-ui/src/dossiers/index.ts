import FolderSharedIcon from '@mui/icons-material/FolderShared';
import { DossierList } from './DossierList';
import { DossierShow } from './DossierShow';

/** Dossiers: reviewers see only those assigned to them (the server decides). */
export default {
  list: DossierList,
  show: DossierShow,
  icon: FolderSharedIcon,
  recordRepresentation: 'certNo',
};
