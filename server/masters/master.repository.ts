import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityTarget, ILike, ObjectLiteral } from 'typeorm';
import type { ListQuery } from '../common/list-query.js';
import type { FacilityRecord } from './master-records.js';
import { FacilityEntity } from './facility.entity.js';
import { MeetingEntity } from './meeting.entity.js';
import { SocietyEntity } from './society.entity.js';

export type MasterKind = 'societies' | 'meetings' | 'facilities';

interface MasterTable {
  entity: EntityTarget<ObjectLiteral>;
  /** The code column that, with the round, identifies a row. */
  codeField: string;
  /** Columns the search box looks in. */
  searchFields: string[];
  sortable: readonly string[];
}

export const MASTER_TABLES: Record<MasterKind, MasterTable> = {
  societies: {
    entity: SocietyEntity,
    codeField: 'code',
    searchFields: ['code', 'name'],
    sortable: ['code', 'name', 'updatedAt'],
  },
  meetings: {
    entity: MeetingEntity,
    codeField: 'code',
    searchFields: ['code', 'name', 'societyCode'],
    sortable: ['code', 'name', 'societyCode', 'startsOn', 'kind', 'updatedAt'],
  },
  facilities: {
    entity: FacilityEntity,
    codeField: 'facilityNo',
    searchFields: ['facilityNo', 'name', 'prefecture'],
    sortable: ['facilityNo', 'name', 'prefecture', 'updatedAt'],
  },
};

/** Reads the master data of the board (written by imports). */
@Injectable()
export class MasterRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(kind: MasterKind, query: ListQuery): Promise<[ObjectLiteral[], number]> {
    const table = MASTER_TABLES[kind];
    const base: Record<string, unknown> = {};
    if (typeof query.filter.roundId === 'string') base.roundId = query.filter.roundId;
    if (kind === 'meetings' && typeof query.filter.kind === 'string') base.kind = query.filter.kind;
    const q = typeof query.filter.q === 'string' ? query.filter.q.trim() : '';
    const where = q ? table.searchFields.map((f) => ({ ...base, [f]: ILike(`%${q}%`) })) : base;
    return this.dataSource.getRepository(table.entity).findAndCount({
      where,
      order: { [query.sortField]: query.sortOrder, [table.codeField]: 'ASC' },
      skip: query.offset,
      take: query.limit,
    });
  }

  /** The round's training facilities by facility number, for addressing mail to them. */
  async facilitiesOf(roundId: string): Promise<Map<string, FacilityRecord>> {
    const rows: ({ facilityNo: string } & FacilityRecord)[] = await this.dataSource.query(
      `SELECT facility_no AS "facilityNo", name, postal_code AS "postalCode", prefecture, address
         FROM facilities WHERE round_id = $1`,
      [roundId],
    );
    return new Map(rows.map(({ facilityNo, ...f }) => [facilityNo, f]));
  }
}
