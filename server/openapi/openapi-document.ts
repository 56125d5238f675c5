import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { SESSION_COOKIE } from '../auth/session-cookie.js';

/**
 * The API as its controllers and DTOs declare it (the Swagger compiler plugin of nest-cli.json
 * reads their types and comments at build time). Sorted, so the committed file changes only
 * when the API does.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Shinsa API')
    .setDescription(
      'The API of the Shinsa console. Every endpoint needs a session (POST /api/auth/login sets ' +
        `the ${SESSION_COOKIE} cookie) and a role, but login, health and metrics (bearer token).`,
    )
    .setVersion('1')
    .addCookieAuth(SESSION_COOKIE)
    .build();
  return sortKeys(SwaggerModule.createDocument(app, config)) as OpenAPIObject;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, sortKeys(v)]),
  );
}
