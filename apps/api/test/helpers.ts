import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, ErrorEnvelope } from '@cf/shared';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { z } from 'zod';
import { type App, buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { DEMO_PASSWORD } from '../src/db/seed/demo.js';
import { type Clock, ManualClock } from '../src/lib/clock.js';

export { DEMO_PASSWORD };

export interface TestApp {
  app: App;
  clock: ManualClock;
  dir: string;
  close(): Promise<void>;
}

/**
 * The real app on a new temporary SQLite file, with the demo data unless told otherwise, and a
 * clock the test can move. Close it in afterEach/afterAll.
 */
export async function buildTestApp(
  env: Record<string, string> = {},
  options: { clock?: ManualClock; beforeReady?: (app: App) => void | Promise<void> } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'cf-test-'));
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_PATH: join(dir, 'test.sqlite'),
    DATA_DIR: join(dir, 'files'),
    SEED_DEMO: 'true',
    WEB_DIST: '',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const clock = options.clock ?? new ManualClock();
  const app = await buildApp({ config, clock: clock as Clock });
  // A hook for tests that need something extra on the app, e.g. a route that fails on purpose.
  await options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    clock,
    dir,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Cookies a browser would hold, kept between requests. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies) {
      const expired =
        cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() < Date.now());
      if (expired || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  delete(name: string): void {
    this.cookies.delete(name);
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A browser-like client: keeps cookies, and sends the CSRF header on state-changing requests, as
 * the web app does. `csrf: false` leaves the header off, to test the refusal.
 */
export class Client {
  readonly jar = new CookieJar();
  constructor(
    readonly app: App,
    readonly ip = '127.0.0.1',
  ) {}

  async request(
    method: Method,
    url: string,
    options: { body?: unknown; csrf?: boolean; headers?: Record<string, string>; rawBody?: string } = {},
  ): Promise<LightMyRequestResponse> {
    if (method !== 'GET' && !this.jar.get('csrf_token')) {
      // Like a browser, get the CSRF cookie from any earlier response.
      this.jar.store(await this.app.inject({ method: 'GET', url: '/api/health', remoteAddress: this.ip }));
    }
    const headers: Record<string, string> = { ...options.headers };
    const cookie = this.jar.header();
    if (cookie) headers.cookie = cookie;
    const csrf = this.jar.get('csrf_token');
    if (method !== 'GET' && options.csrf !== false && csrf) headers['x-csrf-token'] = csrf;
    let payload: string | undefined;
    if (options.rawBody !== undefined) {
      payload = options.rawBody;
      headers['content-type'] ??= 'application/json';
    } else if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await this.app.inject({ method, url, headers, payload, remoteAddress: this.ip });
    this.jar.store(response);
    return response;
  }

  get(url: string, options?: { headers?: Record<string, string> }) {
    return this.request('GET', url, options);
  }
  post(url: string, body?: unknown, options: { csrf?: boolean } = {}) {
    return this.request('POST', url, { body, ...options });
  }
  put(url: string, body?: unknown, options: { csrf?: boolean } = {}) {
    return this.request('PUT', url, { body, ...options });
  }
  patch(url: string, body?: unknown, options: { csrf?: boolean } = {}) {
    return this.request('PATCH', url, { body, ...options });
  }
  delete(url: string, options: { csrf?: boolean } = {}) {
    return this.request('DELETE', url, options);
  }

  async login(email: string, password = DEMO_PASSWORD): Promise<LightMyRequestResponse> {
    return this.post('/api/auth/login', { email, password });
  }
}

/** A client signed in as a demo user; fails the test if sign-in does not work. */
export async function signedIn(app: App, email: string, ip?: string): Promise<Client> {
  const client = new Client(app, ip);
  const response = await client.login(email);
  if (response.statusCode !== 200) {
    throw new Error(`Sign-in as ${email} failed: ${response.statusCode} ${response.body}`);
  }
  return client;
}

/**
 * The error envelope of PRODUCT.md section 10, strictly: nothing but `error`, and in it nothing but
 * code, message and (when present, non-empty) fields.
 */
const StrictErrorEnvelope = z.strictObject({
  error: z.strictObject({
    code: ErrorCode,
    message: z.string().min(1),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof StrictErrorEnvelope>['error'];

/** What a stack trace or an internal detail looks like in a body. */
const LEAK_PATTERN = /\bat [\w.<>]+ \(|\.ts:\d+|\.js:\d+|node_modules|"stack"|FST_|SQLITE_/;

/**
 * Checks a response is an error in the envelope with this status (and code, when given), with no
 * stack trace or internal detail, and returns the error for further checks.
 */
export function expectError(response: LightMyRequestResponse, status: number, code?: ErrorCode): ErrorBody {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.body).not.toMatch(LEAK_PATTERN);
  const body: unknown = response.json();
  // The contract's own schema, and a stricter one: no keys beyond those it names.
  expect(ErrorEnvelope.safeParse(body).success, response.body).toBe(true);
  const parsed = StrictErrorEnvelope.safeParse(body);
  expect(parsed.error?.issues ?? [], response.body).toEqual([]);
  const error = parsed.data?.error;
  if (!error) throw new Error(`Not an error envelope: ${response.body}`);
  if (code) expect(error.code).toBe(code);
  if (error.fields) expect(Object.keys(error.fields).length).toBeGreaterThan(0);
  return error;
}

/**
 * Every row of every table, to prove a refused request changed nothing. Sessions' "last seen" may
 * move with any request, so it is left out; everything else must be identical.
 */
export function snapshotDatabase(app: App): Record<string, unknown[]> {
  const tables = app.db.all<{ name: string }>(
    sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name`,
  );
  const snapshot: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    const rows = app.db.all<Record<string, unknown>>(sql.raw(`select * from "${name}" order by rowid`));
    snapshot[name] = name === 'sessions' ? rows.map(({ last_seen_at: _, ...rest }) => rest) : rows;
  }
  return snapshot;
}

/** The one-time link token from the newest invitation email to this address (read from the outbox). */
export function invitationTokenFor(app: App, email: string): string {
  const rows = app.db.all<{ body: string }>(
    sql`select body from outbox where to_address = ${email} and kind = 'invitation' order by created_at desc, rowid desc limit 1`,
  );
  const match = /\/invitation\/([A-Za-z0-9_-]+)/.exec(rows[0]?.body ?? '');
  if (!match?.[1]) throw new Error(`No invitation email to ${email} in the outbox`);
  return match[1];
}

/** The id of a user, by email. */
export function userIdOf(app: App, email: string): string {
  const row = app.db.get<{ id: string } | undefined>(sql`select id from users where email = ${email}`);
  if (!row) throw new Error(`No user ${email}`);
  return row.id;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
