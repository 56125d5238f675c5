import type pg from 'pg';

/** An identifier quoted for SQL (table and column names come from the catalog or a manifest). */
export function quoted(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

export interface PublicTable {
  name: string;
  /** Columns a COPY writes and reads: not dropped, not generated. */
  columns: string[];
}

/** The tables of the application's schema (public), with their columns in order. */
export async function publicTables(client: pg.ClientBase): Promise<PublicTable[]> {
  const { rows } = await client.query<PublicTable>(
    `SELECT c.relname::text AS name,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
                          AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind = 'r'
      GROUP BY c.relname
      ORDER BY c.relname`,
  );
  return rows;
}

/**
 * The tables, referenced before referencing (by their foreign keys), so rows can be loaded in
 * that order even where foreign keys cannot be switched off; ties and cycles by name.
 */
export async function foreignKeyOrder(client: pg.ClientBase, tables: string[]): Promise<string[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT c.relname::text AS child, p.relname::text AS parent
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND c.oid <> p.oid`,
  );
  return dependencyOrder(tables, rows);
}

/** Pure: `tables` sorted so every parent comes before its children; a cycle keeps name order. */
export function dependencyOrder(
  tables: readonly string[],
  edges: readonly { child: string; parent: string }[],
): string[] {
  const remaining = new Set([...tables].sort());
  const ordered: string[] = [];
  while (remaining.size > 0) {
    const ready = [...remaining].find(
      (t) => !edges.some((e) => e.child === t && e.parent !== t && remaining.has(e.parent)),
    );
    // A cycle: take the first by name; its foreign keys need session_replication_role.
    const next = ready ?? [...remaining][0];
    ordered.push(next);
    remaining.delete(next);
  }
  return ordered;
}

/** Rows of every table (exact counts), for deciding whether a database is empty. */
export async function rowCounts(
  client: pg.ClientBase,
  tables: readonly string[],
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoted(t)}`);
    counts[t] = Number(rows[0].n);
  }
  return counts;
}
