import { Injectable } from '@nestjs/common';
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
  ) {}

  /**
   * The stored file of a page of one of the dossier's envelopes, and how to send it: a PDF or
   * image whose bytes are what was recorded is shown in the page; anything else (stored before
   * uploads were sniffed this closely) only as a download of bytes.
   */
  async pageOf(
    dossierId: string,
    sha256: string,
    user: SessionUser,
  ): Promise<{ path: string; mediaType: string; inline: boolean }> {
    const dossier = await this.dossiers.forWork(dossierId, user);
    const recorded = await this.scans.scanOf(dossier.roundId, dossier.certNo, sha256);
    if (!recorded) {
      throw new NotFoundError(
        'このスキャンはこの申請の郵便にありません。画面を再読み込みしてください',
      );
    }
    const path = this.store.pathOf(sha256, recorded);
    const sniffed = sniffMediaType(await this.store.headOf(path));
    return sniffed === recorded
      ? { path, mediaType: sniffed, inline: true }
      : { path, mediaType: 'application/octet-stream', inline: false };
  }
}
