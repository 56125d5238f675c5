import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { assertBuilt, runNode } from '../support/run-node.js';
import {
  createTestDatabase,
  loginAs,
  startTestApp,
  TestApp,
  TestDatabase,
} from '../support/test-env.js';

const COMMITTED = join(__dirname, '..', '..', 'server', 'openapi', 'openapi.json');

/** The API's OpenAPI document: committed with the code, and served to admins. */
describe('the OpenAPI document', () => {
  it('in the repository is the one the built controllers and DTOs make', async () => {
    assertBuilt();
    const out = join(mkdtempSync(join(tmpdir(), 'shinsa-openapi-')), 'openapi.json');
    const written = await runNode('openapi/write-openapi.js', [out], {});
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    const made = readFileSync(out, 'utf8');
    if (made !== readFileSync(COMMITTED, 'utf8')) {
      throw new Error(
        'server/openapi/openapi.json differs from the API: run `npm run build && npm run openapi` and commit it',
      );
    }
    const document = JSON.parse(made);
    expect(document.paths['/api/dossiers/{id}'].get).toBeDefined();
    expect(document.components.schemas.LoginDto.required).toEqual(['login', 'password']);
  });

  describe('at /api/docs', () => {
    let db: TestDatabase;
    let app: TestApp;

    beforeAll(async () => {
      db = await createTestDatabase();
      app = await startTestApp({ databaseUrl: db.url, workers: false });
    });

    afterAll(async () => {
      await app?.close();
      await db?.drop();
    });

    it('opens for signed-in admins only', async () => {
      await request(app.baseUrl).get('/api/docs/openapi.json').expect(401);
      const secretariat = await loginAs(app, 'jimu', 'secretariat');
      await secretariat.get('/api/docs').expect(403);
      const admin = await loginAs(app, 'ops', 'admin');
      const page = await admin.get('/api/docs/').expect(200);
      expect(page.text).toContain('<title>Shinsa API</title>');
      const { body } = await admin.get('/api/docs/openapi.json').expect(200);
      expect(Object.keys(body.paths)).toContain('/api/auth/login');
      // The default address beside it, outside the guarded path, is not served.
      await request(app.baseUrl).get('/api/docs-json').expect(404);
    });
  });
});
