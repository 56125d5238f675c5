import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { writeFileSync } from 'node:fs';
import { AppModule } from '../app.module.js';
import { loadConfig } from '../config/app-config.js';
import { QUEUE_BOARD_PATH } from '../queue-board/queue-board-path.js';
import { openApiDocument } from './openapi-document.js';

/**
 * `npm run openapi`: writes the API's OpenAPI document to server/openapi/openapi.json (or the
 * file named) from the built controllers, without a database: Nest's preview mode reads the
 * modules and routes but makes no provider.
 */
async function main(): Promise<void> {
  const out = process.argv[2] ?? 'server/openapi/openapi.json';
  const config = loadConfig({ DATABASE_URL: 'postgres://openapi@127.0.0.1:1/none' });
  const app = await NestFactory.create(
    AppModule.forRoot(
      { config, databaseUrl: config.databaseUrl! },
      { workers: false, console: false },
    ),
    { preview: true, logger: false },
  );
  app.setGlobalPrefix('api', { exclude: [QUEUE_BOARD_PATH, `${QUEUE_BOARD_PATH}/{*path}`] });
  writeFileSync(out, JSON.stringify(openApiDocument(app), null, 2) + '\n');
  await app.close();
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
  process.exit(1);
});
