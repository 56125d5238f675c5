import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../auth/auth.service.js';
import { InvalidInputError, NotAllowedError, NotFoundError } from '../common/domain-errors.js';
import { type SavedViewDto, VIEW_RESOURCES } from './dto/saved-view.dto.js';
import { SavedViewRepository } from './saved-view.repository.js';
import type { SavedView } from './saved-view.views.js';

/**
 * Saved views of a list (filter and sort under a name), kept on the server so they follow a
 * person from machine to machine; office staff may share one with everybody.
 */
@Injectable()
export class SavedViewService {
  constructor(
    private readonly views: SavedViewRepository,
    private readonly audit: AuditService,
  ) {}

  list(resource: unknown, user: SessionUser): Promise<SavedView[]> {
    return this.views.visibleTo(user.login, this.resource(resource));
  }

  async save(body: SavedViewDto, user: SessionUser): Promise<SavedView> {
    const { resource, name, filter, shared } = body;
    const sort = body.sort ? { field: body.sort.field, order: body.sort.order } : null;
    if (shared && user.role === 'reviewer') {
      const message = '共有できるのは事務局と管理者です。自分用のビューとして保存してください';
      throw new InvalidInputError(message, [{ field: 'shared', message }]);
    }
    const view = await this.views.save({
      resource,
      name,
      filter,
      sort,
      shared,
      owner: user.login,
    });
    await this.audit.record({
      actor: user.login,
      action: 'view.saved',
      entity: 'saved-view',
      entityId: view.id,
      after: { resource, name, filter, shared },
    });
    return view;
  }

  /** The owner removes their view; an admin may also remove a shared one. */
  async remove(id: string, user: SessionUser): Promise<void> {
    const view = await this.views.find(id);
    if (!view) throw new NotFoundError(`ビュー ${id} はありません。一覧を再読み込みしてください`);
    if (view.owner !== user.login && !(view.shared && user.role === 'admin')) {
      throw new NotAllowedError(
        `ビュー「${view.name}」は ${view.owner} さんのものです。削除は本人か管理者に依頼してください`,
      );
    }
    await this.views.remove(view.id);
    await this.audit.record({
      actor: user.login,
      action: 'view.removed',
      entity: 'saved-view',
      entityId: view.id,
      before: { resource: view.resource, name: view.name, owner: view.owner },
    });
  }

  private resource(value: unknown): string {
    if (typeof value === 'string' && (VIEW_RESOURCES as readonly string[]).includes(value)) {
      return value;
    }
    throw new InvalidInputError(`ビューを保存できる一覧は ${VIEW_RESOURCES.join(', ')} です`, [
      { field: 'resource', message: `一覧「${String(value)}」にはビューを保存できません` },
    ]);
  }
}
