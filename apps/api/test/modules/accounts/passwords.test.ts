import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPLICANT_PASSWORD, registeredApplicant } from '../../builders/accounts.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import {
  accountLinkTokenFor,
  auditSince,
  lastAuditId,
  outboxMessages,
  snapshotDatabase,
  userIdOf,
} from '../../support/database.js';
import { expectError, refusedChangingNothing } from '../../support/errors.js';
import { MINUTE } from '../../support/time.js';

// Account basics: a forgotten password, changing a password, signing out everywhere.

const NEW_PASSWORD = 'brand new kettle passphrase';

function sessionsOf(t: TestApp, email: string): number {
  return (
    t.app.db.get<{ n: number }>(
      sql`select count(*) as n from sessions where user_id = (select id from users where email = ${email})`,
    )?.n ?? 0
  );
}

describe('a forgotten password', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => t.close());

  const ask = (email: string, ip = '10.50.0.1') =>
    new Client(t.app, ip).post('/api/accounts/password-reset', { email });

  it('answers the same whether or not the address has an account, and emails only an account', async () => {
    const known = await ask('Applicant@Demo.test');
    const unknown = await ask('nobody-here@example.org');
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.json()).toEqual({ email: 'applicant@demo.test', deliveryEnabled: false });
    expect(unknown.json()).toEqual({ email: 'nobody-here@example.org', deliveryEnabled: false });
    expect(outboxMessages(t.app, 'password_reset').map((m) => m.to)).toEqual(['applicant@demo.test']);
  });

  it('emails a single-use link that works for 30 minutes, storing only its hash', async () => {
    const since = lastAuditId(t.app);
    await ask('applicant@demo.test');
    const [email] = outboxMessages(t.app, 'password_reset');
    expect(email?.subject).toBe('Reset your password for the Communities Fund');
    expect(email?.body).toContain('expires in 30 minutes');
    const token = accountLinkTokenFor(t.app, 'applicant@demo.test', 'password_reset');
    const { outbox: _sent, ...stored } = snapshotDatabase(t.app);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({
        action: 'user.password_reset_requested',
        entityId: userIdOf(t.app, 'applicant@demo.test'),
      }),
    ]);

    t.clock.advance(30 * MINUTE - 1000);
    const info = await new Client(t.app).get(`/api/accounts/password-reset/${token}`);
    expect(info.statusCode).toBe(200);
    expect(info.json()).toEqual({ email: 'applicant@demo.test' });
    t.clock.advance(1000);
    expectError(await new Client(t.app).get(`/api/accounts/password-reset/${token}`), 404, 'not_found');
    await refusedChangingNothing(
      t.app,
      () =>
        new Client(t.app).post('/api/accounts/password-reset/complete', { token, password: NEW_PASSWORD }),
      404,
      'not_found',
    );
  });

  it('sets the new password, ends every session of the account, tells the owner, audits, and works once', async () => {
    const phone = await signedIn(t.app, 'applicant@demo.test', '10.50.1.1');
    const laptop = await signedIn(t.app, 'applicant@demo.test', '10.50.1.2');
    await ask('applicant@demo.test');
    const token = accountLinkTokenFor(t.app, 'applicant@demo.test', 'password_reset');
    const since = lastAuditId(t.app);

    const reset = await new Client(t.app, '10.50.1.3').post('/api/accounts/password-reset/complete', {
      token,
      password: NEW_PASSWORD,
    });
    expect(reset.statusCode, reset.body).toBe(204);
    expect(reset.cookies.find((c) => c.name === 'sid')).toBeUndefined();
    expect((await phone.get('/api/auth/me')).statusCode).toBe(401);
    expect((await laptop.get('/api/auth/me')).statusCode).toBe(401);
    expect(sessionsOf(t, 'applicant@demo.test')).toBe(0);
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({
        action: 'user.password_reset',
        actorId: userIdOf(t.app, 'applicant@demo.test'),
        after: { sessionsEnded: 2 },
      }),
    ]);
    expect(outboxMessages(t.app, 'password_changed').map((m) => m.to)).toEqual(['applicant@demo.test']);

    expectError(await new Client(t.app, '10.50.1.4').login('applicant@demo.test'), 401);
    expect((await new Client(t.app, '10.50.1.4').login('applicant@demo.test', NEW_PASSWORD)).statusCode).toBe(
      200,
    );
    await refusedChangingNothing(
      t.app,
      () =>
        new Client(t.app).post('/api/accounts/password-reset/complete', {
          token,
          password: 'another new passphrase',
        }),
      404,
      'not_found',
    );
  });

  it('holds the new password to the rules of registration: 400 field by field, changing nothing', async () => {
    await ask('applicant@demo.test');
    const token = accountLinkTokenFor(t.app, 'applicant@demo.test', 'password_reset');
    const short = await refusedChangingNothing(
      t.app,
      () =>
        new Client(t.app).post('/api/accounts/password-reset/complete', { token, password: 'elevenchars' }),
      400,
      'validation_failed',
    );
    expect(short.fields?.password).toMatch(/at least 12 characters/);
    const common = await refusedChangingNothing(
      t.app,
      () =>
        new Client(t.app).post('/api/accounts/password-reset/complete', { token, password: 'qwerty123456' }),
      400,
      'validation_failed',
    );
    expect(common.fields?.password).toMatch(/too common/);
    // The link still works after a refused password.
    expect(
      (
        await new Client(t.app).post('/api/accounts/password-reset/complete', {
          token,
          password: NEW_PASSWORD,
        })
      ).statusCode,
    ).toBe(204);
  });

  it('makes only the newest link work', async () => {
    await ask('applicant@demo.test');
    const first = accountLinkTokenFor(t.app, 'applicant@demo.test', 'password_reset');
    await ask('applicant@demo.test');
    const second = accountLinkTokenFor(t.app, 'applicant@demo.test', 'password_reset');
    expectError(await new Client(t.app).get(`/api/accounts/password-reset/${first}`), 404);
    expect((await new Client(t.app).get(`/api/accounts/password-reset/${second}`)).statusCode).toBe(200);
  });

  it('confirms the address of an unconfirmed account: the link came to it', async () => {
    const client = new Client(t.app, '10.50.2.1');
    await client.post('/api/accounts', {
      name: 'Forgetful',
      email: 'forgetful@example.org',
      password: APPLICANT_PASSWORD,
    });
    await ask('forgetful@example.org');
    const token = accountLinkTokenFor(t.app, 'forgetful@example.org', 'password_reset');
    await new Client(t.app).post('/api/accounts/password-reset/complete', { token, password: NEW_PASSWORD });
    const me = await new Client(t.app, '10.50.2.2').login('forgetful@example.org', NEW_PASSWORD);
    expect(me.json()).toMatchObject({ emailVerified: true, roles: [{ role: 'applicant' }] });
  });

  it('sends nothing for a disabled account or a staff invitation not yet accepted, answering the same', async () => {
    const admin = await signedIn(t.app, 'admin@demo.test');
    await admin.post(`/api/admin/users/${userIdOf(t.app, 'finance2@demo.test')}/disable`);
    await admin.post('/api/admin/users', { name: 'Pending', email: 'pending@example.org', role: 'officer' });
    for (const email of ['finance2@demo.test', 'pending@example.org']) {
      const response = await ask(email);
      expect(response.statusCode).toBe(202);
      expect(response.json()).toEqual({ email, deliveryEnabled: false });
    }
    expect(outboxMessages(t.app, 'password_reset')).toEqual([]);
  });

  it('sends one address at most 3 reset emails an hour, answering the same after', async () => {
    for (let i = 0; i < 5; i++)
      expect((await ask('applicant@demo.test', `10.50.3.${i + 1}`)).statusCode).toBe(202);
    expect(outboxMessages(t.app, 'password_reset')).toHaveLength(3);
    t.clock.advance(60 * MINUTE);
    await ask('applicant@demo.test', '10.50.3.9');
    expect(outboxMessages(t.app, 'password_reset')).toHaveLength(4);
  });

  it('answers 429 to one address asking for more than PASSWORD_RESETS_PER_HOUR resets', async () => {
    await t.close();
    t = await buildTestApp({ PASSWORD_RESETS_PER_HOUR: '3' });
    for (let i = 0; i < 3; i++)
      expect((await ask(`person${i}@example.org`, '10.50.4.1')).statusCode).toBe(202);
    expectError(await ask('person9@example.org', '10.50.4.1'), 429, 'rate_limited');
    expect((await ask('person9@example.org', '10.50.4.2')).statusCode).toBe(202);
  });

  it('refuses a malformed email address field by field', async () => {
    const error = await refusedChangingNothing(t.app, () => ask('not-an-email'), 400, 'validation_failed');
    expect(error.fields?.email).toMatch(/correct format/);
  });
});

