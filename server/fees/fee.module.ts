import { Module } from '@nestjs/common';
import { DossierModule } from '../dossiers/dossier.module.js';
import { RoundModule } from '../rounds/round.module.js';
import { PaymentController } from './payment.controller.js';
import { PaymentRepository } from './payment.repository.js';
import { PaymentService } from './payment.service.js';

@Module({
  imports: [DossierModule, RoundModule],
  controllers: [PaymentController],
  providers: [PaymentRepository, PaymentService],
})
export class FeeModule {}
