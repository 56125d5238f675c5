import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import { UnmatchedList } from './UnmatchedList';

/** Payments, e-learning results, change notices and mail waiting for a dossier of their 認定番号. */
export default { list: UnmatchedList, icon: HourglassEmptyIcon };
