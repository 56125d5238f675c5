import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { SessionUser } from '../auth/auth.service.js';
import { NotFoundError } from '../common/domain-errors.js';
import { DossierService } from '../dossiers/dossier.service.js';
import { ScanRepository } from './scan.repository.js';
import { ScanStore, sniffMediaType } from './scan-store.js';

/** Scanned pages as the console shows them: only to whoever may work on the dossier. */
@Injectable()
export class ScanService {
  constructor(
    private readonly dossiers: DossierService,
    private readonly scans: ScanRepository,
    private readonly store: ScanStore,
    private readonly audit: AuditService,
  ) {}

  /**
   * The stored file of a page of one of the dossier's envelopes, and how to send it: a PDF or
   * image whose bytes are what was recorded is shown in the page; anything else (stored before
   * uploads were sniffed this closely) only as a download of bytes.
   *
   * Reading is audited, once per reader in ten minutes: a scanned file by its name, the page
   * images of an envelope together (its thumbnails load one request a page).
   */
  async pageOf(
    dossierId: string,
    sha256: string,
    user: SessionUser,
    ip: string | null,
  ): Promise<{ path: string; mediaType: string; inline: boolean }> {
    const dossier = await this.dossiers.forWork(dossierId, user);
    const scan = await this.scans.scanOf(dossier.roundId, dossier.certNo, sha256);
    if (!scan) {
      throw new NotFoundError(
        'このスキャンはこの申請の郵便にありません。画面を再読み込みしてください',
      );
    }
    if (scan.purgedAt) {
      throw new NotFoundError(
        'このスキャンは症例一覧表を含むため、保存期間を過ぎて削除しました。書類の確認結果と判定は残っています',
      );
    }
    await this.audit.recordRead({
      actor: user.login,
      action: scan.fileName === null ? 'envelope.pages-viewed' : 'envelope.scan-file-read',
      entity: 'envelope',
      entityId: scan.receiptNo,
      roundId: dossier.roundId,
      certNo: dossier.certNo,
      after:
        scan.fileName === null
          ? { dossierId: dossier.id }
          : { dossierId: dossier.id, file: scan.fileName, sha256 },
      ip,
    });
    const path = this.store.pathOf(sha256, scan.mediaType);
    const sniffed = sniffMediaType(await this.store.headOf(path));
    return sniffed === scan.mediaType
      ? { path, mediaType: sniffed, inline: true }
      : { path, mediaType: 'application/octet-stream', inline: false };
  }
}
