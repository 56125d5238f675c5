/**
 * Japanese text made comparable: NFKC (circled and full-width digits, half-width katakana),
 * variant kanji folded to one form (髙 → 高: a name is the same person whichever the font, the
 * OCR or the typist chose), spaces and middle dots removed. Read by the scans' name matching
 * and by the console's search alike. Pure.
 */

/**
 * Variant kanji (異体字) folded to the common form. Names on proofs are printed in whatever the
 * society's system holds, OCR often reads the rarer form as the common one: both sides fold.
 * (Most compatibility ideographs, such as 祐 U+FA1A, fold by NFKC already; 﨑 U+FA11 does not.)
 */
const VARIANT_GROUPS: readonly string[] = [
  '高髙',
  '崎﨑嵜碕',
  '辺邉邊',
  '斎齋齊斉',
  '沢澤',
  '浜濱濵',
  '広廣',
  '国國',
  '桜櫻',
  '真眞',
  '島嶋嶌',
  '藤籐',
  '吉𠮷',
  '徳德',
  '恵惠',
  '栄榮',
  '竜龍',
  '滝瀧',
  '条條',
  '富冨',
  '峰峯',
  '晃晄',
  '鉄鐵',
  '実實',
  '学學',
  '会會',
  '県縣',
  '芸藝',
  '来來',
  '礼禮',
  '壮壯',
  '恒恆',
  '亜亞',
  '悦悅',
  '円圓',
  '応應',
  '桧檜',
  '蛍螢',
  '槙槇',
  '凛凜',
  '遥遙',
  '寿壽',
  '将將',
  '万萬',
  '与與',
  '弥彌',
  '岩巖',
  '関關',
  '黒黑',
  '艶艷',
  '曽曾',
  '増增',
  '鶏雞',
  '顕顯',
  '剣劍',
  '径徑',
  '巣巢',
  '渉涉',
  '瀬瀨',
  '薫薰',
  '穂穗',
  '静靜',
  '伝傳',
  '沖冲',
  '塩鹽',
  '青靑',
  '清淸',
  '土𡈽',
  '郎郞',
  '経經',
  '継繼',
  '続續',
  '薗園',
  '舘館',
  '槌鎚',
  '昂昻',
  '檮梼',
  '淵渕渊',
  '冴冱',
  '堯尭',
  '煕熙',
  '穣穰',
  '兎兔',
  '鴎鷗',
];

const FOLD = new Map<string, string>();
for (const group of VARIANT_GROUPS) {
  const [common, ...variants] = [...group.normalize('NFKC')];
  for (const c of variants) if (c !== common) FOLD.set(c, common);
}

/** Spaces of any width, middle dots and the separators OCR puts between letters. */
const SPACING = /[\s\u3000・･·\u30fb_]/g;

/** NFKC, then variant kanji folded: for comparing names and titles. Keeps spacing. */
export function normaliseText(text: string): string {
  let out = '';
  for (const c of text.normalize('NFKC')) out += FOLD.get(c) ?? c;
  return out;
}

/** {@link normaliseText} without spaces and middle dots: the key two strings compare by. */
export function compactText(text: string): string {
  return normaliseText(text).replace(SPACING, '');
}
