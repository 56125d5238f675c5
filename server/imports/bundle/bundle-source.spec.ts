import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeZip, ZipEntrySpec } from '../../../test/support/zip-writer.js';
import { BundleError, extractZip, openBundle, unsafeEntryName } from './bundle-source.js';

const base = mkdtempSync(join(tmpdir(), 'shinsa-bundle-'));
let n = 0;
function zip(entries: ZipEntrySpec[]): string {
  const path = join(base, `z${++n}.zip`);
  writeFileSync(path, makeZip(entries));
  return path;
}
const work = () => join(base, `work${++n}`);

describe('zip entry names', () => {
  it.each([
    ['../evil.csv', '「..」'],
    ['a/../../evil.csv', '「..」'],
    ['/etc/passwd', '絶対パス'],
    ['C:/Windows/x.csv', '絶対パス'],
    ['a\\b.csv', '「\\」'],
  ])('refuses %s', (name, reason) => expect(unsafeEntryName(name)).toContain(reason));

  it.each(['cases.csv', 'bundle/cases.csv', 'scans/R2021-000001-1.png', 'a..b.csv'])(
    'accepts %s',
    (name) => expect(unsafeEntryName(name)).toBeNull(),
  );
});

describe('zip bundles', () => {
  it('expands a zip of a folder and finds the files one level down', async () => {
    const bundle = await openBundle(
      zip([
        { name: 'export/' },
        { name: 'export/applicants.csv', data: '認定番号\r\n1\r\n' },
        { name: 'export/scans/R1-1.png', data: 'x' },
        { name: 'export/notes.txt', data: 'hello' },
      ]),
      work(),
    );
    expect([...bundle.files.keys()]).toEqual(['applicants.csv']);
    expect(bundle.scans.map((s) => s.name)).toEqual(['R1-1.png']);
    expect(bundle.ignored).toEqual(['notes.txt']);
  });

  it.each([
    [[{ name: '../evil.csv', data: 'x' }], '「..」'],
    [[{ name: '/tmp/evil.csv', data: 'x' }], '絶対パス'],
    [
      [
        { name: 'cases.csv', data: 'x' },
        { name: 'link', data: '/etc/passwd', mode: 0o120777 },
      ],
      'リンク',
    ],
  ])('refuses an unsafe zip whole and leaves nothing behind (%#)', async (entries, reason) => {
    const target = work();
    await expect(extractZip(zip(entries), target)).rejects.toThrow(reason);
    expect(existsSync(target)).toBe(false);
    expect(existsSync(join(base, 'evil.csv'))).toBe(false);
  });

  it('stops a zip bomb by its expansion ratio before writing it', async () => {
    const target = work();
    const bomb = zip([{ name: 'cases.csv', data: Buffer.alloc(20 * 1024 * 1024) }]);
    await expect(extractZip(bomb, target)).rejects.toThrow(/zip 爆弾/);
    expect(existsSync(target)).toBe(false);
  });

  it('stops at the size limit, counting the bytes really expanded', async () => {
    const target = work();
    const big = zip([
      { name: 'a.csv', data: 'x'.repeat(600_000), store: true },
      { name: 'b.csv', data: 'y'.repeat(600_000), store: true },
    ]);
    await expect(
      extractZip(big, target, { maxBytes: 1_000_000, maxEntries: 10, maxRatio: 200 }),
    ).rejects.toThrow(/上限/);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses too many entries', async () => {
    const many = zip(Array.from({ length: 12 }, (_, i) => ({ name: `f${i}.csv`, data: 'x' })));
    await expect(
      extractZip(many, work(), { maxBytes: 1e9, maxEntries: 10, maxRatio: 200 }),
    ).rejects.toThrow(/ファイル数/);
  });

  it('refuses a file that is not a zip, naming it', async () => {
    const path = join(base, 'not.zip');
    writeFileSync(path, 'PK\x03\x04 but broken');
    await expect(openBundle(path, work())).rejects.toThrow(BundleError);
  });
});

describe('folder bundles', () => {
  it('reads a folder in place and says when it holds nothing to import', async () => {
    const dir = join(base, 'folder');
    mkdirSync(dir);
    writeFileSync(join(dir, 'readme.txt'), 'x');
    await expect(openBundle(dir, work())).rejects.toThrow(/取り込めるファイルがありません/);
    writeFileSync(join(dir, 'Payments.csv'), 'x');
    symlinkSync('/etc/hostname', join(dir, 'mail.csv'));
    const bundle = await openBundle(dir, work());
    expect([...bundle.files.keys()]).toEqual(['payments.csv']);
    expect(readdirSync(dir)).toContain('mail.csv');
  });

  it('refuses a path that does not exist', async () => {
    await expect(openBundle(join(base, 'nope'), work())).rejects.toThrow(/ありません/);
  });
});
