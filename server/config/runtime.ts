import type { AppConfig } from './app-config.js';

/** What a process knows once it has booted: its configuration and the database it reached. */
export interface Runtime {
  config: AppConfig;
  /** DATABASE_URL, or the URL of the embedded PostgreSQL this process started or found. */
  databaseUrl: string;
}
