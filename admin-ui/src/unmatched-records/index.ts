import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import { lazyView } from '../common/lazyView';

const UnmatchedList = lazyView(() => import('./UnmatchedList'), 'UnmatchedList');

/** Payments, e-learning results, change notices and mail waiting for a dossier of their 認定番号. */
export default { list: UnmatchedList, icon: HourglassEmptyIcon };
