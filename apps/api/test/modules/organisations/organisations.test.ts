import { MAX_GROUPS_PER_PERSON } from '@cf/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { registeredApplicant } from '../../builders/accounts.js';
import { journeyRefs } from '../../builders/bids.js';
import { newGroupMember } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import {
  auditSince,
  groupInvitationTokenFor,
  lastAuditId,
  organisationIdOf,
  outboxMessages,
  snapshotDatabase,
  userIdOf,
} from '../../support/database.js';
import { expectError } from '../../support/errors.js';

const DAY = 86_400_000;

function group(wardId: string, overrides: Record<string, unknown> = {}) {
  return {
    name: 'Orton Walking Football',
    type: 'community_group',
    addressLine1: '1 Orton Parkway',
    town: 'Peterborough',
    postcode: 'PE2 6YB',
    wardId,
    contactName: 'Rasa Jankauskiene',
    contactEmail: 'rasa@example.org',
    ...overrides,
  };
}

function membershipCount(t: TestApp, userId: string, organisationId: string): number {
  return (
    t.app.db.get<{ n: number }>(
      sql`select count(*) as n from memberships where user_id = ${userId} and organisation_id = ${organisationId}`,
    )?.n ?? 0
  );
}

describe('registering a group', () => {
  let t: TestApp;
  let wardId: string;
  let founder: Client;
  let n = 0;
  beforeAll(async () => {
    t = await buildTestApp();
    wardId = (await journeyRefs(t.app)).wardIds[0] ?? '';
    founder = await registeredApplicant(t.app, 'founder@example.org', 'Rasa Jankauskiene');
  });
  afterAll(async () => t.close());

  // One person may belong to MAX_GROUPS_PER_PERSON groups: a new founder takes over when one is full.
  let founded = 0;
  beforeEach(async () => {
    if (founded < MAX_GROUPS_PER_PERSON) return;
    founder = await registeredApplicant(t.app, `founder.${n}@example.org`, 'Rasa Jankauskiene');
    founded = 0;
  });

  const register = async (body: Record<string, unknown>) => {
    const response = await founder.post('/api/organisations', {
      ...body,
      name: `${String(body.name)} ${++n}`,
    });
    if (response.statusCode === 201) founded++;
    return response;
  };

  it('makes the person who registers a group its first member, and the group theirs to bid for', async () => {
    const since = lastAuditId(t.app);
    const response = await register(group(wardId));
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      type: 'community_group',
      registeredNumber: null,
      wardId,
      members: [{ email: 'founder@example.org', name: 'Rasa Jankauskiene' }],
      pendingInvitations: [],
    });
    expect(created.wardName).toEqual(expect.any(String));
    const me = (await founder.get('/api/auth/me')).json();
    expect(me.organisations).toContainEqual({ id: created.id, name: created.name });
    expect(me.roles).toEqual([expect.objectContaining({ role: 'applicant', fundId: null })]);
    expect(auditSince(t.app, since).map((e) => [e.action, e.entityId])).toEqual([
      ['organisation.registered', created.id],
    ]);
  });

  it('gives the applicant role to someone who did not have it when they register a group', async () => {
    const assessor = await signedIn(t.app, 'assessor3@demo.test');
    const response = await assessor.post('/api/organisations', group(wardId, { name: 'Dogsthorpe Chess' }));
    expect(response.statusCode, response.body).toBe(201);
    const roles = (await assessor.get('/api/auth/me')).json().roles.map((r: { role: string }) => r.role);
    expect(roles.sort()).toEqual(['applicant', 'assessor']);
    // Registering a second group does not grant the role twice.
    expect(
      (await assessor.post('/api/organisations', group(wardId, { name: 'Dogsthorpe Draughts' }))).statusCode,
    ).toBe(201);
    const grants = t.app.db.get<{ n: number }>(
      sql`select count(*) as n from user_roles where user_id = ${userIdOf(t.app, 'assessor3@demo.test')} and role = 'applicant'`,
    );
    expect(grants?.n).toBe(1);
  });

  it.each([
    ['registered_charity', '1123456', '1123456'],
    ['registered_charity', '112 345', '112345'],
    ['cio', '1178901', '1178901'],
    ['company', '09876543', '09876543'],
    ['company', 'sc 123456', 'SC123456'],
    ['school', '110123', '110123'],
  ])('accepts a %s with the number "%s", stored as %s', async (type, number, stored) => {
    const response = await register(group(wardId, { type, registeredNumber: number }));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().registeredNumber).toBe(stored);
  });

  it.each([
    ['registered_charity', 'ABC', /charity number/i],
    ['registered_charity', '12345', /charity number/i],
    ['registered_charity', undefined, /enter your charity number/i],
    ['cio', '12345678', /charity number/i],
    ['company', '1234567', /company number/i],
    ['company', 'SCX23456', /company number/i],
    ['school', '11012', /URN/i],
  ])(
    'refuses a %s with the number %s on the registeredNumber field, creating nothing',
    async (type, number, message) => {
      const before = snapshotDatabase(t.app);
      const response = await register(group(wardId, { type, registeredNumber: number }));
      const error = expectError(response, 400, 'validation_failed');
      expect(error.fields?.registeredNumber).toMatch(message);
      expect(snapshotDatabase(t.app)).toEqual(before);
    },
  );

  it.each(['community_group', 'faith_group', 'parish_council'])(
    'asks a %s for no registered number',
    async (type) => {
      const response = await register(group(wardId, { type }));
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().registeredNumber).toBeNull();
    },
  );

  it.each([
    ['pe1 1hf', 'PE1 1HF'],
    ['  pe11hf ', 'PE1 1HF'],
    ['sw1a 1aa', 'SW1A 1AA'],
  ])('tidies the postcode "%s" to %s', async (postcode, tidy) => {
    const response = await register(group(wardId, { postcode }));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().postcode).toBe(tidy);
  });

  it.each(['PE1', 'not a postcode', '12345', ''])(
    'refuses the postcode "%s" on its field, creating nothing',
    async (postcode) => {
      const before = snapshotDatabase(t.app);
      const error = expectError(await register(group(wardId, { postcode })), 400, 'validation_failed');
      expect(error.fields?.postcode).toMatch(/postcode/i);
      expect(snapshotDatabase(t.app)).toEqual(before);
    },
  );

  it('refuses a ward that does not exist, creating nothing', async () => {
    const before = snapshotDatabase(t.app);
    const response = await register(group(crypto.randomUUID()));
    const error = expectError(response, 400, 'validation_failed');
    expect(Object.keys(error.fields ?? {})).toEqual(['wardId']);
    expect(snapshotDatabase(t.app)).toEqual(before);
  });

  it('refuses missing required answers field by field', async () => {
    const response = await founder.post('/api/organisations', { type: 'community_group' });
    const error = expectError(response, 400, 'validation_failed');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(
      ['addressLine1', 'contactEmail', 'contactName', 'name', 'postcode', 'town', 'wardId'].sort(),
    );
  });

  it('asks someone who is not signed in to sign in', async () => {
    expectError(await new Client(t.app).post('/api/organisations', group(wardId)), 401, 'unauthenticated');
  });
});

