import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RunResult } from 'better-sqlite3';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { apiRoot } from '../paths.js';
import { AUDIT_HASH_SQL_ARITY, auditHashFromSql } from './audit-chain.js';
import { PgFacade } from './pg/facade.js';
import { isPostgresUrl, openPostgres } from './pg/open.js';
import * as schema from './schema/index.js';

export type Db = BetterSQLite3Database<typeof schema>;
/** The database or a transaction: repositories accept either. */
export type Queryable = BaseSQLiteDatabase<'sync', RunResult, typeof schema>;

export interface OpenedDatabase {
  db: Db;
  /** The SQLite connection; null on PostgreSQL. */
  sqlite: Database.Database | null;
  close(): void;
}

/**
 * The application's own SQL functions, which migrations may call: every connection that migrates
 * must have them (openDatabase does; a test or tool migrating a connection of its own calls this
 * first). `audit_hash(…)` is the audit chain's hash, which the migration that filled the chain for
 * older events uses (decision 0026).
 */
export function registerSqlFunctions(sqlite: Database.Database): void {
  sqlite.function('audit_hash', { deterministic: true, varargs: true }, (...args: unknown[]) => {
    if (args.length !== AUDIT_HASH_SQL_ARITY) throw new Error('audit_hash takes 11 arguments');
    return auditHashFromSql(...args);
  });
}

/**
 * A better-sqlite3 connection with the settings of decision 0001 and the application's SQL
 * functions, and nothing more: openDatabase adds drizzle and the migrations; the benchmark's bare
 * ceiling (bench/ceiling.ts) uses it as it is, so both read the file alike.
 */
export function openSqlite(path: string): Database.Database {
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a committed payment or award survives a power cut, not only a crash (see decision 0001).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Wait for a competing writer rather than failing at once with SQLITE_BUSY.
  sqlite.pragma('busy_timeout = 5000');
  registerSqlFunctions(sqlite);
  return sqlite;
}

/**
 * Opens the database and applies any migrations not yet applied: a SQLite file (the default, with
 * the settings recorded in docs/decisions/0001) or, given a postgres:// URL, PostgreSQL (decision
 * 0035). Both answer synchronously: transactions must not be async.
 */
export function openDatabase(location: string): OpenedDatabase {
  if (isPostgresUrl(location)) {
    const opened = openPostgres(location);
    return { db: opened.db, sqlite: null, close: opened.close };
  }
  const path = location;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = openSqlite(path);
  const db = drizzle({ client: sqlite, schema });
  migrate(db, { migrationsFolder: join(apiRoot(), 'drizzle') });
  return {
    db,
    sqlite,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}

/**
 * Whether this database (or transaction) is PostgreSQL: for the few queries said differently there
 * (the bid search, editing JSON in place). Everything else is the same SQL on both (decision 0035).
 */
export function onPostgres(q: Queryable | Db): boolean {
  return (q as unknown as { session?: { client?: unknown } }).session?.client instanceof PgFacade;
}
