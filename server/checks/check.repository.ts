import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface CheckTarget {
  roundId: string;
  certNo: string;
  inputsVersion: number;
}

/** The check bookkeeping of dossiers: which inputs version was last judged, or failed. */
@Injectable()
export class CheckRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async state(
    roundId: string,
    certNo: string,
  ): Promise<{ inputsVersion: number; checkedVersion: number } | null> {
    const [row] = await this.dataSource.query(
      `SELECT inputs_version, checked_version FROM dossiers WHERE round_id = $1 AND cert_no = $2`,
      [roundId, certNo],
    );
    return row ? { inputsVersion: row.inputs_version, checkedVersion: row.checked_version } : null;
  }

  async markChecked(target: CheckTarget): Promise<void> {
    await this.dataSource.query(
      `UPDATE dossiers SET checked_version = greatest(checked_version, $3), check_error = NULL
        WHERE round_id = $1 AND cert_no = $2`,
      [target.roundId, target.certNo, target.inputsVersion],
    );
  }

  async markFailed(target: CheckTarget, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE dossiers SET check_failed_version = greatest(check_failed_version, $3), check_error = $4
        WHERE round_id = $1 AND cert_no = $2`,
      [target.roundId, target.certNo, target.inputsVersion, error],
    );
  }

  /** How many of `targets` are still waiting: neither judged nor failed at (or past) their version. */
  async outstanding(targets: CheckTarget[]): Promise<{ waiting: number; failed: number }> {
    if (targets.length === 0) return { waiting: 0, failed: 0 };
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE d.checked_version < u.v AND d.check_failed_version < u.v)::int AS waiting,
              count(*) FILTER (WHERE d.checked_version < u.v AND d.check_failed_version >= u.v)::int AS failed
         FROM unnest($1::text[], $2::text[], $3::integer[]) AS u(round_id, cert_no, v)
         JOIN dossiers d ON d.round_id = u.round_id AND d.cert_no = u.cert_no`,
      [
        targets.map((t) => t.roundId),
        targets.map((t) => t.certNo),
        targets.map((t) => t.inputsVersion),
      ],
    );
    return { waiting: row.waiting, failed: row.failed };
  }
}
