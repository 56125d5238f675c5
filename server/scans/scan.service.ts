import { Injectable } from '@nestjs/common';
import type { SessionUser } from '../auth/auth.service.js';
import { NotFoundError } from '../common/domain-errors.js';
import { DossierService } from '../dossiers/dossier.service.js';
import { ScanRepository } from './scan.repository.js';
import { ScanStore } from './scan-store.js';

/** Scanned pages as the console shows them: only to whoever may work on the dossier. */
@Injectable()
export class ScanService {
  constructor(
    private readonly dossiers: DossierService,
    private readonly scans: ScanRepository,
    private readonly store: ScanStore,
  ) {}

  /** The stored file of a page of one of the dossier's envelopes, and its media type. */
  async pageOf(
    dossierId: string,
    sha256: string,
    user: SessionUser,
  ): Promise<{ path: string; mediaType: string }> {
    const dossier = await this.dossiers.forWork(dossierId, user);
    const mediaType = await this.scans.scanOf(dossier.roundId, dossier.certNo, sha256);
    if (!mediaType) {
      throw new NotFoundError(
        'このスキャンはこの申請の郵便にありません。画面を再読み込みしてください',
      );
    }
    return { path: this.store.pathOf(sha256, mediaType), mediaType };
  }
}
