import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerSqlFunctions } from '../../../src/db/client.js';
import { apiRoot } from '../../../src/paths.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import {
  accountLinkTokenFor,
  auditSince,
  groupInvitationTokenFor,
  invitationTokenFor,
  lastAuditId,
  organisationIdOf,
  outboxMessages,
  userIdOf,
} from '../../support/database.js';
import { expectError, refusedChangingNothing } from '../../support/errors.js';
import { HOUR } from '../../support/time.js';

// Gap: anyone could create an account with someone else's address. A self-registered account now
// starts unconfirmed; an emailed single-use link confirms the address; until then the account can
// sign in but do nothing.

const PASSWORD = 'a long and unusual passphrase';
const DAY = 24 * HOUR;

let address = 0;
async function register(t: TestApp, email: string, name = 'New Person'): Promise<Client> {
  const client = new Client(t.app, `10.40.${Math.floor(++address / 250)}.${(address % 250) + 1}`);
  const response = await client.post('/api/accounts', { name, email, password: PASSWORD });
  expect(response.statusCode, response.body).toBe(202);
  return client;
}

async function registeredAndSignedIn(t: TestApp, email: string, name?: string): Promise<Client> {
  const client = await register(t, email, name);
  const login = await client.login(email, PASSWORD);
  expect(login.statusCode, login.body).toBe(200);
  return client;
}

function verifiedAt(t: TestApp, email: string): string | null {
  return (
    t.app.db.get<{ at: string | null }>(sql`select email_verified_at as at from users where email = ${email}`)
      ?.at ?? null
  );
}

