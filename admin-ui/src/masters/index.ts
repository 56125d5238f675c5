import ApartmentIcon from '@mui/icons-material/Apartment';
import GroupsIcon from '@mui/icons-material/Groups';
import HourglassEmptyIcon from '@mui/icons-material/HourglassEmpty';
import SchoolIcon from '@mui/icons-material/School';
import { FacilityList, MeetingList, SocietyList } from './MasterLists';
import { UnmatchedList } from './UnmatchedList';

/** The board's master data (read only: it changes by import) and the records waiting unmatched. */
export const societies = { list: SocietyList, icon: GroupsIcon, recordRepresentation: 'name' };
export const meetings = { list: MeetingList, icon: SchoolIcon, recordRepresentation: 'name' };
export const facilities = { list: FacilityList, icon: ApartmentIcon, recordRepresentation: 'name' };
export const unmatched = { list: UnmatchedList, icon: HourglassEmptyIcon };
