import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/seed/demo.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import { snapshotDatabase, userIdOf } from '../../support/database.js';
import { expectError } from '../../support/errors.js';

const UNSAFE = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

describe('CSRF protection (double-submit cookie)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('sets a csrf_token cookie, readable by scripts and SameSite=Lax, on a response to a caller without one', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    const cookie = response.cookies.find((c) => c.name === 'csrf_token');
    expect(cookie).toBeDefined();
    expect(cookie?.httpOnly).toBeFalsy();
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.path).toBe('/');
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    // Raw header too: no HttpOnly attribute at all.
    const raw = [response.headers['set-cookie']].flat().find((c) => String(c).startsWith('csrf_token='));
    expect(String(raw)).not.toMatch(/httponly/i);
    expect(String(raw)).toMatch(/samesite=lax/i);
  });

  it('sets the cookie on any response, even a 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.cookies.find((c) => c.name === 'csrf_token')).toBeDefined();
  });

  it('keeps the csrf_token a caller already has instead of replacing it', async () => {
    const client = new Client(t.app);
    await client.get('/api/health');
    const token = client.jar.get('csrf_token');
    const again = await client.get('/api/funds');
    expect(again.cookies.find((c) => c.name === 'csrf_token')).toBeUndefined();
    expect(client.jar.get('csrf_token')).toBe(token);
  });

  it('gives every new caller a different token', async () => {
    const a = await t.app.inject({ method: 'GET', url: '/api/health' });
    const b = await t.app.inject({ method: 'GET', url: '/api/health' });
    const value = (r: typeof a) => r.cookies.find((c) => c.name === 'csrf_token')?.value;
    expect(value(a)).not.toBe(value(b));
  });

  it('refuses sign-in without the x-csrf-token header, even with the right password', async () => {
    const client = new Client(t.app);
    const before = snapshotDatabase(t.app);
    const response = await client.post(
      '/api/auth/login',
      { email: 'officer@demo.test', password: DEMO_PASSWORD },
      { csrf: false },
    );
    expectError(response, 403, 'csrf_failed');
    expect(response.cookies.find((c) => c.name === 'sid')).toBeUndefined();
    // Not even a failed sign-in is counted.
    expect(snapshotDatabase(t.app)).toEqual(before);
  });

  for (const method of UNSAFE) {
    it(`refuses ${method} without the x-csrf-token header with 403 csrf_failed`, async () => {
      const client = await signedIn(t.app, 'admin@demo.test');
      const response = await client.request(method, '/api/admin/users', { body: {}, csrf: false });
      expectError(response, 403, 'csrf_failed');
    });
  }

  it('refuses a header that does not equal the cookie', async () => {
    const client = new Client(t.app);
    await client.get('/api/health');
    const response = await client.request('POST', '/api/auth/login', {
      body: { email: 'officer@demo.test', password: DEMO_PASSWORD },
      csrf: false,
      headers: { 'x-csrf-token': 'A'.repeat(43) },
    });
    expectError(response, 403, 'csrf_failed');
  });

  it('refuses a header when the caller has no csrf_token cookie at all', async () => {
    const token = 'B'.repeat(43);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-csrf-token': token, 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'officer@demo.test', password: DEMO_PASSWORD }),
    });
    expectError(response, 403, 'csrf_failed');
  });

  it('refuses a cookie and header that match but are not a token the server could have issued', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: 'csrf_token=x', 'x-csrf-token': 'x', 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'officer@demo.test', password: DEMO_PASSWORD }),
    });
    expectError(response, 403, 'csrf_failed');
  });

  it('refuses a signed-in state change without the header and changes nothing', async () => {
    const admin = await signedIn(t.app, 'admin@demo.test');
    const officerId = userIdOf(t.app, 'officer@demo.test');
    const before = snapshotDatabase(t.app);
    expectError(
      await admin.post(`/api/admin/users/${officerId}/disable`, undefined, { csrf: false }),
      403,
      'csrf_failed',
    );
    expect(snapshotDatabase(t.app)).toEqual(before);
    expect((await signedIn(t.app, 'officer@demo.test').then((c) => c.get('/api/auth/me'))).statusCode).toBe(
      200,
    );
  });

  it('accepts state-changing requests whose header equals the cookie', async () => {
    const client = new Client(t.app);
    const response = await client.login('officer@demo.test');
    expect(response.statusCode).toBe(200);
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
  });

  it('needs no header for GET requests', async () => {
    const client = await signedIn(t.app, 'officer@demo.test');
    // Client never sends the header on GET.
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    expect((await client.get('/api/funds')).statusCode).toBe(200);
    const bare = await t.app.inject({ method: 'GET', url: '/api/funds' });
    expect(bare.statusCode).toBe(200);
  });
});
