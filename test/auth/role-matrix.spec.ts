import request from 'supertest';
import type { UserRole } from '../../server/auth/user.entity.js';
import { API_DOCS_PATH } from '../../server/http-app.js';
import {
  createTestDatabase,
  loginAs,
  startTestApp,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

const ALL: UserRole[] = ['admin', 'secretariat', 'reviewer'];
const OFFICE: UserRole[] = ['admin', 'secretariat'];
const ADMIN: UserRole[] = ['admin'];
const PUBLIC = 'public' as const;

/**
 * Who may call what. Every route the application serves must be listed here: a new endpoint
 * fails this test until someone decides its roles.
 */
const MATRIX: Record<string, UserRole[] | typeof PUBLIC> = {
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/logout': PUBLIC,
  'GET /api/health': PUBLIC,
  // A scraper's bearer token instead of a session (test/metrics/metrics.spec.ts).
  'GET /api/metrics': PUBLIC,
  'GET /api/auth/me': ALL,
  'POST /api/auth/password': ALL,
  'GET /api/rounds': ALL,
  'GET /api/rounds/:id': ALL,
  'POST /api/rounds': ADMIN,
  'PUT /api/rounds/:id': ADMIN,
  'GET /api/societies': ALL,
  'GET /api/meetings': ALL,
  'GET /api/facilities': ALL,
  'GET /api/imports': OFFICE,
  'GET /api/imports/:id': OFFICE,
  'GET /api/imports/:id/report.csv': OFFICE,
  'POST /api/imports': OFFICE,
  'GET /api/unmatched-records': OFFICE,
  'GET /api/check-failures': ADMIN,
  'GET /api/audit-events': ADMIN,
  'GET /api/audit-events/export.csv': ADMIN,
  'POST /api/check-failures/:roundId/:certNo/retry': ADMIN,
  'GET /api/users': ADMIN,
  'GET /api/users/:id': ADMIN,
  'POST /api/users': ADMIN,
  'PUT /api/users/:id': ADMIN,
  'POST /api/users/:id/password-reset': ADMIN,
  'POST /api/users/:id/unlock': ADMIN,
  'GET /api/reviewers': OFFICE,
  'GET /api/assignments': OFFICE,
  'GET /api/assignments/:id': OFFICE,
  'POST /api/assignments': OFFICE,
  'POST /api/assignments/csv': OFFICE,
  'DELETE /api/assignments/:id': OFFICE,
  'GET /api/dossiers': ALL,
  'GET /api/dossiers/:id': ALL,
  'GET /api/dossiers/:id/audit-events': ALL,
  'GET /api/decision-reasons': ALL,
  'GET /api/dossiers/:id/decisions': ALL,
  'GET /api/dossiers/:id/decision-warnings': ALL,
  'POST /api/dossiers/:id/decisions': ALL,
  'POST /api/decisions/release': ADMIN,
  'POST /api/decisions/release/preview': ADMIN,
  'GET /api/decisions/pending': OFFICE,
  'GET /api/dossiers/:id/overrides': ALL,
  'PUT /api/dossiers/:id/overrides': ALL,
  'DELETE /api/dossiers/:id/overrides': ALL,
  'GET /api/dossiers/export.csv': OFFICE,
  'POST /api/decisions/hold': ALL,
  'GET /api/saved-views': ALL,
  'POST /api/saved-views': ALL,
  'DELETE /api/saved-views/:id': ALL,
  'GET /api/dashboard': ALL,
  'GET /api/dossiers/:id/neighbours': ALL,
  'GET /api/dossiers/:id/documents': ALL,
  'PUT /api/dossiers/:id/documents': OFFICE,
  'DELETE /api/dossiers/:id/documents': OFFICE,
  'GET /api/dossiers/:id/documents/confirmation': OFFICE,
  'POST /api/dossiers/:id/documents/confirmation': OFFICE,
  'GET /api/settings/reading': OFFICE,
  'PUT /api/settings/reading': OFFICE,
  'GET /api/dossiers/:id/scans/:sha256': ALL,
  'GET /api/envelopes': OFFICE,
  'GET /api/envelopes/:id': OFFICE,
  'POST /api/envelopes': OFFICE,
  'PUT /api/envelopes/:id': OFFICE,
  'POST /api/envelopes/:id/scans': OFFICE,
  'GET /api/deficiency-notices': OFFICE,
  'GET /api/deficiency-notices/export.csv': OFFICE,
  'GET /api/deficiency-notices/letters.pdf': OFFICE,
  'POST /api/deficiency-notices': OFFICE,
  'GET /api/rounds/:roundId/mailing-lists': OFFICE,
  'GET /api/rounds/:roundId/mailing-lists/:file': OFFICE,
  'POST /api/rounds/:roundId/dispatches': OFFICE,
  'GET /api/dispatches': OFFICE,
  'GET /api/dispatches/:id': OFFICE,
  'PUT /api/dispatches/:id': OFFICE,
  'GET /api/dossiers/:id/result-letter.pdf': OFFICE,
  'POST /api/rounds/:roundId/exports': OFFICE,
  'GET /api/exports': OFFICE,
  'GET /api/exports/:id': OFFICE,
  'GET /api/exports/:id/files/:part': OFFICE,
  'GET /api/payments': OFFICE,
  'GET /api/payments/reconciliation': OFFICE,
  'GET /api/payments/summary': OFFICE,
  'GET /api/payments/export.csv': OFFICE,
  'GET /api/payments/export.xlsx': OFFICE,
  'POST /api/payments': OFFICE,
  'GET /api/mail-templates': OFFICE,
  'GET /api/mail-templates/:kind': OFFICE,
  'PUT /api/mail-templates/:kind': ADMIN,
  'POST /api/mail-templates/:kind/preview': OFFICE,
  'GET /api/mail-batches': OFFICE,
  'GET /api/mail-batches/:id': OFFICE,
  'POST /api/mail-batches': OFFICE,
  'POST /api/mail-batches/:id/approve': ADMIN,
  'GET /api/mail-messages': OFFICE,
  'GET /api/mail-messages/:id': OFFICE,
  'GET /api/mail-messages/:id/eml': OFFICE,
  'POST /api/mail-messages/:id/resend': ADMIN,
  'GET /api/dossiers/:id/mail-flags': OFFICE,
  'PUT /api/dossiers/:id/mail-flags': OFFICE,
};

/**
 * Path parameters that are text (a round, a 認定番号, an envelope `<round>:<受付番号>`, a UUID, a
 * hash, a file name). Every other one is a number and must be read through NumericParam.
 */
const TEXT_PARAMETERS = [
  '/api/rounds/:id id',
  '/api/envelopes/:id id',
  '/api/envelopes/:id/scans id',
  '/api/imports/:id id',
  '/api/imports/:id/report.csv id',
  '/api/exports/:id id',
  '/api/exports/:id/files/:part id',
  '/api/dossiers/:id/scans/:sha256 sha256',
  '/api/rounds/:roundId/mailing-lists/:file file',
  '/api/mail-templates/:kind kind',
  '/api/mail-templates/:kind/preview kind',
];

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every route Express serves, as "METHOD /path". */
function routesOf(app: TestApp): string[] {
  const express = app.app.getHttpAdapter().getInstance() as { router: { stack: RouteLayer[] } };
  return (
    express.router.stack
      .filter((layer) => layer.route?.path.startsWith('/api'))
      // Not endpoints: the request logger's middleware on every path, and Swagger UI's pages,
      // which let in signed-in admins only (test/openapi/openapi.spec.ts).
      .filter((layer) => layer.route!.path !== '/api{/*splat}')
      .filter((layer) => !layer.route!.path.startsWith(API_DOCS_PATH))
      .flatMap((layer) =>
        Object.keys(layer.route!.methods)
          .filter((m) => m !== '_all')
          .map((m) => `${m.toUpperCase()} ${layer.route!.path}`),
      )
  );
}

const concrete = (path: string) =>
  path
    .replace(
      ':id',
      path.startsWith('/api/imports') ? '00000000-0000-4000-8000-000000000000' : '2021',
    )
    .replace(':roundId', '2021')
    .replace(':certNo', '000000');

describe('role matrix: every endpoint, every role, and no session', () => {
  let db: TestDatabase;
  let app: TestApp;
  const agents = new Map<UserRole, request.Agent>();

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ databaseUrl: db.url, workers: false });
    for (const role of ALL) agents.set(role, await loginAs(app, `matrix-${role}`, role));
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('lists every route the application serves', () => {
    expect(routesOf(app).sort()).toEqual(Object.keys(MATRIX).sort());
  });

  it('refuses with 400 naming it every numeric path parameter that is no number', async () => {
    const admin = agents.get('admin')!;
    const wrong: string[] = [];
    for (const route of routesOf(app)) {
      const [method, path] = route.split(' ');
      for (const [, name] of path.matchAll(/:(\w+)/g)) {
        if (['roundId', 'certNo'].includes(name) || TEXT_PARAMETERS.includes(`${path} ${name}`)) {
          continue;
        }
        const url = concrete(path.replace(`:${name}`, 'abc'));
        const answer = await admin[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](
          url,
        ).send({});
        const named = answer.status === 400 && typeof answer.body.errors?.[name] === 'string';
        if (!named) wrong.push(`${route} (${name}): ${answer.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each(Object.entries(MATRIX))('%s', async (route, allowed) => {
    const [method, path] = route.split(' ');
    const url = concrete(path);
    const call = (agent: request.Agent | ReturnType<typeof request>) =>
      (agent as request.Agent)
        [method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](url)
        .send({});
    const anonymous = await call(request(app.baseUrl));
    if (allowed === PUBLIC) {
      expect(anonymous.status).not.toBe(401);
      expect(anonymous.status).not.toBe(403);
      return;
    }
    expect(anonymous.status).toBe(401);
    for (const role of ALL) {
      const response = await call(agents.get(role)!);
      if (allowed.includes(role)) {
        expect({ role, status: response.status }).not.toEqual({ role, status: 403 });
        expect(response.status).not.toBe(401);
      } else {
        expect({ role, status: response.status }).toEqual({ role, status: 403 });
      }
    }
  });
});
