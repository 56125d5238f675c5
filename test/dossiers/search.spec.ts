import pg from 'pg';
import request from 'supertest';
import { ImportService } from '../../server/imports/import.service.js';
import { column, copyBundle, editCsv, generateBundle } from '../support/bundles.js';
import {
  createTestDatabase,
  loginAs,
  startTestApp,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

/**
 * The dossier list's search and the envelopes' applicant lookup as staff type: any kana, variant
 * kanji, part of a 認定番号, the workplace, full-width digits (common/search-key.ts).
 */
describe('searching applicants the way Japanese staff type', () => {
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let office: request.Agent;
  let bundle: string;
  /** 認定番号 of the applicants written below, by family name. */
  const cert: Record<string, string> = {};
  let facilityOfYamazaki: string;

  const found = async (q: string, resource = 'dossiers') => {
    const response = await office
      .get(`/api/${resource}`)
      .query({ filter: JSON.stringify({ roundId: '2021', q }), range: '[0,999]' })
      .expect(200);
    return (response.body as { certNo: string }[]).map((d) => d.certNo).sort();
  };
  const certNosWhere = async (where: string, params: unknown[]) =>
    (
      await sql.query(
        `SELECT d.cert_no FROM dossiers d JOIN dossier_revisions r
            ON r.dossier_id = d.id AND r.revision = d.revision WHERE ${where} ORDER BY 1`,
        params,
      )
    ).rows.map((r) => r.cert_no as string);

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: false });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    bundle = generateBundle({ applicants: 8, seed: 3, defects: 0 });
    // Names in the forms the web system holds them: variant kanji, kana with spaces.
    const people = [
      ['山﨑', '太郎', 'ヤマザキ', 'タロウ'],
      ['髙橋', '花子', 'タカハシ', 'ハナコ'],
      ['齋藤', '一郎', 'サイトウ', 'イチロウ'],
      ['渡邊', '恵子', 'ワタナベ', 'ケイコ'],
      ['佐藤', '二郎', 'サトウ', 'ジロウ'],
      ['鈴木', '三郎', 'スズキ', 'サブロウ'],
      ['田中', '四郎', 'タナカ', 'シロウ'],
      ['伊藤', '五郎', 'イトウ', 'ゴロウ'],
    ];
    editCsv(bundle, 'applicants.csv', (records) => {
      const at = (h: string) => column(records, h);
      const kind = at('勤務先区分');
      // 山﨑 works at a facility of the master; 髙橋 somewhere else, named in her form.
      const rows = records.slice(1);
      const order = [
        ...rows.filter((r) => r[kind] === '認定研修施設'),
        ...rows.filter((r) => r[kind] !== '認定研修施設'),
      ];
      const takahashi = rows.find((r) => r[kind] === 'その他')!;
      const ordered = [order[0], takahashi, ...order.slice(1).filter((r) => r !== takahashi)];
      ordered.forEach((r, i) => {
        [r[at('姓')], r[at('名')], r[at('姓カナ')], r[at('名カナ')]] = people[i];
        cert[people[i][0]] = r[at('認定番号')];
      });
      facilityOfYamazaki = ordered[0][at('勤務先施設番号')];
      takahashi[at('勤務先名')] = 'たかはし内科クリニック';
      return records;
    });
    await app.app.get(ImportService).run({ roundId: '2021', source: bundle, requestedBy: 'test' });
    office = await loginAs(app, 'jimu', 'secretariat');
  });

  afterAll(async () => {
    await sql.end();
    await app.close();
    await db.drop();
  });

  it('finds a name in hiragana, katakana or half-width kana alike', async () => {
    for (const q of ['ﾔﾏｻﾞｷ', 'やまざき', 'ヤマザキ', 'ヤマザキ　タロウ', 'やまざきたろう']) {
      expect([q, await found(q)]).toEqual([q, [cert['山﨑']]]);
    }
  });

  it('folds variant kanji both ways', async () => {
    const cases: [string, string][] = [
      ['山崎', '山﨑'],
      ['山崎 太郎', '山﨑'],
      ['高橋', '髙橋'],
      ['斉藤', '齋藤'],
      ['斎藤', '齋藤'],
      ['渡辺', '渡邊'],
      ['渡邉', '渡邊'],
    ];
    for (const [q, who] of cases) expect([q, await found(q)]).toEqual([q, [cert[who]]]);
  });

  it('finds part of a 認定番号, in full-width digits too', async () => {
    const part = cert['渡邊'].slice(2, 5);
    const wide = [...part].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join('');
    const expected = await certNosWhere(`d.cert_no LIKE $1`, [`%${part}%`]);
    expect(expected).toContain(cert['渡邊']);
    expect(await found(part)).toEqual(expected);
    expect(await found(wide)).toEqual(expected);
  });

  it('finds the workplace, as the master names it or the form wrote it, and follows a rename', async () => {
    expect(await found('タカハシ内科')).toEqual([cert['髙橋']]);
    const atYamazakis = await certNosWhere(`r.applicant->>'workplaceFacilityNo' = $1`, [
      facilityOfYamazaki,
    ]);
    expect(atYamazakis).toContain(cert['山﨑']);
    // The facility renamed by a later master alone: its applicants are found by the new name.
    const masters = copyBundle(bundle, ['facilities.csv']);
    editCsv(masters, 'facilities.csv', (records) => {
      const row = records.find((r) => r[column(records, '施設番号')] === facilityOfYamazaki)!;
      row[column(records, '施設名')] = '髙島記念がんセンター';
      return records;
    });
    await app.app.get(ImportService).run({ roundId: '2021', source: masters, requestedBy: 'test' });
    expect(await found('高島記念')).toEqual(atYamazakis);
    expect(await found('ﾀｶｼﾏ')).toEqual([]);
  });

  it('finds an envelope by its applicant, as the dossier list does', async () => {
    await office
      .post('/api/envelopes')
      .send({
        roundId: '2021',
        arrivedOn: '2021-09-21',
        mailKind: '簡易書留',
        certNo: cert['山﨑'],
      })
      .expect(201);
    expect(await found('ﾔﾏｻﾞｷ', 'envelopes')).toContain(cert['山﨑']);
    expect(await found('山崎 太郎', 'envelopes')).not.toContain(cert['髙橋']);
    expect(new Set(await found('山崎', 'envelopes'))).toEqual(new Set([cert['山﨑']]));
  });
});
