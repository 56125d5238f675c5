import { DynamicModule, Module } from '@nestjs/common';
import { RoundModule } from '../rounds/round.module.js';
import { MailFlagsController } from './mail-flags.controller.js';
import { MailTransportService } from './mail-transport.service.js';
import { OutboxSenderService } from './outbox-sender.service.js';
import { OutboxController } from './outbox.controller.js';
import { OutboxProcessor } from './outbox.processor.js';
import { OutboxRepository } from './outbox.repository.js';
import { OutboxService } from './outbox.service.js';

@Module({})
export class OutboxModule {
  /** The processor (the sending) runs only in processes that run workers. */
  static register(options: { workers: boolean }): DynamicModule {
    return {
      module: OutboxModule,
      // The reconciler reads OutboxService.
      global: true,
      imports: [RoundModule],
      controllers: [OutboxController, MailFlagsController],
      providers: [
        OutboxRepository,
        OutboxService,
        MailTransportService,
        OutboxSenderService,
        ...(options.workers ? [OutboxProcessor] : []),
      ],
      exports: [OutboxService, OutboxSenderService],
    };
  }
}
