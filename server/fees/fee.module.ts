import { Module } from '@nestjs/common';
import { ApplicationModule } from '../applications/application.module.js';
import { RoundModule } from '../rounds/round.module.js';
import { PaymentController } from './payment.controller.js';
import { PaymentRepository } from './payment.repository.js';
import { PaymentService } from './payment.service.js';

@Module({
  imports: [ApplicationModule, RoundModule],
  controllers: [PaymentController],
  providers: [PaymentRepository, PaymentService],
})
export class FeeModule {}
