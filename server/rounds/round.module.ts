import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RoundController } from './round.controller.js';
import { RoundEntity } from './round.entity.js';
import { RoundRepository } from './round.repository.js';
import { RoundService } from './round.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([RoundEntity])],
  controllers: [RoundController],
  providers: [RoundRepository, RoundService],
  exports: [RoundService],
})
export class RoundModule {}
