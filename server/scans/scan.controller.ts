import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { SessionUser } from '../auth/auth.service.js';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { ScanService } from './scan.service.js';
import { NumericParam } from '../common/numeric-param.pipe.js';

/**
 * A scanned page of one of the dossier's envelopes, for whoever may work on the dossier (the
 * page shows patient data: not cached, like every API answer).
 */
@Controller('dossiers/:id/scans')
export class ScanController {
  constructor(private readonly scans: ScanService) {}

  @Roles('admin', 'secretariat', 'reviewer')
  @Get(':sha256')
  async scan(
    @NumericParam() id: string,
    @Param('sha256') sha256: string,
    @CurrentUser() user: SessionUser,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { path, mediaType, inline } = await this.scans.pageOf(
      id,
      sha256,
      user,
      request.ip ?? null,
    );
    response.setHeader('Content-Type', mediaType);
    response.setHeader('Content-Disposition', inline ? 'inline' : 'attachment');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    await new Promise<void>((resolve, reject) =>
      // The data folder may be a dot folder (`.data`, the default): send() refuses those unless told.
      response.sendFile(path, { dotfiles: 'allow' }, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  }
}
