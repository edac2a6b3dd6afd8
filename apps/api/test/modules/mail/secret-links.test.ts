import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import {
  accountLinkTokenFor,
  groupInvitationTokenFor,
  invitationTokenFor,
  organisationIdOf,
} from '../../support/database.js';

// Gap: the "Sent mail" page showed every email body, staff invitation links included, so an
// officer could accept an admin's pending invitation and become an admin. A secret link is shown
// only to someone who gains nothing by it (decision 0014).

interface PageMessage {
  to: string;
  kind: string;
  body: string | null;
  secret: { kind: string; roles: string[] } | null;
  hidden: string | null;
}

async function mailPage(client: Client): Promise<{ raw: string; messages: PageMessage[] }> {
  const response = await client.get('/api/mail');
  expect(response.statusCode, response.body).toBe(200);
  return { raw: response.body, messages: response.json().messages };
}

function messageTo(messages: PageMessage[], to: string): PageMessage {
  const message = messages.find((m) => m.to === to);
  if (!message) throw new Error(`No message to ${to} on the page`);
  return message;
}

async function inviteStaff(admin: Client, email: string, role: string, fundId: string | null = null) {
  const response = await admin.post('/api/admin/users', { name: 'New Colleague', email, role, fundId });
  expect(response.statusCode, response.body).toBe(201);
}

