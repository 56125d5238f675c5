/*
 * Realistic pages of an applicant's envelope, drawn as PDF (A4, Noto Sans JP from npm) the way
 * the applicant web system prints its forms and societies print their proofs: cover (表紙) with
 * signature and seal, 申請1, 申請2 case sheets with the 病院長公印 box, 申請3, attendance proofs
 * numbered top right, receipts, poster programmes, certificates, name-change proof, covering
 * letter. Scanner effects are applied afterwards (effects.mjs). Deterministic: all chance comes
 * from the `rand` given.
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const font = (weight) =>
  require.resolve(`@expo-google-fonts/noto-sans-jp/${weight}/NotoSansJP_${weight}.ttf`);
const FONT = font('400Regular');
const FONT_BOLD = font('700Bold');
const FONT_HAND = font('300Light');
export const SEAL_RED = '#d8262e';

/** Draws one page and returns the PDF's bytes. */
export function drawPage(spec, rand) {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, autoFirstPage: true, compress: true });
    const chunks = [];
    doc.on('data', (c) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font(FONT);
    DRAW[spec.kind](doc, spec, rand);
    doc.end();
  });
}

const W = 595.28;
const H = 841.89;

function text(doc, s, x, y, size = 11, opts = {}) {
  doc.font(opts.bold ? FONT_BOLD : opts.hand ? FONT_HAND : FONT).fontSize(size);
  doc.fillColor(opts.color ?? '#111').text(s, x, y, { lineBreak: false, ...opts.text });
}

function centred(doc, s, y, size, bold = true) {
  doc
    .font(bold ? FONT_BOLD : FONT)
    .fontSize(size)
    .fillColor('#111');
  doc.text(s, 0, y, { width: W, align: 'center', lineBreak: false });
}

function hline(doc, x0, x1, y, width = 0.8) {
  doc.moveTo(x0, y).lineTo(x1, y).lineWidth(width).strokeColor('#222').stroke();
}

function box(doc, x, y, w, h, width = 0.8) {
  doc.rect(x, y, w, h).lineWidth(width).strokeColor('#222').stroke();
}

/**
 * A seal impression: round (the applicant's 認印, a round 公印) or square (a hospital's 公印),
 * red; `faint` prints it pale and unevenly inked, as a dry ink pad does.
 */
function seal(doc, seal, cx, cy, rand) {
  if (!seal || seal.absent) return;
  const { shape, chars, size } = seal;
  const opacity = seal.faint ? 0.42 + rand() * 0.12 : 0.85 + rand() * 0.15;
  doc.save();
  doc.rotate(seal.tilt ?? 0, { origin: [cx, cy] });
  doc.strokeOpacity(opacity).fillOpacity(opacity).strokeColor(SEAL_RED).fillColor(SEAL_RED);
  const r = size / 2;
  if (shape === 'round')
    doc
      .circle(cx, cy, r)
      .lineWidth(size * 0.07)
      .stroke();
  else
    doc
      .rect(cx - r, cy - r, size, size)
      .lineWidth(size * 0.07)
      .stroke();
  const n = [...chars].length;
  const cols = n <= 2 ? 1 : n <= 4 ? 2 : 3;
  const rows = Math.ceil(n / cols);
  const cell = (size * (shape === 'round' ? 0.62 : 0.8)) / Math.max(rows, cols);
  doc.font(FONT_BOLD).fontSize(cell * 0.95);
  // Seals read top to bottom, right column first.
  [...chars].forEach((c, i) => {
    const col = cols - 1 - Math.floor(i / rows);
    const row = i % rows;
    const x = cx - (cols * cell) / 2 + col * cell;
    const y = cy - (rows * cell) / 2 + row * cell - cell * 0.12;
    doc.text(c, x, y, { width: cell, align: 'center', lineBreak: false });
  });
  doc.restore();
  if (seal.faint) {
    // Uneven ink: pale blotches where the pad was dry.
    doc.save().fillColor('#ffffff');
    for (let i = 0; i < 6; i++) {
      doc.fillOpacity(0.3 + rand() * 0.4);
      doc
        .circle(
          cx + (rand() - 0.5) * size,
          cy + (rand() - 0.5) * size,
          size * (0.1 + rand() * 0.15),
        )
        .fill();
    }
    doc.restore();
  }
}

