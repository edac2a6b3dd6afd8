import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registeredApplicant } from '../../builders/accounts.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import {
  accountLinkTokenFor,
  auditSince,
  lastAuditId,
  outboxMessages,
  userIdOf,
} from '../../support/database.js';
import { expectError, refusedChangingNothing } from '../../support/errors.js';
import { HOUR } from '../../support/time.js';

// Account basics: changing the email address. The current password is needed; the new address is
// confirmed by an emailed link before it takes effect; the old address is told.

const DEMO = 'communities-fund-demo';

function emailOf(t: TestApp, userId: string): string | undefined {
  return t.app.db.get<{ email: string }>(sql`select email from users where id = ${userId}`)?.email;
}

describe('changing the email address', () => {
  let t: TestApp;
  let amina: Client;
  let aminaId: string;
  beforeEach(async () => {
    t = await buildTestApp();
    amina = await signedIn(t.app, 'applicant@demo.test');
    aminaId = userIdOf(t.app, 'applicant@demo.test');
  });
  afterEach(async () => t.close());

  it('emails a link to the new address and tells the old one; nothing changes until the link is opened', async () => {
    const since = lastAuditId(t.app);
    const asked = await amina.post('/api/account/email', {
      email: ' Amina.H@Example.org ',
      currentPassword: DEMO,
    });
    expect(asked.statusCode, asked.body).toBe(202);
    expect(asked.json()).toEqual({ email: 'amina.h@example.org', deliveryEnabled: false });
    expect(emailOf(t, aminaId)).toBe('applicant@demo.test');
    expect(outboxMessages(t.app, 'email_change').map((m) => m.to)).toEqual(['amina.h@example.org']);
    const [notice] = outboxMessages(t.app, 'email_change_requested');
    expect(notice?.to).toBe('applicant@demo.test');
    expect(notice?.body).toContain('“amina.h@example.org”');
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['user.email_change_requested']);

    const token = accountLinkTokenFor(t.app, 'amina.h@example.org', 'email_change');
    const confirmed = await new Client(t.app, '10.80.0.1').post('/api/accounts/email-change', { token });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toEqual({ email: 'amina.h@example.org' });
    expect(emailOf(t, aminaId)).toBe('amina.h@example.org');
    expect(outboxMessages(t.app, 'email_changed').map((m) => m.to)).toEqual(['applicant@demo.test']);
    expect((await amina.get('/api/auth/me')).json()).toMatchObject({
      email: 'amina.h@example.org',
      emailVerified: true,
    });
    expect((await new Client(t.app, '10.80.0.2').login('amina.h@example.org')).statusCode).toBe(200);
    expectError(await new Client(t.app, '10.80.0.3').login('applicant@demo.test'), 401);
    // Once only.
    expectError(await new Client(t.app).post('/api/accounts/email-change', { token }), 404, 'not_found');
  });

  it('refuses a wrong current password on its field', async () => {
    const error = expectError(
      await amina.post('/api/account/email', { email: 'new@example.org', currentPassword: 'not it at all' }),
      400,
      'validation_failed',
    );
    expect(error.fields?.currentPassword).toMatch(/current password/);
    expect(outboxMessages(t.app, 'email_change')).toEqual([]);
  });

  it('refuses the address the account already has, and a malformed one, field by field, changing nothing', async () => {
    const same = await refusedChangingNothing(
      t.app,
      () => amina.post('/api/account/email', { email: 'Applicant@demo.test', currentPassword: DEMO }),
      400,
      'validation_failed',
    );
    expect(same.fields?.email).toMatch(/already/);
    const malformed = await refusedChangingNothing(
      t.app,
      () => amina.post('/api/account/email', { email: 'nope', currentPassword: DEMO }),
      400,
      'validation_failed',
    );
    expect(malformed.fields?.email).toMatch(/correct format/);
  });

  it('answers the same for an address another account holds, sending it no link, and telling its owner', async () => {
    const asked = await amina.post('/api/account/email', {
      email: 'applicant2@demo.test',
      currentPassword: DEMO,
    });
    expect(asked.statusCode).toBe(202);
    expect(asked.json()).toEqual({ email: 'applicant2@demo.test', deliveryEnabled: false });
    expect(outboxMessages(t.app, 'email_change')).toEqual([]);
    expect(outboxMessages(t.app, 'email_change_attempt').map((m) => m.to)).toEqual(['applicant2@demo.test']);
    expect(emailOf(t, aminaId)).toBe('applicant@demo.test');
  });

  it('refuses the link with 409 when a confirmed account has taken the address meanwhile, changing nothing', async () => {
    await amina.post('/api/account/email', { email: 'contested@example.org', currentPassword: DEMO });
    const token = accountLinkTokenFor(t.app, 'contested@example.org', 'email_change');
    await registeredApplicant(t.app, 'contested@example.org', 'Quick');
    const error = await refusedChangingNothing(
      t.app,
      () => new Client(t.app).post('/api/accounts/email-change', { token }),
      409,
      'conflict',
    );
    expect(error.message).toMatch(/already an account/);
  });

  it('takes the address back from an account that registered it meanwhile but never confirmed it', async () => {
    await amina.post('/api/account/email', { email: 'squatted@example.org', currentPassword: DEMO });
    const token = accountLinkTokenFor(t.app, 'squatted@example.org', 'email_change');
    await new Client(t.app, '10.80.1.2').post('/api/accounts', {
      name: 'Squatter',
      email: 'squatted@example.org',
      password: 'a long and unusual passphrase',
    });
    const squatterId = userIdOf(t.app, 'squatted@example.org');
    const since = lastAuditId(t.app);
    expect((await new Client(t.app).post('/api/accounts/email-change', { token })).statusCode).toBe(200);
    expect(emailOf(t, aminaId)).toBe('squatted@example.org');
    expect(emailOf(t, squatterId)).toMatch(/closed\.invalid$/);
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['user.closed', 'user.email_changed']);
  });

  it('makes the link stop working after 3 days', async () => {
    await amina.post('/api/account/email', { email: 'later@example.org', currentPassword: DEMO });
    const token = accountLinkTokenFor(t.app, 'later@example.org', 'email_change');
    t.clock.advance(72 * HOUR);
    await refusedChangingNothing(
      t.app,
      () => new Client(t.app).post('/api/accounts/email-change', { token }),
      404,
      'not_found',
    );
  });

  it('lets an account whose address is not confirmed move to the right address, which the link then confirms', async () => {
    const typo = new Client(t.app, '10.80.2.1');
    await typo.post('/api/accounts', {
      name: 'Typo',
      email: 'amnia@exmaple.org',
      password: 'a long and unusual passphrase',
    });
    await typo.login('amnia@exmaple.org', 'a long and unusual passphrase');
    const asked = await typo.post('/api/account/email', {
      email: 'amina.k@example.org',
      currentPassword: 'a long and unusual passphrase',
    });
    expect(asked.statusCode, asked.body).toBe(202);
    const token = accountLinkTokenFor(t.app, 'amina.k@example.org', 'email_change');
    expect((await new Client(t.app).post('/api/accounts/email-change', { token })).statusCode).toBe(200);
    expect((await typo.get('/api/auth/me')).json()).toMatchObject({
      email: 'amina.k@example.org',
      emailVerified: true,
      roles: [{ role: 'applicant' }],
    });
  });

  it('shows the new address’s link to admins only on the Sent mail page while mail is not delivered', async () => {
    await amina.post('/api/account/email', { email: 'shown@example.org', currentPassword: DEMO });
    const token = accountLinkTokenFor(t.app, 'shown@example.org', 'email_change');
    const officer = await signedIn(t.app, 'officer@demo.test');
    expect((await officer.get('/api/mail')).body).not.toContain(token);
    const admin = await signedIn(t.app, 'admin@demo.test');
    expect((await admin.get('/api/mail')).body).toContain(token);
  });
});
