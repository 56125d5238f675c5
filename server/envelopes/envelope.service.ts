import { Injectable } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import { DossierRepository } from '../dossiers/dossier.repository.js';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../auth/auth.service.js';
import { CheckQueueService } from '../checks/check-queue.service.js';
import { InvalidInputError, NotFoundError } from '../common/domain-errors.js';
import { checkInput, invalidInputError, type FoundProblem } from '../common/input-validation.js';
import type { ListQuery } from '../common/list-query.js';
import type { UploadedFile } from '../imports/import-upload.service.js';
import { uploadedName } from '../imports/import-upload.service.js';
import { RoundService } from '../rounds/round.service.js';
import { EnvelopeRepository, type EnvelopeSortField } from './envelope.repository.js';
import { EnvelopeRegistrationDto } from './dto/envelope-registration.dto.js';
import { EnvelopeDto } from './dto/envelope.dto.js';
import { ScanQueueService } from '../scans/scan-queue.service.js';
import { ScanRepository } from '../scans/scan.repository.js';
import {
  markupIn,
  MEDIA_TYPE_NAMES,
  mediaTypeOfName,
  ScanStore,
  sniffMediaType,
} from '../scans/scan-store.js';
import type { EnvelopeDetail, EnvelopeRow, EnvelopeValues, ScansAdded } from './envelope.views.js';

/** The extension a file of each media type is named with. */
const EXTENSION_OF: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/tiff': 'tif',
};

/**
 * Envelopes registered in the console (the mail room's log is imported): the next 受付番号 of
 * the round, the applicant found by 認定番号, and scans uploaded per envelope. The applicant's
 * checks run again (postmark and kind of mail come from the first envelope).
 */
@Injectable()
export class EnvelopeService {
  constructor(
    private readonly envelopes: EnvelopeRepository,
    private readonly scans: ScanRepository,
    private readonly applications: DossierRepository,
    private readonly rounds: RoundService,
    private readonly checkQueue: CheckQueueService,
    private readonly audit: AuditService,
    private readonly scanQueue: ScanQueueService,
    private readonly store: ScanStore,
  ) {}

  list(query: ListQuery<EnvelopeSortField>): Promise<[EnvelopeRow[], number]> {
    return this.envelopes.list(query);
  }

  async get(id: string): Promise<EnvelopeDetail> {
    const [roundId, receiptNo] = splitId(id);
    const envelope = await this.envelopes.find(roundId, receiptNo);
    if (!envelope) {
      throw new NotFoundError(`郵便 ${receiptNo} はありません。郵便の一覧から選び直してください`);
    }
    return envelope;
  }

  /** `body` is read by EnvelopeRegistrationDto; one answer names its wrong fields and 認定番号. */
  async register(body: unknown, user: SessionUser): Promise<EnvelopeDetail> {
    const checked = await checkInput(EnvelopeRegistrationDto, body);
    const roundId = checked.input.roundId;
    await this.rounds.get(roundId);
    const values = await this.values(roundId, checked);
    const receiptNo = await this.envelopes.register(roundId, values);
    await this.audit.record({
      actor: user.login,
      action: 'envelope.registered',
      entity: 'envelope',
      entityId: receiptNo,
      roundId,
      certNo: values.certNo || null,
      after: values,
    });
    await this.checkQueue.requeue(roundId, [values.certNo]);
    return (await this.envelopes.find(roundId, receiptNo))!;
  }

  /** Corrects an envelope, or names the applicant of one that waited unmatched. */
  async update(id: string, body: unknown, user: SessionUser): Promise<EnvelopeDetail> {
    const checked = await checkInput(EnvelopeDto, body);
    const before = await this.get(id);
    const values = await this.values(before.roundId, checked);
    await this.envelopes.update(before.roundId, before.receiptNo, values);
    await this.audit.record({
      actor: user.login,
      action: 'envelope.updated',
      entity: 'envelope',
      entityId: before.receiptNo,
      roundId: before.roundId,
      certNo: values.certNo || before.certNo || null,
      before: {
        arrivedOn: before.arrivedOn,
        postmarkedOn: before.postmarkedOn,
        mailKind: before.mailKind,
        trackingNo: before.trackingNo,
        certNo: before.certNo,
        note: before.note,
      },
      after: values,
    });
    await this.checkQueue.requeue(before.roundId, [before.certNo, values.certNo]);
    await this.readPages(before.roundId, before.receiptNo);
    return (await this.envelopes.find(before.roundId, before.receiptNo))!;
  }