/** The number the applicant writes at the top right of a proof copy: 3, ③, No.3 or (3). */
function proofNumber(doc, n, style) {
  if (n == null) return;
  const label = { plain: `${n}`, circled: '①②③④⑤'[n - 1], no: `No.${n}`, paren: `(${n})` }[style];
  text(doc, label, W - 110, 34, 26, { hand: true, color: '#1a1a55' });
}

function signature(doc, name, x, y) {
  text(doc, name, x, y, 20, { hand: true, color: '#1a1a55' });
}

const DRAW = {
  cover(doc, s, rand) {
    text(doc, '(表紙)', W - 110, 40, 10);
    centred(doc, 'がん治療認定医 更新申請書', 90, 20);
    text(doc, '一般社団法人 日本がん治療認定医機構 御中', 70, 150, 12);
    text(doc, `認定番号  ${s.certNo}`, 70, 190, 12);
    text(doc, `氏名  ${s.name}`, 70, 215, 12);
    text(
      doc,
      '申請書類提出日    2021年  9月  ' + String(s.submitDay).padStart(2, ' ') + '日',
      70,
      250,
      12,
    );
    text(doc, '申請者氏名(自署)', 70, 300, 12);
    hline(doc, 180, 440, 322);
    if (s.signed !== false) signature(doc, s.name, 205, 292);
    text(doc, '印', 452, 300, 14);
    seal(doc, s.seal, 459 + (s.seal?.dx ?? 0), 309 + (s.seal?.dy ?? 0), rand);
    centred(doc, '提出書類チェック表', 370, 13);
    const items = [
      '表紙(本紙)',
      '申請1 認定医基本情報',
      'e-learning 修了証',
      '申請2 症例一覧表(1)～(3) 病院長公印',
      '申請3 学術集会・セミナー参加一覧表',
      '参加を証明するコピー(右上に番号を記入)',
      '緩和ケア研修会の修了証(該当者のみ)',
      '氏名の変更を証明する書類(該当者のみ)',
    ];
    items.forEach((item, i) => {
      const y = 400 + i * 28;
      box(doc, 90, y, 14, 14);
      if (i < 6) text(doc, '✓', 92, y - 3, 13, { hand: true, color: '#1a1a55' });
      text(doc, item, 115, y, 11);
    });
    text(doc, '※提出書類はすべてA4サイズに揃えてください。', 70, 650, 10);
  },

  form1(doc, s) {
    text(doc, '申請1', 56, 40, 11);
    centred(doc, '認定医基本情報', 70, 18);
    const rows = [
      ['認定番号', s.certNo],
      ['氏名', s.name],
      ['氏名(カナ)', s.kana],
      ['旧姓', s.maidenName ?? ''],
      ['免許種別', '医師'],
      ['医師免許番号', s.licenceNo],
      ['所属学会', '日本癌治療学会'],
      ['会員番号', s.memberNo],
      ['会員種別', '正会員'],
      ['勤務先', s.hospital],
      ['科名', '外科'],
      ['緩和ケア研修会主催地', s.palliativeNo ? '東京都' : ''],
      ['緩和ケア研修会修了証書No.', s.palliativeNo ?? ''],
    ];
    rows.forEach(([k, v], i) => {
      const y = 120 + i * 32;
      box(doc, 60, y, 170, 32, 0.6);
      box(doc, 230, y, 305, 32, 0.6);
      text(doc, k, 68, y + 9, 10.5);
      text(doc, v, 240, y + 8, 11.5);
    });
  },

  elearning(doc, s) {
    centred(doc, '修 了 証', 110, 30);
    centred(doc, 'がん治療認定医 e-learning', 175, 14, false);
    text(doc, `氏名  ${s.name}  殿`, 150, 250, 18);
    text(doc, `認定番号  ${s.certNo}`, 150, 290, 12);
    doc.font(FONT).fontSize(12).fillColor('#111');
    doc.text(
      'あなたは本機構が定める e-learning の必須受講7分野および選択受講3分野を受講し、' +
        'ミニテストに合格したことを証します。',
      100,
      360,
      { width: W - 200 },
    );
    text(doc, s.issued, 150, 470, 12);
    text(doc, '一般社団法人 日本がん治療認定医機構', 230, 540, 13);
  },

  sheet(doc, s, rand) {
    text(doc, `申請2 症例一覧表(${s.sheetNo})`, 56, 40, 15, { bold: true });
    text(doc, `認定番号 ${s.certNo}   氏名 ${s.name}`, 56, 70, 10.5);
    text(doc, `施設名  ${s.hospital}`, 56, 90, 10.5);
    const cols = [
      ['No.', 30],
      ['診療期間', 110],
      ['診療項目', 85],
      ['年齢', 35],
      ['性別', 35],
      ['診断名', 95],
      ['病理診断名', 93],
    ];
    let x = 56;
    const top = 118;
    const rowH = 19;
    for (const [label, w] of cols) {
      box(doc, x, top, w, rowH, 0.6);
      text(doc, label, x + 3, top + 4, 8.5);
      x += w;
    }
    s.cases.forEach((c, i) => {
      const y = top + rowH * (i + 1);
      let cx = 56;
      const cells = [
        String(i + 1),
        c.period,
        c.item,
        String(c.age),
        c.sex,
        c.diagnosis,
        c.pathology,
      ];
      cells.forEach((v, j) => {
        box(doc, cx, y, cols[j][1], rowH, 0.4);
        text(doc, v, cx + 3, y + 4, 8.5);
        cx += cols[j][1];
      });
    });
    // The certification and the director's seal box follow the table: their place moves with it.
    const after = top + rowH * (s.cases.length + 1) + 24 + s.boxShift;
    text(
      doc,
      '上記の症例は、当院において申請者が担当医として診療したことを証明します。',
      56,
      after,
      9.5,
    );
    text(doc, `${s.hospital}  病院長  ${s.director}`, 56, after + 22, 10.5);
    const bx = s.boxLeft ? 80 : W - 56 - 130;
    const by = after + 48;
    box(doc, bx, by, 130, 120, 1);
    text(doc, '病院長公印', bx + 6, by + 5, 9);
    const sealCx = bx + 65 + (s.seal?.dx ?? 0);
    const sealCy = by + 66 + (s.seal?.dy ?? 0);
    seal(doc, s.seal, sealCx, sealCy, rand);
  },

  form3(doc, s) {
    text(doc, '申請3', 56, 40, 11);
    centred(doc, '学術集会・セミナー参加一覧表', 70, 17);
    text(doc, `認定番号 ${s.certNo}   氏名 ${s.name}`, 56, 110, 10.5);
    box(doc, 56, 140, 40, 26, 0.6);
    box(doc, 96, 140, 300, 26, 0.6);
    box(doc, 396, 140, 143, 26, 0.6);
    text(doc, '番号', 62, 147, 10);
    text(doc, '学術集会・セミナー名', 104, 147, 10);
    text(doc, '開催日', 404, 147, 10);
    s.attendances.forEach((a, i) => {
      const y = 166 + i * 30;
      box(doc, 56, y, 40, 30, 0.6);
      box(doc, 96, y, 300, 30, 0.6);
      box(doc, 396, y, 143, 30, 0.6);
      text(doc, String(a.no), 70, y + 8, 11);
      text(doc, a.meeting.name, 104, y + 8, 10);
      text(doc, a.meeting.start.replaceAll('-', '/'), 404, y + 8, 10);
    });
  },

  /** 参加証: the card handed out at the meeting (or the society's reissued certificate). */
  proof(doc, s, rand) {
    proofNumber(doc, s.no, s.numberStyle);
    const m = s.meeting;
    if (s.style === 'reissue') {
      centred(doc, '参加証明書', 120, 24);
      text(doc, `氏名  ${s.shownName}  殿`, 110, 210, 16);
      doc.font(FONT).fontSize(12).fillColor('#111');
      doc.text(
        `上記の者は、${m.name}(${dateRange(s.dates)})に参加したことを証明します。`,
        100,
        270,
        {
          width: W - 200,
        },
      );
      text(doc, s.issued, 300, 380, 11);
      text(doc, `${m.society} 理事長`, 300, 410, 12);
      seal(doc, { shape: 'square', chars: m.society.slice(-4), size: 56 }, 480, 420, rand);
    } else if (s.style === 'member-page') {
      text(doc, `${m.society} 会員専用ページ`, 56, 90, 12, { bold: true });
      text(doc, '受講記録・参加履歴', 56, 120, 16, { bold: true });
      text(doc, `会員氏名: ${s.shownName}`, 56, 160, 11);
      text(doc, `会員番号: ${s.memberNo}`, 56, 180, 11);
      box(doc, 56, 210, 480, 24, 0.6);
      text(doc, '学術集会名', 64, 216, 10);
      text(doc, '開催日', 400, 216, 10);
      box(doc, 56, 234, 480, 26, 0.6);
      text(doc, m.name, 64, 241, 10);
      text(doc, s.dates[0].replaceAll('-', '/'), 400, 241, 10);
      text(doc, `https://www.${m.domain}/member/history`, 56, H - 60, 9);
    } else {
      box(doc, 80, 110, W - 160, 330, 1.5);
      centred(doc, '参 加 証', 135, 28);
      centred(doc, m.name, 195, 15, false);
      centred(doc, `会期  ${dateRange(s.dates)}`, 225, 12, false);
      centred(doc, `会場  ${m.venue}`, 248, 12, false);
      text(doc, `氏名  ${s.shownName}  殿`, 130, 300, 18);
      text(doc, `所属  ${s.hospital}`, 130, 340, 12);
      text(doc, '本証は再発行いたしません。会期中は必ず着用してください。', 110, 400, 10);
    }
  },

  receipt(doc, s) {
    proofNumber(doc, s.no, s.numberStyle);
    centred(doc, '領 収 書', 110, 26);
    text(doc, `${s.shownName}  様`, 90, 190, 16);
    hline(doc, 86, 330, 212);
    text(doc, '金額  ¥15,000-', 200, 250, 20, { bold: true });
    text(doc, `但し ${s.meeting.name} 参加費として`, 90, 310, 12);
    text(doc, `${dateRange(s.dates).slice(0, 11)}  上記正に領収いたしました`, 90, 340, 11);
    text(doc, `${s.meeting.name} 運営事務局`, 250, 400, 11);
  },

  poster(doc, s) {
    proofNumber(doc, s.no, s.numberStyle);
    text(doc, s.meeting.name, 56, 80, 13, { bold: true });
    text(doc, 'ポスターセッション プログラム', 56, 108, 16, { bold: true });
    text(doc, `${dateRange(s.dates).slice(0, 11)}  ポスター会場`, 56, 140, 11);
    const titles = [
      '進行胃癌に対する術前化学療法の検討',
      '高齢者大腸癌手術の短期成績',
      '乳癌術後補助療法における有害事象の解析',
      '肝細胞癌に対するラジオ波焼灼療法の長期予後',
    ];
    titles.forEach((t, i) => {
      const y = 180 + i * 52;
      text(doc, `P-${i + 1}  ${t}`, 56, y, 11);
      text(
        doc,
        i === 1 ? `${s.shownName} (${s.hospital})` : `${s.others[i]} (${s.otherHospitals[i]})`,
        90,
        y + 18,
        10,
      );
    });
  },

  palliative(doc, s, rand) {
    text(doc, `第 ${s.number} 号`, 60, 60, 12);
    centred(doc, '修 了 証 書', 120, 28);
    text(doc, `氏名  ${s.name}`, 150, 210, 18);
    doc.font(FONT).fontSize(12).fillColor('#111');
    doc.text(
      'あなたは「がん等の診療に携わる医師等に対する緩和ケア研修会の開催指針」に準拠した' +
        '緩和ケア研修会を修了したことを証する。',
      100,
      280,
      { width: W - 200 },
    );
    text(doc, s.approved, 150, 390, 12);
    text(doc, '緩和ケア研修会 主催責任者', 250, 450, 12);
    text(doc, `${s.hospital} 病院長  ${s.director}`, 250, 475, 12);
    seal(doc, { shape: 'square', chars: '病院長印', size: 50 }, 500, 470, rand);
    text(doc, '厚生労働省健康局長通知', 250, 510, 10);
  },

  nameChange(doc, s) {
    centred(doc, '戸籍抄本', 80, 22);
    text(doc, '本籍  東京都千代田区千代田一丁目1番', 70, 140, 11);
    text(doc, `氏名  ${s.currentSurname} ${s.given}`, 70, 170, 12);
    hline(doc, 60, 535, 200);
    text(doc, '戸籍に記録されている者', 70, 215, 11);
    text(doc, `【名】${s.given}`, 90, 240, 12);
    text(doc, '【生年月日】昭和50年4月1日', 90, 265, 11);
    text(doc, '身分事項', 70, 300, 11);
    text(doc, '婚姻  【婚姻日】平成30年6月10日', 90, 325, 11);
    text(doc, `【従前戸籍】東京都新宿区西新宿二丁目8番 ${s.maidenName} 一郎`, 90, 350, 11);
    text(doc, `【従前の氏】${s.maidenName}`, 90, 375, 11);
    text(doc, 'これは、戸籍の一部事項を証明した書面である。', 70, 460, 11);
    text(doc, '令和3年8月2日  千代田区長', 250, 500, 11);
  },

  letter(doc, s) {
    text(doc, '2021年9月20日', W - 180, 60, 11);
    text(doc, '一般社団法人 日本がん治療認定医機構 事務局 御中', 56, 100, 12);
    text(doc, `${s.hospital}  ${s.name}`, W - 300, 140, 11);
    centred(doc, '書類送付のご案内', 190, 16);
    doc.font(FONT).fontSize(11.5).fillColor('#111');
    doc.text(
      '拝啓 時下ますますご清栄のこととお慶び申し上げます。\n' +
        'がん治療認定医の更新申請にあたり、下記の書類を同封いたしましたので、' +
        'ご査収のほどよろしくお願い申し上げます。\n' +
        '敬具',
      70,
      240,
      { width: W - 140, lineGap: 6 },
    );
    centred(doc, '記', 380, 12, false);
    ['申請書一式', '参加証のコピー', 'e-learning 修了証'].forEach((item, i) =>
      text(doc, `${i + 1}. ${item}`, 120, 410 + i * 24, 11),
    );
    text(doc, '以上', W - 120, 500, 11);
  },

  other(doc, s) {
    centred(doc, s.title, 100, 18);
    doc.font(FONT).fontSize(11).fillColor('#111');
    doc.text(s.body, 80, 160, { width: W - 160, lineGap: 5 });
  },
};

/** `2021年10月21日(木)～23日(土)` from ISO days. */
export function dateRange(days) {
  const wd = '日月火水木金土';
  const fmt = (iso, withYear) => {
    const [y, m, d] = iso.split('-').map(Number);
    const w = wd[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
    return withYear ? `${y}年${m}月${d}日(${w})` : `${d}日(${w})`;
  };
  if (days.length === 1 || days[0] === days[1]) return fmt(days[0], true);
  const sameMonth = days[0].slice(0, 7) === days[1].slice(0, 7);
  return `${fmt(days[0], true)}～${sameMonth ? fmt(days[1], false) : fmt(days[1], true).slice(5)}`;
}
