import type { CheckInput } from './check-input.js';
import { dossier, input } from './check-input.fixture.js';
import { runChecks } from './run-checks.js';

describe('dossier rules', () => {
  it('registration: pending for a draft, fail after the deadline', () => {
    const i = input();
    i.applicant = { ...i.applicant, registeredAt: null };
    expect(dossier(i, 'registration')).toBe('pending');
    i.applicant = { ...i.applicant, registeredAt: '2021-09-17T00:00:01+09:00' };
    expect(dossier(i, 'registration')).toBe('fail');
    i.applicant = { ...i.applicant, registeredAt: '2021-09-16T23:59:59+09:00' };
    expect(dossier(i, 'registration')).toBe('pass');
  });

  it.each([
    [{ licenceType: '看護師' }, 'fail'],
    [{ licenceNo: '' }, 'fail'],
    [{ licenceType: '歯科医師' }, 'pass'],
  ])('licence %j → %s', (patch, outcome) => {
    const i = input();
    i.applicant = { ...i.applicant, ...patch };
    expect(dossier(i, 'licence')).toBe(outcome);
  });

  it.each([
    [{ societyCode: 'S999' }, 'fail'],
    [{ memberNo: '' }, 'fail'],
    [{ memberType: '一般会員' }, 'fail'],
    [{ memberType: '功労会員' }, 'pass'],
  ])('membership %j → %s', (patch, outcome) => {
    const i = input();
    i.applicant = { ...i.applicant, ...patch };
    expect(dossier(i, 'membership')).toBe(outcome);
  });

  it('palliative: needed only after a deferral; 000000 is reviewed', () => {
    const i = input();
    i.applicant = { ...i.applicant, deferred: true };
    expect(dossier(i, 'palliative')).toBe('fail');
    i.applicant = {
      ...i.applicant,
      palliativeHost: '東京都',
      palliativeCertificateNo: '000000',
      palliativeApprovedOn: '2019-01-01',
    };
    expect(dossier(i, 'palliative')).toBe('review');
    i.applicant = { ...i.applicant, palliativeCertificateNo: '123456' };
    expect(dossier(i, 'palliative')).toBe('pass');
  });

  it('address: the mailing address needs a 7-digit postal code, a prefecture and an address', () => {
    const i = input();
    i.applicant = { ...i.applicant, workplacePostalCode: '100-001' };
    expect(dossier(i, 'address')).toBe('review');
    i.applicant = { ...i.applicant, workplaceKind: '認定研修施設', workplaceFacilityNo: '13001' };
    expect(dossier(i, 'address')).toBe('pass');
    i.applicant = {
      ...i.applicant,
      mailTo: '別途指定',
      mailPostalCode: '1500001',
      mailPrefecture: '東京',
      mailAddress: '渋谷区',
    };
    expect(dossier(i, 'address')).toBe('review');
  });

  it('address: reviews a postal code that does not exist or disagrees, saying what it expects', () => {
    const addressOf = (patch: Partial<CheckInput['applicant']>) => {
      const i = input();
      i.applicant = { ...i.applicant, ...patch };
      return runChecks(i).results.find((r) => r.rule === 'address')!;
    };
    expect(addressOf({}).outcome).toBe('pass');
    // A business code (東大病院) and 郡 left out agree.
    expect(addressOf({ workplaceKind: '認定研修施設', workplaceFacilityNo: '13001' }).outcome).toBe(
      'pass',
    );
    expect(
      addressOf({
        workplacePostalCode: '071-1423',
        workplacePrefecture: '北海道',
        workplaceAddress: '東川町東町1-1',
      }).outcome,
    ).toBe('pass');
    expect(addressOf({ workplacePostalCode: '100-0099' })).toMatchObject({
      outcome: 'review',
      message: expect.stringContaining('郵便番号 100-0099 は郵便番号データにありません'),
    });
    expect(
      addressOf({ workplacePrefecture: '大阪府', workplaceAddress: '大阪市北区梅田1-1' }),
    ).toMatchObject({
      outcome: 'review',
      message: expect.stringContaining('郵便番号 100-0001 は 東京都千代田区 の番号です'),
    });
    expect(addressOf({ workplaceAddress: '港区芝公園4-2-8' })).toMatchObject({
      outcome: 'review',
      message: expect.stringContaining('郵便番号 100-0001 は 東京都千代田区 の番号です'),
    });
  });
});
