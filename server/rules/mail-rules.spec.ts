import { dossier, input } from './check-input.fixture.js';

describe('dossier rules', () => {
  it('mail: the first envelope decides postmark and kind; none yet is pending', () => {
    const env = (patch: object) => [
      {
        receiptNo: 'R1',
        arrivedOn: '2021-09-20',
        postmarkedOn: '2021-09-18',
        mailKind: '簡易書留',
        ...patch,
      },
    ];
    expect(dossier(input({ envelopes: [] }), 'mail.postmark')).toBe('pending');
    expect(dossier(input({ envelopes: [] }), 'mail.type')).toBe('pending');
    expect(dossier(input({ envelopes: env({ postmarkedOn: null }) }), 'mail.postmark')).toBe(
      'review',
    );
    expect(
      dossier(input({ envelopes: env({ postmarkedOn: '2021-10-01' }) }), 'mail.postmark'),
    ).toBe('fail');
    expect(
      dossier(input({ envelopes: env({ postmarkedOn: '2021-09-30' }) }), 'mail.postmark'),
    ).toBe('pass');
    expect(
      dossier(input({ envelopes: env({ mailKind: 'レターパックライト' }) }), 'mail.type'),
    ).toBe('review');
    expect(dossier(input({ envelopes: env({ mailKind: '一般書留' }) }), 'mail.type')).toBe('pass');
  });
});
