/**
 * `pnpm --filter @cf/api audit:verify`: walks the audit trail's hash chain in the configured
 * database (DATABASE_URL's PostgreSQL, or else DATABASE_PATH's SQLite file, as the server reads
 * them) and prints "ok, N events", or the first broken event and what is wrong with it, exiting 1
 * (decision 0026). It reads only, and applies no migrations: checking changes nothing.
 */
import { isAbsolute, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { loadConfig } from '../src/config.js';
import { PgFacade } from '../src/db/pg/facade.js';
import * as schema from '../src/db/schema/index.js';
import { verifyAuditChain } from '../src/modules/audit/service.js';

function databasePath(): string {
  const path = loadConfig(process.env).DATABASE_PATH;
  // pnpm runs the script in apps/api; a relative path means where pnpm was started, as for `pnpm start`.
  return isAbsolute(path) ? path : resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/** On PostgreSQL: a connection whose transactions may only read. */
function mainOnPostgres(url: string): number {
  let facade: PgFacade;
  try {
    facade = new PgFacade(url);
    facade.exec('SET default_transaction_read_only = on');
  } catch (error) {
    console.error(`Cannot open the database: ${error instanceof Error ? error.message : error}`);
    return 2;
  }
  try {
    return report(verifyAuditChain(drizzle({ client: facade as unknown as Database.Database, schema })));
  } finally {
    facade.close();
  }
}

function report(check: { ok: boolean; message: string }): number {
  if (check.ok) console.log(check.message);
  else console.error(check.message);
  return check.ok ? 0 : 1;
}

function main(): number {
  const url = loadConfig(process.env).DATABASE_URL;
  if (url) return mainOnPostgres(url);
  const path = databasePath();
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    console.error(`Cannot open the database at ${path}: ${error instanceof Error ? error.message : error}`);
    return 2;
  }
  try {
    return report(verifyAuditChain(drizzle({ client: sqlite, schema })));
  } finally {
    sqlite.close();
  }
}

process.exitCode = main();
