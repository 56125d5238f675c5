import { MigrationInterface, QueryRunner } from 'typeorm';

/** The product ships the 2021 round of formats.md. An existing row is left as staff edited it. */
export class SeedRound20211764000000001 implements MigrationInterface {
  name = 'SeedRound20211764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO rounds (
        id, label, application_opens, review_fee_deadline, elearning_deadline,
        registration_deadline, postmark_deadline, results_address_cutoff,
        certificate_address_cutoff, renewal_date, fees, requirements, pin_badge_at_renewal
      ) VALUES (
        '2021', '2021年度',
        '2021-02-01T13:00:00+09:00', '2021-09-09T15:00:00+09:00',
        '2021-09-16T23:59:59+09:00', '2021-09-16T23:59:59+09:00',
        '2021-09-30', '2022-03-10', '2022-04-30', '2022-04-01',
        '{"review": 11000, "certification": 22000, "handling": 110}',
        '{"cases": 20, "maxCases": 25, "attendances": 3, "maxAttendances": 5, "electives": 3}',
        2
      ) ON CONFLICT (id) DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM rounds WHERE id = '2021'`);
  }
}