describe('confirming the email address of a new account', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => t.close());

  it('lets an unconfirmed account sign in, but it can do nothing: no roles, no groups, and /me says so', async () => {
    const client = await registeredAndSignedIn(t, 'unconfirmed@example.org');
    const me = await client.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      email: 'unconfirmed@example.org',
      emailVerified: false,
      roles: [],
      organisations: [],
    });
    const wardId = (await client.get('/api/reference')).json().wards[0].id;
    await refusedChangingNothing(
      t.app,
      () =>
        client.post('/api/organisations', {
          name: 'Unconfirmed Group',
          type: 'community_group',
          addressLine1: '1 High Street',
          town: 'Peterborough',
          postcode: 'PE1 1AA',
          wardId,
          contactName: 'New Person',
          contactEmail: 'unconfirmed@example.org',
        }),
      403,
      'forbidden',
    );
  });

  it('lets an unconfirmed account accept no group invitation, even one sent to its address', async () => {
    const amina = await signedIn(t.app, 'applicant@demo.test');
    const kitchenId = organisationIdOf(t.app, 'Millfield Community Kitchen');
    await amina.post(`/api/organisations/${kitchenId}/invitations`, { email: 'joiner@example.org' });
    const token = groupInvitationTokenFor(t.app, 'joiner@example.org');
    const joiner = await registeredAndSignedIn(t, 'joiner@example.org');
    const error = await refusedChangingNothing(
      t.app,
      () => joiner.post('/api/group-invitations/accept', { token }),
      403,
      'forbidden',
    );
    expect(error.message).toMatch(/confirm your email address/i);
  });

  it('confirms the address with the emailed link, once: the account is then an applicant, and it is audited', async () => {
    const client = await registeredAndSignedIn(t, 'confirm.me@example.org');
    const token = accountLinkTokenFor(t.app, 'confirm.me@example.org', 'email_verification');
    const since = lastAuditId(t.app);
    // The link works in any browser: no sign-in needed.
    const confirmed = await new Client(t.app, '10.41.0.1').post('/api/accounts/email-verification', {
      token,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toEqual({ email: 'confirm.me@example.org' });
    expect(verifiedAt(t, 'confirm.me@example.org')).toBe(t.clock.now().toISOString());
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({
        action: 'user.email_verified',
        entityId: userIdOf(t.app, 'confirm.me@example.org'),
      }),
    ]);
    // The session they already had now carries their role.
    expect((await client.get('/api/auth/me')).json()).toMatchObject({
      emailVerified: true,
      roles: [{ role: 'applicant' }],
    });
    // Used once: the second time it does not work.
    expectError(
      await new Client(t.app).post('/api/accounts/email-verification', { token }),
      404,
      'not_found',
    );
  });

  it('keeps the link working for 3 days, then refuses it with 404, confirming nothing', async () => {
    await register(t, 'slow@example.org');
    await register(t, 'slower@example.org');
    const onTime = accountLinkTokenFor(t.app, 'slow@example.org', 'email_verification');
    const late = accountLinkTokenFor(t.app, 'slower@example.org', 'email_verification');
    t.clock.advance(3 * DAY - 60_000);
    expect(
      (await new Client(t.app).post('/api/accounts/email-verification', { token: onTime })).statusCode,
    ).toBe(200);
    t.clock.advance(60_000);
    const error = await refusedChangingNothing(
      t.app,
      () => new Client(t.app).post('/api/accounts/email-verification', { token: late }),
      404,
      'not_found',
    );
    expect(error.message).toMatch(/expired or has already been used/);
    expect(verifiedAt(t, 'slower@example.org')).toBeNull();
  });

  it('refuses a made-up token with 404 and a malformed one with 400, changing nothing', async () => {
    await refusedChangingNothing(
      t.app,
      () => new Client(t.app).post('/api/accounts/email-verification', { token: 'A'.repeat(43) }),
      404,
      'not_found',
    );
    await refusedChangingNothing(
      t.app,
      () => new Client(t.app).post('/api/accounts/email-verification', { token: 'short' }),
      400,
      'validation_failed',
    );
  });

  it('sends a new link on request to a signed-in unconfirmed account; only the newest link works', async () => {
    const client = await registeredAndSignedIn(t, 'resend@example.org');
    const first = accountLinkTokenFor(t.app, 'resend@example.org', 'email_verification');
    const resent = await client.post('/api/accounts/email-verification/resend');
    expect(resent.statusCode, resent.body).toBe(202);
    expect(resent.json()).toEqual({ email: 'resend@example.org', deliveryEnabled: false });
    const second = accountLinkTokenFor(t.app, 'resend@example.org', 'email_verification');
    expect(second).not.toBe(first);
    expectError(
      await new Client(t.app).post('/api/accounts/email-verification', { token: first }),
      404,
      'not_found',
    );
    expect(
      (await new Client(t.app).post('/api/accounts/email-verification', { token: second })).statusCode,
    ).toBe(200);
  });

  it('sends at most 5 confirmation emails to an account in a day, then answers 429', async () => {
    const client = await registeredAndSignedIn(t, 'impatient@example.org');
    for (let i = 0; i < 4; i++) {
      expect((await client.post('/api/accounts/email-verification/resend')).statusCode).toBe(202);
    }
    await refusedChangingNothing(
      t.app,
      () => client.post('/api/accounts/email-verification/resend'),
      429,
      'rate_limited',
    );
    expect(
      outboxMessages(t.app, 'email_verification').filter((m) => m.to === 'impatient@example.org'),
    ).toHaveLength(5);
  });

  it('refuses to resend to an account already confirmed (409), and to nobody signed in (401)', async () => {
    const amina = await signedIn(t.app, 'applicant@demo.test');
    await refusedChangingNothing(
      t.app,
      () => amina.post('/api/accounts/email-verification/resend'),
      409,
      'conflict',
    );
    await refusedChangingNothing(
      t.app,
      () => new Client(t.app).post('/api/accounts/email-verification/resend'),
      401,
      'unauthenticated',
    );
  });

  it('has the demo users and the seeded accounts confirmed', async () => {
    const amina = await signedIn(t.app, 'applicant@demo.test');
    expect((await amina.get('/api/auth/me')).json()).toMatchObject({ emailVerified: true });
    const unconfirmed = t.app.db.get<{ n: number }>(
      sql`select count(*) as n from users where email_verified_at is null`,
    );
    expect(unconfirmed?.n).toBe(0);
  });
});

