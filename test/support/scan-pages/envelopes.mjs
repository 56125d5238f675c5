/*
 * Realistic envelopes for reading tests and the benchmark: an applicant's dossier facts, the
 * pages they sent (drawn by draw.mjs, scanned by effects.mjs with one scan effect per envelope)
 * and the findings a careful clerk would record. Defects are put in on purpose: a missing seal,
 * a receipt or a poster programme instead of a proof, a surname-only or another person's proof,
 * the wrong meeting, a date outside the meeting, a missing page, a wrong certificate number.
 * Deterministic by seed.
 */
import { drawPage } from './draw.mjs';
import * as fx from './effects.mjs';

export const EFFECTS = [
  'clean',
  'jpeg-q40',
  'skew',
  'turned',
  'noise',
  'grey',
  'bilevel-ccitt',
  'faint-seal',
  'shuffled',
  'mixed-files',
];

export const DEFECTS = [
  'cover-seal-missing',
  'sheet-seal-missing',
  'sheet-missing',
  'elearning-missing',
  'elearning-other-person',
  'attendance-missing',
  'attendance-receipt',
  'attendance-poster',
  'attendance-surname-only',
  'attendance-other-person',
  'attendance-wrong-meeting',
  'attendance-date-outside',
  'palliative-wrong-number',
  'palliative-missing',
  'name-change-missing',
];

export const MEETINGS = [
  [
    '第55回日本癌治療学会学術集会',
    '日本癌治療学会',
    '2017-10-20',
    '2017-10-22',
    'パシフィコ横浜',
    'jsco.or.jp',
  ],
  [
    '第56回日本癌治療学会学術集会',
    '日本癌治療学会',
    '2018-10-18',
    '2018-10-20',
    'パシフィコ横浜',
    'jsco.or.jp',
  ],
  [
    '第57回日本癌治療学会学術集会',
    '日本癌治療学会',
    '2019-10-24',
    '2019-10-26',
    '福岡国際会議場',
    'jsco.or.jp',
  ],
  [
    '第58回日本癌治療学会学術集会',
    '日本癌治療学会',
    '2020-10-22',
    '2020-10-24',
    '国立京都国際会館',
    'jsco.or.jp',
  ],
  [
    '第59回日本癌治療学会学術集会',
    '日本癌治療学会',
    '2021-10-21',
    '2021-10-23',
    'パシフィコ横浜',
    'jsco.or.jp',
  ],
  [
    '第76回日本癌学会学術総会',
    '日本癌学会',
    '2017-09-28',
    '2017-09-30',
    'パシフィコ横浜',
    'jca.gr.jp',
  ],
  [
    '第77回日本癌学会学術総会',
    '日本癌学会',
    '2018-09-27',
    '2018-09-29',
    '大阪国際会議場',
    'jca.gr.jp',
  ],
  [
    '第26回日本乳癌学会学術総会',
    '日本乳癌学会',
    '2018-05-16',
    '2018-05-18',
    '国立京都国際会館',
    'jbcs.gr.jp',
  ],
  [
    '第119回日本外科学会定期学術集会',
    '日本外科学会',
    '2019-04-18',
    '2019-04-20',
    '大阪国際会議場',
    'jssoc.or.jp',
  ],
  [
    '第17回日本臨床腫瘍学会学術集会',
    '日本臨床腫瘍学会',
    '2020-02-27',
    '2020-02-29',
    '国立京都国際会館',
    'jsmo.or.jp',
  ],
  [
    '第15回がん治療認定医教育セミナー',
    '日本がん治療認定医機構',
    '2019-03-10',
    '2019-03-10',
    '東京国際フォーラム',
    'jbct.jp',
  ],
].map(([name, society, start, end, venue, domain]) => ({
  name,
  society,
  start,
  end,
  venue,
  domain,
}));

