import { redisOptionsFromUrl } from './queue-connection.js';

describe('redisOptionsFromUrl', () => {
  it('reads host, port and the database number', () => {
    expect(redisOptionsFromUrl('redis://127.0.0.1:6379/5')).toMatchObject({
      host: '127.0.0.1',
      port: 6379,
      db: 5,
      maxRetriesPerRequest: null,
    });
  });

  it('defaults to port 6379 and database 0', () => {
    expect(redisOptionsFromUrl('redis://cache')).toMatchObject({
      host: 'cache',
      port: 6379,
      db: 0,
    });
  });

  it('decodes credentials and turns on TLS for rediss://', () => {
    const options = redisOptionsFromUrl('rediss://user:p%40ss@cache:6380/2');
    expect(options).toMatchObject({ username: 'user', password: 'p@ss', port: 6380, db: 2 });
    expect(options.tls).toEqual({});
  });
});
