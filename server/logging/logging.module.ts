import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { httpLogOptions, logDestination } from './log-options.js';

/** Structured logs (nestjs-pino): a line per API request, every log with its request or job. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: httpLogOptions(config.logLevel, logDestination(config.logFormat)),
        renameContext: 'context',
      }),
    }),
  ],
})
export class LoggingModule {}