/** Family names with the variant a society's system may print instead. */
const FAMILIES = [
  ['髙橋', '高橋'],
  ['山﨑', '山崎'],
  ['渡邉', '渡辺'],
  ['齋藤', '斎藤'],
  ['澤田', '沢田'],
  ['濱田', '浜田'],
  ['廣瀬', '広瀬'],
  ['佐藤'],
  ['鈴木'],
  ['田中'],
  ['伊藤'],
  ['中村'],
  ['小林'],
  ['加藤'],
  ['吉田'],
  ['山田'],
  ['松本'],
  ['井上'],
  ['木村'],
  ['清水'],
];
const GIVEN = [
  '一郎',
  '健太',
  '美咲',
  '直子',
  '翔太',
  '由美',
  '大輔',
  '恵子',
  '拓也',
  '裕子',
  '和也',
  '智子',
  '浩二',
  '陽子',
  '誠司',
];
const HOSPITALS = [
  '東京中央病院',
  '横浜市立みなと病院',
  '大阪北部医療センター',
  '名古屋東病院',
  '札幌南総合病院',
  '福岡西部病院',
];
const DIRECTORS = ['佐藤 健', '石川 誠', '森 和夫', '長谷川 修', '中島 博'];
const DIAGNOSES = [
  ['胃癌', '腺癌'],
  ['大腸癌', '腺癌'],
  ['肺癌', '扁平上皮癌'],
  ['乳癌', '浸潤性乳管癌'],
  ['膵癌', '腺癌'],
  ['肝細胞癌', '無し'],
];
const ITEMS = ['手術', '薬物療法', '放射線治療', '緩和治療', '内視鏡的治療', '経過観察'];

/** A seeded generator (mulberry32): the same seed gives the same envelopes. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (rand, list) => list[Math.floor(rand() * list.length)];
const shuffle = (rand, list) => {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

/**
 * The dossier, its pages (as drawing specs) and the expected findings of applicant `index`.
 * `effect` defaults to EFFECTS[index % EFFECTS.length]; `defects` to a draw (about 60% of
 * envelopes have one, 20% two).
 */
