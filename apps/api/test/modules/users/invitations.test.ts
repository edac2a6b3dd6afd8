import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import {
  auditSince,
  invitationTokenFor,
  lastAuditId,
  outboxMessages,
  userIdOf,
} from '../../support/database.js';
import { refusedChangingNothing } from '../../support/errors.js';

const PASSWORD = 'a long and unusual passphrase';

/** Resending and cancelling a staff invitation (item 20 of issue 9). */
describe('admin: a staff invitation resent or cancelled', () => {
  let t: TestApp;
  let admin: Client;
  const refused = (send: () => Promise<LightMyRequestResponse>, status: number) =>
    refusedChangingNothing(t.app, send, status);
  let invited = 0;

  /** Invites someone new as an assessor; returns their id and the link's token. */
  async function invite(): Promise<{ userId: string; email: string; token: string }> {
    invited += 1;
    const email = `invited.${invited}@peterborough.gov.uk`;
    const response = await admin.post('/api/admin/users', {
      name: `Invited ${invited}`,
      email,
      role: 'assessor',
    });
    expect(response.statusCode, response.body).toBe(201);
    return { userId: response.json().id, email, token: invitationTokenFor(t.app, email) };
  }

  const opens = async (token: string) =>
    (await new Client(t.app).get(`/api/invitations/${token}`)).statusCode;
  const accept = (token: string) =>
    new Client(t.app).post('/api/invitations/accept', { token, password: PASSWORD });

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    admin = await signedIn(t.app, 'admin@demo.test');
  });
  afterAll(async () => t.close());

  it('shows when an open invitation was sent and until when its link works', async () => {
    const { userId } = await invite();
    const user = (await admin.get(`/api/admin/users/${userId}`)).json();
    const sent = t.clock.now().getTime();
    expect(user.invitation).toEqual({
      sentAt: new Date(sent).toISOString(),
      expiresAt: new Date(sent + 7 * 86_400_000).toISOString(),
    });
    const active = (await admin.get(`/api/admin/users/${userIdOf(t.app, 'officer@demo.test')}`)).json();
    expect(active.invitation).toBeNull();
  });

  it('resends an invitation with a new link; the old link stops working, the new one works; audited', async () => {
    const { userId, email, token: old } = await invite();
    t.clock.advance(60_000);
    const since = lastAuditId(t.app);
    const mailBefore = outboxMessages(t.app, 'invitation').length;
    const response = await admin.post(`/api/admin/users/${userId}/invitation/resend`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'invited',
      invitation: { sentAt: t.clock.now().toISOString() },
    });
    expect(
      outboxMessages(t.app, 'invitation')
        .slice(mailBefore)
        .map((m) => m.to),
    ).toEqual([email]);
    const fresh = invitationTokenFor(t.app, email);
    expect(fresh).not.toBe(old);
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({ action: 'user.invitation_resent', entityType: 'user', entityId: userId }),
    ]);
    expect(await opens(old)).toBe(404);
    expect((await accept(old)).statusCode).toBe(404);
    expect(await opens(fresh)).toBe(200);
    const accepted = await accept(fresh);
    expect(accepted.statusCode, accepted.body).toBe(200);
  });

  it('cancels an invitation: the link stops working, the account is closed and its address free to invite again; audited', async () => {
    const { userId, email, token } = await invite();
    const since = lastAuditId(t.app);
    const response = await admin.post(`/api/admin/users/${userId}/invitation/cancel`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'closed', invitation: null });
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual([
      'user.invitation_cancelled',
      'user.closed',
    ]);
    expect(await opens(token)).toBe(404);
    expect((await accept(token)).statusCode).toBe(404);
    const again = await admin.post('/api/admin/users', { name: 'Invited Again', email, role: 'finance' });
    expect(again.statusCode, again.body).toBe(201);
  });

  it('refuses to resend or cancel once the invitation is accepted, or the account closed (409), changing nothing', async () => {
    const { userId, token } = await invite();
    expect((await accept(token)).statusCode).toBe(200);
    for (const action of ['resend', 'cancel']) {
      const error = await refused(() => admin.post(`/api/admin/users/${userId}/invitation/${action}`), 409);
      expect(error.message).toBe('This person has already accepted their invitation');
    }
    const cancelled = await invite();
    expect((await admin.post(`/api/admin/users/${cancelled.userId}/invitation/cancel`)).statusCode).toBe(200);
    for (const action of ['resend', 'cancel']) {
      const error = await refused(
        () => admin.post(`/api/admin/users/${cancelled.userId}/invitation/${action}`),
        409,
      );
      expect(error.message).toBe('This account is closed: it can never be used again');
    }
  });

  it('lets only admins resend or cancel (403), and answers 404 for someone who does not exist', async () => {
    const { userId } = await invite();
    const officer = await signedIn(t.app, 'officer@demo.test');
    for (const action of ['resend', 'cancel']) {
      await refused(() => officer.post(`/api/admin/users/${userId}/invitation/${action}`), 403);
      await refused(() => admin.post(`/api/admin/users/${crypto.randomUUID()}/invitation/${action}`), 404);
    }
  });
});