describe('changing a password, signed in', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => t.close());

  it('needs the current password; ends every other session but this one; tells the owner; audits', async () => {
    const here = await signedIn(t.app, 'applicant@demo.test', '10.60.0.1');
    const elsewhere = await signedIn(t.app, 'applicant@demo.test', '10.60.0.2');
    const since = lastAuditId(t.app);
    const changed = await here.post('/api/account/password', {
      currentPassword: 'communities-fund-demo',
      password: NEW_PASSWORD,
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await here.get('/api/auth/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).statusCode).toBe(401);
    expect(sessionsOf(t, 'applicant@demo.test')).toBe(1);
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({ action: 'user.password_changed', after: { sessionsEnded: 1 } }),
    ]);
    expect(outboxMessages(t.app, 'password_changed').map((m) => m.to)).toEqual(['applicant@demo.test']);
    expect((await new Client(t.app, '10.60.0.3').login('applicant@demo.test', NEW_PASSWORD)).statusCode).toBe(
      200,
    );
  });

  it('refuses a wrong current password on its field, changing nothing', async () => {
    const here = await signedIn(t.app, 'applicant@demo.test');
    const since = lastAuditId(t.app);
    const before = snapshotDatabase(t.app);
    const error = expectError(
      await here.post('/api/account/password', {
        currentPassword: 'not my password',
        password: NEW_PASSWORD,
      }),
      400,
      'validation_failed',
    );
    expect(error.fields?.currentPassword).toMatch(/current password/);
    const { auth_failures: _a, audit_events: _b, ...after } = snapshotDatabase(t.app);
    const { auth_failures: _c, audit_events: _d, ...was } = before;
    expect(after).toEqual(was);
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['auth.sign_in_failed']);
  });

  it('counts wrong current passwords with wrong sign-ins, so a stolen session cannot guess the password', async () => {
    const here = await signedIn(t.app, 'applicant@demo.test');
    for (let i = 0; i < 5; i++) {
      const response = await here.post('/api/account/password', {
        currentPassword: `guess number ${i}`,
        password: NEW_PASSWORD,
      });
      expect(response.statusCode).toBe(400);
    }
    expectError(
      await here.post('/api/account/password', {
        currentPassword: 'communities-fund-demo',
        password: NEW_PASSWORD,
      }),
      429,
      'rate_limited',
    );
  });

  it('holds the new password to the rules of registration', async () => {
    const here = await signedIn(t.app, 'applicant@demo.test');
    const error = await refusedChangingNothing(
      t.app,
      () =>
        here.post('/api/account/password', {
          currentPassword: 'communities-fund-demo',
          password: 'qwerty123456',
        }),
      400,
      'validation_failed',
    );
    expect(error.fields?.password).toMatch(/too common/);
    const missing = await refusedChangingNothing(
      t.app,
      () => here.post('/api/account/password', { password: NEW_PASSWORD }),
      400,
      'validation_failed',
    );
    expect(missing.fields?.currentPassword).toMatch(/Enter your current password/);
  });

  it('asks someone not signed in to sign in', async () => {
    await refusedChangingNothing(
      t.app,
      () => new Client(t.app).post('/api/account/password', { currentPassword: 'x', password: NEW_PASSWORD }),
      401,
      'unauthenticated',
    );
  });
});

