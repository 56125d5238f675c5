import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DATABASE_URL } from '../config/config.module.js';
import { dataSourceOptions } from './data-source-options.js';

/** TypeORM on the process's PostgreSQL. Migrations run before the module starts (boot.ts). */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [DATABASE_URL],
      useFactory: (url: string) => dataSourceOptions(url),
    }),
  ],
})
export class DatabaseModule {}
