import { parseArgs } from 'node:util';
import { AuditService } from '../audit/audit.service.js';
import { ApplicationsReportService } from '../dossiers/applications-report.service.js';
import { UsageError } from './errors.js';
import { EXIT, type Io } from './io.js';
import { actorOf, withServices } from './services.js';

/** `applications --round <id> --json`: every dossier with its verdict, counts and check results. */
export async function applicationsCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      round: { type: 'string' },
      json: { type: 'boolean', default: false },
      by: { type: 'string' },
    },
  });
  if (!values.round)
    throw new UsageError('applications: --round <年度ID> を指定してください(例: --round 2021)');
  return withServices(async (app) => {
    const actor = await actorOf(app, 'applications', values.by);
    const list = await app.get(ApplicationsReportService).listForRound(values.round!);
    // Check results speak of cases (patient data): who listed them is recorded.
    await app.get(AuditService).record({
      actor,
      action: 'applications.listed',
      entity: 'round',
      entityId: values.round!,
      roundId: values.round!,
      after: { dossiers: list.length },
    });
    if (io.json) io.out(list, '');
    else {
      for (const a of list) {
        process.stdout.write(
          `${a.certNo}\t${a.name}\t${a.verdict ?? '未チェック'}\t症例 ${a.counts.cases}(確認中 ${a.counts.casesUnderReview})\t学術集会 ${a.counts.attendances}\n`,
        );
      }
      io.say(`${list.length} 件の申請`);
    }
    return EXIT.ok;
  });
}
