import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';

// DATABASE_URL chooses PostgreSQL (decision 0035); unset or empty, the SQLite file as always.
describe('DATABASE_URL', () => {
  it('takes a postgres:// or postgresql:// address, and leaves SQLite the default', () => {
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
    for (const url of ['postgres://cf:secret@db:5432/communities_fund', 'postgresql://cf@127.0.0.1/cf']) {
      expect(loadConfig({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    }
  });

  it('stops the server with a message naming it for anything else', () => {
    for (const url of [
      'mysql://cf@db/cf',
      'data/communities-fund.sqlite',
      'postgres://',
      'postgres://a b@db/cf',
    ]) {
      expect(() => loadConfig({ DATABASE_URL: url }), url).toThrow(
        /DATABASE_URL: Must be a URL like postgres:\/\/user:pass@host:5432\/name/,
      );
    }
  });
});