describe('secret links on the Sent mail page', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  it('never shows an officer an invitation that would make them an admin, nor its token', async () => {
    t = await buildTestApp();
    const admin = await signedIn(t.app, 'admin@demo.test');
    await inviteStaff(admin, 'new-admin@example.org', 'admin');
    const token = invitationTokenFor(t.app, 'new-admin@example.org');

    const officer = await signedIn(t.app, 'officer@demo.test');
    const { raw, messages } = await mailPage(officer);
    const message = messageTo(messages, 'new-admin@example.org');
    expect(message.body).toBeNull();
    expect(message.secret).toEqual({ kind: 'staff_invitation', roles: ['admin'] });
    expect(message.hidden).toMatch(/hidden/i);
    expect(raw).not.toContain(token);
  });

  it('hides a staff invitation from someone who lacks one of the roles it gives, even when they hold others', async () => {
    t = await buildTestApp();
    const admin = await signedIn(t.app, 'admin@demo.test');
    await inviteStaff(admin, 'new-finance@example.org', 'finance');
    await inviteStaff(admin, 'new-assessor@example.org', 'assessor');
    const officer = await signedIn(t.app, 'officer@demo.test');
    const { messages } = await mailPage(officer);
    expect(messageTo(messages, 'new-finance@example.org').body).toBeNull();
    // officer@ is not an assessor; officer2@ assesses the Communities Fund only, not every fund.
    expect(messageTo(messages, 'new-assessor@example.org').body).toBeNull();
    const officer2 = await signedIn(t.app, 'officer2@demo.test');
    expect(messageTo((await mailPage(officer2)).messages, 'new-assessor@example.org').body).toBeNull();
  });

  it('shows a staff invitation to someone who already holds every role it gives: they gain nothing by it', async () => {
    t = await buildTestApp();
    const admin = await signedIn(t.app, 'admin@demo.test');
    await inviteStaff(admin, 'new-officer@example.org', 'officer');
    const officer = await signedIn(t.app, 'officer@demo.test');
    const message = messageTo((await mailPage(officer)).messages, 'new-officer@example.org');
    expect(message.body).toContain(`/invitation/${invitationTokenFor(t.app, 'new-officer@example.org')}`);
    expect(message.secret).toEqual({ kind: 'staff_invitation', roles: ['officer'] });
    expect(message.hidden).toBeNull();
  });

  it('shows admins every invitation when mail is not delivered: they may grant any role anyway', async () => {
    t = await buildTestApp();
    const admin = await signedIn(t.app, 'admin@demo.test');
    await inviteStaff(admin, 'new-admin@example.org', 'admin');
    const message = messageTo((await mailPage(admin)).messages, 'new-admin@example.org');
    expect(message.body).toContain(`/invitation/${invitationTokenFor(t.app, 'new-admin@example.org')}`);
  });

  it('hides a group invitation from an officer (it gives membership and the applicant role), not from an admin', async () => {
    t = await buildTestApp();
    const amina = await signedIn(t.app, 'applicant@demo.test');
    const kitchenId = organisationIdOf(t.app, 'Millfield Community Kitchen');
    const invited = await amina.post(`/api/organisations/${kitchenId}/invitations`, {
      email: 'bilal@example.org',
    });
    expect(invited.statusCode, invited.body).toBe(201);
    const token = groupInvitationTokenFor(t.app, 'bilal@example.org');

    const officer = await signedIn(t.app, 'officer@demo.test');
    const seenByOfficer = await mailPage(officer);
    const message = messageTo(seenByOfficer.messages, 'bilal@example.org');
    expect(message.body).toBeNull();
    expect(message.secret).toEqual({ kind: 'group_invitation', roles: ['applicant'] });
    expect(seenByOfficer.raw).not.toContain(token);

    const admin = await signedIn(t.app, 'admin@demo.test');
    expect(messageTo((await mailPage(admin)).messages, 'bilal@example.org').body).toContain(token);
  });

  it('shows emails without a secret link to every reader, marked as having none', async () => {
    t = await buildTestApp();
    const amina = await signedIn(t.app, 'applicant@demo.test');
    const kitchenId = organisationIdOf(t.app, 'Millfield Community Kitchen');
    await amina.post(`/api/organisations/${kitchenId}/invitations`, { email: 'bilal@example.org' });
    const officer = await signedIn(t.app, 'officer@demo.test');
    // A staff invitation the officer may read has a secret; nothing else the demo writes does.
    const plain = (await mailPage(officer)).messages.filter((m) => m.secret === null);
    for (const message of plain) {
      expect(message.body).not.toBeNull();
      expect(message.hidden).toBeNull();
    }
  });

  it('hides every secret link from everyone, admins too, when mail is delivered, and says why', async () => {
    t = await buildTestApp({ SMTP_URL: 'smtp://127.0.0.1:9?ignoreTLS=true' });
    const admin = await signedIn(t.app, 'admin@demo.test');
    await inviteStaff(admin, 'new-officer@example.org', 'officer');
    const token = invitationTokenFor(t.app, 'new-officer@example.org');
    for (const email of ['admin@demo.test', 'officer@demo.test']) {
      const { raw, messages } = await mailPage(await signedIn(t.app, email));
      const message = messageTo(messages, 'new-officer@example.org');
      expect(message.body).toBeNull();
      expect(message.hidden).toMatch(/sent by email/i);
      expect(raw).not.toContain(token);
    }
  });

  it('shows a new account’s email-confirmation link to admins while mail is not delivered, never to officers', async () => {
    t = await buildTestApp();
    const registered = await new Client(t.app, '10.31.0.1').post('/api/accounts', {
      name: 'New Person',
      email: 'new.person@example.org',
      password: 'a long and unusual passphrase',
    });
    expect(registered.statusCode).toBe(202);
    const token = accountLinkTokenFor(t.app, 'new.person@example.org', 'email_verification');
    const officer = await mailPage(await signedIn(t.app, 'officer@demo.test'));
    expect(messageTo(officer.messages, 'new.person@example.org')).toMatchObject({
      body: null,
      secret: { kind: 'email_verification', roles: [] },
    });
    expect(officer.raw).not.toContain(token);
    const admin = await mailPage(await signedIn(t.app, 'admin@demo.test'));
    expect(messageTo(admin.messages, 'new.person@example.org').body).toContain(`/confirm-email/${token}`);
  });

  it('shows a password-reset link only to the person it is for, never to an admin', async () => {
    t = await buildTestApp();
    for (const email of ['officer@demo.test', 'officer2@demo.test']) {
      await new Client(t.app, '10.31.1.1').post('/api/accounts/password-reset', { email });
    }
    const token = accountLinkTokenFor(t.app, 'officer@demo.test', 'password_reset');
    const own = await mailPage(await signedIn(t.app, 'officer@demo.test'));
    expect(messageTo(own.messages, 'officer@demo.test').body).toContain(`/reset-password/${token}`);
    expect(messageTo(own.messages, 'officer2@demo.test')).toMatchObject({
      body: null,
      secret: { kind: 'password_reset', roles: [] },
    });
    const admin = await mailPage(await signedIn(t.app, 'admin@demo.test'));
    expect(messageTo(admin.messages, 'officer@demo.test').body).toBeNull();
    expect(admin.raw).not.toContain(token);
  });
});
