// Groups: registered through the API by a new applicant, and joined by invitation.
import type { App } from '../../src/app.js';
import type { Client } from '../support/client.js';
import { groupInvitationTokenFor } from '../support/database.js';
import { registeredApplicant } from './accounts.js';

/** A group's details as registered: the contact details are what assessors must never see. */
export function groupDetails(
  wardId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name: 'Orton Walking Football',
    type: 'community_group',
    addressLine1: '17 Quietwater Lane',
    town: 'Peterborough',
    postcode: 'PE2 6YB',
    wardId,
    contactName: 'Rasa Jankauskiene',
    contactEmail: 'rasa.contact@example.org',
    contactPhone: '01733 555 0199',
    ...overrides,
  };
}

/** A new applicant who registers a new group; both through the API. */
export async function applicantWithGroup(
  app: App,
  email: string,
  details: Record<string, unknown> = {},
): Promise<{ client: Client; organisationId: string }> {
  const client = await registeredApplicant(app, email, 'Group Founder');
  const reference = (await client.get('/api/reference')).json() as { wards: { id: string }[] };
  const response = await client.post(
    '/api/organisations',
    groupDetails(reference.wards[0]?.id ?? '', details),
  );
  if (response.statusCode !== 201) throw new Error(`Could not register the group: ${response.body}`);
  return { client, organisationId: response.json().id as string };
}

/**
 * Brings a new person into a group the way the service does: a member invites them by email, they
 * create an account and accept. Returns them signed in.
 */
export async function newGroupMember(
  app: App,
  member: Client,
  organisationId: string,
  email: string,
  name: string,
): Promise<Client> {
  const invited = await member.post(`/api/organisations/${organisationId}/invitations`, { email });
  if (invited.statusCode !== 201) throw new Error(`Could not invite ${email}: ${invited.body}`);
  const joiner = await registeredApplicant(app, email, name);
  const accepted = await joiner.post('/api/group-invitations/accept', {
    token: groupInvitationTokenFor(app, email),
  });
  if (accepted.statusCode !== 200) throw new Error(`${email} could not join: ${accepted.body}`);
  return joiner;
}
