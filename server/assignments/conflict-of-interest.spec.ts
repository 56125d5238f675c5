import { findConflicts, placeKey, type DossierPlaces } from './conflict-of-interest.js';

const dossier = (over: Partial<DossierPlaces> = {}): DossierPlaces => ({
  workplace: { facilityNo: '1234', name: '東都大学病院' },
  caseSheets: [
    { sheetNo: 1, facilityNo: '1234', name: '東都大学病院' },
    { sheetNo: 2, facilityNo: null, name: '港北 クリニック' },
  ],
  ...over,
});

describe('findConflicts', () => {
  it('finds the applicant workplace and the case sheet by facility number', () => {
    const conflicts = findConflicts({ facilityNo: '1234', name: null }, dossier());
    expect(conflicts.map((c) => [c.kind, c.ref])).toEqual([
      ['workplace', null],
      ['case-sheet', 'sheet:1'],
    ]);
    expect(conflicts[0].message).toContain('東都大学病院');
    expect(conflicts[1].message).toContain('症例一覧表 1');
  });

  it('finds a facility outside the list by name, whatever the width and spaces', () => {
    const conflicts = findConflicts({ facilityNo: null, name: '港北クリニック' }, dossier());
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ kind: 'case-sheet', ref: 'sheet:2' });
    expect(findConflicts({ facilityNo: null, name: 'ｺｳﾎｸ' }, dossier())).toEqual([]);
    expect(findConflicts({ facilityNo: '１２３４', name: null }, dossier())).toHaveLength(2);
  });

  it('finds the workplace by name when the applicant gave no number', () => {
    const conflicts = findConflicts(
      { facilityNo: '9999', name: '東都大学病院' },
      dossier({ workplace: { facilityNo: null, name: '東都大学　病院' }, caseSheets: [] }),
    );
    expect(conflicts.map((c) => c.kind)).toEqual(['workplace']);
  });

  it('finds nothing for another workplace', () => {
    expect(findConflicts({ facilityNo: '5678', name: '西都病院' }, dossier())).toEqual([]);
    expect(
      findConflicts({ facilityNo: '5678', name: null }, { workplace: null, caseSheets: [] }),
    ).toEqual([]);
  });

  it('does not match empty names to each other', () => {
    expect(
      findConflicts(
        { facilityNo: '5678', name: '' },
        { workplace: { facilityNo: null, name: null }, caseSheets: [] },
      ),
    ).toEqual([]);
  });

  it('treats a reviewer with no recorded workplace as a conflict to resolve', () => {
    for (const reviewer of [
      { facilityNo: null, name: null },
      { facilityNo: ' ', name: ' ・ ' },
    ]) {
      const conflicts = findConflicts(reviewer, dossier());
      expect(conflicts.map((c) => c.kind)).toEqual(['unknown-workplace']);
      expect(conflicts[0].message).toContain('勤務先を登録してください');
    }
  });

  it('normalises names for comparison', () => {
    expect(placeKey('国立がん研究センター 中央病院')).toBe(
      placeKey('国立がん研究センター中央病院'),
    );
    expect(placeKey('ＡＢＣ・病院')).toBe('abc病院');
    expect(placeKey(null)).toBe('');
  });
});
