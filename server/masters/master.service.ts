import { Injectable } from '@nestjs/common';
import type { ObjectLiteral } from 'typeorm';
import { parseListQuery, type ListQuery } from '../common/list-query.js';
import { MASTER_TABLES, MasterRepository, type MasterKind } from './master.repository.js';

/** The board's master data as the console lists it: read only, it changes by import. */
@Injectable()
export class MasterService {
  constructor(private readonly masters: MasterRepository) {}

  /** The list query of a master table (its own sortable fields, by code by default). */
  queryOf(kind: MasterKind, query: Record<string, unknown>): ListQuery {
    const table = MASTER_TABLES[kind];
    return parseListQuery(query, { sortable: table.sortable, defaultSort: table.codeField });
  }

  /** A page of a master table, each row with the id react-admin needs: round and code. */
  async list(kind: MasterKind, query: ListQuery): Promise<[ObjectLiteral[], number]> {
    const codeField = MASTER_TABLES[kind].codeField;
    const [rows, total] = await this.masters.list(kind, query);
    return [rows.map((row) => ({ id: `${row.roundId}.${row[codeField]}`, ...row })), total];
  }
}
