import { Create } from 'react-admin';
import { RoundForm } from './RoundForm';

const DEFAULTS = {
  fees: { review: 11000, certification: 22000, handling: 110 },
  requirements: { cases: 20, maxCases: 25, attendances: 3, maxAttendances: 5, electives: 3 },
  pinBadgeAtRenewal: 2,
};

export function RoundCreate() {
  return (
    <Create redirect="list">
      <RoundForm creating defaultValues={DEFAULTS} />
    </Create>
  );
}
