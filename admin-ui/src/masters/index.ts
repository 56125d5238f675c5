import ApartmentIcon from '@mui/icons-material/Apartment';
import GroupsIcon from '@mui/icons-material/Groups';
import SchoolIcon from '@mui/icons-material/School';
import { lazyView } from '../common/lazyView';

const masterLists = () => import('./MasterLists');
const SocietyList = lazyView(masterLists, 'SocietyList');
const MeetingList = lazyView(masterLists, 'MeetingList');
const FacilityList = lazyView(masterLists, 'FacilityList');

/** The board's master data (read only: it changes by import). */
export const societies = { list: SocietyList, icon: GroupsIcon, recordRepresentation: 'name' };
export const meetings = { list: MeetingList, icon: SchoolIcon, recordRepresentation: 'name' };
export const facilities = { list: FacilityList, icon: ApartmentIcon, recordRepresentation: 'name' };
