import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DispatchFacts } from './mailing-lists.js';

/** What the mailing lists read of a round. */
@Injectable()
export class DispatchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Every dossier of the round with its form, latest released decision, payments, change
   * notices and the messages of the documents failing now.
   */
  async facts(roundId: string): Promise<DispatchFacts[]> {
    const rows: (DispatchFacts & { payments: { paidAt: string }[] })[] =
      await this.dataSource.query(
        `SELECT d.cert_no AS "certNo", trim(d.family_name || ' ' || d.given_name) AS name,
                r.applicant,
                (SELECT x.decision FROM decisions x
                  WHERE x.dossier_id = d.id AND x.released_at IS NOT NULL
                  ORDER BY x.id DESC LIMIT 1) AS decision,
                coalesce((SELECT json_agg(json_build_object('transactionId', p.transaction_id, 'item', p.item,
                                          'amount', p.amount, 'handlingFee', p.handling_fee,
                                          'paidAt', p.paid_at, 'status', p.status) ORDER BY p.file_order)
                            FROM payments p WHERE p.round_id = d.round_id AND p.cert_no = d.cert_no), '[]') AS payments,
                coalesce((SELECT json_agg(json_build_object('receivedAt', a.received_at,
                                          'recipientName', a.recipient_name, 'postalCode', a.postal_code,
                                          'prefecture', a.prefecture, 'address', a.address)
                                          ORDER BY a.received_at)
                            FROM address_changes a WHERE a.round_id = d.round_id AND a.cert_no = d.cert_no), '[]')
                  AS "addressChanges",
                coalesce((SELECT json_agg(e->>'message')
                            FROM check_results c, jsonb_array_elements(c.results) e
                           WHERE c.dossier_id = d.id AND e->>'rule' LIKE 'doc.%' AND e->>'outcome' = 'fail'), '[]')
                  AS deficiencies
           FROM dossiers d
           JOIN dossier_revisions r ON r.dossier_id = d.id AND r.revision = d.revision
          WHERE d.round_id = $1
          ORDER BY d.cert_no`,
        [roundId],
      );
    // JSON writes timestamps with their offset; the rules compare ISO instants.
    return rows.map((row) => ({
      ...row,
      payments: row.payments.map((p) => ({ ...p, paidAt: new Date(p.paidAt).toISOString() })),
      addressChanges: row.addressChanges.map((c) => ({
        ...c,
        receivedAt: new Date(c.receivedAt).toISOString(),
      })),
    })) as DispatchFacts[];
  }
}
