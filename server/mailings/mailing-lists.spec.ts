import type { PaymentFacts } from '../fees/payment-facts.js';
import type { FacilityRecord } from '../masters/master-records.js';
import {
  addressAsOf,
  buildMailingList,
  dispatchKindOf,
  dispatchState,
  formatPostalCode,
  type LatestDispatch,
  validUntil,
  type DispatchFacts,
} from './mailing-lists.js';

const ROUND = {
  resultsAddressCutoff: '2022-03-10',
  certificateAddressCutoff: '2022-04-30',
  renewalDate: '2022-04-01',
  pinBadgeAtRenewal: 2,
  fees: { review: 11000, certification: 22000, handling: 110 },
};
const FACILITIES = new Map<string, FacilityRecord>([
  [
    '13001',
    {
      name: '東京大学医学部附属病院',
      postalCode: '1138655',
      prefecture: '東京都',
      address: '文京区本郷7-3-1',
    },
  ],
]);

const paid = (amount = 22000, id = 'C1'): PaymentFacts => ({
  transactionId: id,
  item: '更新認定料',
  amount,
  handlingFee: 110,
  paidAt: '2022-03-20T01:00:00.000Z',
  status: '入金済',
});

function dossier(certNo: string, patch: Partial<DispatchFacts> = {}): DispatchFacts {
  return {
    certNo,
    name: `申請 ${certNo}`,
    applicant: {
      familyName: '申請',
      givenName: certNo,
      licenceType: '医師',
      licenceNo: '1',
      certKind: '一般',
      lastCertifiedOn: '2017-04-01',
      deferred: false,
      societyCode: 'S1',
      memberNo: '1',
      memberType: '正会員',
      workplaceKind: '認定研修施設',
      workplaceFacilityNo: '13001',
      workplaceDepartment: '腫瘍内科',
      mailTo: '勤務先',
      registeredAt: '2021-09-01T00:00:00.000Z',
      renewalCount: 1,
    },
    decision: '合格',
    payments: [paid()],
    addressChanges: [],
    deficiencies: [],
    certificateNo: null,
    dispatches: {},
    ...patch,
  };
}

const certNos = (list: Parameters<typeof buildMailingList>[0], dossiers: DispatchFacts[]) =>
  buildMailingList(list, dossiers, ROUND, FACILITIES).rows.map((r) => r.certNo);