  /** PDF, PNG, JPEG or TIFF pages uploaded for one envelope: stored once each, added as its next pages. */
  async addScans(id: string, files: UploadedFile[], user: SessionUser): Promise<ScansAdded> {
    try {
      const envelope = await this.get(id);
      if (files.length === 0) {
        throw new InvalidInputError('スキャンのファイル(PDF・PNG・JPEG・TIFF)を選んでください');
      }
      const stored = [];
      const accepted: { fileName: string; path: string; mediaType: string }[] = [];
      const problems = [];
      for (const file of files) {
        const name = uploadedName(file.originalname);
        const head = await this.store.headOf(file.path);
        const mediaType = sniffMediaType(head);
        const named = mediaTypeOfName(name);
        const problem = markupIn(head)
          ? `${name}: 中身に HTML などのページが含まれていて、スキャンではありません。スキャナーで読み取ったファイルを選んでください`
          : !mediaType
            ? `${name}: PDF・PNG・JPEG・TIFF のいずれでもありません。スキャンしたファイルを選んでください`
            : mediaType !== named
              ? `${name}: 中身は ${MEDIA_TYPE_NAMES[mediaType]} ですが、${named ? `名前が ${MEDIA_TYPE_NAMES[named]} のものです` : '名前の拡張子が .pdf .png .jpg .tif のいずれでもありません'}。中身に合う名前(.${EXTENSION_OF[mediaType]})にして選び直してください`
              : null;
        if (problem || !mediaType) {
          problems.push({ field: 'files', file: name, message: problem! });
          continue;
        }
        accepted.push({ fileName: name, path: file.path, mediaType });
      }
      // One file refused refuses the upload: nothing is stored.
      if (problems.length > 0) {
        throw new InvalidInputError(problems.map((p) => p.message).join(' / '), problems);
      }
      for (const { fileName, path, mediaType } of accepted) {
        stored.push({ fileName, ...(await this.store.put(path, mediaType)) });
      }
      const added = await this.scans.addScans(envelope.roundId, envelope.receiptNo, stored);
      await this.audit.record({
        actor: user.login,
        action: 'envelope.scans-added',
        entity: 'envelope',
        entityId: envelope.receiptNo,
        roundId: envelope.roundId,
        certNo: envelope.certNo || null,
        after: { files: stored.map((s) => ({ name: s.fileName, sha256: s.sha256 })), added },
      });
      await this.readPages(envelope.roundId, envelope.receiptNo);
      return {
        added,
        envelope: (await this.envelopes.find(envelope.roundId, envelope.receiptNo))!,
      };
    } finally {
      await Promise.all(files.map((f) => rm(f.path, { force: true })));
    }
  }

  /** The envelope's values, once its 認定番号 (when given) is found among the round's dossiers. */
  private async values(
    roundId: string,
    { input, problems }: { input: EnvelopeDto; problems: FoundProblem[] },
  ): Promise<EnvelopeValues> {
    if (input.certNo && !(await this.applications.findByCertNo(roundId, input.certNo))) {
      problems.push({
        field: 'certNo',
        message: `年度 ${roundId} に認定番号 ${input.certNo} の申請はありません。宛名が読めないときは空欄にしてください(未照合として残ります)`,
      });
    }
    if (problems.length > 0) throw invalidInputError(problems);
    return {
      arrivedOn: input.arrivedOn,
      postmarkedOn: input.postmarkedOn,
      mailKind: input.mailKind,
      trackingNo: input.trackingNo,
      certNo: input.certNo,
      note: input.note,
    };
  }

  /** Queues the reading of the envelope's pages (what each shows is found from the page). */
  private async readPages(roundId: string, receiptNo: string): Promise<void> {
    await this.scanQueue.queueEnvelopes(roundId, [receiptNo]);
  }
}

/** An envelope's id in the console: `<round>:<受付番号>`. */
function splitId(id: string): [string, string] {
  const at = id.indexOf(':');
  if (at < 1)
    throw new NotFoundError(`郵便「${id}」はありません。郵便の一覧から選び直してください`);
  return [id.slice(0, at), id.slice(at + 1)];
}