export function planEnvelope(index, { seed = 7, effect, defects, applicant } = {}) {
  const rand = random(seed * 100003 + index);
  effect ??= EFFECTS[index % EFFECTS.length];
  // `applicant`: the pages of a given dossier (an imported bundle's) instead of a made-up one.
  const [family, printedFamily = family] = applicant ? [applicant.family] : pick(rand, FAMILIES);
  const given = applicant ? applicant.given : pick(rand, GIVEN);
  const maidenName = applicant
    ? (applicant.maidenName ?? null)
    : rand() < 0.15
      ? pick(rand, ['大野', '西村', '岡田', '藤井', '村上'])
      : null;
  const certNo = applicant?.certNo ?? String(10000 + index * 37).padStart(6, '0');
  const receiptNo = applicant?.receiptNo ?? `R2021-${String(index + 1).padStart(6, '0')}`;
  const hospital = pick(rand, HOSPITALS);
  const sheetNos =
    applicant?.sheetNos ??
    Array.from({ length: rand() < 0.6 ? 1 : rand() < 0.75 ? 2 : 3 }, (_, i) => i + 1);
  const sheetCount = sheetNos.length;
  const meetings = applicant
    ? applicant.attendances.map((a) => ({
        society: '日本癌治療学会',
        venue: '国立京都国際会館',
        domain: 'jsco.or.jp',
        ...a.meeting,
      }))
    : shuffle(rand, MEETINGS).slice(0, 3 + Math.floor(rand() * 3));
  const attendances = meetings.map((m, i) => ({
    no: applicant ? applicant.attendances[i].no : i + 1,
    meeting: m,
  }));
  const palliativeRequired = applicant ? applicant.palliativeNo !== null : rand() < 0.2;
  const palliativeNo = applicant
    ? applicant.palliativeNo
    : palliativeRequired
      ? String(100000 + Math.floor(rand() * 899999))
      : null;
  if (!defects) {
    const possible = DEFECTS.filter(
      (d) =>
        (!d.startsWith('palliative') || palliativeRequired) &&
        (d !== 'name-change-missing' || maidenName),
    );
    const count = rand() < 0.4 ? 0 : rand() < 0.67 ? 1 : 2;
    defects = shuffle(rand, possible).slice(0, count);
  }
  const has = (d) => defects.includes(d);
  const name = `${family} ${given}`;
  // Proofs print the family name as the society holds it (a variant), or the former one.
  const shownOnProofs = () =>
    maidenName && rand() < 0.5 ? `${maidenName} ${given}` : `${printedFamily} ${given}`;
  const faint = effect === 'faint-seal';
  const sealTilt = () => (rand() - 0.5) * 16;

  const expected = [];
  const pages = [];
  const push = (spec) => pages.push(spec);

  // Cover.
  push({
    kind: 'cover',
    certNo,
    name,
    submitDay: 10 + Math.floor(rand() * 18),
    seal: {
      shape: 'round',
      chars: family,
      size: 32 + rand() * 6,
      faint,
      absent: has('cover-seal-missing'),
      tilt: sealTilt(),
      dx: (rand() - 0.5) * 6,
      dy: (rand() - 0.5) * 6,
    },
  });
  expected.push({
    rule: 'doc.cover',
    ref: null,
    finding: has('cover-seal-missing') ? 'insufficient' : 'found',
    defect: has('cover-seal-missing') ? 'cover-seal-missing' : null,
  });
  push({
    kind: 'form1',
    certNo,
    name,
    kana: 'ヤマダ タロウ',
    maidenName,
    licenceNo: String(300000 + index),
    memberNo: String(5000 + index),
    hospital,
    palliativeNo,
  });

  // e-learning certificate.
  if (has('elearning-missing')) {
    expected.push({
      rule: 'doc.elearning',
      ref: null,
      finding: 'missing',
      defect: 'elearning-missing',
    });
  } else {
    const other = has('elearning-other-person');
    push({
      kind: 'elearning',
      certNo,
      name: other ? otherName(rand, family, given) : name,
      issued: '2021年7月10日',
    });
    expected.push({
      rule: 'doc.elearning',
      ref: null,
      finding: other ? 'insufficient' : 'found',
      defect: other ? 'elearning-other-person' : null,
    });
  }

  // Case sheets and their seals.
  const sealDefectSheet = has('sheet-seal-missing') ? pick(rand, sheetNos) : null;
  const missingSheet = has('sheet-missing') ? sheetNos[sheetNos.length - 1] : null;
  for (const sheetNo of sheetNos) {
    if (sheetNo === missingSheet) {
      expected.push({
        rule: 'doc.seal',
        ref: `sheet:${sheetNo}`,
        finding: 'missing',
        defect: 'sheet-missing',
      });
      continue;
    }
    const cases = Array.from(
      { length: sheetCount === 1 ? 20 + Math.floor(rand() * 6) : 4 + Math.floor(rand() * 12) },
      () => {
        const [diagnosis, pathology] = pick(rand, DIAGNOSES);
        const y = 2017 + Math.floor(rand() * 4);
        return {
          period: `${y}/0${1 + Math.floor(rand() * 9)}～${y + 1}/03`,
          item: pick(rand, ITEMS),
          age: 40 + Math.floor(rand() * 45),
          sex: rand() < 0.5 ? '男' : '女',
          diagnosis,
          pathology,
        };
      },
    );
    const absent = sheetNo === sealDefectSheet;
    const round = rand() < 0.3;
    push({
      kind: 'sheet',
      sheetNo,
      certNo,
      name,
      hospital,
      director: pick(rand, DIRECTORS),
      cases,
      boxShift: Math.floor(rand() * 30),
      boxLeft: rand() < 0.15,
      seal: {
        shape: round ? 'round' : 'square',
        chars: round ? '病院長印' : `${hospital.slice(0, 4)}院長之印`.slice(-6),
        size: round ? 58 + rand() * 12 : 62 + rand() * 18,
        faint,
        absent,
        tilt: sealTilt() / 2,
        dx: (rand() - 0.5) * 16,
        dy: (rand() - 0.5) * 10,
      },
    });
    expected.push({
      rule: 'doc.seal',
      ref: `sheet:${sheetNo}`,
      finding: absent ? 'missing' : 'found',
      defect: absent ? 'sheet-seal-missing' : null,
    });
  }

  push({ kind: 'form3', certNo, name, attendances });

  // Attendance proofs, numbered top right.
  const attendanceDefects = DEFECTS.filter((d) => d.startsWith('attendance-') && has(d));
  const defectOf = new Map(
    attendanceDefects.map((d, i) => [attendances[attendances.length - 1 - i]?.no, d]),
  );
  for (const a of attendances) {
    const defect = defectOf.get(a.no) ?? null;
    expected.push({
      rule: 'doc.attendance',
      ref: `attendance:${a.no}`,
      finding: defect === 'attendance-missing' ? 'missing' : defect ? 'insufficient' : 'found',
      defect,
    });
    if (defect === 'attendance-missing') continue;
    let meeting = a.meeting;
    let dates = [meeting.start, meeting.end];
    let shownName = shownOnProofs();
    let kind = 'proof';
    if (defect === 'attendance-receipt') kind = 'receipt';
    if (defect === 'attendance-poster') kind = 'poster';
    if (defect === 'attendance-surname-only') shownName = printedFamily;
    if (defect === 'attendance-other-person') shownName = otherName(rand, family, given);
    if (defect === 'attendance-wrong-meeting') {
      meeting = pick(
        rand,
        MEETINGS.filter((m) => !meetings.includes(m)),
      );
      dates = [meeting.start, meeting.end];
    }
    if (defect === 'attendance-date-outside')
      dates = dates.map((d) => `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`);
    push({
      kind,
      style: pick(rand, ['card', 'card', 'reissue', 'member-page']),
      no: a.no,
      numberStyle: pick(rand, ['plain', 'plain', 'circled', 'no', 'paren']),
      meeting,
      dates,
      shownName,
      hospital,
      memberNo: String(5000 + index),
      issued: '2021年8月2日',
      others: ['中川 聡', '青木 真理', '松田 悟', '石井 愛'],
      otherHospitals: ['京都南病院', '神戸中央病院', '仙台北病院', '広島東病院'],
    });
  }

  if (palliativeRequired) {
    if (has('palliative-missing')) {
      expected.push({
        rule: 'doc.palliative',
        ref: null,
        finding: 'missing',
        defect: 'palliative-missing',
      });
    } else {
      const wrong = has('palliative-wrong-number');
      push({
        kind: 'palliative',
        number: wrong ? String(Number(palliativeNo) + 1111) : palliativeNo,
        name: maidenName ? `${maidenName} ${given}` : name,
        approved: '2019年11月3日',
        hospital,
        director: pick(rand, DIRECTORS),
      });
      expected.push({
        rule: 'doc.palliative',
        ref: null,
        finding: wrong ? 'insufficient' : 'found',
        defect: wrong ? 'palliative-wrong-number' : null,
      });
    }
  }
  if (maidenName) {
    if (has('name-change-missing')) {
      expected.push({
        rule: 'doc.name-change',
        ref: null,
        finding: 'missing',
        defect: 'name-change-missing',
      });
    } else {
      push({ kind: 'nameChange', currentSurname: family, given, maidenName });
      expected.push({ rule: 'doc.name-change', ref: null, finding: 'found', defect: null });
    }
  }

  let ordered = pages;
  if (effect === 'shuffled') {
    ordered = [{ kind: 'letter', name, hospital }, ...shuffle(rand, pages)];
  } else if (rand() < 0.15) {
    ordered = [{ kind: 'letter', name, hospital }, ...pages];
  }
  return {
    index,
    receiptNo,
    effect,
    defects,
    facts: {
      family,
      given,
      maidenName,
      sheetNos,
      attendances: attendances.map((a) => ({
        no: a.no,
        meetingName: a.meeting.name,
        start: a.meeting.start,
        end: a.meeting.end,
      })),
      palliative: { required: palliativeRequired, certificateNo: palliativeNo },
    },
    pages: ordered,
    expected,
    seed: seed * 100003 + index,
  };
}

