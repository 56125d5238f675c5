import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { SessionEntity } from './session.entity.js';
import { SessionGuard } from './session.guard.js';
import { SessionRepository } from './session.repository.js';
import { UserEntity } from './user.entity.js';
import { UserRepository } from './user.repository.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, SessionEntity]),
    // Login attempts per client address: 20 a minute, whatever the account.
    ThrottlerModule.forRoot({
      throttlers: [{ name: 'login', ttl: 60_000, limit: 20 }],
      errorMessage: 'ログインの試行が多すぎます。1 分ほど待ってからもう一度試してください',
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    UserRepository,
    SessionRepository,
    { provide: APP_GUARD, useClass: SessionGuard },
  ],
  exports: [AuthService, UserRepository, SessionRepository],
})
export class AuthModule {}
