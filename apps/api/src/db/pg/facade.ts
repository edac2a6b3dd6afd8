import { toPostgres } from './dialect.js';
import { PgError, SyncPg } from './sync-client.js';

type Row = Record<string, unknown>;

/**
 * SQLSTATEs after which PostgreSQL asks for the whole transaction to be tried again: a serializable
 * transaction that lost to another (40001) and a deadlock (40P01).
 */
const TRY_AGAIN = new Set(['40001', '40P01']);
const ATTEMPTS = 10;

/** Waits a few milliseconds, synchronously (the thread is waiting on PostgreSQL anyway). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The part of better-sqlite3's Database that drizzle's better-sqlite3 driver uses, over PostgreSQL
 * (decision 0035): `prepare` → run/all/get/raw, and `transaction` with its behaviours. The SQL
 * drizzle's SQLite dialect writes is said the PostgreSQL way on the way through (dialect.ts).
 */
export class PgFacade {
  readonly client: SyncPg;
  constructor(url: string) {
    this.client = new SyncPg(url);
  }

  get open(): boolean {
    return this.client.open;
  }

  prepare(sqlite: string) {
    const text = toPostgres(sqlite);
    const c = this.client;
    // better-sqlite3 binds true/false as 1/0; the columns are integers on both databases.
    const params = (p: unknown[]) => p.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
    return {
      run: (...p: unknown[]) => ({ changes: c.query(text, params(p)).rowCount, lastInsertRowid: 0 }),
      all: (...p: unknown[]) => c.query(text, params(p)).rows as Row[],
      get: (...p: unknown[]) => c.query(text, params(p)).rows[0] as Row | undefined,
      raw: () => ({
        all: (...p: unknown[]) => c.query(text, params(p), 'array').rows,
        get: (...p: unknown[]) => c.query(text, params(p), 'array').rows[0],
      }),
    };
  }

  exec(sql: string): void {
    this.client.query(sql);
  }

  /**
   * better-sqlite3's `db.transaction(fn)`: a function running `fn` in a transaction, with
   * `.immediate` for units of work. SQLite's BEGIN IMMEDIATE takes the one write lock before the
   * first read; here a unit of work is SERIALIZABLE, so PostgreSQL refuses the second of two that
   * read and wrote the same rows (two decisions spending one pot's last pound), and `fn` runs
   * again from the start, on what the first committed. That is safe because `fn` is synchronous
   * and writes only to the database (mail goes to the outbox in the same transaction).
   */
  transaction<A extends unknown[], T>(fn: (...args: A) => T) {
    const run =
      (begin: string) =>
      (...args: A): T => {
        for (let attempt = 1; ; attempt++) {
          this.client.query(begin);
          try {
            const result = fn(...args);
            this.client.query('COMMIT');
            return result;
          } catch (error) {
            this.client.query('ROLLBACK');
            const again = error instanceof PgError && TRY_AGAIN.has(error.code ?? '');
            if (!again || attempt >= ATTEMPTS) throw error;
            pause(Math.random() * 5 * attempt);
          }
        }
      };
    return Object.assign(run('BEGIN'), {
      deferred: run('BEGIN'),
      immediate: run('BEGIN ISOLATION LEVEL SERIALIZABLE'),
      exclusive: run('BEGIN ISOLATION LEVEL SERIALIZABLE'),
    });
  }

  /** SQLite's settings (decision 0001) mean nothing here. */
  pragma(_: string): undefined {
    return undefined;
  }

  close(): void {
    this.client.close();
  }
}
