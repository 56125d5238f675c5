import {
  contentRange,
  likeLiteral,
  ListQueryError,
  MAX_PAGE_SIZE,
  parseListQuery,
} from './list-query.js';

const options = { sortable: ['id', 'label'] as const, defaultSort: 'id' as const };

describe('parseListQuery', () => {
  it('defaults to the first 25 rows in the default order', () => {
    expect(parseListQuery({}, options)).toEqual({
      sortField: 'id',
      sortOrder: 'ASC',
      offset: 0,
      limit: 25,
      filter: {},
    });
  });

  it('reads react-admin parameters', () => {
    expect(
      parseListQuery(
        { sort: '["label","DESC"]', range: '[10,19]', filter: '{"q":"2021"}' },
        options,
      ),
    ).toEqual({
      sortField: 'label',
      sortOrder: 'DESC',
      offset: 10,
      limit: 10,
      filter: { q: '2021' },
    });
  });

  it('caps the page size', () => {
    expect(parseListQuery({ range: '[0,999999]' }, options).limit).toBe(MAX_PAGE_SIZE);
  });

  it.each([
    [{ sort: '["password","ASC"]' }, 'sort', /並べ替えできません/],
    [{ sort: '["id","UP"]' }, 'sort', /ASC か DESC/],
    [{ sort: 'id' }, 'sort', /JSON として読めません/],
    [{ range: '[5,1]' }, 'range', /range/],
    [{ range: '[-1,3]' }, 'range', /range/],
    [{ range: '[0,1e300]' }, 'range', /9007199254740991 以下/],
    [{ range: '[1e300,1e300]' }, 'range', /range/],
    [{ range: '[0.5,3]' }, 'range', /range/],
    [{ filter: '{"q":"a\\u0000b"}' }, 'filter', /NUL/],
    [{ filter: '[1]' }, 'filter', /filter/],
    [{ sort: ['a', 'b'] }, 'sort', /1 つだけ/],
  ])('rejects %p naming %s', (query, parameter, message) => {
    try {
      parseListQuery(query as Record<string, unknown>, options);
      throw new Error('expected an error');
    } catch (error) {
      expect(error).toBeInstanceOf(ListQueryError);
      expect((error as ListQueryError).parameter).toBe(parameter);
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe('contentRange', () => {
  it('writes the range and total', () => {
    expect(contentRange('rounds', 0, 10, 42)).toBe('rounds 0-9/42');
    expect(contentRange('rounds', 50, 0, 42)).toBe('rounds */42');
  });
});

describe('likeLiteral', () => {
  it('escapes the characters LIKE treats as patterns', () => {
    expect(likeLiteral('50%_a\\b')).toBe('50\\%\\_a\\\\b');
    expect(likeLiteral('山田')).toBe('山田');
  });
});
