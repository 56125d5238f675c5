import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Envelopes and their scans. */
@Injectable()
export class MailRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The scan's media type when it belongs to an envelope of this applicant, else null. */
  async scanOf(roundId: string, certNo: string, sha256: string): Promise<string | null> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
    const rows: { mediaType: string }[] = await this.dataSource.query(
      `SELECT f.media_type AS "mediaType"
         FROM envelope_scans s
         JOIN envelopes e ON e.round_id = s.round_id AND e.receipt_no = s.receipt_no
         JOIN scan_files f ON f.sha256 = s.sha256
        WHERE s.round_id = $1 AND e.cert_no = $2 AND s.sha256 = $3
        LIMIT 1`,
      [roundId, certNo, sha256],
    );
    return rows[0]?.mediaType ?? null;
  }
}
