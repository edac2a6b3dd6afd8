import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { users } from '../../../src/db/schema/index.js';
import { verifyPassword, weakPasswordReason } from '../../../src/modules/auth/passwords.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import { invitationTokenFor, snapshotDatabase } from '../../support/database.js';
import { expectError } from '../../support/errors.js';

const EMAIL = 'new.officer@demo.test';

describe('passwords set when accepting an invitation', () => {
  let t: TestApp;
  let token: string;
  beforeEach(async () => {
    t = await buildTestApp();
    const admin = await signedIn(t.app, 'admin@demo.test');
    const invited = await admin.post('/api/admin/users', {
      name: 'New Officer',
      email: EMAIL,
      role: 'officer',
    });
    expect(invited.statusCode).toBe(201);
    token = invitationTokenFor(t.app, EMAIL);
  });
  afterEach(async () => t.close());

  const accept = (password: string) => new Client(t.app).post('/api/invitations/accept', { token, password });

  /** The invitation was not used up by a refused attempt: a good password still works. */
  async function expectInvitationStillOpen() {
    expect((await new Client(t.app).get(`/api/invitations/${token}`)).statusCode).toBe(200);
  }

  it('refuses a password of 11 characters with a message on the password field, changing nothing', async () => {
    const before = snapshotDatabase(t.app);
    const error = expectError(await accept('abcdefghijk'), 400, 'validation_failed');
    expect(error.fields?.password).toMatch(/12/);
    expect(snapshotDatabase(t.app)).toEqual(before);
    await expectInvitationStillOpen();
  });

  it('refuses a password of 257 characters', async () => {
    const error = expectError(await accept('a1b2c3'.repeat(43).slice(0, 257)), 400, 'validation_failed');
    expect(error.fields?.password).toMatch(/256/);
    await expectInvitationStillOpen();
  });

  it('accepts a password of exactly 256 characters', async () => {
    const response = await accept('horse battery staple correct '.repeat(9).slice(0, 256));
    expect(response.statusCode).toBe(200);
  });

  for (const common of ['qwertyuiop123', 'password1234', 'Password1234', 'qwerty123456']) {
    it(`refuses the common password "${common}" with a message on the password field`, async () => {
      // Check the password really is on the list the code uses, so the test tests the list.
      expect(weakPasswordReason(common)).not.toBeNull();
      const before = snapshotDatabase(t.app);
      const error = expectError(await accept(common), 400, 'validation_failed');
      expect(error.fields?.password).toMatch(/common/i);
      expect(snapshotDatabase(t.app)).toEqual(before);
      await expectInvitationStillOpen();
    });
  }

  it('refuses one character repeated', async () => {
    expectError(await accept('zzzzzzzzzzzzzz'), 400, 'validation_failed');
  });

  it('accepts 12 characters with no composition rules and stores an Argon2id hash with OWASP parameters', async () => {
    const password = 'plum kettles';
    expect(password).toHaveLength(12);
    const client = new Client(t.app);
    const response = await client.post('/api/invitations/accept', { token, password });
    expect(response.statusCode).toBe(200);

    const row = t.app.db.select().from(users).where(eq(users.email, EMAIL)).get();
    const hash = row?.passwordHash ?? '';
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hash).not.toContain(password);
    expect(await verifyPassword(hash, password)).toBe(true);

    // The new password signs in.
    await client.post('/api/auth/logout');
    expect((await new Client(t.app).login(EMAIL, password)).statusCode).toBe(200);
  });

  it('allows any characters, including spaces and non-ASCII, pasted or typed', async () => {
    const response = await accept('  ünïcødé 🔑 pässwörd  ');
    expect(response.statusCode).toBe(200);
    expect((await new Client(t.app).login(EMAIL, '  ünïcødé 🔑 pässwörd  ')).statusCode).toBe(200);
  });
});

describe('the demo users', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => t.close());

  it('have Argon2id hashes with at least OWASP parameters', () => {
    const rows = t.app.db.select({ hash: users.passwordHash }).from(users).all();
    expect(rows.length).toBeGreaterThanOrEqual(11);
    for (const { hash } of rows) expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
