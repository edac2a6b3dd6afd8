// A group looks after itself: its members change its details, invite, remove and leave (issue 9,
// item 4). The last member cannot leave; a removed member loses the group's bids at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredApplicant } from '../../builders/accounts.js';
import { type JourneyRefs, journeyRefs, startBid } from '../../builders/bids.js';
import { applicantWithGroup, groupDetails, newGroupMember } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import {
  auditSince,
  lastAuditId,
  outboxMessages,
  snapshotDatabase,
  userIdOf,
} from '../../support/database.js';
import { expectError, refusedChangingNothing } from '../../support/errors.js';

describe('a group looks after its own details and members', () => {
  let t: TestApp;
  let refs: JourneyRefs;
  let n = 0;
  const email = (who: string) => `${who}.${++n}@example.org`;

  beforeAll(async () => {
    t = await buildTestApp();
    refs = await journeyRefs(t.app);
  });
  afterAll(async () => t.close());

  /** A group with a founder and a second member, both signed in. */
  async function groupOfTwo() {
    const founderEmail = email('founder');
    const { client: founder, organisationId } = await applicantWithGroup(t.app, founderEmail);
    const secondEmail = email('second');
    const second = await newGroupMember(t.app, founder, organisationId, secondEmail, 'Second Member');
    return { founder, founderEmail, second, secondEmail, organisationId };
  }

  const detailsOf = async (client: Client, organisationId: string) =>
    (await client.get(`/api/organisations/${organisationId}`)).json();

  describe('registering', () => {
    it('registers an informal group, which has no registered number', async () => {
      const founder = await registeredApplicant(t.app, email('informal'), 'Ana Popescu');
      const response = await founder.post(
        '/api/organisations',
        groupDetails(refs.wardIds[0] ?? '', { name: 'Park Road Neighbours', type: 'informal_group' }),
      );
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ type: 'informal_group', registeredNumber: null, version: 1 });
    });
  });

  describe('changing the group’s details', () => {
    it('lets any member change them: saved, seen by every member, audited with what they were', async () => {
      const { second, founder, organisationId } = await groupOfTwo();
      const before = await detailsOf(founder, organisationId);
      const since = lastAuditId(t.app);
      const response = await second.put(`/api/organisations/${organisationId}`, {
        ...groupDetails(refs.wardIds[1] ?? '', { name: 'Orton Walking Football Club' }),
        contactPhone: '',
        version: before.version,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        name: 'Orton Walking Football Club',
        wardId: refs.wardIds[1],
        contactPhone: null,
        version: before.version + 1,
      });
      expect((await detailsOf(founder, organisationId)).name).toBe('Orton Walking Football Club');
      const [event, ...others] = auditSince(t.app, since);
      expect(others).toEqual([]);
      expect(event).toMatchObject({
        action: 'organisation.updated',
        entityId: organisationId,
        actorId: userIdOf(t.app, (await second.get('/api/auth/me')).json().email),
        after: expect.objectContaining({ name: 'Orton Walking Football Club' }),
      });
    });

    it('refuses a change made from an out-of-date copy with 409, overwriting nothing', async () => {
      const { founder, second, organisationId } = await groupOfTwo();
      const { version } = await detailsOf(founder, organisationId);
      const first = await founder.put(`/api/organisations/${organisationId}`, {
        ...groupDetails(refs.wardIds[0] ?? '', { name: 'First Change' }),
        version,
      });
      expect(first.statusCode, first.body).toBe(200);
      const error = await refusedChangingNothing(
        t.app,
        () =>
          second.put(`/api/organisations/${organisationId}`, {
            ...groupDetails(refs.wardIds[0] ?? '', { name: 'Second Change' }),
            version,
          }),
        409,
        'conflict',
      );
      expect(error.message).toMatch(/Group Founder changed these details/);
      expect((await detailsOf(second, organisationId)).name).toBe('First Change');
    });

    it('refuses bad details field by field (400), changing nothing', async () => {
      const { founder, organisationId } = await groupOfTwo();
      const { version } = await detailsOf(founder, organisationId);
      const error = await refusedChangingNothing(
        t.app,
        () =>
          founder.put(`/api/organisations/${organisationId}`, {
            ...groupDetails(refs.wardIds[0] ?? '', {
              name: '',
              type: 'registered_charity',
              postcode: 'nowhere',
            }),
            version,
          }),
        400,
        'validation_failed',
      );
      expect(Object.keys(error.fields ?? {}).sort()).toEqual(['name', 'postcode', 'registeredNumber']);
    });

    it('refuses someone outside the group (404: the group is not theirs to know) and staff (403)', async () => {
      const { founder, organisationId } = await groupOfTwo();
      const { version } = await detailsOf(founder, organisationId);
      const body = { ...groupDetails(refs.wardIds[0] ?? ''), version };
      const stranger = await registeredApplicant(t.app, email('stranger'));
      await refusedChangingNothing(
        t.app,
        () => stranger.put(`/api/organisations/${organisationId}`, body),
        404,
      );
      const officer = await signedIn(t.app, 'officer@demo.test');
      await refusedChangingNothing(
        t.app,
        () => officer.put(`/api/organisations/${organisationId}`, body),
        403,
      );
    });
  });

  describe('removing members and leaving', () => {
    it('lets a member remove another, whose access to the group’s bids ends at once; audited and emailed', async () => {
      const { founder, second, secondEmail, organisationId } = await groupOfTwo();
      const bidId = await startBid(second, refs, organisationId);
      expect((await second.get(`/api/bids/${bidId}`)).statusCode).toBe(200);
      const secondId = userIdOf(t.app, secondEmail);
      const since = lastAuditId(t.app);

      const response = await founder.delete(`/api/organisations/${organisationId}/members/${secondId}`);
      expect(response.statusCode, response.body).toBe(204);
      expect(auditSince(t.app, since).map((e) => [e.action, e.entityId, e.after])).toEqual([
        ['organisation.member_removed', organisationId, { userId: secondId }],
      ]);

      // The same session, the very next request: the bid is no longer theirs to see or change.
      expectError(await second.get(`/api/bids/${bidId}`), 404);
      expectError(
        await second.put(`/api/bids/${bidId}/sections/about`, { baseVersion: 0, complete: false, data: {} }),
        404,
      );
      expectError(await second.get(`/api/organisations/${organisationId}`), 404);
      expect((await second.get('/api/auth/me')).json().organisations).toEqual([]);
      expect(
        (await detailsOf(founder, organisationId)).members.map((m: { id: string }) => m.id),
      ).not.toContain(secondId);
      const [mail] = outboxMessages(t.app, 'group_member_removed').filter((m) => m.to === secondEmail);
      expect(mail?.subject).toMatch(/no longer a member/);
    });

    it('lets a member leave the group; audited as leaving', async () => {
      const { founder, second, secondEmail, organisationId } = await groupOfTwo();
      const secondId = userIdOf(t.app, secondEmail);
      const since = lastAuditId(t.app);
      const response = await second.delete(`/api/organisations/${organisationId}/members/${secondId}`);
      expect(response.statusCode, response.body).toBe(204);
      expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['organisation.member_left']);
      expect((await detailsOf(founder, organisationId)).members).toHaveLength(1);
    });

    it('refuses to let the last member leave (409, saying why), changing nothing', async () => {
      const founderEmail = email('alone');
      const { client: founder, organisationId } = await applicantWithGroup(t.app, founderEmail);
      const error = await refusedChangingNothing(
        t.app,
        () => founder.delete(`/api/organisations/${organisationId}/members/${userIdOf(t.app, founderEmail)}`),
        409,
        'conflict',
      );
      expect(error.message).toBe(
        'You are the only member of this group, so you cannot leave it. Invite someone to join first.',
      );
    });

    it('answers 404 for someone who is not a member, and refuses removals by people outside the group', async () => {
      const { founder, secondEmail, organisationId } = await groupOfTwo();
      const stranger = await registeredApplicant(t.app, email('outsider'));
      const strangerId = (await stranger.get('/api/auth/me')).json().id;
      await refusedChangingNothing(
        t.app,
        () => founder.delete(`/api/organisations/${organisationId}/members/${strangerId}`),
        404,
      );
      await refusedChangingNothing(
        t.app,
        () => stranger.delete(`/api/organisations/${organisationId}/members/${userIdOf(t.app, secondEmail)}`),
        404,
      );
      const officer = await signedIn(t.app, 'officer@demo.test');
      await refusedChangingNothing(
        t.app,
        () => officer.delete(`/api/organisations/${organisationId}/members/${userIdOf(t.app, secondEmail)}`),
        403,
      );
      // A malformed id is answered as any unknown address is.
      const before = snapshotDatabase(t.app);
      expectError(await founder.delete(`/api/organisations/${organisationId}/members/not-an-id`), 404);
      expect(snapshotDatabase(t.app)).toEqual(before);
    });
  });
});