function otherName(rand, family, given) {
  const others = FAMILIES.map((f) => f[0]).filter((f) => f !== family);
  return `${pick(rand, others)} ${pick(
    rand,
    GIVEN.filter((g) => g !== given),
  )}`;
}

/**
 * Draws and scans an envelope's pages with its effect: the files the mail room stores, in
 * scan order (`{ name, mediaType, bytes }`), and for each page of each file its drawing kind.
 */
export async function scanEnvelope(plan) {
  const rand = random(plan.seed + 1);
  const images = [];
  for (const spec of plan.pages) images.push(await fx.rasterise(await drawPage(spec, rand)));
  const e = plan.effect;
  const scanned = [];
  for (const [i, img] of images.entries()) {
    let out = img;
    if (e === 'jpeg-q40') out = await fx.jpegRoundTrip(img, 40);
    if (e === 'skew') out = await fx.rotate(img, (rand() < 0.5 ? -1 : 1) * (1 + rand() * 3));
    if (e === 'turned' && i % 3 === 1) out = await fx.rotate(img, pick(rand, [90, 180, 270]));
    if (e === 'noise') out = await fx.addNoise(await fx.rotate(img, (rand() - 0.5) * 2), rand);
    if (e === 'grey') out = await fx.grey(img);
    scanned.push(out);
  }
  const base = plan.receiptNo;
  if (e === 'bilevel-ccitt') {
    const pdfPages = [];
    for (const img of scanned)
      pdfPages.push(await fx.ccittPdfPage(img, 165 + Math.floor(rand() * 15)));
    return [{ name: `${base}.pdf`, mediaType: 'application/pdf', bytes: fx.scannerPdf(pdfPages) }];
  }
  if (e === 'mixed-files') {
    const files = [];
    let k = 0;
    let n = 1;
    while (k < scanned.length) {
      const form = pick(rand, ['png', 'jpeg', 'tiff', 'pdf', 'encrypted']);
      const take =
        form === 'tiff' || form === 'pdf' || form === 'encrypted'
          ? Math.min(2 + Math.floor(rand() * 2), scanned.length - k)
          : 1;
      const group = scanned.slice(k, k + take);
      const name = `${base}-${n++}`;
      if (form === 'png')
        files.push({
          name: `${name}.png`,
          mediaType: 'image/png',
          bytes: await fx.pngOf(group[0]),
        });
      if (form === 'jpeg')
        files.push({
          name: `${name}.jpg`,
          mediaType: 'image/jpeg',
          bytes: await fx.jpegOf(group[0], 80),
        });
      if (form === 'tiff')
        files.push({ name: `${name}.tif`, mediaType: 'image/tiff', bytes: await fx.tiffOf(group) });
      if (form === 'pdf') {
        const pdfPages = [];
        // One page stored sideways, turned upright by /Rotate.
        for (const [j, img] of group.entries())
          pdfPages.push(await fx.jpegPdfPage(img, 80, j === 0 ? 90 : 0));
        files.push({
          name: `${name}.pdf`,
          mediaType: 'application/pdf',
          bytes: fx.scannerPdf(pdfPages),
        });
      }
      if (form === 'encrypted')
        files.push({
          name: `${name}.pdf`,
          mediaType: 'application/pdf',
          bytes: await fx.encryptedPdf(group),
        });
      k += take;
    }
    return files;
  }
  const quality = e === 'jpeg-q40' ? 40 : e === 'noise' ? 75 : 85;
  const pdfPages = [];
  for (const img of scanned) pdfPages.push(await fx.jpegPdfPage(img, quality));
  return [{ name: `${base}.pdf`, mediaType: 'application/pdf', bytes: fx.scannerPdf(pdfPages) }];
}
