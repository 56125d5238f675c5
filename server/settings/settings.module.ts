import { Global, Module } from '@nestjs/common';
import { SettingController } from './setting.controller.js';
import { SettingRepository } from './setting.repository.js';
import { SettingService } from './setting.service.js';

/** Settings the secretariat changes in the console; read by the domains they concern. */
@Global()
@Module({
  controllers: [SettingController],
  providers: [SettingRepository, SettingService],
  exports: [SettingService],
})
export class SettingsModule {}
