import { simpleParser } from 'mailparser';
import { emlOf, mailOptionsOf } from './mail-message.js';
import { outcomeOfFailure } from './mail-transport.service.js';

const message = {
  id: '7',
  recipient: 'yamada@example.jp',
  subject: '【がん治療認定医】2021年度 提出書類の不備のお知らせ',
  body: '山田 太郎 先生\n\n・参加証明 2 が不足しています\n',
  messageId: '<abc.outbox@board.example.jp>',
};

describe('the message of an e-mail', () => {
  it('is UTF-8 with its Message-ID, read back unchanged', async () => {
    const options = mailOptionsOf(message, [], {
      from: '事務局 <jimu@board.example.jp>',
      testRecipient: null,
    });
    const mail = await simpleParser(await emlOf(options));
    expect(mail.subject).toBe(message.subject);
    expect(mail.text).toBe(message.body);
    expect(mail.messageId).toBe(message.messageId);
    expect(mail.to).toMatchObject({ value: [{ address: 'yamada@example.jp' }] });
    expect(mail.headers.get('x-shinsa-outbox-id')).toBe('7');
  });

  it('goes to the test address in test mode, naming the real recipient', () => {
    const options = mailOptionsOf(message, [], {
      from: 'jimu@board.example.jp',
      testRecipient: 'test@board.example.jp',
    });
    expect(options.to).toBe('test@board.example.jp');
    expect(options.subject).toBe(`[テスト送信 宛先: yamada@example.jp] ${message.subject}`);
  });
});

describe('what a failed send means', () => {
  it('a refused recipient is bad; a refused message is not the address', () => {
    expect(
      outcomeOfFailure({
        message: 'x',
        code: 'EENVELOPE',
        command: 'RCPT TO',
        responseCode: 550,
        response: '550 no',
      }),
    ).toEqual({ kind: 'refused', response: '550 no', recipientRefused: true });
    expect(
      outcomeOfFailure({
        message: 'x',
        code: 'EMESSAGE',
        command: 'DATA',
        responseCode: 554,
        response: '554 spam',
      }),
    ).toEqual({
      kind: 'refused',
      response: '554 spam',
      recipientRefused: false,
    });
  });

  it('try later, or never reached: retried', () => {
    expect(outcomeOfFailure({ message: 'x', responseCode: 451, response: '451 later' }).kind).toBe(
      'retry',
    );
    expect(
      outcomeOfFailure({ message: 'connect ECONNREFUSED', code: 'ESOCKET', command: 'CONN' }).kind,
    ).toBe('retry');
    expect(outcomeOfFailure({ message: 'x', code: 'ECONNECTION' }).kind).toBe('retry');
  });

  it('a dialogue broken after the message may have gone: not sent again by itself', () => {
    expect(outcomeOfFailure({ message: 'Timeout', code: 'ETIMEDOUT', command: 'DATA' })).toEqual({
      kind: 'uncertain',
      response: 'ETIMEDOUT: Timeout',
    });
  });
});
