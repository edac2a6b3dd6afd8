import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client } from '../../support/client.js';
import {
  accountLinkTokenFor,
  auditSince,
  lastAuditId,
  outboxMessages,
  snapshotDatabase,
} from '../../support/database.js';
import { expectError } from '../../support/errors.js';

const PASSWORD = 'a long and unusual passphrase';

describe('creating an applicant account', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  /** Each attempt from its own address: registrations are limited per address, and that is not tested here. */
  let address = 0;
  const browser = () => new Client(t.app, `10.20.0.${++address}`);

  it('creates an unconfirmed applicant with a hashed password, emails a link to confirm the address, signs nobody in, and audits it', async () => {
    const since = lastAuditId(t.app);
    const client = browser();
    const response = await client.post('/api/accounts', {
      name: '  Joanna Nowak ',
      email: ' Joanna.Nowak@Example.ORG ',
      password: PASSWORD,
    });
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toEqual({ email: 'joanna.nowak@example.org', deliveryEnabled: false });
    expect(response.cookies.find((c) => c.name === 'sid')).toBeUndefined();
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);

    const user = t.app.db.get<{
      id: string;
      status: string;
      password_hash: string;
      email_verified_at: string | null;
    }>(
      sql`select id, status, password_hash, email_verified_at from users where email = 'joanna.nowak@example.org'`,
    );
    expect(user?.status).toBe('active');
    expect(user?.email_verified_at).toBeNull();
    expect(user?.password_hash).toMatch(/^\$argon2id\$/);
    expect(user?.password_hash).not.toContain(PASSWORD);
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({ action: 'user.registered', actorId: user?.id, entityId: user?.id }),
    ]);

    const [email] = outboxMessages(t.app, 'email_verification').filter(
      (m) => m.to === 'joanna.nowak@example.org',
    );
    expect(email?.subject).toBe('Confirm your email address for the Communities Fund');
    expect(email?.body).toMatch(/\/confirm-email\/[A-Za-z0-9_-]{43}/);
    // The name they typed is not in an email to an address nobody has confirmed yet.
    expect(email?.body).not.toContain('Joanna');
    const token = accountLinkTokenFor(t.app, 'joanna.nowak@example.org', 'email_verification');
    // Only its hash is stored (the outbox holds the email itself, as sent).
    const { outbox: _sent, ...stored } = snapshotDatabase(t.app);
    expect(JSON.stringify(stored)).not.toContain(token);

    // They can sign in with the password they chose (and are then asked to confirm the address).
    const again = await new Client(t.app, '10.20.1.1').login('joanna.nowak@example.org', PASSWORD);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ emailVerified: false, roles: [], organisations: [] });
  });

  it('answers an address that already has an account exactly as a new one: the same status and words, no session', async () => {
    const fresh = await browser().post('/api/accounts', {
      name: 'Someone New',
      email: 'someone.new@example.org',
      password: PASSWORD,
    });
    const taken = await browser().post('/api/accounts', {
      name: 'Someone Else',
      email: 'Applicant@Demo.Test',
      password: PASSWORD,
    });
    expect(taken.statusCode).toBe(fresh.statusCode);
    expect(taken.json()).toEqual({ email: 'applicant@demo.test', deliveryEnabled: false });
    expect(Object.keys(taken.json())).toEqual(Object.keys(fresh.json()));
    expect(taken.headers['content-type']).toBe(fresh.headers['content-type']);
    for (const response of [fresh, taken]) {
      expect(response.cookies.find((c) => c.name === 'sid')).toBeUndefined();
    }
  });

  it('changes nothing of an existing account, and tells its owner someone tried to register with their address', async () => {
    const before = snapshotDatabase(t.app);
    const since = lastAuditId(t.app);
    await browser().post('/api/accounts', {
      name: 'Not Amina',
      email: 'applicant@demo.test',
      password: PASSWORD,
    });
    const after = snapshotDatabase(t.app);
    expect(after.users).toEqual(before.users);
    expect(after.user_roles).toEqual(before.user_roles);
    expect(after.sessions).toEqual(before.sessions);

    const [email] = outboxMessages(t.app, 'registration_attempt').filter(
      (m) => m.to === 'applicant@demo.test',
    );
    expect(email?.subject).toBe('Someone tried to create an account with your email address');
    expect(email?.body).toMatch(/\/sign-in\b/);
    expect(email?.body).toMatch(/\/forgotten-password\b/);
    expect(email?.body).not.toContain('Not Amina');
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['user.registration_attempted']);
  });

  it('refuses a password shorter than 12 characters with 400 on the password field, creating nothing', async () => {
    const before = snapshotDatabase(t.app);
    const response = await browser().post('/api/accounts', {
      name: 'Short Password',
      email: 'short@example.org',
      password: 'elevenchars',
    });
    const error = expectError(response, 400, 'validation_failed');
    expect(error.fields?.password).toMatch(/at least 12 characters/);
    expect(response.cookies.find((c) => c.name === 'sid')).toBeUndefined();
    expect(snapshotDatabase(t.app)).toEqual(before);
  });

  it.each(['qwerty123456', 'aaaaaaaaaaaaaa'])(
    'refuses the weak password "%s" with 400 on the password field, creating nothing',
    async (password) => {
      const before = snapshotDatabase(t.app);
      const response = await browser().post('/api/accounts', {
        name: 'Weak Password',
        email: 'weak@example.org',
        password,
      });
      const error = expectError(response, 400, 'validation_failed');
      expect(error.fields?.password).toMatch(/too common/);
      expect(snapshotDatabase(t.app)).toEqual(before);
    },
  );

  it('refuses a weak password for an address that has an account just as for a new one', async () => {
    const before = snapshotDatabase(t.app);
    const response = await browser().post('/api/accounts', {
      name: 'Weak Password',
      email: 'applicant@demo.test',
      password: 'qwerty123456',
    });
    expect(expectError(response, 400, 'validation_failed').fields?.password).toMatch(/too common/);
    expect(snapshotDatabase(t.app)).toEqual(before);
  });

  it('refuses a missing name and a malformed email field by field', async () => {
    const response = await browser().post('/api/accounts', {
      name: ' ',
      email: 'not-an-email',
      password: PASSWORD,
    });
    const error = expectError(response, 400, 'validation_failed');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['email', 'name']);
  });
});

describe('registrations from one address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ REGISTRATIONS_PER_HOUR: '3' });
  });
  afterAll(async () => t.close());

  it('are limited to REGISTRATIONS_PER_HOUR an hour (429 after, creating nothing); another address is not held up', async () => {
    const register = (n: number, ip: string) =>
      new Client(t.app, ip).post('/api/accounts', {
        name: `Person ${n}`,
        email: `person${n}@example.org`,
        password: PASSWORD,
      });
    for (let n = 0; n < 3; n++) expect((await register(n, '10.21.0.1')).statusCode).toBe(202);
    const before = snapshotDatabase(t.app);
    expectError(await register(9, '10.21.0.1'), 429, 'rate_limited');
    expect(snapshotDatabase(t.app)).toEqual(before);
    expect((await register(10, '10.21.0.2')).statusCode).toBe(202);
  });
});
