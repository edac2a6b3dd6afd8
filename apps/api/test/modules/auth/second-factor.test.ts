import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeAt, STEP_SECONDS, stepAt } from '../../../src/modules/auth/totp.js';
import { DEMO_TOTP_SECRET } from '../../../src/seed/demo.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import {
  auditSince,
  invitationTokenFor,
  lastAuditId,
  recoveryCodeFor,
  userIdOf,
} from '../../support/database.js';
import { expectError } from '../../support/errors.js';
import { MINUTE } from '../../support/time.js';

const PASSWORD = 'a long and unusual passphrase';
const FUND_CODE = 'PCF';

/**
 * PRODUCT.md sections 9 and 10: staff (officers, finance, admins) sign in with a password and then a
 * code from an authenticator app (TOTP, RFC 6238); until they have set one up, their staff roles do
 * not count; applicants are never asked.
 */
describe('the staff second factor', () => {
  let t: TestApp;
  let fundId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    fundId = t.app.db.get<{ id: string }>(sql`select id from funds where code = ${FUND_CODE}`)?.id ?? '';
  });
  afterAll(async () => t.close());

  /** The code the demo staff's app shows at this step. */
  const codeNow = (offset = 0) => codeAt(DEMO_TOTP_SECRET, stepAt(t.clock.now()) + offset);
  /** Moves the clock to the start of a step no code has been used in. */
  const freshStep = () => t.clock.advance(STEP_SECONDS * 1000);

  /** A new officer, invited by the admin, who has accepted and so has a password but no app. */
  async function newOfficer(name: string): Promise<{ client: Client; email: string }> {
    const admin = await signedIn(t.app, 'admin@demo.test');
    const email = `${name}.${Date.now()}@peterborough.gov.uk`;
    const invited = await admin.post('/api/admin/users', { name: 'New Officer', email, role: 'officer' });
    expect(invited.statusCode, invited.body).toBe(201);
    const client = new Client(t.app);
    const accepted = await client.post('/api/invitations/accept', {
      token: invitationTokenFor(t.app, email),
      password: PASSWORD,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    return { client, email };
  }

  it('asks staff with an app for its code after the password, and the session can do nothing else until then', async () => {
    freshStep();
    const client = new Client(t.app);
    const first = await client.loginWithPassword('finance@demo.test');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ secondFactor: 'totp' });
    expectError(await client.get('/api/auth/me'), 401, 'unauthenticated');
    expectError(await client.get(`/api/funds/${fundId}/budget`), 401, 'unauthenticated');
    expectError(await client.get('/api/bids'), 401, 'unauthenticated');

    const second = await client.post('/api/auth/second-factor', { code: codeNow() });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ email: 'finance@demo.test', secondFactor: 'done' });
    expect(second.json().roles.map((r: { role: string }) => r.role)).toContain('finance');
    expect((await client.get(`/api/funds/${fundId}/budget`)).statusCode).toBe(200);
  });

  it('starts a new session (a new token) once the code is right; the waiting one ends', async () => {
    freshStep();
    const client = new Client(t.app);
    await client.loginWithPassword('officer@demo.test');
    const waiting = client.jar.get('sid');
    await client.post('/api/auth/second-factor', { code: codeNow() });
    expect(client.jar.get('sid')).not.toBe(waiting);
    const replayed = new Client(t.app);
    replayed.jar.set('sid', waiting ?? '');
    expectError(await replayed.get('/api/auth/me'), 401);
  });

  it('refuses a wrong code with the field to correct, records it, and keeps the session waiting', async () => {
    freshStep();
    const client = new Client(t.app);
    await client.loginWithPassword('officer@demo.test');
    const since = lastAuditId(t.app);
    const wrong = expectError(
      await client.post('/api/auth/second-factor', { code: '000000' }),
      401,
      'unauthenticated',
    );
    expect(wrong.fields?.code).toMatch(/code/);
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['auth.second_factor_failed']);
    expect((await client.post('/api/auth/second-factor', { code: codeNow() })).statusCode).toBe(200);
  });

  it('never accepts the same code twice, even from another sign-in in the same 30 seconds (replay)', async () => {
    freshStep();
    const code = codeNow();
    const first = new Client(t.app);
    await first.loginWithPassword('admin@demo.test');
    expect((await first.post('/api/auth/second-factor', { code })).statusCode).toBe(200);
    const thief = new Client(t.app, '203.0.113.9');
    await thief.loginWithPassword('admin@demo.test');
    const replayed = expectError(await thief.post('/api/auth/second-factor', { code }), 401);
    expect(replayed.fields?.code).toMatch(/has just been used/);
    // Nor an older code once a newer one has been used.
    expectError(await thief.post('/api/auth/second-factor', { code: codeNow(-1) }), 401);
  });

  it('allows for a phone whose clock is 30 seconds out, but not more', async () => {
    freshStep();
    const behind = new Client(t.app);
    await behind.loginWithPassword('finance2@demo.test');
    expectError(await behind.post('/api/auth/second-factor', { code: codeNow(-2) }), 401);
    expect((await behind.post('/api/auth/second-factor', { code: codeNow(-1) })).statusCode).toBe(200);
    freshStep();
    const ahead = new Client(t.app);
    await ahead.loginWithPassword('finance2@demo.test');
    expectError(await ahead.post('/api/auth/second-factor', { code: codeNow(2) }), 401);
    expect((await ahead.post('/api/auth/second-factor', { code: codeNow(1) })).statusCode).toBe(200);
  });

  it('accepts a recovery code once, whatever the spacing and case', async () => {
    const code = recoveryCodeFor(t.app, 'officer2@demo.test');
    const client = new Client(t.app);
    await client.loginWithPassword('officer2@demo.test');
    const written = `${code.slice(0, 5).toLowerCase()}-${code.slice(5)}`;
    expect((await client.post('/api/auth/second-factor', { code: written })).statusCode).toBe(200);
    const again = new Client(t.app);
    await again.loginWithPassword('officer2@demo.test');
    expectError(await again.post('/api/auth/second-factor', { code }), 401);
  });

  it('slows down guessing: after five wrong codes the person waits, even with the right one', async () => {
    freshStep();
    const client = new Client(t.app, '198.51.100.20');
    await client.loginWithPassword('finance@demo.test');
    for (let i = 0; i < 5; i++) {
      expectError(await client.post('/api/auth/second-factor', { code: String(100000 + i) }), 401);
    }
    const throttled = await client.post('/api/auth/second-factor', { code: codeNow() });
    expectError(throttled, 429, 'rate_limited');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(16 * MINUTE);
  });

  it('does not count a used code towards the wait (it is not a guess), so others signing in do not lock a person out', async () => {
    freshStep();
    const first = new Client(t.app);
    await first.loginWithPassword('finance2@demo.test');
    const code = codeNow();
    expect((await first.post('/api/auth/second-factor', { code })).statusCode).toBe(200);
    const second = new Client(t.app);
    await second.loginWithPassword('finance2@demo.test');
    for (let i = 0; i < 8; i++) expectError(await second.post('/api/auth/second-factor', { code }), 401);
    expect((await second.post('/api/auth/second-factor', { code: codeNow(1) })).statusCode).toBe(200);
  });

  it('gives up waiting for the code after ten minutes', async () => {
    freshStep();
    const client = new Client(t.app);
    await client.loginWithPassword('officer@demo.test');
    t.clock.advance(10 * MINUTE);
    expectError(await client.post('/api/auth/second-factor', { code: codeNow() }), 401);
  });

  it('answers the code step only after a password: with no waiting session it is 401', async () => {
    expectError(await new Client(t.app).post('/api/auth/second-factor', { code: codeNow() }), 401);
    const applicant = await signedIn(t.app, 'applicant@demo.test');
    expectError(await applicant.post('/api/auth/second-factor', { code: codeNow() }), 401);
  });

  it('never asks applicants or assessors for a second factor', async () => {
    for (const email of ['applicant@demo.test', 'assessor@demo.test']) {
      const response = await new Client(t.app).loginWithPassword(email);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ email, secondFactor: 'not_needed' });
    }
    const applicant = await signedIn(t.app, 'applicant@demo.test');
    expectError(await applicant.post('/api/auth/second-factor/setup'), 403, 'forbidden');
  });

  it('lets new staff sign in but not use their staff role until they set up an app', async () => {
    const { client, email } = await newOfficer('unset');
    const me = (await client.get('/api/auth/me')).json();
    expect(me).toMatchObject({ email, secondFactor: 'enrol', roles: [] });
    expectError(await client.get(`/api/funds/${fundId}/results`), 403, 'forbidden');
    expectError(await client.get('/api/mail'), 403, 'forbidden');
    expectError(await client.post('/api/needs', {}), 400);

    const again = new Client(t.app);
    const signIn = await again.loginWithPassword(email, PASSWORD);
    expect(signIn.json()).toMatchObject({ email, secondFactor: 'enrol' });
  });

  it('sets up an app: a secret and QR code, confirmed by a code, then ten recovery codes and the staff role', async () => {
    const { client, email } = await newOfficer('setup');
    const elsewhere = new Client(t.app, '192.0.2.77');
    expect((await elsewhere.loginWithPassword(email, PASSWORD)).statusCode).toBe(200);

    const setup = await client.post('/api/auth/second-factor/setup');
    expect(setup.statusCode, setup.body).toBe(200);
    const { secret, otpauthUri, qrSvg } = setup.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(otpauthUri).toContain('issuer=Communities%20Fund');
    expect(qrSvg).toMatch(/^<svg/);

    const wrong = expectError(
      await client.post('/api/auth/second-factor/setup/confirm', { code: '123456' }),
      400,
      'validation_failed',
    );
    expect(wrong.fields?.code).toBeDefined();
    const since = lastAuditId(t.app);
    const confirmed = await client.post('/api/auth/second-factor/setup/confirm', {
      code: codeAt(secret, stepAt(t.clock.now())),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const { me, recoveryCodes } = confirmed.json();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/);
    expect(me).toMatchObject({ secondFactor: 'done' });
    expect(me.roles.map((r: { role: string }) => r.role)).toEqual(['officer']);
    expect((await client.get(`/api/funds/${fundId}/results`)).statusCode).toBe(200);
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['user.second_factor_enrolled']);
    // Recovery codes are stored only as hashes.
    const stored = t.app.db.all<{ codeHash: string }>(
      sql`select code_hash as "codeHash" from recovery_codes where user_id = ${userIdOf(t.app, email)}`,
    );
    expect(stored).toHaveLength(10);
    for (const row of stored) expect(recoveryCodes.join()).not.toContain(row.codeHash.slice(0, 10));
    // Other sessions end, and signing in now asks for the code.
    expectError(await elsewhere.get('/api/auth/me'), 401);
    expect((await new Client(t.app).loginWithPassword(email, PASSWORD)).json()).toEqual({
      secondFactor: 'totp',
    });
    expectError(await client.post('/api/auth/second-factor/setup'), 409, 'conflict');
  });

  it('lets an admin reset a lost app: the staff member is signed out everywhere and sets up a new one', async () => {
    freshStep();
    const officer = await signedIn(t.app, 'officer2@demo.test');
    const officerId = userIdOf(t.app, 'officer2@demo.test');
    const finance = await signedIn(t.app, 'finance@demo.test');
    expectError(await finance.post(`/api/admin/users/${officerId}/second-factor/reset`), 403, 'forbidden');

    const admin = await signedIn(t.app, 'admin@demo.test');
    const since = lastAuditId(t.app);
    const reset = await admin.post(`/api/admin/users/${officerId}/second-factor/reset`);
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toMatchObject({ secondFactorSetUp: false });
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({ action: 'user.second_factor_reset', entityId: officerId }),
    ]);
    expectError(await officer.get('/api/auth/me'), 401);
    const back = await new Client(t.app).loginWithPassword('officer2@demo.test');
    expect(back.json()).toMatchObject({ secondFactor: 'enrol' });
    expectError(await admin.post(`/api/admin/users/${officerId}/second-factor/reset`), 409, 'conflict');
  });
});
