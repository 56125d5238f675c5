import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Letters and labels (issue 19). A round may name the sender its letters print (organisation,
 * postal code, address, telephone). An export keeps the letter date chosen when it was asked
 * for (null: the day it is written) and its layout: the list itself, or address labels (a CSV
 * for label software, or an A4 sheet of 12 labels as PDF).
 */
export class LettersAndLabels1765420220022 implements MigrationInterface {
  name = 'LettersAndLabels1765420220022';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rounds ADD COLUMN sender jsonb`);
    await q.query(`ALTER TABLE list_exports ADD COLUMN letter_date date`);
    await q.query(
      `ALTER TABLE list_exports ADD COLUMN layout varchar(8) NOT NULL DEFAULT 'list'
         CHECK (layout IN ('list', 'labels'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE list_exports DROP COLUMN layout`);
    await q.query(`ALTER TABLE list_exports DROP COLUMN letter_date`);
    await q.query(`ALTER TABLE rounds DROP COLUMN sender`);
  }
}
