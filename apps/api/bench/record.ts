/**
 * Records the SQL the product runs for one request of each kind, for the ceiling to replay: an
 * in-process app (buildApp, the same code the server runs) on the bench's database, every
 * better-sqlite3 statement it runs while `app.inject` answers the request written down with its
 * parameters and how it was run. A parameter that was the session cookie (or its SHA-256, as the
 * sessions table keys it) becomes a reference to the cookie, so the ceiling looks the session up
 * from each request's own cookie.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Clock } from '../src/lib/clock.js';
import type { Plan, PlanParam, PlanStatement } from './ceiling.js';

export interface ReadRequest {
  name: string;
  path: string;
  /** The Cookie header of the signed-in person who makes it. */
  cookie: string;
}

type StatementMethod = (...args: unknown[]) => unknown;

let recording: PlanStatement[] | null = null;
const rawMode = new WeakMap<object, boolean>();
let patched = false;

/** Wraps better-sqlite3's Statement methods once: while `recording`, each call is written down. */
function patchStatements(): void {
  if (patched) return;
  patched = true;
  const probe = new Database(':memory:');
  const proto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, StatementMethod>;
  probe.close();
  const originalRaw = proto.raw as StatementMethod;
  proto.raw = function raw(this: object, ...args: unknown[]) {
    rawMode.set(this, args.length === 0 ? true : Boolean(args[0]));
    return originalRaw.apply(this, args);
  };
  for (const mode of ['run', 'get', 'all', 'iterate'] as const) {
    const original = proto[mode] as StatementMethod;
    proto[mode] = function recorded(this: { source: string }, ...args: unknown[]) {
      recording?.push({
        sql: this.source,
        params: args.map((value) => ({ value })),
        mode,
        raw: rawMode.get(this) ?? false,
      });
      return original.apply(this, args);
    };
  }
}

function cookieParams(statements: PlanStatement[], cookieHeader: string): PlanStatement[] {
  const cookies = cookieHeader
    .split(';')
    .map((part) => part.trim().split('='))
    .filter((pair): pair is [string, string] => pair.length === 2);
  const known = new Map<unknown, PlanParam>();
  for (const [name, value] of cookies) {
    known.set(value, { cookie: name, sha256: false });
    known.set(createHash('sha256').update(value).digest('hex'), { cookie: name, sha256: true });
  }
  return statements.map((s) => ({
    ...s,
    params: s.params.map((p) => ('value' in p && known.has(p.value) ? (known.get(p.value) as PlanParam) : p)),
  }));
}

/** The plans for these reads: what the product ran, statement by statement, for one of each. */
export async function recordPlans(
  databasePath: string,
  reads: ReadRequest[],
  options: { clock?: Clock } = {},
): Promise<Plan[]> {
  patchStatements();
  const app = await buildApp({
    ...(options.clock ? { clock: options.clock } : {}),
    config: loadConfig({
      NODE_ENV: 'production',
      DATABASE_PATH: databasePath,
      DATA_DIR: join(databasePath, '..', 'files'),
      RUN_JOBS: 'false',
      LOG_LEVEL: 'silent',
      WEB_DIST: '',
      COOKIE_SECURE: 'false',
      RATE_LIMIT_PER_MINUTE: '100000000',
    }),
  });
  await app.ready();
  const plans: Plan[] = [];
  try {
    for (const read of reads) {
      const request = {
        method: 'GET' as const,
        url: read.path,
        headers: { cookie: read.cookie },
        remoteAddress: '127.0.0.1',
      };
      await app.inject(request); // once first, as the server has answered many before
      recording = [];
      const answer = await app.inject(request);
      const statements = recording;
      recording = null;
      if (answer.statusCode !== 200) {
        throw new Error(
          `${read.name} (${read.path}) answered ${answer.statusCode}: ${answer.body.slice(0, 300)}`,
        );
      }
      plans.push({ name: read.name, statements: cookieParams(statements, read.cookie) });
    }
  } finally {
    recording = null;
    await app.close();
  }
  return plans;
}