describe('seeing a group', () => {
  let t: TestApp;
  let kitchenId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    kitchenId = organisationIdOf(t.app, 'Millfield Community Kitchen');
  });
  afterAll(async () => t.close());

  it('shows a group with its members to its members', async () => {
    const amina = await signedIn(t.app, 'applicant@demo.test');
    const response = await amina.get(`/api/organisations/${kitchenId}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: kitchenId,
      name: 'Millfield Community Kitchen',
      members: [{ email: 'applicant@demo.test', name: 'Amina Hussain' }],
    });
  });

  it.each(['officer@demo.test', 'finance@demo.test', 'admin@demo.test'])(
    'shows any group to grants staff (%s)',
    async (email) => {
      const staff = await signedIn(t.app, email);
      const response = await staff.get(`/api/organisations/${kitchenId}`);
      expect(response.statusCode).toBe(200);
      expect(response.json().name).toBe('Millfield Community Kitchen');
    },
  );

  it('answers 404 to a member of another group, as if it did not exist, and audits the attempt', async () => {
    const tomas = await signedIn(t.app, 'applicant2@demo.test');
    const since = lastAuditId(t.app);
    const response = await tomas.get(`/api/organisations/${kitchenId}`);
    const error = expectError(response, 404, 'not_found');
    expect(response.body).not.toContain('Millfield');
    expect(error.message).toBe('Page not found');
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({
        action: 'access.denied',
        actorId: userIdOf(t.app, 'applicant2@demo.test'),
        after: expect.objectContaining({ method: 'GET', url: `/api/organisations/${kitchenId}` }),
      }),
    ]);
  });

  it('answers 404 (not 403) to an assessor, who does not see groups’ details', async () => {
    const assessor = await signedIn(t.app, 'assessor@demo.test');
    expectError(await assessor.get(`/api/organisations/${kitchenId}`), 404, 'not_found');
  });
});

describe('inviting people to join a group', () => {
  let t: TestApp;
  let kitchenId: string;
  let amina: Client;
  beforeAll(async () => {
    t = await buildTestApp();
    kitchenId = organisationIdOf(t.app, 'Millfield Community Kitchen');
    amina = await signedIn(t.app, 'applicant@demo.test');
  });
  afterAll(async () => t.close());

  it('emails a one-time link; the invited person registers, accepts, becomes a member and sees the group’s bids', async () => {
    const invited = await amina.post(`/api/organisations/${kitchenId}/invitations`, {
      email: 'Bilal@Example.org',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json().pendingInvitations).toEqual([
      expect.objectContaining({ email: 'bilal@example.org' }),
    ]);
    const [email] = outboxMessages(t.app, 'group_invitation').filter((m) => m.to === 'bilal@example.org');
    expect(email?.subject).toContain('Millfield Community Kitchen');
    expect(email?.subject).toContain('Amina Hussain');
    expect(email?.body).toMatch(/\/group-invitations\/[A-Za-z0-9_-]{20,}/);
    const token = groupInvitationTokenFor(t.app, 'bilal@example.org');
    // Only a hash of the token is stored.
    expect(JSON.stringify(snapshotDatabase(t.app).organisation_invitations)).not.toContain(token);

    // The link works before signing in: it says which group, and that there is no account yet.
    const info = await new Client(t.app).get(`/api/group-invitations/${token}`);
    expect(info.statusCode).toBe(200);
    expect(info.json()).toEqual({
      organisationName: 'Millfield Community Kitchen',
      email: 'bilal@example.org',
      invitedByName: 'Amina Hussain',
      hasAccount: false,
    });

    const bilal = await registeredApplicant(t.app, 'bilal@example.org', 'Bilal Rahman');
    expect((await bilal.get('/api/bids')).json().bids).toEqual([]);
    const since = lastAuditId(t.app);
    const accepted = await bilal.post('/api/group-invitations/accept', { token });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().organisations).toEqual([{ id: kitchenId, name: 'Millfield Community Kitchen' }]);
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['organisation.member_joined']);

    const titles = (await bilal.get('/api/bids')).json().bids.map((b: { title: string }) => b.title);
    expect(titles.sort()).toEqual(['Cook and Share', 'Family Fun Days', 'Welcome Table Supper Club']);
    const detail = (await amina.get(`/api/organisations/${kitchenId}`)).json();
    expect(detail.members.map((m: { email: string }) => m.email)).toEqual([
      'applicant@demo.test',
      'bilal@example.org',
    ]);
    expect(detail.pendingInvitations).toEqual([]);

    // The link worked once.
    expectError(await new Client(t.app).get(`/api/group-invitations/${token}`), 404, 'not_found');
    expectError(await bilal.post('/api/group-invitations/accept', { token }), 404, 'not_found');
  });

  it('lets someone who already has an account sign in and accept', async () => {
    const existing = await registeredApplicant(t.app, 'chioma@example.org', 'Chioma Obi');
    await amina.post(`/api/organisations/${kitchenId}/invitations`, { email: 'chioma@example.org' });
    const token = groupInvitationTokenFor(t.app, 'chioma@example.org');
    expect((await new Client(t.app).get(`/api/group-invitations/${token}`)).json().hasAccount).toBe(true);
    const accepted = await existing.post('/api/group-invitations/accept', { token });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(membershipCount(t, userIdOf(t.app, 'chioma@example.org'), kitchenId)).toBe(1);
  });

  it('refuses the invitation to someone signed in with a different email, naming the right one, changing nothing', async () => {
    await amina.post(`/api/organisations/${kitchenId}/invitations`, { email: 'dovile@example.org' });
    const token = groupInvitationTokenFor(t.app, 'dovile@example.org');
    const stranger = await registeredApplicant(t.app, 'eve@example.org', 'Eve Stranger');
    const before = snapshotDatabase(t.app);
    const error = expectError(
      await stranger.post('/api/group-invitations/accept', { token }),
      409,
      'conflict',
    );
    expect(error.message).toContain('dovile@example.org');
    expect(snapshotDatabase(t.app)).toEqual(before);
    // The right person can still use it.
    const dovile = await registeredApplicant(t.app, 'dovile@example.org', 'Dovile Kazlauskaite');
    expect((await dovile.post('/api/group-invitations/accept', { token })).statusCode).toBe(200);
  });

  it('answers 404 to a made-up or malformed token', async () => {
    const someone = await registeredApplicant(t.app, 'guesser@example.org', 'Guesser');
    expectError(
      await someone.post('/api/group-invitations/accept', { token: 'A'.repeat(43) }),
      404,
      'not_found',
    );
    expectError(await someone.post('/api/group-invitations/accept', { token: 'short' }), 400);
  });

  it('refuses to invite someone who is already a member, on the email field, changing nothing', async () => {
    const before = snapshotDatabase(t.app);
    const error = expectError(
      await amina.post(`/api/organisations/${kitchenId}/invitations`, { email: 'applicant@demo.test' }),
      409,
      'conflict',
    );
    expect(error.fields?.email).toMatch(/already a member/);
    expect(snapshotDatabase(t.app)).toEqual(before);
  });

  it('never makes someone a member twice when they hold two invitations to the same group', async () => {
    await amina.post(`/api/organisations/${kitchenId}/invitations`, { email: 'farah@example.org' });
    const first = groupInvitationTokenFor(t.app, 'farah@example.org');
    await amina.post(`/api/organisations/${kitchenId}/invitations`, { email: 'farah@example.org' });
    const second = groupInvitationTokenFor(t.app, 'farah@example.org');
    expect(second).not.toBe(first);
    const farah = await registeredApplicant(t.app, 'farah@example.org', 'Farah Ali');
    expect((await farah.post('/api/group-invitations/accept', { token: first })).statusCode).toBe(200);
    // Accepting the second is harmless: they are in the group already, once.
    const late = await farah.post('/api/group-invitations/accept', { token: second });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json().organisations).toEqual([{ id: kitchenId, name: 'Millfield Community Kitchen' }]);
    expect(membershipCount(t, userIdOf(t.app, 'farah@example.org'), kitchenId)).toBe(1);
  });

  it('lets only members invite: another group’s member gets 404 and nothing is sent', async () => {
    const tomas = await signedIn(t.app, 'applicant2@demo.test');
    const before = snapshotDatabase(t.app);
    const response = await tomas.post(`/api/organisations/${kitchenId}/invitations`, {
      email: 'friend-of-tomas@example.org',
    });
    expectError(response, 404, 'not_found');
    const after = snapshotDatabase(t.app);
    expect(after.outbox).toEqual(before.outbox);
    expect(after.organisation_invitations).toEqual(before.organisation_invitations);
    expect(after.memberships).toEqual(before.memberships);
  });

  it('lets a member who joined by invitation invite others in turn', async () => {
    const gintare = await newGroupMember(t.app, amina, kitchenId, 'gintare@example.org', 'Gintare');
    const response = await gintare.post(`/api/organisations/${kitchenId}/invitations`, {
      email: 'henry@example.org',
    });
    expect(response.statusCode, response.body).toBe(201);
  });
});

describe('an invitation that has expired', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('works for 14 days, then answers 404 and makes nobody a member', async () => {
    const kitchenId = organisationIdOf(t.app, 'Millfield Community Kitchen');
    const amina = await signedIn(t.app, 'applicant@demo.test');
    await amina.post(`/api/organisations/${kitchenId}/invitations`, { email: 'late@example.org' });
    await amina.post(`/api/organisations/${kitchenId}/invitations`, { email: 'ontime@example.org' });
    const lateToken = groupInvitationTokenFor(t.app, 'late@example.org');
    const onTimeToken = groupInvitationTokenFor(t.app, 'ontime@example.org');

    t.clock.advance(13 * DAY);
    const onTime = await registeredApplicant(t.app, 'ontime@example.org', 'On Time');
    expect((await onTime.post('/api/group-invitations/accept', { token: onTimeToken })).statusCode).toBe(200);

    t.clock.advance(2 * DAY);
    const late = await registeredApplicant(t.app, 'late@example.org', 'Too Late');
    const before = snapshotDatabase(t.app);
    const error = expectError(
      await late.post('/api/group-invitations/accept', { token: lateToken }),
      404,
      'not_found',
    );
    expect(error.message).toMatch(/expired/);
    expect(snapshotDatabase(t.app)).toEqual(before);
    expect(membershipCount(t, userIdOf(t.app, 'late@example.org'), kitchenId)).toBe(0);
    expectError(await new Client(t.app).get(`/api/group-invitations/${lateToken}`), 404, 'not_found');
    // And it no longer shows as waiting.
    const staleAmina = await signedIn(t.app, 'applicant@demo.test');
    expect((await staleAmina.get(`/api/organisations/${kitchenId}`)).json().pendingInvitations).toEqual([]);
  });
});
