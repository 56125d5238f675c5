import { dossier, input } from './check-input.fixture.js';

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
});
