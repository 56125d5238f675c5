import { DynamicModule, Global, Module } from '@nestjs/common';
import type { Runtime } from './runtime.js';

/** Injection token of the validated {@link AppConfig}. */
export const APP_CONFIG = Symbol('APP_CONFIG');
/** Injection token of the PostgreSQL URL in use (string). */
export const DATABASE_URL = Symbol('DATABASE_URL');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: runtime.config },
        { provide: DATABASE_URL, useValue: runtime.databaseUrl },
      ],
      exports: [APP_CONFIG, DATABASE_URL],
    };
  }
}
