import type { Response } from 'express';
import { contentRange } from './list-query.js';

/** A page of rows and the total of the list they are part of, as services count them. */
export type Page<T> = readonly [rows: T[], total: number] | { rows: T[]; total: number };

/**
 * Answers a react-admin list: the page's rows, with the `Content-Range` header saying where
 * they stand in the total (`offset`: the place of the first row).
 */
export function answerList<T>(
  response: Pick<Response, 'setHeader'>,
  resource: string,
  offset: number,
  page: Page<T>,
): T[] {
  const [rows, total] = 'rows' in page ? [page.rows, page.total] : page;
  response.setHeader('Content-Range', contentRange(resource, offset, rows.length, total));
  return rows;
}

/** Answers a list that is never paged: every row, from the first. */
export function answerWholeList<T>(
  response: Pick<Response, 'setHeader'>,
  resource: string,
  rows: T[],
): T[] {
  return answerList(response, resource, 0, [rows, rows.length]);
}
