import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, ValidateIf } from 'class-validator';
import { AsText, IsDossierIds } from '../../common/dto-fields.js';

/**
 * Release of a round's pending decisions (POST /api/decisions/release): all, or these; and what
 * it would release (POST /api/decisions/release/preview). 保留 only when asked: a decision on
 * hold is usually not the committee's last word.
 */
export class ReleaseDto {
  /** Looked up by the service: an unknown round is its 404. */
  @AsText()
  roundId = '';

  /** Null: every pending decision of the round. */
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map(String) : null))
  @ValidateIf((release: ReleaseDto) => release.dossierIds !== null)
  @IsDossierIds(
    {},
    {
      message: '申請 ID の一覧で指定してください',
      summary: '公開する申請の指定が正しくありません',
    },
  )
  dossierIds: string[] | null = null;

  /** Release decisions of 保留 too (left out unless asked). */
  @IsOptional()
  @IsBoolean({ message: 'includeHeld は true か false で指定してください' })
  includeHeld = false;
}
