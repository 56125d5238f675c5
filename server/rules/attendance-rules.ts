import type { CheckInput, CheckResult } from './check-input.js';
import { periodOf, result } from './rule-helpers.js';

/** The attendance rules of rules.md: each meeting of 申請3, and their count. */

export function attendanceRules(input: CheckInput): CheckResult[] {
  const period = periodOf(input);
  const seen = new Set<string>();
  return [...input.attendances]
    .sort((a, b) => a.no - b.no)
    .map((a) => {
      const ref = `attendance:${a.no}`;
      const meeting = input.meetings.get(a.meetingCode);
      const twice = seen.has(a.meetingCode);
      seen.add(a.meetingCode);
      if (!meeting)
        return result(
          'attendance.meeting',
          'fail',
          ref,
          `学術集会コード「${a.meetingCode}」は一覧にありません`,
        );
      if (meeting.kind === '地方会')
        return result('attendance.meeting', 'fail', ref, '地方会は参加実績として数えられません');
      if (meeting.startsOn < period.firstDay || meeting.startsOn > period.lastDay) {
        return result(
          'attendance.meeting',
          'fail',
          ref,
          `開催日(${meeting.startsOn})が対象期間(${period.firstDay}〜${period.lastDay})の外です`,
        );
      }
      if (twice)
        return result(
          'attendance.meeting',
          'fail',
          ref,
          '同じ学術集会が 2 回登録されています(2 回目は数えません)',
        );
      return result('attendance.meeting', 'pass', ref, '対象となる学術集会です');
    });
}

/** attendances.count: enough attendances counting, and no more listed than allowed. */
export function attendanceCountRule(
  input: CheckInput,
  counting: { attendances: number },
): CheckResult {
  const req = input.round.requirements;
  return counting.attendances >= req.attendances && input.attendances.length <= req.maxAttendances
    ? result('attendances.count', 'pass', null, `数えられる学術集会参加 ${counting.attendances} 件`)
    : result(
        'attendances.count',
        'fail',
        null,
        input.attendances.length > req.maxAttendances
          ? `学術集会が ${input.attendances.length} 件登録されています(${req.maxAttendances} 件まで)`
          : `数えられる学術集会参加が ${counting.attendances} 件で、${req.attendances} 件に足りません`,
      );
}
