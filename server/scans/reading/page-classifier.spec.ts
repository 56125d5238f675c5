import { classifyPage, numberWritten } from './page-classifier.js';
import { pageTextOf } from '../../../test/support/scan-pages/page-text.js';

const kindOf = (lines: Parameters<typeof pageTextOf>[0]) => {
  const c = classifyPage(pageTextOf(lines));
  return [c.kind, c.number, c.proofKind];
};

describe('page classifier', () => {
  it('knows the cover by its heading and checklist, though the checklist names every document', () => {
    expect(
      kindOf([
        ['(表紙)', 1350, 120],
        ['がん治療認定医 更新申請書', 490, 266],
        '申請書類提出日 2021年9月20日',
        '申請者氏名(自署) 山田 太郎 印',
        '提出書類チェック表',
        'e-learning 修了証',
        '申請2 症例一覧表(1)～(3) 病院長公印',
        '申請3 学術集会・セミナー参加一覧表',
        '参加を証明するコピー(右上に番号を記入)',
        '緩和ケア研修会の修了証(該当者のみ)',
      ]),
    ).toEqual(['cover', null, null]);
  });

  it('reads the case sheet number from its heading, through OCR noise', () => {
    expect(
      kindOf([['申請2 症例一覧表(2)', 160, 120], 'No. 診療期間 診療項目', '病院長公印']),
    ).toEqual(['sheet', 2, null]);
    expect(kindOf([['申請② 症例一覧表(③)', 160, 120], '診療期間 病理診断名'])).toEqual([
      'sheet',
      3,
      null,
    ]);
    expect(
      kindOf([['画請2 症例一寛表(1)', 160, 120], '診療期間 病理診断名', '訣院長公印']),
    ).toEqual(['sheet', 1, null]);
  });

  it('tells the forms 申請1 and 申請3, certificates and the name-change proof apart', () => {
    expect(kindOf([['申請1', 160, 80], ['認定医基本情報', 600, 190], '医師免許番号'])[0]).toBe(
      'form1',
    );
    expect(
      kindOf([
        ['申請3', 160, 80],
        ['学術集会・セミナー参加一覧表', 400, 190],
      ])[0],
    ).toBe('form3');
    expect(
      kindOf([
        ['修 了 証', 700, 300],
        ['がん治療認定医 e-learning', 600, 480],
        'ミニテストに合格',
      ])[0],
    ).toBe('elearning');
    expect(
      kindOf([
        ['第 123456 号', 160, 160],
        ['修 了 証 書', 650, 330],
        '緩和ケア研修会の開催指針に準拠した緩和ケア研修会を修了',
      ])[0],
    ).toBe('palliative');
    expect(kindOf([['戸籍抄本', 700, 220], '【従前の氏】大野'])[0]).toBe('name-change');
  });

  it('sets a covering letter apart, though it lists the documents it encloses', () => {
    expect(
      kindOf([
        ['書類送付のご案内', 600, 520],
        '拝啓 時下ますますご清栄のこととお慶び申し上げます。',
        '参加証のコピー e-learning 修了証 ご査収のほど',
        '敬具',
      ])[0],
    ).toBe('letter');
  });

  it('classifies proofs, receipts and poster programmes with the number written top right', () => {
    expect(
      kindOf([['3', 1360, 120], ['参 加 証', 700, 380], '第59回日本癌治療学会学術集会']),
    ).toEqual(['attendance', 3, 'proof']);
    expect(
      kindOf([['No.2', 1350, 120], ['領 収 書', 700, 300], '上記正に領収いたしました']),
    ).toEqual(['attendance', 2, 'receipt']);
    expect(
      kindOf([
        ['(5)', 1350, 120],
        ['ポスターセッション プログラム', 160, 300],
      ]),
    ).toEqual(['attendance', 5, 'poster']);
    // A number elsewhere on the page is not the proof's number.
    expect(
      kindOf([
        ['参 加 証', 700, 380],
        ['3', 700, 1200],
      ]),
    ).toEqual(['attendance', null, 'proof']);
  });

  it('calls anything else other', () => {
    expect(kindOf(['会議のお知らせ', '日時 2021年10月1日'])[0]).toBe('other');
  });

  it('reads the numbers applicants write', () => {
    expect(['3', '③', 'No.3', 'no3', '(3)', '3.', '３'].map(numberWritten)).toEqual([
      3, 3, 3, 3, 3, 3, 3,
    ]);
    expect(['6', '12', 'abc', ''].map(numberWritten)).toEqual([null, null, null, null]);
  });
});
