import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where an import stages the rows of a bundle's form files while it reads them (issue 20):
 * dossiers are then assembled from here a few hundred at a time, so the import's memory no
 * longer grows with the bundle. Scratch only: unlogged (not worth the WAL, lost on a crash
 * with the import it belonged to), rows removed when their import ends. `row_key` is the JSON
 * array of the row's key fields (duplicates are found here); `json` the row as it will be stored.
 */
export class ImportStaging1765530000000 implements MigrationInterface {
  name = 'ImportStaging1765530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE UNLOGGED TABLE import_staged_rows (
        import_id uuid NOT NULL,
        file      text NOT NULL,
        line      integer NOT NULL,
        cert_no   text NOT NULL,
        row_key   text NOT NULL,
        sort_key  double precision NOT NULL,
        json      text NOT NULL
      )`);
    await q.query(
      `CREATE INDEX import_staged_rows_cert_idx ON import_staged_rows (import_id, cert_no)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE import_staged_rows`);
  }
}
