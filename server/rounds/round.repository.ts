import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ILike, Repository } from 'typeorm';
import type { ListQuery } from '../common/list-query.js';
import { RoundEntity } from './round.entity.js';

export const ROUND_SORTABLE = ['id', 'label', 'registrationDeadline', 'updatedAt'] as const;
export type RoundSortField = (typeof ROUND_SORTABLE)[number];

@Injectable()
export class RoundRepository {
  constructor(@InjectRepository(RoundEntity) private readonly rounds: Repository<RoundEntity>) {}

  async list(query: ListQuery<RoundSortField>): Promise<[RoundEntity[], number]> {
    const q = typeof query.filter.q === 'string' ? query.filter.q.trim() : '';
    const ids = Array.isArray(query.filter.id) ? query.filter.id.map(String) : null;
    const where = ids
      ? ids.map((id) => ({ id }))
      : q
        ? [{ id: ILike(`%${q}%`) }, { label: ILike(`%${q}%`) }]
        : undefined;
    return this.rounds.findAndCount({
      where,
      order: { [query.sortField]: query.sortOrder },
      skip: query.offset,
      take: query.limit,
    });
  }

  findById(id: string): Promise<RoundEntity | null> {
    return this.rounds.findOneBy({ id });
  }

  create(values: Omit<RoundEntity, 'version' | 'createdAt' | 'updatedAt'>): Promise<RoundEntity> {
    return this.rounds.save(this.rounds.create(values));
  }

  /**
   * Writes new values only if the row is still at `expectedVersion`: two people editing one
   * round never silently overwrite each other. Returns false when the row moved on.
   */
  async updateIfVersion(
    id: string,
    expectedVersion: number,
    values: Partial<Omit<RoundEntity, 'id' | 'version' | 'createdAt' | 'updatedAt'>>,
  ): Promise<boolean> {
    const result = await this.rounds
      .createQueryBuilder()
      .update(RoundEntity)
      .set({ ...values, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
