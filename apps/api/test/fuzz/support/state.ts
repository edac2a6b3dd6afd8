// What a refused request must leave as it was: every table (row count and a hash of its rows) and
// the uploaded files, less the few things a refusal is meant to change.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sql } from 'drizzle-orm';
import type { App } from '../../../src/app.js';
import { onPostgres } from '../../../src/db/client.js';
import { dataTables } from '../../support/database.js';

/**
 * Audit actions a refused request writes on purpose: refused access, and failed sign-ins and second
 * factors (security events, recorded exactly because they were refused).
 */
export const REFUSAL_AUDIT_ACTIONS = ['access.denied', 'auth.sign_in_failed', 'auth.second_factor_failed'];

/**
 * Tables a refused request changes on purpose, left out whole:
 * - audit_refusals: the count of refusals beside each access.denied row (decision 0026);
 * - auth_failures: the failed sign-in counter that throttles guessing (decision 0014).
 */
export const REFUSAL_TABLES = ['audit_refusals', 'auth_failures'];

export interface TableState {
  count: number;
  hash: string;
  rows: string[];
}
export interface State {
  /** What writeMark gave when the state was captured. */
  mark: string;
  tables: Record<string, TableState>;
}

/**
 * Something that changes whenever a row is written: on SQLite, the count of rows inserted, updated
 * or deleted on the app's connection (`total_changes()`, triggers' writes included; the tests share
 * the app's one connection); on PostgreSQL, a hash the server makes of every table's rows (less a
 * session's "last seen"), in one query.
 */
export function writeMark(app: App): string {
  if (!onPostgres(app.db)) return String(app.db.get<{ n: number }>(sql`select total_changes() as n`)?.n ?? 0);
  const perTable = dataTables(app).map(
    ({ name }) =>
      `select '${name}' as n, md5(coalesce(string_agg((to_jsonb(t) - 'last_seen_at')::text, ',' order by t.rowid), '')) as h from "${name}" t`,
  );
  return (
    app.db.get<{ mark: string }>(
      sql.raw(
        `select md5(string_agg(h, ',' order by n)) as mark from (${perTable.join(' union all ')}) tables`,
      ),
    )?.mark ?? ''
  );
}

/** Whether any row was written since the state was captured: only then is the full comparison needed. */
export function writtenSince(app: App, state: State): boolean {
  return writeMark(app) !== state.mark;
}

function tableRows(app: App, name: string): Record<string, unknown>[] {
  if (name === 'audit_events') {
    const actions = sql.join(
      REFUSAL_AUDIT_ACTIONS.map((a) => sql`${a}`),
      sql`, `,
    );
    return app.db.all(sql`select * from audit_events where action not in (${actions}) order by rowid`);
  }
  const rows = app.db.all<Record<string, unknown>>(sql.raw(`select * from "${name}" order by rowid`));
  // A session's "last seen" moves with any request, refused or not (it keeps the session alive).
  return name === 'sessions' ? rows.map(({ last_seen_at: _, ...rest }) => rest) : rows;
}

function files(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    let entries: string[];
    try {
      entries = readdirSync(at);
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(at, entry);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else found.push(JSON.stringify([relative(dir, path), stat.size]));
    }
  };
  walk(dir);
  return found.sort();
}

/** Every table's row count and hash (with its rows, to say what changed), and the uploaded files. */
export function captureState(app: App): State {
  const tables = dataTables(app);
  const state: State = { mark: writeMark(app), tables: {} };
  const add = (name: string, rows: string[]) => {
    const hash = createHash('sha1');
    for (const row of rows) hash.update(row).update('\n');
    state.tables[name] = { count: rows.length, hash: hash.digest('hex'), rows };
  };
  for (const { name } of tables) {
    if (REFUSAL_TABLES.includes(name)) continue;
    add(
      name,
      tableRows(app, name).map((row) => JSON.stringify(row)),
    );
  }
  add('(uploaded files)', uploadedFiles(app));
  return state;
}

/** The uploaded files, each as its name and size. */
export function uploadedFiles(app: App): string[] {
  return files(app.config.DATA_DIR);
}

/** What differs between two states, in words (empty when nothing does). */
export function differences(before: State, after: State): string[] {
  const found: string[] = [];
  for (const name of new Set([...Object.keys(before.tables), ...Object.keys(after.tables)])) {
    const a = before.tables[name];
    const b = after.tables[name];
    if (a?.hash === b?.hash) continue;
    const was = new Set(a?.rows ?? []);
    const is = new Set(b?.rows ?? []);
    const gone = [...was].filter((r) => !is.has(r)).slice(0, 2);
    const added = [...is].filter((r) => !was.has(r)).slice(0, 2);
    found.push(
      `${name}: ${a?.count ?? 0} rows → ${b?.count ?? 0}; gone ${gone.map((r) => r.slice(0, 300)).join(' | ') || '-'}; new ${added.map((r) => r.slice(0, 300)).join(' | ') || '-'}`,
    );
  }
  return found;
}
