import { Body, Controller, Get, Put } from '@nestjs/common';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { ReadingSettingsDto } from './dto/reading-settings.dto.js';
import { SettingService } from './setting.service.js';
import type { ReadingSettings } from './setting.views.js';

/** Settings the secretariat changes: how the page reader's proposals are confirmed. */
@Controller('settings')
export class SettingController {
  constructor(private readonly settings: SettingService) {}

  @Roles('admin', 'secretariat')
  @Get('reading')
  reading(): Promise<ReadingSettings> {
    return this.settings.reading();
  }

  @Roles('admin', 'secretariat')
  @Put('reading')
  updateReading(
    @Body() body: ReadingSettingsDto,
    @CurrentUser() user: SessionUser,
  ): Promise<ReadingSettings> {
    return this.settings.updateReading(body, user);
  }
}
