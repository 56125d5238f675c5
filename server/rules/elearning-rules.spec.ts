import { BEFORE, dossier, input } from './check-input.fixture.js';
import { elearningFieldKind } from './elearning-rules.js';

describe('dossier rules', () => {
  it('elearning: 7 mandatory with 5 of 5 and 3 electives by the deadline; fail only once it passed', () => {
    const base = input().elearning;
    expect(dossier(input(), 'elearning')).toBe('pass');
    const fourOfFive = base.map((e, i) => (i === 0 ? { ...e, miniTestScore: 4 } : e));
    expect(dossier(input({ elearning: fourOfFive }), 'elearning')).toBe('fail');
    expect(dossier(input({ elearning: fourOfFive, asOf: BEFORE }), 'elearning')).toBe('pending');
    expect(dossier(input({ elearning: base.slice(0, -1) }), 'elearning')).toBe('fail');
    const late = base.map((e, i) =>
      i === 1 ? { ...e, completedAt: '2021-09-17T00:00:00.000Z' } : e,
    );
    expect(dossier(input({ elearning: late }), 'elearning')).toBe('fail');
    const halfWidth = base.map((e) => ({ ...e, field: e.field.normalize('NFKC') }));
    expect(dossier(input({ elearning: halfWidth }), 'elearning')).toBe('pass');
  });

  it('names a field mandatory or elective, whatever width its brackets', () => {
    expect(elearningFieldKind('遺伝性腫瘍')).toBe('必修');
    expect(elearningFieldKind('病理学(分子病理学を含む)')).toBe('選択');
    expect(elearningFieldKind('書道')).toBeNull();
  });
});
