import { MAX_GROUPS_PER_PERSON } from '@cf/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredApplicant } from '../../builders/accounts.js';
import { applicantWithGroup, groupDetails } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import type { Client } from '../../support/client.js';
import { groupInvitationTokenFor } from '../../support/database.js';
import { refusedChangingNothing } from '../../support/errors.js';

describe(`groups: one person belongs to at most ${MAX_GROUPS_PER_PERSON}`, () => {
  let t: TestApp;
  let wardId: string;
  beforeAll(async () => {
    t = await buildTestApp();
    const reference = (await t.app.inject({ method: 'GET', url: '/api/reference' })).json() as {
      wards: { id: string }[];
    };
    wardId = reference.wards[0]?.id ?? '';
  });
  afterAll(async () => t.close());

  async function registerGroups(client: Client, count: number, prefix: string): Promise<void> {
    for (let i = 1; i <= count; i++) {
      const response = await client.post(
        '/api/organisations',
        groupDetails(wardId, { name: `${prefix} ${i}` }),
      );
      expect(response.statusCode, response.body).toBe(201);
    }
  }

  it(`registers ${MAX_GROUPS_PER_PERSON} groups for one person and refuses another with 409, saying the limit and changing nothing`, async () => {
    const founder = await registeredApplicant(t.app, 'many.groups@example.org');
    await registerGroups(founder, MAX_GROUPS_PER_PERSON, 'Founder group');
    const error = await refusedChangingNothing(
      t.app,
      () => founder.post('/api/organisations', groupDetails(wardId, { name: 'One group too many' })),
      409,
      'conflict',
    );
    expect(error.message).toContain(`already a member of ${MAX_GROUPS_PER_PERSON} groups`);
  });

  it(`refuses to let someone already in ${MAX_GROUPS_PER_PERSON} groups join another by invitation (409), changing nothing`, async () => {
    const joiner = await registeredApplicant(t.app, 'joiner.full@example.org');
    await registerGroups(joiner, MAX_GROUPS_PER_PERSON, 'Joiner group');
    const other = await applicantWithGroup(t.app, 'inviter.full@example.org', { name: 'Inviting group' });
    const invited = await other.client.post(`/api/organisations/${other.organisationId}/invitations`, {
      email: 'joiner.full@example.org',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const token = groupInvitationTokenFor(t.app, 'joiner.full@example.org');
    const error = await refusedChangingNothing(
      t.app,
      () => joiner.post('/api/group-invitations/accept', { token }),
      409,
      'conflict',
    );
    expect(error.message).toContain(`already a member of ${MAX_GROUPS_PER_PERSON} groups`);
  });
});
