/**
 * The ceiling: a bare `node:http` + better-sqlite3 server that answers each read with the same SQL
 * the product runs for it — the statements and parameters recorded from the product answering one
 * request of that kind (bench/record.ts), session lookup included — serialised with
 * JSON.stringify. It opens the same database file as the product (so the same indexes and the same
 * sessions), with the same pragmas. Each recorded parameter that was the session cookie's hash is
 * taken from the request's cookie instead, so a request without a live session finds no session.
 *
 *   node --import tsx bench/ceiling.ts <database> <plans.json>   # prints "ceiling at http://…"
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type Database from 'better-sqlite3';
import { openSqlite } from '../src/db/client.js';

/** A recorded parameter: a value as it was, or the value of a cookie of the request (or its SHA-256). */
export type PlanParam = { value: unknown } | { cookie: string; sha256: boolean };

export interface PlanStatement {
  sql: string;
  params: PlanParam[];
  mode: 'run' | 'get' | 'all' | 'iterate';
  raw: boolean;
}

export interface Plan {
  name: string;
  statements: PlanStatement[];
}

function cookiesOf(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies.set(part.slice(0, at).trim(), decodeURIComponent(part.slice(at + 1).trim()));
  }
  return cookies;
}

/** Runs a plan's statements as the product ran them and answers their results. */
export function planRunner(sqlite: Database.Database, plan: Plan) {
  const prepared = plan.statements.map((s) => {
    const statement = sqlite.prepare(s.sql);
    if (s.raw && statement.reader) statement.raw(true);
    return { ...s, statement };
  });
  return (cookieHeader: string | undefined): unknown[] => {
    const cookies = cookiesOf(cookieHeader);
    return prepared.map(({ statement, params, mode }) => {
      const values = params.map((p) => {
        if ('value' in p) return p.value;
        const cookie = cookies.get(p.cookie) ?? '';
        return p.sha256 ? createHash('sha256').update(cookie).digest('hex') : cookie;
      });
      if (mode === 'run') return statement.run(...values).changes;
      if (mode === 'get') return statement.get(...values);
      return statement.all(...values);
    });
  };
}

export function openCeilingDatabase(path: string): Database.Database {
  return openSqlite(path);
}

if (process.argv[1]?.endsWith('ceiling.ts') || process.argv[1]?.endsWith('ceiling.js')) {
  const [databasePath, plansPath] = process.argv.slice(2) as [string, string];
  const sqlite = openCeilingDatabase(databasePath);
  const plans = JSON.parse(readFileSync(plansPath, 'utf8')) as Plan[];
  const runners = new Map(plans.map((plan) => [`/${plan.name}`, planRunner(sqlite, plan)]));
  const server = createServer((request, response) => {
    const run = runners.get((request.url ?? '').split('?')[0] as string);
    if (!run) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = JSON.stringify(run(request.headers.cookie));
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    console.log(`ceiling at http://127.0.0.1:${port}`);
  });
}
