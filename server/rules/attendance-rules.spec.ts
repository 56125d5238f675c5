import { dossier, input } from './check-input.fixture.js';
import { runChecks } from './run-checks.js';

describe('attendance rules', () => {
  const withCodes = (...codes: string[]) =>
    input({ attendances: codes.map((meetingCode, i) => ({ no: i + 1, meetingCode })) });

  it('passes known national meetings and the board seminar inside the period, listed once', () => {
    const out = runChecks(withCodes('M1', 'M2', 'M3')).results;
    expect(out.filter((r) => r.rule === 'attendance.meeting').map((r) => r.outcome)).toEqual([
      'pass',
      'pass',
      'pass',
    ]);
  });

  it('fails an unknown code, a regional meeting, one outside the period and the second of a twice-listed one', () => {
    const out = runChecks(withCodes('M1', 'X9', 'R1', 'OLD', 'M1')).results.filter(
      (r) => r.rule === 'attendance.meeting',
    );
    expect(out.map((r) => r.outcome)).toEqual(['pass', 'fail', 'fail', 'fail', 'fail']);
  });

  it('attendances.count needs 3 passing and at most 5 listed', () => {
    expect(dossier(withCodes('M1', 'M2', 'R1'), 'attendances.count')).toBe('fail');
    expect(dossier(withCodes('M1', 'M2', 'M3', 'R1', 'OLD'), 'attendances.count')).toBe('pass');
    expect(dossier(withCodes('M1', 'M2', 'M3', 'R1', 'OLD', 'X9'), 'attendances.count')).toBe(
      'fail',
    );
  });
});
