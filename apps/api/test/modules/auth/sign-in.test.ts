import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessions } from '../../../src/db/schema/index.js';
import { DEMO_PASSWORD } from '../../../src/seed/demo.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import { userIdOf } from '../../support/database.js';
import { expectError } from '../../support/errors.js';
import { MINUTE } from '../../support/time.js';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A second browser that holds nothing but a copy of this session cookie. */
function replay(t: TestApp, token: string) {
  const thief = new Client(t.app, '198.51.100.7');
  thief.jar.set('sid', token);
  return thief.get('/api/auth/me');
}

function sidOf(client: Client): string {
  const sid = client.jar.get('sid');
  if (!sid) throw new Error('The client holds no session cookie');
  return sid;
}

describe('sign-in and sessions', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => t.close());

  it('signs in with the right password and answers /me with the user and roles', async () => {
    const client = new Client(t.app);
    const login = await client.login('officer@demo.test');
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ email: 'officer@demo.test', roles: [{ role: 'officer' }] });
    const me = await client.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      email: 'officer@demo.test',
      roles: [{ role: 'officer', fundId: null }],
    });
  });

  it('accepts the email in any case and with surrounding spaces', async () => {
    const response = await new Client(t.app).login('  Officer@Demo.TEST ');
    expect(response.statusCode).toBe(200);
  });

  it('answers /me with 401 when nobody is signed in', async () => {
    expectError(await new Client(t.app).get('/api/auth/me'), 401, 'unauthenticated');
  });

  it('issues a new session token at every sign-in and ends the old one', async () => {
    const client = await signedIn(t.app, 'officer@demo.test');
    const first = sidOf(client);
    expect((await client.login('officer@demo.test')).statusCode).toBe(200);
    const second = sidOf(client);
    expect(second).not.toBe(first);
    expectError(await replay(t, first), 401, 'unauthenticated');
    expect((await replay(t, second)).statusCode).toBe(200);
    expect(
      t.app.db
        .select()
        .from(sessions)
        .where(eq(sessions.id, sha256(first)))
        .all(),
    ).toEqual([]);
  });

  it('ends a previous session held by the same browser even when a different person signs in', async () => {
    const client = await signedIn(t.app, 'officer@demo.test');
    const officerToken = sidOf(client);
    expect((await client.login('finance@demo.test')).statusCode).toBe(200);
    expectError(await replay(t, officerToken), 401);
    expect((await client.get('/api/auth/me')).json()).toMatchObject({ email: 'finance@demo.test' });
  });

  it('ends the session on the server at sign-out, so a copied cookie no longer works', async () => {
    const client = await signedIn(t.app, 'officer@demo.test');
    const token = sidOf(client);
    const logout = await client.post('/api/auth/logout');
    expect(logout.statusCode).toBe(204);
    // The browser is told to forget the cookie…
    const cleared = logout.cookies.find((c) => c.name === 'sid');
    expect(cleared?.value ?? '').toBe('');
    expect(client.jar.get('sid')).toBeUndefined();
    // …and the server forgets it too: replaying it is refused.
    expectError(await replay(t, token), 401, 'unauthenticated');
    expect(
      t.app.db
        .select()
        .from(sessions)
        .where(eq(sessions.id, sha256(token)))
        .all(),
    ).toEqual([]);
  });

  it('records sign-in and sign-out in the audit trail with the user as actor', async () => {
    const client = await signedIn(t.app, 'officer@demo.test');
    await client.post('/api/auth/logout');
    const admin = await signedIn(t.app, 'admin@demo.test');
    const officerId = userIdOf(t.app, 'officer@demo.test');
    const events = (await admin.get(`/api/admin/audit?entityId=${officerId}`)).json().events as {
      action: string;
      actorId: string | null;
    }[];
    // Staff sign in in two steps: the password, then the code from their app (newest first).
    expect(events.map((e) => e.action)).toEqual([
      'auth.signed_out',
      'auth.signed_in',
      'auth.password_accepted',
    ]);
    expect(events.every((e) => e.actorId === officerId)).toBe(true);
  });

  it('ends every session of a user at once when an admin disables them', async () => {
    const laptop = await signedIn(t.app, 'officer@demo.test');
    const phone = await signedIn(t.app, 'officer@demo.test', '192.0.2.44');
    const tokens = [sidOf(laptop), sidOf(phone)];
    const officerId = userIdOf(t.app, 'officer@demo.test');
    const admin = await signedIn(t.app, 'admin@demo.test');

    const disabled = await admin.post(`/api/admin/users/${officerId}/disable`);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ status: 'disabled' });

    expect(t.app.db.select().from(sessions).where(eq(sessions.userId, officerId)).all()).toEqual([]);
    expectError(await laptop.get('/api/auth/me'), 401);
    expectError(await phone.get('/api/auth/me'), 401);

    // Enabling them again does not bring the old sessions back: they were ended, not suspended.
    expect((await admin.post(`/api/admin/users/${officerId}/enable`)).statusCode).toBe(200);
    for (const token of tokens) expectError(await replay(t, token), 401);
  });

  it('refuses sign-in to a disabled user even with the right password', async () => {
    const admin = await signedIn(t.app, 'admin@demo.test');
    await admin.post(`/api/admin/users/${userIdOf(t.app, 'finance@demo.test')}/disable`);
    const response = await new Client(t.app).login('finance@demo.test');
    expectError(response, 403, 'forbidden');
    expect(response.cookies.find((c) => c.name === 'sid')).toBeUndefined();
  });

  it('ends a session after 30 minutes without activity', async () => {
    const client = await signedIn(t.app, 'officer@demo.test');
    const token = sidOf(client);
    t.clock.advance(29 * MINUTE);
    expect((await replay(t, token)).statusCode).toBe(200);
    t.clock.advance(31 * MINUTE);
    expectError(await client.get('/api/auth/me'), 401, 'unauthenticated');
    // Ended for good: it does not come back.
    expectError(await replay(t, token), 401);
  });

  it('signs in again from a browser still holding an expired session cookie', async () => {
    const client = await signedIn(t.app, 'officer@demo.test');
    const expired = sidOf(client);
    t.clock.advance(45 * MINUTE);
    const login = await client.login('officer@demo.test');
    expect(login.statusCode).toBe(200);
    const fresh = sidOf(client);
    expect(fresh).not.toBe(expired);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    expect((await replay(t, fresh)).statusCode).toBe(200);
  });

  it('keeps a session alive while the user is active every 20 minutes', async () => {
    const client = await signedIn(t.app, 'officer@demo.test');
    for (let i = 0; i < 6; i++) {
      t.clock.advance(20 * MINUTE);
      expect((await client.get('/api/auth/me')).statusCode, `after ${(i + 1) * 20} minutes`).toBe(200);
    }
  });

  it('ends a session 12 hours after sign-in however active the user is', async () => {
    const client = await signedIn(t.app, 'officer@demo.test');
    // 35 × 20 minutes = 11 h 40 min: still signed in.
    for (let i = 0; i < 35; i++) {
      t.clock.advance(20 * MINUTE);
      expect((await client.get('/api/auth/me')).statusCode, `after ${(i + 1) * 20} minutes`).toBe(200);
    }
    t.clock.advance(20 * MINUTE); // 12 h
    expectError(await client.get('/api/auth/me'), 401, 'unauthenticated');
    // Signing in again starts a new session with its own 12 hours.
    expect((await client.login('officer@demo.test')).statusCode).toBe(200);
    t.clock.advance(20 * MINUTE);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('sets the session cookie HttpOnly and SameSite=Lax, for the whole site, not Secure outside production', async () => {
    const response = await new Client(t.app).login('officer@demo.test');
    const cookie = response.cookies.find((c) => c.name === 'sid');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    // At least 128 bits of randomness: 256 bits are 43 base64url characters.
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    // It lasts no longer than the 12-hour absolute limit.
    expect(cookie?.maxAge).toBeLessThanOrEqual(12 * 3600);
  });

  it('stores only a SHA-256 hash of the session token, never the token itself', async () => {
    const client = await signedIn(t.app, 'officer@demo.test');
    const token = sidOf(client);
    const rows = t.app.db
      .select()
      .from(sessions)
      .where(eq(sessions.userId, userIdOf(t.app, 'officer@demo.test')))
      .all();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(sha256(token));
    expect(rows[0]?.id).not.toBe(token);
    const everything = JSON.stringify(t.app.db.select().from(sessions).all());
    expect(everything).not.toContain(token);
  });

  it('answers a wrong password with 401 in the error envelope and sets no session', async () => {
    const response = await new Client(t.app).login('officer@demo.test', `${DEMO_PASSWORD}x`);
    const error = expectError(response, 401, 'unauthenticated');
    expect(error.fields).toHaveProperty('email');
    expect(response.cookies.find((c) => c.name === 'sid')).toBeUndefined();
  });
});

describe('session cookie when COOKIE_SECURE=true', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ COOKIE_SECURE: 'true' });
  });
  afterAll(async () => t.close());

  it('marks the session and CSRF cookies Secure', async () => {
    const response = await new Client(t.app).login('officer@demo.test');
    expect(response.statusCode).toBe(200);
    expect(response.cookies.find((c) => c.name === 'sid')).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
    });
    const fresh = await new Client(t.app).get('/api/health');
    expect(fresh.cookies.find((c) => c.name === 'csrf_token')).toMatchObject({ secure: true });
  });
});

describe('session cookie in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ NODE_ENV: 'production' });
  });
  afterAll(async () => t.close());

  it('is Secure by default when NODE_ENV=production', async () => {
    const response = await new Client(t.app).login('officer@demo.test');
    expect(response.cookies.find((c) => c.name === 'sid')).toMatchObject({ secure: true });
  });
});
