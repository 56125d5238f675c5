import { pageTextOf } from '../../../test/support/scan-pages/page-text.js';
import { type DossierFacts, proposeFindings, type Proposal } from './document-findings.js';
import { classifyPage } from './page-classifier.js';
import type { ReadPage } from './page-reader.js';
import type { SealReading } from './seal-finder.js';

const facts: DossierFacts = {
  family: '髙橋',
  given: '一郎',
  maidenName: null,
  sheetNos: [1],
  attendances: [
    { no: 1, meetingName: '第59回日本癌治療学会学術集会', start: '2021-10-21', end: '2021-10-23' },
  ],
  palliative: { required: false, certificateNo: null },
};

const seal = (present: boolean): SealReading => ({
  present,
  confidence: 0.95,
  box: { x0: 1100, y0: 1900, x1: 1450, y1: 2200 },
  foundBy: 'label',
  share: present ? 0.2 : 0,
  by: 'colour',
  evidence: present ? '「病院長公印」欄に赤い印影あり(20.0%)' : '「病院長公印」欄に印影なし(0.0%)',
});

let n = 0;
function page(lines: Parameters<typeof pageTextOf>[0], withSeal?: boolean): ReadPage {
  const text = pageTextOf(lines);
  const c = classifyPage(text);
  return {
    ...c,
    ref: `R2021-000123-${++n}`,
    text,
    seal: withSeal === undefined ? null : seal(withSeal),
  };
}
const cover = (sealed = true) =>
  page(
    [
      ['(表紙)', 1350, 120],
      ['がん治療認定医 更新申請書', 490, 266],
      '提出書類チェック表',
      '申請者氏名(自署)',
    ],
    sealed,
  );
const sheet = (no: number, sealed = true) =>
  page([[`申請2 症例一覧表(${no})`, 160, 120], '診療期間 病理診断名', '病院長公印'], sealed);
const elearning = (name = '高橋 一郎') =>
  page([['修 了 証', 700, 300], ['がん治療認定医 e-learning', 600, 480], `氏名 ${name} 殿`]);
const proof = (no: number | null, lines: string[], title = '参 加 証') =>
  page([
    ...(no ? [[String(no), 1360, 120] as [string, number, number]] : []),
    [title, 700, 380],
    ...lines,
  ]);
const goodProof = (no = 1) =>
  proof(no, [
    '第59回日本癌治療学会学術集会',
    '会期 2021年10月21日(木)～23日(土)',
    '氏名 高橋 一郎 殿',
  ]);

const finding = (proposals: Proposal[], rule: string, ref: string | null = null) =>
  proposals.find((p) => p.rule === rule && p.ref === ref);

