import { ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { INPUT_VALIDATION, invalidInputError, problemsOf } from './common/input-validation.js';

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
  app.setGlobalPrefix('api');
  app.use(cookieParser());
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
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
}
