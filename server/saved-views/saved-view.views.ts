/**
 * A saved view of a list as the API answers it: a pure type, with no Nest or database in it,
 * so that the console reads it too.
 */

export interface SavedView {
  id: string;
  resource: string;
  name: string;
  filter: Record<string, unknown>;
  sort: { field: string; order: 'ASC' | 'DESC' } | null;
  shared: boolean;
  owner: string;
  createdAt: Date;
}
