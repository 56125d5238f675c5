import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Level } from 'pino';
import type { Options } from 'pino-http';
import type pretty from 'pino-pretty';
import type { LogFormat, LogLevelName } from '../config/app-config.js';

const require = createRequire(import.meta.url);

/** Nest's level names as pino's. */
const PINO_LEVEL: Record<LogLevelName, Level> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/** A request id a client or proxy sent that is safe to log and echo; else a new one. */
export function requestIdOf(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
}

/** JSON lines for a collector; one readable line per entry in a terminal. */
export function logDestination(
  format: LogFormat,
  isTerminal = process.stdout.isTTY === true,
): DestinationStream {
  const readable = format === 'pretty' || (format === 'auto' && isTerminal);
  return readable
    ? // pino-pretty loads only for a readable log: the CLI and a collector's JSON never need it.
      (require('pino-pretty') as typeof pretty)({
        sync: true,
        colorize: isTerminal,
        translateTime: 'SYS:HH:MM:ss.l',
      })
    : pino.destination({ dest: 1, sync: false });
}

/**
 * The process's one pino logger and its HTTP request logging: every line carries the request
 * id (X-Request-Id kept from a proxy, or made, and sent back) or, in a worker, the queue and
 * job id; cookies and tokens are never written.
 */
export function httpLogOptions(
  level: LogLevelName,
  destination: DestinationStream,
): Options<IncomingMessage, ServerResponse> {
  return {
    logger: pino(
      {
        level: PINO_LEVEL[level],
        base: { pid: process.pid },
        timestamp: pino.stdTimeFunctions.isoTime,
        redact: {
          paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
          censor: '[redacted]',
        },
      },
      destination,
    ),
    genReqId: (request, response) => {
      const id = requestIdOf(request.headers['x-request-id']);
      response.setHeader('X-Request-Id', id);
      return id;
    },
    // The console's files and the health probe would drown what people did.
    autoLogging: {
      ignore: (request) => !request.url?.startsWith('/api/') || request.url === '/api/health',
    },
    // A refusal (the console asking who is signed in, a wrong id) is the API doing its work;
    // a server error or a client held back by a limit is what an operator looks for.
    customLogLevel: (_request, response, error) =>
      error || response.statusCode >= 500 ? 'error' : response.statusCode === 429 ? 'warn' : 'info',
    serializers: {
      req: (request: { id: string; method: string; url: string; remoteAddress?: string }) => ({
        id: request.id,
        method: request.method,
        // Query strings hold search words (names): the path is enough to follow a request.
        url: request.url.split('?')[0],
        remoteAddress: request.remoteAddress,
      }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
  };
}