describe('document findings', () => {
  it('proposes found for a complete envelope, whatever the order, with evidence and page', () => {
    const pages = [goodProof(), sheet(1), elearning(), cover()];
    const proposals = proposeFindings(facts, pages);
    expect(proposals.map((p) => [p.rule, p.ref, p.finding])).toEqual([
      ['doc.cover', null, 'found'],
      ['doc.seal', 'sheet:1', 'found'],
      ['doc.elearning', null, 'found'],
      ['doc.attendance', 'attendance:1', 'found'],
    ]);
    const attendance = finding(proposals, 'doc.attendance', 'attendance:1')!;
    expect(attendance.page).toBe(pages[0].ref);
    expect(attendance.evidence).toBe('第59回日本癌治療学会学術集会 / 髙橋 一郎 / 2021年10月21日');
    expect(attendance.confidence).toBeGreaterThan(0.8);
    expect(attendance.boxes.length).toBeGreaterThan(0);
  });

  it('proposes missing where no page is the document, or the director’s seal is not on it', () => {
    const two = { ...facts, sheetNos: [1, 2] };
    const proposals = proposeFindings(two, [cover(false), sheet(1, false)]);
    expect(finding(proposals, 'doc.cover')?.finding).toBe('insufficient');
    expect(finding(proposals, 'doc.seal', 'sheet:1')).toMatchObject({
      finding: 'missing',
      page: expect.any(String),
    });
    expect(finding(proposals, 'doc.seal', 'sheet:2')).toMatchObject({
      finding: 'missing',
      page: null,
    });
    expect(finding(proposals, 'doc.elearning')?.finding).toBe('missing');
    expect(finding(proposals, 'doc.attendance', 'attendance:1')?.finding).toBe('missing');
  });

  it('refuses receipts, poster programmes, surname only, another person, the wrong meeting or date', () => {
    const cases: [ReadPage, string][] = [
      [
        proof(
          1,
          ['但し 第59回日本癌治療学会学術集会 参加費として', '2021年10月21日', '高橋 一郎 様'],
          '領 収 書',
        ),
        '領収書',
      ],
      [
        proof(
          1,
          ['第59回日本癌治療学会学術集会 2021年10月21日', '高橋 一郎 (東京中央病院)'],
          'ポスターセッション プログラム',
        ),
        'ポスター',
      ],
      [proof(1, ['第59回日本癌治療学会学術集会', '2021年10月21日', '氏名 高橋 殿']), '名字のみ'],
      [
        proof(1, ['第59回日本癌治療学会学術集会', '2021年10月21日', '氏名 高橋 一夫 殿']),
        '氏名がありません',
      ],
      [
        proof(1, ['第58回日本癌治療学会学術集会', '2021年10月21日', '氏名 高橋 一郎 殿']),
        '学術集会名',
      ],
      [proof(1, ['第59回日本癌治療学会学術集会', '2020年10月21日', '氏名 高橋 一郎 殿']), '会期'],
    ];
    for (const [p, why] of cases) {
      const got = finding(proposeFindings(facts, [p]), 'doc.attendance', 'attendance:1')!;
      expect([got.finding, got.evidence]).toEqual(['insufficient', expect.stringContaining(why)]);
    }
  });

  it('matches names with variant kanji, and the former family name', () => {
    const withMaiden = { ...facts, maidenName: '大野' };
    const proposals = proposeFindings(withMaiden, [
      proof(1, ['第59回日本癌治療学会学術集会', '2021年10月21日', '氏名 大野 一郎 殿']),
      elearning('髙橋 一郎'),
      page([['戸籍抄本', 700, 220], '氏名 髙橋 一郎', '【従前の氏】大野']),
    ]);
    expect(finding(proposals, 'doc.attendance', 'attendance:1')?.finding).toBe('found');
    expect(finding(proposals, 'doc.elearning')?.finding).toBe('found');
    expect(finding(proposals, 'doc.name-change')?.finding).toBe('found');
    expect(finding(proposeFindings(withMaiden, []), 'doc.name-change')?.finding).toBe('missing');
  });

  it('takes a proof whose number misread for the listed meeting it names', () => {
    const two = {
      ...facts,
      attendances: [
        ...facts.attendances,
        {
          no: 2,
          meetingName: '第15回がん治療認定医教育セミナー',
          start: '2019-03-10',
          end: '2019-03-10',
        },
      ],
    };
    // Proof 2 read as 1, proof 1 with its number unread.
    const seminar = proof(1, [
      '第15回がん治療認定医教育セミナー',
      '2019年3月10日',
      '氏名 高橋 一郎 殿',
    ]);
    const first = proof(null, [
      '第59回日本癌治療学会学術集会',
      '2021年10月22日',
      '氏名 高橋 一郎 殿',
    ]);
    const proposals = proposeFindings(two, [seminar, first]);
    expect(finding(proposals, 'doc.attendance', 'attendance:1')).toMatchObject({
      finding: 'found',
      page: first.ref,
    });
    expect(finding(proposals, 'doc.attendance', 'attendance:2')).toMatchObject({
      finding: 'found',
      page: seminar.ref,
    });
  });

  it('takes an unnumbered proof for the listed meeting it names', () => {
    const unnumbered = proof(null, [
      '第59回日本癌治療学会学術集会',
      '2021年10月22日',
      '氏名 高橋 一郎 殿',
    ]);
    expect(
      finding(proposeFindings(facts, [unnumbered]), 'doc.attendance', 'attendance:1')?.finding,
    ).toBe('found');
  });

  it('reads the ordinal by its digits where 第 and 回 are misread, and never another one', () => {
    const unnumbered = (meeting: string) =>
      proof(null, [meeting, '2021/10/22', '氏名 高橋 一郎 殿'], '受講記録・参加履歴');
    const at = (p: ReadPage) =>
      finding(proposeFindings(facts, [p]), 'doc.attendance', 'attendance:1')?.finding;
    expect(at(unnumbered('笠59因日本症治療学会学術集会'))).toBe('found');
    // Two letters of eleven misread beside a right ordinal.
    expect(at(unnumbered('第59回日本痛治療学会学術集'))).toBe('found');
    expect(at(unnumbered('第58回日本癌治療学会学術集会'))).toBe('missing');
    expect(at(unnumbered('第159回日本癌治療学会学術集会'))).toBe('missing');
  });

  it('matches a proof whose number and title did not read by its date, less surely', () => {
    const blurred = (title: string, date: string) =>
      proof(null, [title, date, '会員氏名 : 高橋 一郎'], '受講記録・参加履歴');
    const at = (p: ReadPage) =>
      finding(proposeFindings(facts, [p]), 'doc.attendance', 'attendance:1');
    const matched = at(blurred('dueecaa 浩 ー', '2021/10722'));
    expect(matched).toMatchObject({ finding: 'found', evidence: expect.stringContaining('会期') });
    expect(matched!.confidence).toBeLessThan(0.95);
    // Another meeting's title that reads, or a day outside the meeting: not this one's proof.
    expect(at(blurred('第42回日本乳癌学会学術総会', '2021/10/22'))?.finding).toBe('missing');
    expect(at(blurred('dueecaa 浩 ー', '2020/10/22'))?.finding).toBe('missing');
  });

  it('checks the palliative-care certificate against 申請1’s number', () => {
    const required = { ...facts, palliative: { required: true, certificateNo: '123456' } };
    const certificate = (no: string) =>
      page([
        [`第 ${no} 号`, 160, 160],
        ['修 了 証 書', 650, 330],
        '氏名 高橋 一郎',
        '緩和ケア研修会の開催指針に準拠',
      ]);
    expect(
      finding(proposeFindings(required, [certificate('123456')]), 'doc.palliative')?.finding,
    ).toBe('found');
    expect(
      finding(proposeFindings(required, [certificate('123457')]), 'doc.palliative'),
    ).toMatchObject({
      finding: 'insufficient',
      evidence: expect.stringContaining('一致しません'),
    });
    expect(finding(proposeFindings(required, []), 'doc.palliative')?.finding).toBe('missing');
    expect(finding(proposeFindings(facts, []), 'doc.palliative')).toBeUndefined();
  });
});