describe('mailing lists', () => {
  const all = [
    dossier('000001'),
    dossier('000002', { decision: '不合格', payments: [] }),
    dossier('000003', { decision: '保留' }),
    dossier('000004', { payments: [] }),
    dossier('000005', { payments: [paid(20000)] }),
    dossier('000006', { payments: [paid(22000, 'C1'), paid(22000, 'C2')] }),
    dossier('000007', { applicant: { ...dossier('x').applicant, renewalCount: 2 } }),
    dossier('000008', {
      decision: null,
      deficiencies: ['表紙(日付・署名・押印)がありません(署名なし)'],
    }),
  ];

  it('sends results to everyone decided 合格 or 不合格, not to 保留 or undecided', () => {
    expect(certNos('results', all)).toEqual([
      '000001',
      '000002',
      '000004',
      '000005',
      '000006',
      '000007',
    ]);
  });

  it('sends certificates only to 合格 with the certification fee paid exactly once and right', () => {
    expect(certNos('certificates', all)).toEqual(['000001', '000007']);
    const row = buildMailingList('certificates', all, ROUND, FACILITIES).rows[0];
    expect(row.extra).toEqual(['', '2022-04-01', '2027-03-31']);
    const numbered = dossier('000001', { certificateNo: '2022-00001' });
    expect(buildMailingList('certificates', [numbered], ROUND, FACILITIES).rows[0].extra).toEqual([
      '2022-00001',
      '2022-04-01',
      '2027-03-31',
    ]);
  });

  it('sends pin badges with the certificate at renewal number pinBadgeAtRenewal', () => {
    expect(certNos('pin-badges', all)).toEqual(['000001']);
  });

  it('asks the certification fee of 合格 without it: none, a wrong amount, paid twice', () => {
    const list = buildMailingList('fee-requests', all, ROUND, FACILITIES);
    expect(list.rows.map((r) => [r.certNo, ...r.extra])).toEqual([
      ['000004', 22110, '更新認定料の入金はまだありません'],
      ['000005', 22110, '金額が違います(20000円+手数料110円。正しくは 22000円+110円)'],
      ['000006', 22110, '更新認定料が 2 回支払われています(返金が必要です)'],
    ]);
  });

  it('lists the missing items of those with failing documents', () => {
    const list = buildMailingList('missing-items', all, ROUND, FACILITIES);
    expect(list.rows.map((r) => [r.certNo, ...r.extra])).toEqual([
      ['000008', '・表紙(日付・署名・押印)がありません(署名なし)'],
    ]);
  });

  it('addresses mail as valid on the cut-off, and lists later change notices apart', () => {
    const moved = dossier('000009', {
      addressChanges: [
        {
          receivedAt: '2022-03-01T00:00:00.000Z',
          recipientName: '大阪病院 外科',
          postalCode: '５３０－０００１',
          prefecture: '大阪府',
          address: '大阪市北区梅田1-1',
        },
        {
          receivedAt: '2022-03-15T00:00:00.000Z',
          recipientName: '京都病院',
          postalCode: '6008216',
          prefecture: '京都府',
          address: '京都市下京区1',
        },
      ],
    });
    const results = buildMailingList('results', [moved], ROUND, FACILITIES);
    expect(results.rows[0]).toMatchObject({
      postalCode: '530-0001',
      prefecture: '大阪府',
      recipient: '大阪病院 外科',
    });
    expect(results.lateChanges).toEqual([
      {
        certNo: '000009',
        name: '申請 000009',
        receivedOn: '2022-03-15',
        postalCode: '600-8216',
        prefecture: '京都府',
        address: '京都市下京区1',
        recipient: '京都病院',
      },
    ]);
    // The certificate's later cut-off takes the second notice.
    const certificate = buildMailingList('certificates', [moved], ROUND, FACILITIES);
    expect(certificate.rows[0].prefecture).toBe('京都府');
    expect(certificate.lateChanges).toEqual([]);
  });

  it('marks 宛先要確認 the addresses the postal data disagrees with, in a column after the list’s own', () => {
    const notice = (postalCode: string, prefecture: string, address: string) => ({
      addressChanges: [
        {
          receivedAt: '2022-03-01T00:00:00.000Z',
          recipientName: '',
          postalCode,
          prefecture,
          address,
        },
      ],
    });
    const list = buildMailingList(
      'results',
      [
        dossier('000001'),
        dossier('000002', notice('530-0001', '大阪府', '大阪市北区梅田1-1')),
        dossier('000003', notice('100-0001', '東京都', '港区芝公園4-2-8')),
        dossier('000004', notice('100-0099', '東京都', '千代田区千代田1-1')),
        dossier('000005', notice('100-001', '東京都', '千代田区千代田1-1')),
      ],
      ROUND,
      FACILITIES,
    );
    expect(list.header.slice(-2)).toEqual(['判定', '宛先要確認']);
    expect(list.rows.map((r) => r.addressCheck)).toEqual([
      '',
      '',
      '郵便番号 100-0001 は 東京都千代田区 の番号です(市区町村が違います)。郵便番号か住所を確かめてください',
      '郵便番号 100-0099 は郵便番号データにありません。郵便番号を確かめてください',
      '送付先の郵便番号(7 桁)・都道府県・住所のいずれかが不完全です',
    ]);
  });

  it('without a change notice, mail goes to the training facility named in 申請1', () => {
    expect(addressAsOf(dossier('000010'), '2022-03-10', FACILITIES)).toEqual({
      postalCode: '113-8655',
      prefecture: '東京都',
      address: '文京区本郷7-3-1',
      recipient: '東京大学医学部附属病院 腫瘍内科',
    });
  });

  describe('mailings recorded, returned and listed again', () => {
    const facilityAddress = { postalCode: '113-8655', address: '文京区本郷7-3-1' };
    const sent = (patch: Partial<LatestDispatch> = {}): LatestDispatch => ({
      sentOn: '2022-04-05',
      ...facilityAddress,
      returnedOn: null,
      ...patch,
    });
    const newAddress = {
      receivedAt: '2022-04-20T00:00:00.000Z',
      recipientName: '京都病院',
      postalCode: '6008216',
      prefecture: '京都府',
      address: '京都市下京区1',
    };

    it('tells unsent, sent, returned and re-listed apart', () => {
      expect(dispatchState(dossier('1'), 'results', FACILITIES)).toBe('unsent');
      expect(
        dispatchState(dossier('1', { dispatches: { results: sent() } }), 'results', FACILITIES),
      ).toBe('sent');
      const returned = dossier('1', {
        dispatches: { results: sent({ returnedOn: '2022-04-12' }) },
      });
      expect(dispatchState(returned, 'results', FACILITIES)).toBe('returned');
      expect(dispatchState(returned, 'certificates', FACILITIES)).toBe('unsent');
      const moved = { ...returned, addressChanges: [newAddress] };
      expect(dispatchState(moved, 'results', FACILITIES)).toBe('relisted');
      // The same address written another way is not a new one.
      const sameAgain = {
        ...returned,
        addressChanges: [
          { ...newAddress, postalCode: '１１３８６５５', address: '文京区本郷７－３－１' },
        ],
      };
      expect(dispatchState(sameAgain, 'results', FACILITIES)).toBe('returned');
    });

    it('lists only what is still to send, a returned letter again at its new address', () => {
      const all = [
        dossier('000001'),
        dossier('000002', { dispatches: { results: sent() } }),
        dossier('000003', { dispatches: { results: sent({ returnedOn: '2022-04-12' }) } }),
        dossier('000004', {
          dispatches: { results: sent({ returnedOn: '2022-04-12' }) },
          addressChanges: [newAddress],
        }),
      ];
      const pending = buildMailingList('results', all, ROUND, FACILITIES, { pendingOnly: true });
      expect(pending.rows.map((r) => [r.certNo, r.prefecture])).toEqual([
        ['000001', '東京都'],
        ['000004', '京都府'],
      ]);
      // The newer address is used, so it is not listed apart as a late change.
      expect(pending.lateChanges).toEqual([]);
      // The whole list still has everyone decided.
      expect(certNos('results', all)).toEqual(['000001', '000002', '000003', '000004']);
      // The certificate (and the pin badge in its envelope) is a mailing of its own.
      const certified = dossier('000005', { dispatches: { certificates: sent() } });
      expect(
        buildMailingList('pin-badges', [certified], ROUND, FACILITIES, { pendingOnly: true }).rows,
      ).toEqual([]);
      expect(dispatchKindOf('pin-badges')).toBe('certificates');
      expect(dispatchKindOf('fee-requests')).toBeNull();
    });
  });

  it('formats postal codes and the last valid day', () => {
    expect(formatPostalCode('１１３８６５５')).toBe('113-8655');
    expect(formatPostalCode('113-8655')).toBe('113-8655');
    expect(formatPostalCode('不明')).toBe('不明');
    expect(validUntil('2022-04-01')).toBe('2027-03-31');
    expect(validUntil('2024-03-01')).toBe('2029-02-28');
  });
});
