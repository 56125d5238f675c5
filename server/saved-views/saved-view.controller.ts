import { Body, Controller, Delete, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { answerWholeList } from '../common/list-answer.js';
import { SavedViewDto } from './dto/saved-view.dto.js';
import { SavedViewService } from './saved-view.service.js';
import type { SavedView } from './saved-view.views.js';
import { NumericParam } from '../common/numeric-param.pipe.js';

/** Saved views of lists (react-admin resource `saved-views`, filtered by `resource`). */
@Controller('saved-views')
export class SavedViewController {
  constructor(private readonly views: SavedViewService) {}

  @Roles('admin', 'secretariat', 'reviewer')
  @Get()
  async list(
    @Query('resource') resource: string,
    @CurrentUser() user: SessionUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SavedView[]> {
    return answerWholeList(response, 'saved-views', await this.views.list(resource, user));
  }

  @Roles('admin', 'secretariat', 'reviewer')
  @Post()
  save(@Body() body: SavedViewDto, @CurrentUser() user: SessionUser): Promise<SavedView> {
    return this.views.save(body, user);
  }

  @Roles('admin', 'secretariat', 'reviewer')
  @Delete(':id')
  @HttpCode(200)
  async remove(
    @NumericParam() id: string,
    @CurrentUser() user: SessionUser,
  ): Promise<{ id: string }> {
    await this.views.remove(id, user);
    return { id };
  }
}
