/** Master data of a round (学術集会, 認定研修施設) as the checks and the lists read it. Pure types. */

export interface MeetingFacts {
  /** As the meeting's proof prints it (the reader looks for it). */
  name: string;
  kind: string;
  startsOn: string;
  endsOn: string;
}

export interface FacilityFacts {
  postalCode: string;
  prefecture: string;
  address: string;
}

/** A training facility of the board's list, with its name (the addressee of mail to it). */
export interface FacilityRecord extends FacilityFacts {
  name: string;
}
