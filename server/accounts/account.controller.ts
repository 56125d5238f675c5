import { Body, Controller, Get, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { USER_SORTABLE } from '../auth/user.repository.js';
import { answerList } from '../common/list-answer.js';
import { parseListQuery } from '../common/list-query.js';
import { AccountService, type AccountView } from './account.service.js';
import { AccountCreateDto } from './dto/account-create.dto.js';
import { AccountUpdateDto } from './dto/account-update.dto.js';
import { INT4_MAX, NumericParam } from '../common/numeric-param.pipe.js';

/** Accounts (react-admin resource `users`): admins only. */
@Roles('admin')
@Controller('users')
export class AccountController {
  constructor(private readonly accounts: AccountService) {}

  @Get()
  async list(
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AccountView[]> {
    const list = parseListQuery(query, { sortable: USER_SORTABLE, defaultSort: 'login' });
    return answerList(response, 'users', list.offset, await this.accounts.list(list));
  }

  @Get(':id')
  get(@NumericParam('id', { max: INT4_MAX }) id: string): Promise<AccountView> {
    return this.accounts.get(Number(id));
  }

  @Post()
  create(@Body() body: AccountCreateDto, @CurrentUser() user: SessionUser) {
    return this.accounts.create(body, user);
  }

  @Put(':id')
  update(
    @NumericParam('id', { max: INT4_MAX }) id: string,
    @Body() body: AccountUpdateDto,
    @CurrentUser() user: SessionUser,
  ): Promise<AccountView> {
    return this.accounts.update(Number(id), body, user);
  }

  @Post(':id/password-reset')
  @HttpCode(200)
  resetPassword(
    @NumericParam('id', { max: INT4_MAX }) id: string,
    @CurrentUser() user: SessionUser,
  ) {
    return this.accounts.resetPassword(Number(id), user);
  }

  @Post(':id/unlock')
  @HttpCode(200)
  unlock(
    @NumericParam('id', { max: INT4_MAX }) id: string,
    @CurrentUser() user: SessionUser,
  ): Promise<AccountView> {
    return this.accounts.unlock(Number(id), user);
  }
}
