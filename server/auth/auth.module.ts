import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JsonBodyGuard } from './json-body.guard.js';
import { RateLimitRepository } from './rate-limit.repository.js';
import { RateLimitService } from './rate-limit.service.js';
import { SessionEntity } from './session.entity.js';
import { SessionGuard } from './session.guard.js';
import { SessionRepository } from './session.repository.js';
import { UserEntity } from './user.entity.js';
import { UserRepository } from './user.repository.js';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, SessionEntity])],
  controllers: [AuthController],
  providers: [
    AuthService,
    UserRepository,
    SessionRepository,
    RateLimitRepository,
    RateLimitService,
    // In this order: who may call comes first (401, 403), then the shape of the body (415).
    { provide: APP_GUARD, useClass: SessionGuard },
    { provide: APP_GUARD, useClass: JsonBodyGuard },
  ],
  exports: [AuthService, UserRepository, SessionRepository, RateLimitService],
})
export class AuthModule {}
