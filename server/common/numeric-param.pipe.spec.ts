import { InvalidInputError } from './domain-errors.js';
import { INT4_MAX, NumericParamPipe } from './numeric-param.pipe.js';

describe('NumericParamPipe', () => {
  const id = new NumericParamPipe('id', 1, INT4_MAX);

  it('takes a whole number within bounds, as text without leading zeros', () => {
    expect(id.transform('1')).toBe('1');
    expect(id.transform('007')).toBe('7');
    expect(id.transform(String(INT4_MAX))).toBe(String(INT4_MAX));
    expect(new NumericParamPipe('part', 0, 9).transform('0')).toBe('0');
  });

  it.each(['abc', '1.5', '-1', '0', '1e5', '', ' 1', String(INT4_MAX + 1), '9'.repeat(20)])(
    'refuses %p naming the parameter',
    (value) => {
      const refusal = (() => {
        try {
          id.transform(value);
        } catch (error) {
          return error as InvalidInputError;
        }
      })();
      expect(refusal).toBeInstanceOf(InvalidInputError);
      expect(refusal!.problems).toEqual([{ field: 'id', message: refusal!.message }]);
      expect(refusal!.message).toMatch(
        /^id の値「.*」は読めません。1 以上 2147483647 以下の整数で/,
      );
    },
  );
});
