import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncPg } from '../../src/db/pg/sync-client.js';
import { unitOfWork } from '../../src/db/unit-of-work.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { onPostgresSuite, testCluster } from '../support/postgres.js';

// PostgreSQL only (decision 0035): SQLite has no connection to lose. A restart or failover of
// PostgreSQL cuts the server's connection; the server must make it again by itself, and never run
// the rest of a transaction on the new one.
describe.skipIf(!onPostgresSuite)('a lost PostgreSQL connection', () => {
  let t: TestApp;
  let admin: SyncPg;
  let database: string;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = new SyncPg(`${testCluster()}/postgres`);
    database = new URL(t.app.config.DATABASE_URL ?? '').pathname.slice(1);
  });
  afterAll(async () => {
    admin.close();
    await t.close();
  });

  /** What a PostgreSQL restart does to the server's connection. */
  const cut = () =>
    admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [database])
      .rowCount;
  const health = async () => (await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode;
  const firstWard = () =>
    t.app.db.get<{ name: string }>(sql`select name from wards order by rowid limit 1`)?.name ?? '';

  it('is made again: at worst the request that finds it lost fails, and the next one is served', async () => {
    expect(await health()).toBe(200);
    expect(cut()).toBe(1);
    // The request that finds the connection gone may fail (or, if the worker already saw it go,
    // be served on a new one); the one after it must be served.
    const first = await health();
    expect([200, 500]).toContain(first);
    expect(await health()).toBe(200);
  });

  it('keeps nothing of a transaction it cut short, and serves the next one', () => {
    const before = firstWard();
    let refused: unknown;
    try {
      unitOfWork(t.app.db, (tx) => {
        tx.run(sql`update wards set name = 'Cut short' where rowid = (select min(rowid) from wards)`);
        cut();
        // On a new connection this would commit on its own: it must be refused instead.
        tx.run(sql`update wards set name = 'After the cut' where rowid = (select max(rowid) from wards)`);
      });
    } catch (error) {
      refused = error;
    }
    // drizzle wraps the driver's error as its cause.
    const reason = (refused as { cause?: Error } | undefined)?.cause ?? (refused as Error | undefined);
    expect(reason?.message).toMatch(/connection|terminat/i);
    expect(firstWard()).toBe(before);
    expect(
      t.app.db.get<{ n: number }>(
        sql`select count(*) as n from wards where name in ('Cut short', 'After the cut')`,
      )?.n,
    ).toBe(0);
  });

  it('never hands a query the late answer of one it gave up waiting for', () => {
    const client = new SyncPg(t.app.config.DATABASE_URL ?? '');
    try {
      client.timeoutMs = 200;
      expect(() => client.query("select pg_sleep(0.6), 'late' as said")).toThrow(/did not answer in 0.2 s/);
      client.timeoutMs = 5_000;
      // The slow query's answer arrives while this one waits: it must be dropped, not returned.
      expect(client.query("select 'on time' as said").rows).toEqual([{ said: 'on time' }]);
      expect(client.query('select 2 + 2 as n').rows).toEqual([{ n: 4 }]);
    } finally {
      client.close();
    }
  });
});
