import 'reflect-metadata';
import { InvalidInputError } from '../../common/domain-errors.js';
import { validInput } from '../../common/input-validation.js';
import { ExportRequestDto } from './export-request.dto.js';

const refusal = (input: Record<string, unknown>) =>
  validInput(ExportRequestDto, input).then(
    () => null,
    (error: InvalidInputError) => ({ message: error.message, problems: error.problems }),
  );

describe('ExportRequestDto', () => {
  it('reads what the console, the download and the command line send', async () => {
    await expect(
      validInput(ExportRequestDto, { list: 'certificates', format: 'csv', encoding: 'CP-932' }),
    ).resolves.toEqual({
      list: 'certificates',
      format: 'csv',
      encoding: 'cp932',
      pendingOnly: false,
      layout: 'list',
      letterDate: null,
      withoutEmailOnly: false,
    });
    await expect(
      validInput(ExportRequestDto, {
        list: 'result-letters',
        format: 'pdf',
        encoding: undefined,
        pendingOnly: 'true',
        withoutEmailOnly: 'true',
      }),
    ).resolves.toEqual({
      list: 'result-letters',
      format: 'pdf',
      encoding: 'utf8',
      pendingOnly: true,
      layout: 'list',
      letterDate: null,
      withoutEmailOnly: true,
    });
    await expect(
      validInput(ExportRequestDto, {
        list: 'fee-requests',
        format: 'pdf',
        layout: 'labels',
        letterDate: '2022-04-05',
      }),
    ).resolves.toMatchObject({ layout: 'labels', letterDate: '2022-04-05' });
  });

  it('names the field at fault in the messages of the API and the CLI', async () => {
    expect(await refusal({ list: 'diplomas', format: 'xlsx' })).toEqual({
      message:
        '一覧「diplomas」はありません。使える一覧: results, certificates, pin-badges, fee-requests, missing-items, result-letters, fee-request-letters',
      problems: [
        {
          field: 'list',
          message:
            '一覧「diplomas」はありません。使える一覧: results, certificates, pin-badges, fee-requests, missing-items, result-letters, fee-request-letters',
        },
      ],
    });
    expect((await refusal({ list: 'result-letters', format: 'xlsx' }))?.message).toBe(
      '審査結果通知書(PDF)の形式は pdf です(「xlsx」)',
    );
    expect((await refusal({ list: 'results', format: 'xlsx', layout: 'labels' }))?.message).toBe(
      '審査結果通知の宛名ラベルの形式は csv か pdf です(「xlsx」)',
    );
    expect(
      (await refusal({ list: 'result-letters', format: 'pdf', letterDate: '2022-02-30' }))?.message,
    ).toBe('通知書の日付は YYYY-MM-DD で指定してください(「2022-02-30」)');
    expect((await refusal({ list: 'results', format: 'csv', layout: 'sheet' }))?.problems).toEqual([
      { field: 'layout', message: expect.stringMatching(/labels/) },
    ]);
    expect((await refusal({ list: 'results', format: 'csv', encoding: 'latin1' }))?.message).toBe(
      '文字コードは utf8 か cp932 にしてください(「latin1」)',
    );
    expect(
      (await refusal({ list: 'fee-requests', format: 'csv', pendingOnly: true }))?.problems,
    ).toEqual([
      { field: 'pendingOnly', message: expect.stringMatching(/「未発送のみ」は使えません$/) },
    ]);
  });
});
