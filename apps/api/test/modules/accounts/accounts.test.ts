import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client } from '../../support/client.js';
import { auditSince, lastAuditId, snapshotDatabase } from '../../support/database.js';
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

  it('creates an active applicant with a hashed password, signs them in with a session cookie, and audits it', async () => {
    const since = lastAuditId(t.app);
    const client = browser();
    const response = await client.post('/api/accounts', {
      name: '  Joanna Nowak ',
      email: ' Joanna.Nowak@Example.ORG ',
      password: PASSWORD,
    });
    expect(response.statusCode, response.body).toBe(201);
    const me = response.json();
    expect(me).toMatchObject({
      email: 'joanna.nowak@example.org',
      name: 'Joanna Nowak',
      roles: [{ role: 'applicant', fundId: null }],
      organisations: [],
    });
    const sid = response.cookies.find((c) => c.name === 'sid');
    expect(sid?.value).toBeTruthy();
    expect(sid?.httpOnly).toBe(true);

    // The cookie is a live session: the same browser is now signed in.
    const after = await client.get('/api/auth/me');
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({ id: me.id, email: 'joanna.nowak@example.org' });

    const user = t.app.db.get<{ status: string; password_hash: string }>(
      sql`select status, password_hash from users where id = ${me.id}`,
    );
    expect(user?.status).toBe('active');
    expect(user?.password_hash).toMatch(/^\$argon2id\$/);
    expect(user?.password_hash).not.toContain(PASSWORD);
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({ action: 'user.registered', actorId: me.id, entityId: me.id }),
    ]);

    // And they can sign in again later with the password they chose.
    const again = await new Client(t.app, '10.20.1.1').login('joanna.nowak@example.org', PASSWORD);
    expect(again.statusCode).toBe(200);
  });

  it('refuses an email that already has an account (in any case) with 409 on the email field, changing nothing', async () => {
    const before = snapshotDatabase(t.app);
    const response = await browser().post('/api/accounts', {
      name: 'Someone Else',
      email: 'Applicant@Demo.Test',
      password: PASSWORD,
    });
    const error = expectError(response, 409, 'conflict');
    expect(error.fields?.email).toMatch(/already an account/);
    expect(response.cookies.find((c) => c.name === 'sid')).toBeUndefined();
    expect(snapshotDatabase(t.app)).toEqual(before);
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
