// Talking to the app as a browser does: cookies kept, the CSRF header sent, signed in as someone.

import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/app.js';
import { ManualClock } from '../../src/lib/clock.js';
import { codeAt, STEP_SECONDS, stepAt } from '../../src/modules/auth/totp.js';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';

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
    options: {
      body?: unknown;
      csrf?: boolean;
      headers?: Record<string, string>;
      rawBody?: string | Buffer;
    } = {},
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
    let payload: string | Buffer | undefined;
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

  /**
   * Signs in as a person does: the password, then — for an account with an authenticator app —
   * the code the app shows now. Answers the last step's response.
   */
  async login(email: string, password = DEMO_PASSWORD): Promise<LightMyRequestResponse> {
    const first = await this.loginWithPassword(email, password);
    if (first.statusCode !== 200 || first.json().secondFactor !== 'totp') return first;
    return this.post('/api/auth/second-factor', { code: appCodeFor(this.app, email) });
  }

  /** Only the first step of signing in: email and password. */
  loginWithPassword(email: string, password = DEMO_PASSWORD): Promise<LightMyRequestResponse> {
    return this.post('/api/auth/login', { email, password });
  }
}

/**
 * The code a person's authenticator app shows now (the app's clock). A code is accepted once, so
 * when this step's has been used already the test's clock moves on to the next step, as a person
 * would wait for the next code.
 */
export function appCodeFor(app: App, email: string): string {
  const factor = app.db.get<{ secret: string; lastUsedStep: number }>(
    sql`select f.secret, f.last_used_step as "lastUsedStep"
        from second_factors f join users u on u.id = f.user_id where u.email = ${email.trim().toLowerCase()}`,
  );
  if (!factor) throw new Error(`${email} has no authenticator app`);
  let step = stepAt(app.clock.now());
  if (step <= factor.lastUsedStep) {
    if (!(app.clock instanceof ManualClock)) throw new Error('This step’s code is used; wait for the next');
    step = factor.lastUsedStep + 1;
    app.clock.set(new Date(step * STEP_SECONDS * 1000));
  }
  return codeAt(factor.secret, step);
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