describe('staff roles and unconfirmed accounts', () => {
  let t: TestApp;
  let admin: Client;
  beforeEach(async () => {
    t = await buildTestApp();
    admin = await signedIn(t.app, 'admin@demo.test');
  });
  afterEach(async () => t.close());

  it('confirms the address of a member of staff who accepts their invitation', async () => {
    await admin.post('/api/admin/users', {
      name: 'Grace Hopper',
      email: 'grace@example.org',
      role: 'finance',
    });
    expect(verifiedAt(t, 'grace@example.org')).toBeNull();
    const accepted = await new Client(t.app).post('/api/invitations/accept', {
      token: invitationTokenFor(t.app, 'grace@example.org'),
      password: PASSWORD,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    // Confirmed; the finance role counts once they set up their second factor (decision 0017).
    expect(accepted.json()).toMatchObject({ emailVerified: true, roles: [], secondFactor: 'enrol' });
    expect(
      t.app.db.get<{ n: number }>(
        sql`select count(*) as n from user_roles r join users u on u.id = r.user_id where u.email = 'grace@example.org' and r.role = 'finance'`,
      )?.n,
    ).toBe(1);
    expect(verifiedAt(t, 'grace@example.org')).not.toBeNull();
  });

  it('never grants a staff role to an unconfirmed account: 409 saying why, changing nothing', async () => {
    await register(t, 'not.yet@example.org');
    const userId = userIdOf(t.app, 'not.yet@example.org');
    for (const role of ['assessor', 'officer', 'finance', 'admin']) {
      const error = await refusedChangingNothing(
        t.app,
        () => admin.post(`/api/admin/users/${userId}/roles`, { role }),
        409,
        'conflict',
      );
      expect(error.message).toMatch(/not confirmed their email address/);
    }
  });

  it('shows admins whether a user has confirmed their email address', async () => {
    await register(t, 'not.yet@example.org');
    const user = (await admin.get(`/api/admin/users/${userIdOf(t.app, 'not.yet@example.org')}`)).json();
    expect(user.emailVerified).toBe(false);
    const amina = (await admin.get(`/api/admin/users/${userIdOf(t.app, 'applicant@demo.test')}`)).json();
    expect(amina.emailVerified).toBe(true);
  });

  it('takes an address back from an unconfirmed account when staff are invited to it: closed, signed out, audited', async () => {
    const squatter = await registeredAndSignedIn(t, 'new.officer@peterborough.gov.uk', 'Someone Else');
    const squatterId = userIdOf(t.app, 'new.officer@peterborough.gov.uk');
    const since = lastAuditId(t.app);

    const invited = await admin.post('/api/admin/users', {
      name: 'New Officer',
      email: 'new.officer@peterborough.gov.uk',
      role: 'officer',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json()).toMatchObject({ email: 'new.officer@peterborough.gov.uk', status: 'invited' });
    expect(invited.json().id).not.toBe(squatterId);

    // The squatter's account is closed: its session has ended and it holds the address no more.
    expect((await squatter.get('/api/auth/me')).statusCode).toBe(401);
    const closed = (await admin.get(`/api/admin/users/${squatterId}`)).json();
    expect(closed.status).toBe('closed');
    expect(closed.email).not.toBe('new.officer@peterborough.gov.uk');
    const events = auditSince(t.app, since);
    expect(events.map((e) => e.action)).toEqual(['user.closed', 'user.invited']);
    expect(events[0]).toMatchObject({
      entityId: squatterId,
      reason: expect.stringMatching(/staff invitation/),
    });
    expectError(await new Client(t.app).login(closed.email, PASSWORD), 401);

    // The invited member of staff can accept, and signs in with the address.
    const accepted = await new Client(t.app).post('/api/invitations/accept', {
      token: invitationTokenFor(t.app, 'new.officer@peterborough.gov.uk'),
      password: 'another long passphrase',
    });
    // The officer role is theirs; it counts once they set up their second factor (decision 0017).
    expect(accepted.json()).toMatchObject({ roles: [], emailVerified: true, secondFactor: 'enrol' });
  });

  it('still refuses a staff invitation to an address held by a confirmed account (409)', async () => {
    await refusedChangingNothing(
      t.app,
      () => admin.post('/api/admin/users', { name: 'Amina', email: 'applicant@demo.test', role: 'officer' }),
      409,
      'conflict',
    );
  });
});

describe('the migration that brings in email confirmation', () => {
  it('confirms every account already active or disabled, and leaves pending invitations to be confirmed by accepting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cf-migration-'));
    try {
      // The migrations as they stood before email confirmation: the first seven.
      const source = join(apiRoot(), 'drizzle');
      const before = join(dir, 'before');
      mkdirSync(join(before, 'meta'), { recursive: true });
      const journal = JSON.parse(readFileSync(join(source, 'meta', '_journal.json'), 'utf8'));
      const older = journal.entries.filter((e: { tag: string }) => e.tag < '0008');
      for (const entry of older)
        copyFileSync(join(source, `${entry.tag}.sql`), join(before, `${entry.tag}.sql`));
      writeFileSync(join(before, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: older }));

      const sqlite = new Database(join(dir, 'old.sqlite'));
      // The app's SQL functions, which the audit chain's migration calls (decision 0026).
      registerSqlFunctions(sqlite);
      sqlite.pragma('foreign_keys = ON');
      const db = drizzle({ client: sqlite });
      migrate(db, { migrationsFolder: before });
      sqlite
        .prepare(
          `insert into users (id, email, name, status, created_at, last_sign_in_at) values
           ('a', 'active@test', 'Active', 'active', '2019-01-02T09:00:00.000Z', '2019-03-01T09:00:00.000Z'),
           ('d', 'disabled@test', 'Disabled', 'disabled', '2019-01-03T09:00:00.000Z', null),
           ('i', 'invited@test', 'Invited', 'invited', '2019-01-04T09:00:00.000Z', null)`,
        )
        .run();

      migrate(db, { migrationsFolder: source });
      const rows = sqlite.prepare('select id, email_verified_at from users order by id').all();
      expect(rows).toEqual([
        { id: 'a', email_verified_at: '2019-01-02T09:00:00.000Z' },
        { id: 'd', email_verified_at: '2019-01-03T09:00:00.000Z' },
        { id: 'i', email_verified_at: null },
      ]);
      sqlite.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
