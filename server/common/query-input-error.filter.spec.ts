import type { ArgumentsHost } from '@nestjs/common';
import type { Request } from 'express';
import { QueryFailedError } from 'typeorm';
import { parameterOf, QueryInputErrorFilter } from './query-input-error.filter.js';

const request = (params: Record<string, string>, query: Record<string, unknown>) =>
  ({ method: 'GET', path: '/api/x', params, query }) as unknown as Request;

describe('QueryInputErrorFilter', () => {
  it('finds the route or query parameter that carried the value', () => {
    expect(parameterOf(request({ id: 'abc' }, {}), 'abc')).toBe('id');
    expect(parameterOf(request({}, { roundId: 'x1' }), 'x1')).toBe('roundId');
    expect(parameterOf(request({}, { filter: '{"since":"soon"}' }), 'soon')).toBe('filter');
    expect(parameterOf(request({ id: '1' }, {}), 'elsewhere')).toBeNull();
  });

  it('answers 400 naming the parameter PostgreSQL could not read', () => {
    let status = 0;
    let body: unknown;
    const response = {
      status: (s: number) => ((status = s), response),
      json: (b: unknown) => (body = b),
    };
    const host = {
      getType: () => 'http',
      switchToHttp: () => ({
        getRequest: () => request({ id: '12x' }, {}),
        getResponse: () => response,
      }),
    } as unknown as ArgumentsHost;
    const error = new QueryFailedError('SELECT 1', [], {
      message: 'invalid input syntax for type bigint: "12x"',
      code: '22P02',
    } as unknown as Error);
    new QueryInputErrorFilter().catch(error, host);
    expect(status).toBe(400);
    expect(body).toMatchObject({ errors: { id: expect.stringMatching(/「12x」.*整数/) } });
  });
});
