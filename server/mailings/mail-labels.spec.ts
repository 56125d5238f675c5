import { cp932ByteLength } from '../common/cp932.js';
import type { MailingRow } from './mailing-lists.js';
import {
  honorificOf,
  labelCells,
  labelOf,
  LABEL_HEADER,
  splitByBytes,
  splitName,
  splitRecipient,
} from './mail-labels.js';

const row = (patch: Partial<MailingRow> = {}): MailingRow => ({
  certNo: '000001',
  name: '髙橋 花子',
  postalCode: '113-8655',
  prefecture: '東京都',
  address: '文京区本郷7-3-1',
  recipient: '東京大学医学部附属病院 腫瘍内科',
  extra: [],
  addressCheck: '',
  ...patch,
});

describe('address labels', () => {
  it('splits a text in lines of at most 50 CP932 bytes, never inside a character', () => {
    const long = '北海道札幌市中央区北一条西二十丁目一番地二号シンサ医療センタービル別館東棟十五階';
    const lines = splitByBytes(long);
    expect(lines.join('')).toBe(long);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(cp932ByteLength(line)).toBeLessThanOrEqual(50);
    // 25 full-width characters are 50 bytes: the first line is full.
    expect([...lines[0]]).toHaveLength(25);
    // Half-width digits are one byte; a full-width character never straddles the limit.
    const mixed = 'a'.repeat(49) + '東京';
    expect(splitByBytes(mixed)).toEqual(['a'.repeat(49), '東京']);
    // Characters outside the BMP stay whole (one code point, never half a surrogate pair).
    const lines2 = splitByBytes('𠮷'.repeat(60));
    expect(lines2.join('')).toBe('𠮷'.repeat(60));
    for (const line of lines2) expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('breaks at a space in the second half of a line rather than inside a word', () => {
    const text = '千代田区丸の内一丁目九番一号グラントウキョウノース タワー二十三階';
    const lines = splitByBytes(text);
    expect(lines[0]).toBe('千代田区丸の内一丁目九番一号グラントウキョウノース');
    expect(lines[1]).toBe('タワー二十三階');
    expect(splitByBytes('  ')).toEqual([]);
  });

  it('gives 様 to a person and 御中 to an organisation addressed without one', () => {
    expect(honorificOf('髙橋 花子', '東京大学医学部附属病院')).toBe('様');
    expect(honorificOf('', '東京大学医学部附属病院')).toBe('御中');
    expect(honorificOf('髙橋 花子', '')).toBe('様');
    expect(labelOf(row({ name: '' })).honorific).toBe('御中');
  });

  it('parts 姓 and 名, organisation and department', () => {
    expect(splitName('髙橋 花子')).toEqual({ familyName: '髙橋', givenName: '花子' });
    expect(splitName('髙橋　花子')).toEqual({ familyName: '髙橋', givenName: '花子' });
    expect(splitName('ジョン')).toEqual({ familyName: 'ジョン', givenName: '' });
    expect(splitRecipient('東京大学医学部附属病院 腫瘍内科 外来')).toEqual({
      organisation: '東京大学医学部附属病院',
      department: '腫瘍内科 外来',
    });
    expect(splitRecipient('')).toEqual({ organisation: '', department: '' });
  });

  it('writes a label row in the header’s columns, saying what does not fit', () => {
    const label = labelOf(row());
    expect(labelCells(label)).toEqual([
      '000001',
      '113-8655',
      '東京都文京区本郷7-3-1',
      '',
      '',
      '東京大学医学部附属病院',
      '腫瘍内科',
      '髙橋',
      '花子',
      '様',
      '',
    ]);
    expect(labelCells(label)).toHaveLength(LABEL_HEADER.length);
    const huge = labelOf(
      row({
        address: '東'.repeat(100),
        recipient: `${'院'.repeat(30)} 科`,
        addressCheck: '郵便番号なし',
      }),
    );
    expect(huge.addressLines).toHaveLength(3);
    expect(huge.addressLines.join('')).toBe(`東京都${'東'.repeat(100)}`);
    expect(huge.check).toContain('郵便番号なし');
    expect(huge.check).toContain('住所が3行(各50バイト)に収まりません');
    expect(huge.check).toContain('組織名が50バイトを超えています');
  });
});
