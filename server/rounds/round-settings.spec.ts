import { parseRoundSettings } from './round-settings.js';

/** The 2021 round exactly as formats.md gives it. */
export const ROUND_2021 = {
  round: '2021',
  label: '2021年度',
  applicationOpens: '2021-02-01T13:00:00+09:00',
  reviewFeeDeadline: '2021-09-09T15:00:00+09:00',
  elearningDeadline: '2021-09-16T23:59:59+09:00',
  registrationDeadline: '2021-09-16T23:59:59+09:00',
  postmarkDeadline: '2021-09-30',
  resultsAddressCutoff: '2022-03-10',
  certificateAddressCutoff: '2022-04-30',
  renewalDate: '2022-04-01',
  fees: { review: 11000, certification: 22000, handling: 110 },
  requirements: { cases: 20, maxCases: 25, attendances: 3, maxAttendances: 5, electives: 3 },
  pinBadgeAtRenewal: 2,
};

function problemsOf(input: unknown) {
  const result = parseRoundSettings(input);
  if (result.ok) throw new Error('expected problems');
  return Object.fromEntries(result.problems.map((p) => [p.field, p.message]));
}

describe('parseRoundSettings', () => {
  it('accepts the 2021 round of formats.md unchanged', () => {
    expect(parseRoundSettings(ROUND_2021)).toEqual({ ok: true, settings: ROUND_2021 });
  });

  it('reads a date-time without offset as Japan time and one in UTC as the same instant', () => {
    const result = parseRoundSettings({
      ...ROUND_2021,
      applicationOpens: '2021-02-01T13:00',
      reviewFeeDeadline: '2021-09-09T06:00:00Z',
    });
    expect(result.ok && result.settings.applicationOpens).toBe('2021-02-01T13:00:00+09:00');
    expect(result.ok && result.settings.reviewFeeDeadline).toBe('2021-09-09T15:00:00+09:00');
  });

  it('takes the sender the letters print, checking its fields', () => {
    const sender = {
      organisation: '日本がん治療認定医機構 事務局',
      postalCode: '113-0033',
      address: '東京都文京区本郷1-1-1',
      telephone: '03-1234-5678',
    };
    expect(parseRoundSettings({ ...ROUND_2021, sender })).toEqual({
      ok: true,
      settings: { ...ROUND_2021, sender },
    });
    const problems = problemsOf({
      ...ROUND_2021,
      sender: { organisation: '', telephone: '電話', fax: '1' },
    });
    expect(problems['sender.organisation']).toMatch(/名称/);
    expect(problems['sender.telephone']).toMatch(/03-1234-5678/);
    expect(problems['sender.fax']).toMatch(/不明な項目/);
    expect(problemsOf({ ...ROUND_2021, sender: 'x' })).toHaveProperty('sender');
    const empty = { organisation: null, postalCode: '', address: null, telephone: '' };
    expect(parseRoundSettings({ ...ROUND_2021, sender: empty })).toEqual({
      ok: true,
      settings: ROUND_2021,
    });
  });

  it('rejects a value that is not an object', () => {
    expect(problemsOf([1, 2])).toHaveProperty('');
    expect(problemsOf(null)).toHaveProperty('');
  });

  it('names every wrong field at once, with a Japanese reason', () => {
    const problems = problemsOf({
      ...ROUND_2021,
      round: '2021/22',
      label: '',
      applicationOpens: 'yesterday',
      postmarkDeadline: '2021-02-30',
      fees: { review: -1, certification: 22000.5, handling: '110' },
      requirements: { ...ROUND_2021.requirements, maxCases: 19, electives: 7 },
      pinBadgeAtRenewal: 0,
      feees: {},
    });
    expect(Object.keys(problems).sort()).toEqual(
      [
        'applicationOpens',
        'feees',
        'fees.certification',
        'fees.handling',
        'fees.review',
        'label',
        'pinBadgeAtRenewal',
        'postmarkDeadline',
        'requirements.electives',
        'requirements.maxCases',
        'round',
      ].sort(),
    );
    expect(problems['fees.review']).toMatch(/0 以上の整数/);
    expect(problems.feees).toMatch(/不明な項目/);
  });

  it('rejects missing nested objects', () => {
    const { fees: _fees, requirements: _req, ...rest } = ROUND_2021;
    const problems = problemsOf(rest);
    expect(problems).toHaveProperty('fees');
    expect(problems).toHaveProperty('requirements');
  });

  it('keeps the process in order', () => {
    const problems = problemsOf({
      ...ROUND_2021,
      reviewFeeDeadline: '2021-01-31T00:00:00+09:00',
      postmarkDeadline: '2021-09-15',
      certificateAddressCutoff: '2022-03-09',
      requirements: { ...ROUND_2021.requirements, maxAttendances: 2 },
    });
    expect(problems.reviewFeeDeadline).toMatch(/申請受付開始より後/);
    expect(problems.postmarkDeadline).toMatch(/申請登録期限の日以降/);
    expect(problems.certificateAddressCutoff).toMatch(/以降/);
    expect(problems['requirements.maxAttendances']).toMatch(/少なく/);
  });

  it('accepts a postmark deadline on the day registration closes', () => {
    expect(parseRoundSettings({ ...ROUND_2021, postmarkDeadline: '2021-09-16' }).ok).toBe(true);
  });
});
