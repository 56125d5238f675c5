import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../auth/auth.service.js';
import { InvalidInputError, NotAllowedError, NotFoundError } from '../common/domain-errors.js';
import { SavedViewRepository } from './saved-view.repository.js';
import type { SavedView } from './saved-view.views.js';

/** The lists a view may be saved for. */
export const VIEW_RESOURCES = ['dossiers'] as const;
const MAX_FILTER_JSON = 4000;

export interface SavedViewInput {
  resource?: unknown;
  name?: unknown;
  filter?: unknown;
  sort?: unknown;
  shared?: unknown;
}

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

  async save(body: SavedViewInput, user: SessionUser): Promise<SavedView> {
    const resource = this.resource(body.resource);
    const name = typeof body.name === 'string' ? body.name.normalize('NFC').trim() : '';
    const problems: { field: string; message: string }[] = [];
    if (!name || name.length > 80) {
      problems.push({ field: 'name', message: 'ビューの名前を 1〜80 文字で付けてください' });
    }
    const filter = body.filter ?? {};
    if (
      typeof filter !== 'object' ||
      filter === null ||
      Array.isArray(filter) ||
      JSON.stringify(filter).length > MAX_FILTER_JSON
    ) {
      problems.push({ field: 'filter', message: '絞り込み条件が正しくありません' });
    }
    let sort: SavedView['sort'] = null;
    if (body.sort !== undefined && body.sort !== null) {
      const s = body.sort as { field?: unknown; order?: unknown };
      if (
        typeof s.field !== 'string' ||
        !/^[A-Za-z]{1,40}$/.test(s.field) ||
        (s.order !== 'ASC' && s.order !== 'DESC')
      ) {
        problems.push({
          field: 'sort',
          message: '並び順は {field, order: ASC|DESC} で指定してください',
        });
      } else sort = { field: s.field, order: s.order };
    }
    const shared = body.shared === true;
    if (shared && user.role === 'reviewer') {
      problems.push({
        field: 'shared',
        message: '共有できるのは事務局と管理者です。自分用のビューとして保存してください',
      });
    }
    if (problems.length > 0) {
      throw new InvalidInputError(problems.map((p) => p.message).join(' / '), problems);
    }
    const view = await this.views.save({
      resource,
      name,
      filter: filter as Record<string, unknown>,
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
