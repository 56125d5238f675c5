import iconv from 'iconv-lite';
import { cp932ByteLength, encodeCp932, notInCp932, toCp932Forms } from './cp932.js';

describe('CP932 output', () => {
  it('writes the WAVE DASH family as CP932’s own characters', () => {
    expect(toCp932Forms('9時〜17時 −5 ‖ — ¢£¬¦')).toBe('9時～17時 －5 ∥ ― ￠￡￢￤');
    expect(iconv.decode(encodeCp932('〜−‖'), 'cp932')).toBe('～－∥');
  });

  it('reports only what CP932 still cannot hold once mapped', () => {
    expect(notInCp932(toCp932Forms('東京〜大阪 −'))).toBe('');
    expect(notInCp932(toCp932Forms('𠮷野〜'))).toBe('𠮷');
    // Without the mapping the wave dash would be lost.
    expect(notInCp932('〜')).toBe('〜');
  });
});

describe('CP932 byte length', () => {
  it('counts one byte for ASCII and half-width kana, two for the rest, after mapping', () => {
    expect(cp932ByteLength('abc')).toBe(3);
    expect(cp932ByteLength('ｱｲｳ')).toBe(3);
    expect(cp932ByteLength('東京〜−‖')).toBe(10);
    // A character CP932 cannot hold becomes one `?`.
    expect(cp932ByteLength('𠮷')).toBe(1);
  });
});
