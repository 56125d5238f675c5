import { resolve } from 'node:path';
import { ConfigError, loadConfig, logLevelsUpTo, VARIABLES } from './app-config.js';

describe('loadConfig', () => {
  it('applies the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: null,
      redisUrl: null,
      port: 3000,
      dataDir: resolve('.data'),
      embeddedPgPort: 54329,
      logLevel: 'log',
      queuePrefix: 'shinsa',
      migrateOnBoot: true,
      role: 'all',
    });
  });

  it('reads every variable and trims it', () => {
    const config = loadConfig({
      DATABASE_URL: ' postgres://u:p@db:5432/shinsa ',
      REDIS_URL: 'redis://cache:6379/5',
      PORT: '8080',
      MIGRATE_ON_BOOT: 'false',
      SHINSA_ROLE: 'worker',
      LOG_LEVEL: 'debug',
    });
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/shinsa');
    expect(config.redisUrl).toBe('redis://cache:6379/5');
    expect(config.port).toBe(8080);
    expect(config.migrateOnBoot).toBe(false);
    expect(config.role).toBe('worker');
    expect(config.logLevel).toBe('debug');
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({
      databaseUrl: null,
      port: 3000,
    });
  });

  it.each([
    ['PORT', 'abc', /PORT="abc" must be a whole number from 1 to 65535/],
    ['PORT', '70000', /PORT="70000"/],
    ['DATABASE_URL', 'mysql://x/y', /DATABASE_URL=.* must start with postgres:/],
    ['DATABASE_URL', 'not a url', /DATABASE_URL=.* must be a URL/],
    ['REDIS_URL', 'redis://h:6379/cache', /REDIS_URL=.* by its number/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL="loud" must be one of error, warn, log, debug, verbose/],
    ['MIGRATE_ON_BOOT', 'maybe', /MIGRATE_ON_BOOT="maybe" must be true or false/],
    ['QUEUE_PREFIX', 'a b', /QUEUE_PREFIX/],
    ['SHINSA_ROLE', 'cron', /SHINSA_ROLE="cron" must be one of all, api, worker/],
  ])('rejects %s=%s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'y' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toHaveLength(2);
    }
  });

  it('lets the caller override a value (the --role flag)', () => {
    expect(loadConfig({ SHINSA_ROLE: 'worker' }, { role: 'api' }).role).toBe('api');
  });

  it('describes every variable', () => {
    for (const spec of Object.values(VARIABLES)) {
      expect(spec.env).toMatch(/^[A-Z_]+$/);
      expect(spec.description.length).toBeGreaterThan(10);
    }
  });
});

describe('logLevelsUpTo', () => {
  it('includes every level up to the one named', () => {
    expect(logLevelsUpTo('warn')).toEqual(['error', 'warn']);
    expect(logLevelsUpTo('verbose')).toHaveLength(5);
  });
});

describe('TRUSTED_PROXIES and ALLOWED_ORIGINS', () => {
  it('trust no proxy and no other origin by default', () => {
    expect(loadConfig({})).toMatchObject({ trustedProxies: [], allowedOrigins: [] });
  });

  it('read lists of addresses, ranges, named ranges and origins', () => {
    const config = loadConfig({
      TRUSTED_PROXIES: '10.0.0.5, 10.0.0.0/8,::1,loopback',
      ALLOWED_ORIGINS: 'https://shinsa.example.jp, http://localhost:5173/',
    });
    expect(config.trustedProxies).toEqual(['10.0.0.5', '10.0.0.0/8', '::1', 'loopback']);
    expect(config.allowedOrigins).toEqual(['https://shinsa.example.jp', 'http://localhost:5173']);
  });

  it('refuse what is not an address or an origin, naming the entry', () => {
    expect(() => loadConfig({ TRUSTED_PROXIES: 'proxy.example' })).toThrow(
      /TRUSTED_PROXIES=.*"proxy\.example"/,
    );
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/10\.0\.0\.0\/33/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://a.example/path' })).toThrow(
      /ALLOWED_ORIGINS=.*"https:\/\/a\.example\/path"/,
    );
  });
});

describe('the e-mail outbox settings', () => {
  it('default to no SMTP, a From of localhost and 20 e-mails a second', () => {
    expect(loadConfig({})).toMatchObject({
      smtpUrl: null,
      mailTestRecipient: null,
      mailRatePerSecond: 20,
    });
  });

  it('read SMTP_URL, a named From and the test address', () => {
    const config = loadConfig({
      SMTP_URL: 'smtps://user:pw@mail.example.jp:465',
      MAIL_FROM: '認定医制度 事務局 <jimu@board.example.jp>',
      MAIL_TEST_RECIPIENT: 'test@board.example.jp',
      MAIL_RATE_PER_SECOND: '5',
    });
    expect(config).toMatchObject({
      smtpUrl: 'smtps://user:pw@mail.example.jp:465',
      mailFrom: '認定医制度 事務局 <jimu@board.example.jp>',
      mailTestRecipient: 'test@board.example.jp',
      mailRatePerSecond: 5,
    });
  });

  it('name each wrong one', () => {
    expect(() =>
      loadConfig({
        SMTP_URL: 'http://mail',
        MAIL_FROM: 'jimu',
        MAIL_TEST_RECIPIENT: 'a@b',
        MAIL_RATE_PER_SECOND: '0',
      }),
    ).toThrow(
      /SMTP_URL=.*smtp:[\s\S]*MAIL_FROM=.*e-mail address[\s\S]*MAIL_TEST_RECIPIENT=[\s\S]*MAIL_RATE_PER_SECOND=/,
    );
  });
});
