import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCompleteBid, type JourneyRefs, refsForFund, submittedBid } from '../../builders/bids.js';
import { createFund, type FundView } from '../../builders/funds.js';
import { applicantWithGroup, newGroupMember } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import {
  auditSince,
  bidStatusOf,
  groupInvitationTokenFor,
  lastAuditId,
  outboxMessages,
  userIdOf,
} from '../../support/database.js';
import { refusedChangingNothing } from '../../support/errors.js';

const ELIGIBLE_BODY = { decision: 'eligible', checks: { documentsValid: true, groupVerified: true } };
const INELIGIBLE_BODY = {
  decision: 'ineligible',
  checks: { documentsValid: true, groupVerified: false },
  reason: 'Your group’s bank account is in a member’s own name.',
};

describe('screening a sent bid (POST /api/bids/:bidId/screening)', () => {
  let t: TestApp;
  let officer: Client;
  let fund: FundView;
  let refs: JourneyRefs;
  let founder: Client;
  let groupId: string;
  const refused = (send: () => Promise<LightMyRequestResponse>, status: number) =>
    refusedChangingNothing(t.app, send, status);
  const screen = (client: Client, bidId: string, body: unknown) =>
    client.post(`/api/bids/${bidId}/screening`, body);
  const sent = () => submittedBid(founder, refs, groupId);

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    officer = await signedIn(t.app, 'officer@demo.test');
    fund = await createFund(t, officer);
    refs = await refsForFund(t.app, fund);
    ({ client: founder, organisationId: groupId } = await applicantWithGroup(t.app, 'screened@example.org', {
      name: 'Screened Group',
    }));
    // The group has two members, so both hear the outcome.
    await newGroupMember(t.app, founder, groupId, 'second.member@example.org', 'Second Member');
  });
  afterAll(async () => t.close());

  it('marks a sent bid eligible when its documents are valid and the group verified: recorded and audited', async () => {
    const bidId = await sent();
    const since = lastAuditId(t.app);
    const response = await screen(officer, bidId, ELIGIBLE_BODY);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      decision: 'eligible',
      documentsValid: true,
      groupVerified: true,
      reason: null,
      screenedByName: 'Sarah Whitfield',
      screenedAt: t.clock.now().toISOString(),
    });
    expect(bidStatusOf(t.app, bidId)).toBe('eligible');
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({
        action: 'bid.mark_eligible',
        entityId: bidId,
        actorId: userIdOf(t.app, 'officer@demo.test'),
        after: { status: 'eligible' },
      }),
    ]);
    expect((await officer.get(`/api/bids/${bidId}/screening`)).json()).toMatchObject({
      decision: 'eligible',
    });
  });

  it('refuses "eligible" unless the documents are valid and the group verified (400 on decision), changing nothing', async () => {
    const bidId = await sent();
    for (const checks of [
      { documentsValid: false, groupVerified: true },
      { documentsValid: true, groupVerified: false },
      { documentsValid: false, groupVerified: false },
    ]) {
      const error = await refused(() => screen(officer, bidId, { decision: 'eligible', checks }), 400);
      expect(error.fields).toEqual({
        decision: 'A bid can only be eligible when its documents are valid and the group is verified',
      });
    }
    // A check left out is named too.
    const missing = await refused(
      () => screen(officer, bidId, { decision: 'eligible', checks: { documentsValid: true } }),
      400,
    );
    expect(Object.keys(missing.fields ?? {})).toContain('checks.groupVerified');
    expect(bidStatusOf(t.app, bidId)).toBe('submitted');
  });

  it('refuses "not eligible" without a reason (400 on reason), changing nothing', async () => {
    const bidId = await sent();
    const { reason: _, ...withoutReason } = INELIGIBLE_BODY;
    for (const body of [withoutReason, { ...INELIGIBLE_BODY, reason: '   ' }]) {
      const error = await refused(() => screen(officer, bidId, body), 400);
      expect(Object.keys(error.fields ?? {})).toEqual(['reason']);
    }
    expect(bidStatusOf(t.app, bidId)).toBe('submitted');
  });

  it('marks a bid not eligible with its reason and emails the reason to every member of the group', async () => {
    const bidId = await sent();
    const reference = (await founder.get(`/api/bids/${bidId}`)).json().reference as string;
    const mailBefore = outboxMessages(t.app).length;
    const since = lastAuditId(t.app);
    const response = await screen(officer, bidId, INELIGIBLE_BODY);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ decision: 'ineligible', reason: INELIGIBLE_BODY.reason });
    expect(bidStatusOf(t.app, bidId)).toBe('ineligible');
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({
        action: 'bid.mark_ineligible',
        entityId: bidId,
        reason: INELIGIBLE_BODY.reason,
      }),
    ]);
    const mail = outboxMessages(t.app).slice(mailBefore);
    expect(mail.map((m) => m.to).sort()).toEqual(['screened@example.org', 'second.member@example.org']);
    for (const message of mail) {
      expect(message.kind).toBe('bid_ineligible');
      expect(message.subject).toBe(`Your bid ${reference} cannot go forward`);
      expect(message.body).toContain(INELIGIBLE_BODY.reason);
    }
  });

  it('refuses to screen a draft (409 naming its state), changing nothing', async () => {
    const draftId = await buildCompleteBid(founder, refs, groupId);
    const error = await refused(() => screen(officer, draftId, ELIGIBLE_BODY), 409);
    expect(error).toMatchObject({
      code: 'invalid_state',
      message: 'This bid is still a draft, so it cannot be marked eligible',
    });
  });

  it('refuses to screen a bid already screened (409 naming its state), changing nothing', async () => {
    const eligible = await sent();
    expect((await screen(officer, eligible, ELIGIBLE_BODY)).statusCode).toBe(200);
    expect((await refused(() => screen(officer, eligible, INELIGIBLE_BODY), 409)).message).toBe(
      'This bid has been checked and is eligible, so it cannot be marked not eligible',
    );
    const ineligible = await sent();
    expect((await screen(officer, ineligible, INELIGIBLE_BODY)).statusCode).toBe(200);
    expect((await refused(() => screen(officer, ineligible, ELIGIBLE_BODY), 409)).message).toBe(
      'This bid has been found not eligible, so it cannot be marked eligible',
    );
  });

  it('refuses those who are not officers: 403 for a member of the group and finance, 404 for others', async () => {
    const bidId = await sent();
    const outsider = await applicantWithGroup(t.app, 'outsider@example.org', { name: 'Outsider Group' });
    const cases: [Client, number][] = [
      [founder, 403],
      [await signedIn(t.app, 'finance@demo.test'), 403],
      [outsider.client, 404],
      [await signedIn(t.app, 'assessor@demo.test'), 404],
      [await signedIn(t.app, 'youth@demo.test'), 404],
      [new Client(t.app), 401],
    ];
    for (const [client, status] of cases) {
      const since = lastAuditId(t.app);
      await refused(() => screen(client, bidId, ELIGIBLE_BODY), status);
      if (status !== 401) expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['access.denied']);
    }
    expect(bidStatusOf(t.app, bidId)).toBe('submitted');
  });

  it('refuses an officer who is a member of the group (403), while another officer may screen its bid', async () => {
    const bidId = await sent();
    // officer2 joins the group through an invitation, as anyone would.
    const officer2 = await signedIn(t.app, 'officer2@demo.test');
    expect(
      (await founder.post(`/api/organisations/${groupId}/invitations`, { email: 'officer2@demo.test' }))
        .statusCode,
    ).toBe(201);
    const joined = await officer2.post('/api/group-invitations/accept', {
      token: groupInvitationTokenFor(t.app, 'officer2@demo.test'),
    });
    expect(joined.statusCode, joined.body).toBe(200);
    await refused(() => screen(officer2, bidId, ELIGIBLE_BODY), 403);
    expect(bidStatusOf(t.app, bidId)).toBe('submitted');
    expect((await screen(officer, bidId, ELIGIBLE_BODY)).statusCode).toBe(200);
  });

  it('shows the check to grants staff, but not to the group (null), as the bid itself does', async () => {
    const bidId = await sent();
    await screen(officer, bidId, INELIGIBLE_BODY);
    for (const email of ['officer@demo.test', 'finance@demo.test', 'admin@demo.test']) {
      const client = await signedIn(t.app, email);
      expect((await client.get(`/api/bids/${bidId}/screening`)).json(), email).toMatchObject({
        decision: 'ineligible',
        groupVerified: false,
        screenedByName: 'Sarah Whitfield',
      });
    }
    const member = await founder.get(`/api/bids/${bidId}/screening`);
    expect(member.statusCode).toBe(200);
    expect(member.json()).toBeNull();
    expect((await founder.get(`/api/bids/${bidId}`)).json().screening).toBeNull();
  });

  it('answers 404 for a bid that does not exist', async () => {
    await refused(() => screen(officer, crypto.randomUUID(), ELIGIBLE_BODY), 404);
  });
});
