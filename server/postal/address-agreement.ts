import { compactText } from '../common/japanese-text.js';
import {
  hyphenated,
  lookupPostalCode,
  postalDigits,
  type PostalPlace,
} from './postal-dictionary.js';

/**
 * Whether an address agrees with its postal code as Japan Post's data has it: the code exists,
 * and one of its places has the address's prefecture and begins the address with its city.
 * Compared after NFKC and with variant kanji folded (the scans' folding: 濵 = 浜, 﨑 = 崎), ヶ = ケ,
 * spaces ignored; the city may be written without its 郡 (上川郡東川町 as 東川町), without the
 * island of Tokyo's island villages (三宅島三宅村 as 三宅村), and a 政令市's ward may be left
 * out (札幌市北一条西 for 札幌市中央区), but not written as another ward. Pure.
 */

export interface MailingAddressParts {
  postalCode?: string | null;
  prefecture?: string | null;
  /** The address after the prefecture (formats.md); a prefecture written again is tolerated. */
  address?: string | null;
}

export type AddressAgreement =
  | { kind: 'agrees'; code: string; place: PostalPlace }
  /** Not seven digits: the address is incomplete, not wrong. */
  | { kind: 'no-code' }
  | { kind: 'unknown-code'; code: string }
  | {
      kind: 'prefecture-disagrees' | 'city-disagrees';
      code: string;
      /** The prefecture and city the code belongs to: 東京都千代田区 (「、」 between several). */
      expected: string;
      places: PostalPlace[];
    };

/** Comparable form: NFKC, variant kanji folded, small ヶ ヵ as ケ カ, no spaces. */
function comparable(text: string | null | undefined): string {
  return compactText(text ?? '')
    .replace(/ヶ/g, 'ケ')
    .replace(/ヵ/g, 'カ');
}

/** A city written in full or as people shorten it; `wardCity` is a 政令市 whose ward was left out. */
function cityForms(city: string): { forms: string[]; wardCity: string | null } {
  const forms = [city];
  const district = /^.+?郡(.+[町村])$/.exec(city);
  if (district) forms.push(district[1]);
  const island = /^.+?島(.+[町村])$/.exec(city);
  if (island) forms.push(island[1]);
  const ward = /^(.+?市)(.+区)$/.exec(city);
  return { forms, wardCity: ward ? ward[1] : null };
}

/** Whether `address` (comparable, prefecture removed) begins with the place's city. */
function beginsWithCity(address: string, place: PostalPlace): boolean {
  const { forms, wardCity } = cityForms(comparable(place.city));
  if (forms.some((form) => address.startsWith(form))) return true;
  // 札幌市 followed by the town is the ward left out; 浜松市中区 names a ward (here a former one).
  return (
    wardCity !== null &&
    address.startsWith(wardCity) &&
    !/^.{1,4}区/.test(address.slice(wardCity.length))
  );
}

function expectedOf(places: readonly PostalPlace[]): string {
  return [...new Set(places.map((p) => `${p.prefecture}${p.city}`))].join('、');
}

/** Answers for the addresses seen last: a list's summary compares each address once a list. */
const recent = new Map<string, AddressAgreement>();
const RECENT_MAX = 5000;

/** Compares an address with what the postal-code data says of its code. */
export function compareAddress(parts: MailingAddressParts): AddressAgreement {
  const key = `${parts.postalCode ?? ''}\u0000${parts.prefecture ?? ''}\u0000${parts.address ?? ''}`;
  let agreement = recent.get(key);
  if (!agreement) {
    if (recent.size >= RECENT_MAX) recent.clear();
    agreement = compareWithData(parts);
    recent.set(key, agreement);
  }
  return agreement;
}

function compareWithData(parts: MailingAddressParts): AddressAgreement {
  const digits = postalDigits(parts.postalCode);
  if (!digits) return { kind: 'no-code' };
  const code = hyphenated(digits);
  const places = lookupPostalCode(digits);
  if (places.length === 0) return { kind: 'unknown-code', code };
  const prefecture = comparable(parts.prefecture);
  const inPrefecture = places.filter((p) => comparable(p.prefecture) === prefecture);
  if (inPrefecture.length === 0) {
    return { kind: 'prefecture-disagrees', code, expected: expectedOf(places), places };
  }
  let address = comparable(parts.address);
  if (prefecture && address.startsWith(prefecture)) address = address.slice(prefecture.length);
  const place = inPrefecture.find((p) => beginsWithCity(address, p));
  if (place) return { kind: 'agrees', code, place };
  return { kind: 'city-disagrees', code, expected: expectedOf(inPrefecture), places: inPrefecture };
}

/**
 * What is wrong with the address by the postal-code data, for a person to fix
 * (「郵便番号 100-0001 は 東京都千代田区 の番号です…」); null when it agrees or has no code.
 */
export function addressDisagreement(agreement: AddressAgreement): string | null {
  switch (agreement.kind) {
    case 'agrees':
    case 'no-code':
      return null;
    case 'unknown-code':
      return `郵便番号 ${agreement.code} は郵便番号データにありません。郵便番号を確かめてください`;
    case 'prefecture-disagrees':
      return `郵便番号 ${agreement.code} は ${agreement.expected} の番号です(都道府県が違います)。郵便番号か住所を確かめてください`;
    case 'city-disagrees':
      return `郵便番号 ${agreement.code} は ${agreement.expected} の番号です(市区町村が違います)。郵便番号か住所を確かめてください`;
  }
}
