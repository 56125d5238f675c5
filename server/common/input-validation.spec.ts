import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsString, Min, MinLength, ValidateNested } from 'class-validator';
import { InvalidInputError } from './domain-errors.js';
import { AsText } from './dto-fields.js';
import { IsExpected } from './expected.js';
import { checkInput, invalidInputError, validInput } from './input-validation.js';

class Fees {
  @IsInt({ message: '整数で' })
  @Min(0, { message: '0 以上で' })
  review: number;
}

class Example {
  @AsText({ form: 'NFKC', trim: true })
  @MinLength(1, { message: '名前を入れてください' })
  name = '';

  @IsString({ message: '文字で' })
  @MinLength(3, { message: '3 文字以上で' })
  code: string;

  @ValidateNested()
  @Type(() => Fees)
  fees: Fees;

  @IsExpected()
  expected?: string | null;
}

describe('checkInput', () => {
  it('reads the DTO: text normalised, undeclared fields dropped', async () => {
    const { input, problems } = await checkInput(Example, {
      name: ' ＡＢ ',
      code: 'abcd',
      fees: { review: 1 },
      extra: 'dropped',
    });
    expect(problems).toEqual([]);
    expect(input).toMatchObject({ name: 'AB', code: 'abcd' });
    expect(input).not.toHaveProperty('extra');
  });

  it('names one problem per field, the first rule written, nested ones by their path', async () => {
    const { problems } = await checkInput(Example, { code: 5, fees: { review: -1 } });
    expect(problems).toEqual([
      { field: 'name', message: '名前を入れてください', summary: undefined },
      { field: 'code', message: '文字で', summary: undefined },
      { field: 'fees.review', message: '0 以上で', summary: undefined },
    ]);
  });

  it('refuses what is not an object', async () => {
    const { problems } = await checkInput(Example, ['x']);
    expect(problems).toEqual([
      { field: '', message: '内容を JSON のオブジェクトで送ってください' },
    ]);
  });
});

describe('invalidInputError', () => {
  it('joins the sentences, a rule’s summary where it has one, and keeps the field messages', async () => {
    const error = await validInput(Example, {
      name: 'x',
      code: 'abc',
      fees: { review: 0 },
      expected: 'yesterday',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).message).toBe(
      'expected は記録日時(ISO 8601)か null で指定してください',
    );
    expect((error as InvalidInputError).problems).toEqual([
      { field: 'expected', message: '記録日時の形が正しくありません' },
    ]);
    expect(
      invalidInputError([
        { field: 'a', message: 'A' },
        { field: 'b', message: 'B', summary: 'Bの全体' },
      ]).message,
    ).toBe('A / Bの全体');
  });
});
