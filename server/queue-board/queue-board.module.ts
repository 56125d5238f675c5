import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { adminPageAccess } from '../auth/admin-page-access.js';
import { AuthModule } from '../auth/auth.module.js';
import { AuthService } from '../auth/auth.service.js';
import { QUEUES } from '../queues/queues.js';
import { QUEUE_BOARD_PATH } from './queue-board-path.js';

/**
 * bull-board over every queue of queues.ts, on whichever backend runs them: waiting, active,
 * failed (with the error and the stack of each attempt) and completed jobs, for admins only.
 */
@Module({
  imports: [
    BullBoardModule.forRootAsync({
      imports: [AuthModule],
      inject: [AuthService, AuditService],
      useFactory: (auth: AuthService, audit: AuditService) => ({
        route: QUEUE_BOARD_PATH,
        adapter: ExpressAdapter,
        middleware: adminPageAccess(auth, audit, { entity: 'queues', name: 'キューの管理画面' }),
        boardOptions: { uiConfig: { boardTitle: 'Shinsa queues' } },
      }),
    }),
    ...Object.values(QUEUES).map((name) =>
      BullBoardModule.forFeature({ name, adapter: BullMQAdapter }),
    ),
  ],
})
export class QueueBoardModule {}