describe('signing out everywhere', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => t.close());

  it('ends every session of the account, this one too, clears the cookie and audits', async () => {
    const here = await signedIn(t.app, 'officer@demo.test', '10.70.0.1');
    const elsewhere = await signedIn(t.app, 'officer@demo.test', '10.70.0.2');
    const since = lastAuditId(t.app);
    const response = await here.post('/api/account/sign-out-everywhere');
    expect(response.statusCode, response.body).toBe(204);
    expect(response.cookies.find((c) => c.name === 'sid')?.value).toBe('');
    expect((await here.get('/api/auth/me')).statusCode).toBe(401);
    expect((await elsewhere.get('/api/auth/me')).statusCode).toBe(401);
    expect(sessionsOf(t, 'officer@demo.test')).toBe(0);
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({
        action: 'user.signed_out_everywhere',
        actorId: userIdOf(t.app, 'officer@demo.test'),
        after: { sessionsEnded: 2 },
      }),
    ]);
  });

  it('works for an account whose address is not yet confirmed', async () => {
    const client = new Client(t.app, '10.70.1.1');
    await client.post('/api/accounts', {
      name: 'New',
      email: 'new@example.org',
      password: APPLICANT_PASSWORD,
    });
    await client.login('new@example.org', APPLICANT_PASSWORD);
    expect((await client.post('/api/account/sign-out-everywhere')).statusCode).toBe(204);
  });

  it('asks someone not signed in to sign in', async () => {
    expectError(await new Client(t.app).post('/api/account/sign-out-everywhere'), 401, 'unauthenticated');
  });
});

describe('the builder of applicant accounts', () => {
  it('confirms the address as a person would', async () => {
    const t = await buildTestApp();
    try {
      const client = await registeredApplicant(t.app, 'built@example.org');
      expect((await client.get('/api/auth/me')).json()).toMatchObject({ emailVerified: true });
    } finally {
      await t.close();
    }
  });
});
