import { MAX_PAGE_SIZE, REFUSAL_AUDIT_WINDOW_SECONDS } from '@cf/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../../src/seed/demo.js';
import { DEMO_GRANT_MONEY } from '../../../src/seed/demo-money.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import { invitationTokenFor, snapshotDatabase, userIdOf } from '../../support/database.js';
import { expectError } from '../../support/errors.js';

interface Grant {
  id: string;
  role: string;
  fundId: string | null;
}
interface AuditRow {
  action: string;
  actorId: string | null;
  actorName: string | null;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

const PASSWORD = 'a long and unusual passphrase';

describe('admin: staff users, roles and the audit trail', () => {
  let t: TestApp;
  let admin: Client;
  let adminId: string;
  beforeEach(async () => {
    t = await buildTestApp();
    admin = await signedIn(t.app, 'admin@demo.test');
    adminId = userIdOf(t.app, 'admin@demo.test');
  });
  afterEach(async () => t.close());

  async function fundIds(): Promise<{ communities: string; youth: string }> {
    const funds = (await new Client(t.app).get('/api/funds')).json().funds as { id: string; name: string }[];
    const id = (name: string) => funds.find((f) => f.name === name)?.id ?? '';
    return { communities: id('Communities Fund'), youth: id('Youth Fund') };
  }

  async function audit(query = ''): Promise<AuditRow[]> {
    const response = await admin.get(`/api/admin/audit${query}`);
    expect(response.statusCode).toBe(200);
    return response.json().events;
  }

  async function rolesOf(userId: string): Promise<Grant[]> {
    return (await admin.get(`/api/admin/users/${userId}`)).json().roles;
  }

  async function invite(body: Record<string, unknown>) {
    return admin.post('/api/admin/users', body);
  }

  it('invites a member of staff: the user is created as invited and an email with a one-time link is queued', async () => {
    const response = await invite({ name: 'Grace Hopper', email: 'Grace@Demo.test', role: 'finance' });
    expect(response.statusCode).toBe(201);
    const user = response.json();
    expect(user).toMatchObject({
      email: 'grace@demo.test',
      name: 'Grace Hopper',
      status: 'invited',
      roles: [{ role: 'finance', fundId: null }],
    });

    const mail = (await admin.get('/api/mail')).json();
    const messages = (mail.messages as { to: string; kind: string; body: string; status: string }[]).filter(
      (m) => m.to === 'grace@demo.test',
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ kind: 'invitation', status: 'pending' });
    expect(messages[0]?.body).toMatch(/http:\/\/localhost:\d+\/invitation\/[A-Za-z0-9_-]{43}/);
    expect(messages[0]?.body).toContain('Finance officer');

    const [event] = await audit(`?entityId=${user.id}`);
    expect(event).toMatchObject({
      action: 'user.invited',
      actorId: adminId,
      actorName: 'Alex Morgan',
      after: { email: 'grace@demo.test', role: 'finance', fundId: null },
    });
  });

  it('puts PUBLIC_URL in the invitation link when it is set', async () => {
    const other = await buildTestApp({ PUBLIC_URL: 'https://grants.example.org' });
    try {
      const otherAdmin = await signedIn(other.app, 'admin@demo.test');
      await otherAdmin.post('/api/admin/users', { name: 'Ada', email: 'ada@demo.test', role: 'officer' });
      const token = invitationTokenFor(other.app, 'ada@demo.test');
      const mail = (await otherAdmin.get('/api/mail')).json().messages as { body: string }[];
      expect(mail.some((m) => m.body.includes(`https://grants.example.org/invitation/${token}`))).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('refuses to invite an email that already has a user with 409 on the email field, changing nothing', async () => {
    const before = snapshotDatabase(t.app);
    const error = expectError(
      await invite({ name: 'Someone', email: 'OFFICER@demo.test', role: 'officer' }),
      409,
      'conflict',
    );
    expect(error.fields).toHaveProperty('email');
    expect(snapshotDatabase(t.app)).toEqual(before);
  });

  it('limits only an assessor role to one fund: 400 for any other role, changing nothing', async () => {
    const { youth } = await fundIds();
    const before = snapshotDatabase(t.app);
    const error = expectError(
      await invite({ name: 'Olu', email: 'olu@demo.test', role: 'officer', fundId: youth }),
      400,
      'validation_failed',
    );
    expect(error.fields).toHaveProperty('fundId');
    expect(snapshotDatabase(t.app)).toEqual(before);

    const assessor = await invite({ name: 'Yemi', email: 'yemi@demo.test', role: 'assessor', fundId: youth });
    expect(assessor.statusCode).toBe(201);
    expect(assessor.json().roles).toMatchObject([
      { role: 'assessor', fundId: youth, fundName: 'Youth Fund' },
    ]);
  });

  it('refuses a fund limit naming a fund that does not exist', async () => {
    const error = expectError(
      await invite({ name: 'Yemi', email: 'yemi@demo.test', role: 'assessor', fundId: crypto.randomUUID() }),
      400,
    );
    expect(error.fields).toHaveProperty('fundId');
  });

  it('refuses to invite an applicant: invitations are for staff', async () => {
    const error = expectError(await invite({ name: 'A', email: 'a@demo.test', role: 'applicant' }), 400);
    expect(error.fields).toHaveProperty('role');
  });

  it('signs the invited person in with their role when they accept, and records it', async () => {
    const { youth } = await fundIds();
    const invited = (
      await invite({ name: 'Yemi', email: 'yemi@demo.test', role: 'assessor', fundId: youth })
    ).json();
    const token = invitationTokenFor(t.app, 'yemi@demo.test');

    const info = await new Client(t.app).get(`/api/invitations/${token}`);
    expect(info.json()).toEqual({ email: 'yemi@demo.test', name: 'Yemi' });

    const browser = new Client(t.app);
    const accepted = await browser.post('/api/invitations/accept', { token, password: PASSWORD });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.cookies.find((c) => c.name === 'sid')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const me = (await browser.get('/api/auth/me')).json();
    expect(me).toMatchObject({ email: 'yemi@demo.test', roles: [{ role: 'assessor', fundId: youth }] });

    expect((await admin.get(`/api/admin/users/${invited.id}`)).json().status).toBe('active');
    const [event] = await audit(`?entityId=${invited.id}`);
    expect(event).toMatchObject({ action: 'user.invitation_accepted', actorId: invited.id });

    // The new password works from then on.
    expect((await new Client(t.app).login('yemi@demo.test', PASSWORD)).statusCode).toBe(200);
  });

  it('refuses to use an invitation twice (404), leaving the first password in place', async () => {
    await invite({ name: 'Grace', email: 'grace@demo.test', role: 'officer' });
    const token = invitationTokenFor(t.app, 'grace@demo.test');
    expect(
      (await new Client(t.app).post('/api/invitations/accept', { token, password: PASSWORD })).statusCode,
    ).toBe(200);
    const before = snapshotDatabase(t.app);
    const again = await new Client(t.app).post('/api/invitations/accept', {
      token,
      password: 'a different passphrase entirely',
    });
    expectError(again, 404, 'not_found');
    expect(snapshotDatabase(t.app)).toEqual(before);
    expectError(await new Client(t.app).get(`/api/invitations/${token}`), 404);
    expect((await new Client(t.app).login('grace@demo.test', PASSWORD)).statusCode).toBe(200);
  });

  it('lets only one of two simultaneous acceptances of one invitation through', async () => {
    await invite({ name: 'Grace', email: 'grace@demo.test', role: 'officer' });
    const token = invitationTokenFor(t.app, 'grace@demo.test');
    const [first, second] = await Promise.all([
      new Client(t.app).post('/api/invitations/accept', { token, password: PASSWORD }),
      new Client(t.app).post('/api/invitations/accept', {
        token,
        password: 'a different passphrase entirely',
      }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 404]);
    const winner = first.statusCode === 200 ? PASSWORD : 'a different passphrase entirely';
    expect((await new Client(t.app).login('grace@demo.test', winner)).statusCode).toBe(200);
  });

  it('refuses an invitation after seven days', async () => {
    await invite({ name: 'Grace', email: 'grace@demo.test', role: 'officer' });
    const token = invitationTokenFor(t.app, 'grace@demo.test');
    t.clock.advance(7 * 24 * 3_600_000 + 1000);
    expectError(
      await new Client(t.app).post('/api/invitations/accept', { token, password: PASSWORD }),
      404,
      'not_found',
    );
  });

  it('refuses an invitation token nobody was sent', async () => {
    expectError(
      await new Client(t.app).post('/api/invitations/accept', { token: 'x'.repeat(43), password: PASSWORD }),
      404,
    );
  });

  it('grants a role, and refuses the same role twice with 409', async () => {
    const financeId = userIdOf(t.app, 'finance@demo.test');
    const granted = await admin.post(`/api/admin/users/${financeId}/roles`, { role: 'officer' });
    expect(granted.statusCode).toBe(201);
    expect((granted.json().roles as Grant[]).map((g) => g.role).sort()).toEqual(['finance', 'officer']);

    const [event] = await audit(`?entityId=${financeId}`);
    expect(event).toMatchObject({
      action: 'user.role_granted',
      actorId: adminId,
      actorName: 'Alex Morgan',
      after: { role: 'officer', fundId: null },
    });

    const before = snapshotDatabase(t.app);
    expectError(
      await admin.post(`/api/admin/users/${financeId}/roles`, { role: 'officer' }),
      409,
      'conflict',
    );
    expectError(
      await admin.post(`/api/admin/users/${financeId}/roles`, { role: 'finance' }),
      409,
      'conflict',
    );
    expect(snapshotDatabase(t.app)).toEqual(before);
  });

  it('refuses the same fund-limited assessor role twice, but allows it for another fund', async () => {
    const { communities, youth } = await fundIds();
    const youthId = userIdOf(t.app, 'youth@demo.test');
    expectError(
      await admin.post(`/api/admin/users/${youthId}/roles`, { role: 'assessor', fundId: youth }),
      409,
      'conflict',
    );
    const granted = await admin.post(`/api/admin/users/${youthId}/roles`, {
      role: 'assessor',
      fundId: communities,
    });
    expect(granted.statusCode).toBe(201);
  });

  it('makes a granted role work at once for someone already signed in', async () => {
    const finance = await signedIn(t.app, 'finance@demo.test');
    expectError(await finance.get('/api/mail'), 403);
    await admin.post(`/api/admin/users/${userIdOf(t.app, 'finance@demo.test')}/roles`, { role: 'officer' });
    expect((await finance.get('/api/mail')).statusCode).toBe(200);
  });

  it('revokes a role, which stops working at once, and records it', async () => {
    const officer = await signedIn(t.app, 'officer@demo.test');
    expect((await officer.get('/api/mail')).statusCode).toBe(200);
    const officerId = userIdOf(t.app, 'officer@demo.test');
    const [grant] = await rolesOf(officerId);
    expect(grant?.role).toBe('officer');

    const revoked = await admin.delete(`/api/admin/users/${officerId}/roles/${grant?.id}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().roles).toEqual([]);
    expectError(await officer.get('/api/mail'), 403, 'forbidden');

    const [event] = await audit(`?entityId=${officerId}`);
    expect(event).toMatchObject({
      action: 'user.role_revoked',
      actorId: adminId,
      before: { grantId: grant?.id, role: 'officer' },
    });

    // Revoking it again: it is no longer there.
    expectError(await admin.delete(`/api/admin/users/${officerId}/roles/${grant?.id}`), 404);
  });

  it('refuses to revoke a grant through another user', async () => {
    const officerId = userIdOf(t.app, 'officer@demo.test');
    const [grant] = await rolesOf(officerId);
    const financeId = userIdOf(t.app, 'finance@demo.test');
    expectError(await admin.delete(`/api/admin/users/${financeId}/roles/${grant?.id}`), 404);
    expect(await rolesOf(officerId)).toHaveLength(1);
  });

  it('refuses to let an admin revoke their own admin role (409), changing nothing', async () => {
    const [grant] = await rolesOf(adminId);
    expect(grant?.role).toBe('admin');
    const before = snapshotDatabase(t.app);
    expectError(await admin.delete(`/api/admin/users/${adminId}/roles/${grant?.id}`), 409, 'conflict');
    expect(snapshotDatabase(t.app)).toEqual(before);
  });

  it('lets an admin revoke another role of their own', async () => {
    const granted = await admin.post(`/api/admin/users/${adminId}/roles`, { role: 'finance' });
    const financeGrant = (granted.json().roles as Grant[]).find((g) => g.role === 'finance');
    expect((await admin.delete(`/api/admin/users/${adminId}/roles/${financeGrant?.id}`)).statusCode).toBe(
      200,
    );
  });

  it('refuses to let an admin disable themselves (409), changing nothing', async () => {
    const before = snapshotDatabase(t.app);
    expectError(await admin.post(`/api/admin/users/${adminId}/disable`), 409, 'conflict');
    expect(snapshotDatabase(t.app)).toEqual(before);
    expect((await admin.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('disables and enables a user, recording both with the number of sessions ended', async () => {
    const financeId = userIdOf(t.app, 'finance@demo.test');
    await signedIn(t.app, 'finance@demo.test');
    const disabled = await admin.post(`/api/admin/users/${financeId}/disable`);
    expect(disabled.json()).toMatchObject({ status: 'disabled' });
    expectError(await admin.post(`/api/admin/users/${financeId}/disable`), 409);
    expectError(await new Client(t.app).login('finance@demo.test'), 403);

    const enabled = await admin.post(`/api/admin/users/${financeId}/enable`);
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json()).toMatchObject({ status: 'active' });
    expect((await new Client(t.app).login('finance@demo.test')).statusCode).toBe(200);
    expectError(await admin.post(`/api/admin/users/${financeId}/enable`), 409);

    const events = await audit(`?entityId=${financeId}&entityType=user`);
    const changes = events.filter((e) => e.action.startsWith('user.'));
    expect(changes.map((e) => e.action)).toEqual(['user.enabled', 'user.disabled']);
    expect(changes[1]).toMatchObject({
      actorId: adminId,
      before: { status: 'active' },
      after: { status: 'disabled', sessionsEnded: 1 },
    });
    expect(changes[0]).toMatchObject({ actorId: adminId, after: { status: 'active' } });
  });

  it('puts an enabled user who never accepted their invitation back to invited', async () => {
    const invited = (await invite({ name: 'Grace', email: 'grace@demo.test', role: 'officer' })).json();
    await admin.post(`/api/admin/users/${invited.id}/disable`);
    const enabled = await admin.post(`/api/admin/users/${invited.id}/enable`);
    expect(enabled.json()).toMatchObject({ status: 'invited' });
  });

  it('refuses an invitation of a user who was disabled before accepting it', async () => {
    const invited = (await invite({ name: 'Grace', email: 'grace@demo.test', role: 'officer' })).json();
    const token = invitationTokenFor(t.app, 'grace@demo.test');
    await admin.post(`/api/admin/users/${invited.id}/disable`);
    expectError(await new Client(t.app).post('/api/invitations/accept', { token, password: PASSWORD }), 404);
  });

  it('lists every user with roles to an admin', async () => {
    // The demo's 14 users, and a member of each of the 15 groups whose offer was issued (demo-money.ts):
    // more than one page, so asked for as one page of the largest size.
    const users = (await admin.get(`/api/admin/users?pageSize=${MAX_PAGE_SIZE}`)).json().users as {
      email: string;
    }[];
    expect(users.map((u) => u.email)).toEqual(expect.arrayContaining(['admin@demo.test', 'youth@demo.test']));
    expect(users.length).toBe(DEMO_USERS.length + Object.keys(DEMO_GRANT_MONEY).length);
    expect(users.length).toBe(29);
  });

  for (const email of [
    'applicant@demo.test',
    'assessor@demo.test',
    'officer@demo.test',
    'finance@demo.test',
  ]) {
    it(`refuses admin actions to ${email.split('@')[0]} with 403 and audits the refusal`, async () => {
      const someone = await signedIn(t.app, email);
      const someoneId = userIdOf(t.app, email);
      const officerId = userIdOf(t.app, 'officer2@demo.test');
      // A minute apart, so each refusal gets a row of its own (refusals of one permission by one
      // person from one address within a minute share a row: audit/service.ts).
      const aMinuteLater = () => t.clock.advance(REFUSAL_AUDIT_WINDOW_SECONDS * 1000);
      expectError(await someone.get('/api/admin/users'), 403, 'forbidden');
      aMinuteLater();
      // The trail itself officers may browse (decision 0026); its export is for admins only.
      expectError(await someone.get('/api/admin/audit.csv'), 403, 'forbidden');
      aMinuteLater();
      expectError(
        await someone.post('/api/admin/users', { name: 'X', email: 'x@demo.test', role: 'admin' }),
        403,
        'forbidden',
      );
      aMinuteLater();
      expectError(
        await someone.post(`/api/admin/users/${someoneId}/roles`, { role: 'admin' }),
        403,
        'forbidden',
      );
      aMinuteLater();
      expectError(await someone.post(`/api/admin/users/${officerId}/disable`), 403, 'forbidden');

      const denied = (await audit(`?actorId=${someoneId}`)).filter((e) => e.action === 'access.denied');
      expect(denied).toHaveLength(5);
      expect(denied.map((e) => e.after)).toContainEqual({
        method: 'POST',
        url: `/api/admin/users/${someoneId}/roles`,
        permission: 'users.manage',
      });
      // Nothing they tried happened.
      expect((await rolesOf(someoneId)).map((g) => g.role)).not.toContain('admin');
      expect((await admin.get(`/api/admin/users/${officerId}`)).json().status).toBe('active');
    });
  }
});
