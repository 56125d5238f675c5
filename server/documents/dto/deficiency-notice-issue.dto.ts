import { Transform } from 'class-transformer';
import { ValidateBy, ValidateIf } from 'class-validator';
import { AsText, IsDossierIds } from '../../common/dto-fields.js';
import { jstDay } from '../../common/japan-time.js';

const RESUBMIT_BY = '再提出の期限を今日以降の日付で入れてください';

/**
 * Deficiency notices to issue (POST /api/deficiency-notices): the round, the day to resubmit
 * by, and the dossiers (else every deficient one of the round).
 */
export class DeficiencyNoticeIssueDto {
  /** Looked up by the service: an unknown round is its 404. */
  @AsText()
  roundId = '';

  @AsText()
  @ValidateBy(
    {
      name: 'isDayFromToday',
      validator: {
        validate: (day: string) => /^\d{4}-\d{2}-\d{2}$/.test(day) && day >= jstDay(new Date()),
      },
    },
    { message: RESUBMIT_BY },
  )
  resubmitBy = '';

  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map(String) : null))
  @ValidateIf((issue: DeficiencyNoticeIssueDto) => issue.dossierIds !== null)
  @IsDossierIds(
    {},
    { message: '申請 ID の一覧で指定してください', summary: '申請の指定が正しくありません' },
  )
  dossierIds: string[] | null = null;
}
