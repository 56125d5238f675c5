import { Body, Controller, Get, Put } from '@nestjs/common';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { NumericParam } from '../common/numeric-param.pipe.js';
import { MailFlagsDto } from './dto/mail-flags.dto.js';
import { OutboxService } from './outbox.service.js';
import type { RecipientFlags } from './outbox.views.js';

/** An applicant's e-mail flags on the dossier page: an address refused, do-not-mail. */
@Controller('dossiers/:id/mail-flags')
export class MailFlagsController {
  constructor(private readonly outbox: OutboxService) {}

  @Roles('admin', 'secretariat')
  @Get()
  get(@NumericParam('id') id: string): Promise<RecipientFlags> {
    return this.outbox.flags(id);
  }

  @Roles('admin', 'secretariat')
  @Put()
  set(
    @NumericParam('id') id: string,
    @Body() body: MailFlagsDto,
    @CurrentUser() user: SessionUser,
  ) {
    return this.outbox.setFlags(id, body, user);
  }
}
