import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DossierService } from '../dossiers/dossier.service.js';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { NotFoundError } from '../common/domain-errors.js';
import { ScanRepository } from './scan.repository.js';
import { ScanStore } from './scan-store.js';

/**
 * A scanned page of one of the dossier's envelopes, for whoever may work on the dossier (the
 * page shows patient data: not cached, like every API answer).
 */
@Controller('dossiers/:id/scans')
export class ScanController {
  constructor(
    private readonly dossiers: DossierService,
    private readonly scans: ScanRepository,
    private readonly store: ScanStore,
  ) {}

  @Roles('admin', 'secretariat', 'reviewer')
  @Get(':sha256')
  async scan(
    @Param('id') id: string,
    @Param('sha256') sha256: string,
    @CurrentUser() user: SessionUser,
    @Res() response: Response,
  ): Promise<void> {
    const dossier = await this.dossiers.forWork(id, user);
    const mediaType = await this.scans.scanOf(dossier.roundId, dossier.certNo, sha256);
    if (!mediaType) {
      throw new NotFoundError(
        'このスキャンはこの申請の郵便にありません。画面を再読み込みしてください',
      );
    }
    response.setHeader('Content-Type', mediaType);
    response.setHeader('Content-Disposition', 'inline');
    await new Promise<void>((resolve, reject) =>
      // The data folder may be a dot folder (`.data`, the default): send() refuses those unless told.
      response.sendFile(this.store.pathOf(sha256, mediaType), { dotfiles: 'allow' }, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  }
}
