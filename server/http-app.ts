import { HttpStatus, Logger, ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import { AuditService } from './audit/audit.service.js';
import { adminPageAccess } from './auth/admin-page-access.js';
import { AuthService } from './auth/auth.service.js';
import { foreignOrigin, foreignOriginMessage } from './auth/request-origin.js';
import type { AppConfig } from './config/app-config.js';
import { QUEUE_BOARD_PATH } from './queue-board/queue-board-path.js';
import { APP_CONFIG } from './config/config.module.js';
import { httpRequestSeconds } from './metrics/metrics.js';
import { openApiDocument } from './openapi/openapi-document.js';
import { INPUT_VALIDATION, invalidInputError, problemsOf } from './common/input-validation.js';

const logger = new Logger('Http');

/** Where admins read the OpenAPI document (also committed: server/openapi/openapi.json). */
export const API_DOCS_PATH = '/api/docs';

/** Each request's seconds, labelled by its route's pattern (never its ids: few series). */
function timeRequests(req: Request, res: Response, next: NextFunction): void {
  const end = httpRequestSeconds.startTimer();
  res.on('finish', () => {
    const route = (req.route as { path?: string } | undefined)?.path;
    end({
      method: req.method,
      route: route ?? (req.path.startsWith('/api/') ? 'unmatched' : 'console'),
      status: String(res.statusCode),
    });
  });
  next();
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** What every HTTP instance of the app needs, in the server and in tests alike. */
export function configureHttpApp(app: NestExpressApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  // Everything is under /api but the queue board, a page for operators (queue-board.module.ts).
  app.setGlobalPrefix('api', { exclude: [QUEUE_BOARD_PATH, `${QUEUE_BOARD_PATH}/{*path}`] });
  // The console's bundle and the API's JSON lists shrink to a fifth or less; images, PDFs and
  // zips are left as they are (compression's filter skips what is not compressible).
  app.use(compression());
  app.use(timeRequests);
  app.use(cookieParser());
  app.disable('x-powered-by');
  // X-Forwarded-For names the client only when it comes from a proxy the deployment lists:
  // otherwise anyone could pick the address the login limits count.
  app.set('trust proxy', config.trustedProxies.length > 0 ? config.trustedProxies : false);
  // A body against its DTO: a refusal is an InvalidInputError, answered like the services' own.
  app.useGlobalPipes(
    new ValidationPipe({
      ...INPUT_VALIDATION,
      transform: true,
      exceptionFactory: (errors) => invalidInputError(problemsOf(errors)),
    }),
  );
  // The console and the API share one origin; nothing else may frame, script or sniff them.
  // MUI writes its styles inline (emotion), hence 'unsafe-inline' for styles only.
  app.use(
    (req: { path: string }, res: { setHeader(n: string, v: string): void }, next: () => void) => {
      res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('X-Frame-Options', 'DENY');
      res.setHeader('Referrer-Policy', 'same-origin');
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
      // Personal and patient data must not stay in a shared PC's browser cache.
      if (req.path.startsWith('/api/')) res.setHeader('Cache-Control', 'no-store');
      next();
    },
  );
  // The API's documentation, for signed-in admins, made from the routes at its first opening.
  app.use(
    API_DOCS_PATH,
    adminPageAccess(app.get(AuthService), app.get(AuditService), {
      entity: 'api-docs',
      name: 'API の説明',
    }),
  );
  SwaggerModule.setup(API_DOCS_PATH, app, () => openApiDocument(app), {
    customSiteTitle: 'Shinsa API',
    // Under the guarded path too (the default /api/docs-json would be outside it).
    jsonDocumentUrl: `${API_DOCS_PATH}/openapi.json`,
    yamlDocumentUrl: `${API_DOCS_PATH}/openapi.yaml`,
  });
  // CSRF: a change sent from a page of another site is refused whatever cookie it carries.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const foreign = foreignOrigin(
      {
        method: req.method,
        host: req.host,
        origin: req.get('origin'),
        referer: req.get('referer'),
      },
      config.allowedOrigins,
    );
    if (!foreign) return next();
    logger.warn(`${req.method} ${req.path} refused: sent from ${foreign.slice(0, 200)}`);
    res
      .status(HttpStatus.FORBIDDEN)
      .json({ statusCode: HttpStatus.FORBIDDEN, message: foreignOriginMessage(foreign) });
  });
}
