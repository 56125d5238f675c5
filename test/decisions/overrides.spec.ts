import pg from 'pg';
import request from 'supertest';
import { ApplicationsReportService } from '../../server/dossiers/applications-report.service.js';
import { generateBundle } from '../support/bundles.js';
import {
  createTestDatabase,
  eventually,
  importChecked,
  loginAs,
  startTestApp,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

/** A reviewer's acceptance or rejection of single cases and attendances, re-checked at once. */
describe('overriding single cases and attendances', () => {
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let office: request.Agent;
  let reviewer: request.Agent;
  let dossier: { id: string; certNo: string };

  const counts = async () =>
    (await app.app.get(ApplicationsReportService).listForRound('2021')).find(
      (a) => a.certNo === dossier.certNo,
    )!.counts;
  /** Cases of the dossier that pass every rule (and so count). */
  const passingCases = async () => {
    const application = (await app.app.get(ApplicationsReportService).listForRound('2021')).find(
      (a) => a.certNo === dossier.certNo,
    )!;
    const caseChecks = application.checks.filter((c) => c.ref?.startsWith('case:'));
    const refs = new Set(caseChecks.map((c) => c.ref!));
    for (const c of caseChecks) if (c.outcome !== 'pass') refs.delete(c.ref!);
    return [...refs];
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: true });
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const imported = await importChecked(app, generateBundle({ applicants: 4, seed: 9 }));
    [dossier] = imported;
    office = await loginAs(app, 'jimu', 'secretariat');
    reviewer = await loginAs(app, 'iin', 'reviewer');
  });

  afterAll(async () => {
    await sql.end();
    await app.close();
    await db.drop();
  });

  it('a rejected case stops counting once the checks ran again; removing the override restores it', async () => {
    const before = await counts();
    const [ref] = await passingCases();
    expect(ref).toBeDefined();
    const saved = await office
      .put(`/api/dossiers/${dossier.id}/overrides`)
      .send({ ref, accepted: false, reason: '病理診断が症例一覧と一致しない' })
      .expect(200);
    expect(saved.body).toMatchObject({ ref, accepted: false, decidedBy: 'jimu', revision: 1 });
    await eventually(async () => (await counts()).cases === before.cases - 1, 30000, 'recheck');

    const listed = await office.get(`/api/dossiers/${dossier.id}/overrides`).expect(200);
    expect(listed.body.map((o: { ref: string }) => o.ref)).toEqual([ref]);
    await office.delete(`/api/dossiers/${dossier.id}/overrides`).query({ ref }).expect(200);
    await office.delete(`/api/dossiers/${dossier.id}/overrides`).query({ ref }).expect(404);
    await eventually(async () => (await counts()).cases === before.cases, 30000, 'recheck back');

    const events = (await office.get(`/api/dossiers/${dossier.id}/audit-events`).expect(200)).body;
    const changes = events
      .map((e: { action: string }) => e.action)
      .filter((action: string) => !action.endsWith('-viewed'));
    expect(changes.slice(0, 2)).toEqual(['item.override-removed', 'item.overridden']);
  });

  it('asks a reason and a ref of the dossier; reviewers only on their own dossiers', async () => {
    const bad = await office
      .put(`/api/dossiers/${dossier.id}/overrides`)
      .send({ ref: 'case:9-99', accepted: 'yes', reason: ' ' })
      .expect(400);
    expect(bad.body.problems.map((p: { field: string }) => p.field)).toEqual([
      'ref',
      'accepted',
      'reason',
    ]);
    await reviewer
      .put(`/api/dossiers/${dossier.id}/overrides`)
      .send({ ref: 'attendance:1', accepted: true, reason: '証明書あり' })
      .expect(403);
  });

  it('never overwrites another person’s override silently: the second gets 409 and who did what', async () => {
    const ref = 'attendance:2';
    const admin = await loginAs(app, 'chair', 'admin');
    // Both open the dossier and see no override of attendance 2.
    const first = await office
      .put(`/api/dossiers/${dossier.id}/overrides`)
      .send({ ref, accepted: true, reason: '参加証の原本を確認', expected: null })
      .expect(200);
    const late = await admin
      .put(`/api/dossiers/${dossier.id}/overrides`)
      .send({ ref, accepted: false, reason: '証明が不十分', expected: null })
      .expect(409);
    expect(late.body.message).toBe(
      '他の人が先に「参加証明 2」を採用にしました(jimu: 参加証の原本を確認)。最新の内容を表示したので、確かめてからもう一度操作してください',
    );
    // Having seen the latest, the change goes through; the first person's stale removal does not.
    const changed = await admin
      .put(`/api/dossiers/${dossier.id}/overrides`)
      .send({ ref, accepted: false, reason: '証明が不十分', expected: first.body.decidedAt })
      .expect(200);
    expect(changed.body).toMatchObject({ accepted: false, decidedBy: 'chair' });
    const staleRemoval = await office
      .delete(`/api/dossiers/${dossier.id}/overrides`)
      .query({ ref, expected: first.body.decidedAt })
      .expect(409);
    expect(staleRemoval.body.message).toContain(
      '他の人が先に「参加証明 2」を不採用にしました(chair',
    );
    await office
      .delete(`/api/dossiers/${dossier.id}/overrides`)
      .query({ ref, expected: changed.body.decidedAt })
      .expect(200);
    await office
      .put(`/api/dossiers/${dossier.id}/overrides`)
      .send({ ref, accepted: true, reason: 'x', expected: 'yesterday' })
      .expect(400);
  });
});
