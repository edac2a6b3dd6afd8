import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAssessorRole } from '../../builders/accounts.js';
import { type AssessorHandle, scoreBid } from '../../builders/assessment.js';
import { type JourneyRefs, refsForFund, submittedBid } from '../../builders/bids.js';
import { createFund, type FundView } from '../../builders/funds.js';
import { applicantWithGroup, newGroupMember } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { outboxMessages, userIdOf } from '../../support/database.js';

const PANEL_DATE = '2025-07-15';

/**
 * Who hears a panel's decision: the group's main contact (the address on the group's record) and
 * every member with an account, each address once (item 14 of issue 9).
 */
describe('decision emails', () => {
  let t: TestApp;
  let officer: Client;
  let admin: Client;
  let margaret: AssessorHandle;
  let fund: FundView;
  let refs: JourneyRefs;

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    officer = await signedIn(t.app, 'officer@demo.test');
    admin = await signedIn(t.app, 'admin@demo.test');
    margaret = {
      client: await signedIn(t.app, 'assessor@demo.test'),
      id: userIdOf(t.app, 'assessor@demo.test'),
    };
    fund = await createFund(t, officer, { minAssessors: 1, potPence: 10_000_000, capPence: 1_000_000 });
    await grantAssessorRole(admin, margaret.id, fund.id);
    refs = await refsForFund(t.app, fund);
  });
  afterAll(async () => t.close());

  async function scoredBidOf(group: { client: Client; organisationId: string }): Promise<string> {
    const bidId = await submittedBid(group.client, refs, group.organisationId, { amountPence: 400_000 });
    await scoreBid(officer, fund, bidId, [margaret], [[4, 4, 4, 4, 4, 4]]);
    return bidId;
  }

  async function decideAndRead(bidId: string, decision: Record<string, unknown>) {
    const before = outboxMessages(t.app).length;
    const response = await officer.post(`/api/bids/${bidId}/decision`, { panelDate: PANEL_DATE, decision });
    expect(response.statusCode, response.body).toBe(200);
    return outboxMessages(t.app).slice(before);
  }

  it('emails a decision to the group’s main contact as well as to each member, by name', async () => {
    const group = await applicantWithGroup(t.app, 'founder.one@example.org', {
      name: 'Contact Group One',
      contactName: 'Rasa Jankauskiene',
      contactEmail: 'rasa.one@example.org',
    });
    await newGroupMember(t.app, group.client, group.organisationId, 'treasurer.one@example.org', 'Tom Reed');
    const bidId = await scoredBidOf(group);
    const mail = await decideAndRead(bidId, { outcome: 'award', amountPence: 400_000 });
    expect(mail.map((m) => m.to).sort()).toEqual([
      'founder.one@example.org',
      'rasa.one@example.org',
      'treasurer.one@example.org',
    ]);
    expect(new Set(mail.map((m) => m.kind))).toEqual(new Set(['bid_awarded']));
    expect(mail.find((m) => m.to === 'rasa.one@example.org')?.body).toMatch(/^Dear Rasa Jankauskiene,/);
  });

  it('emails an address once, even when the main contact is also a member', async () => {
    const group = await applicantWithGroup(t.app, 'founder.two@example.org', {
      name: 'Contact Group Two',
      contactEmail: 'Founder.Two@Example.org',
    });
    const bidId = await scoredBidOf(group);
    const mail = await decideAndRead(bidId, { outcome: 'reject', feedback: 'Not this time.' });
    expect(mail.map((m) => m.to)).toEqual(['founder.two@example.org']);
  });

  it('tells a group with no member able to sign in: its main contact is emailed', async () => {
    const group = await applicantWithGroup(t.app, 'founder.three@example.org', {
      name: 'Contact Group Three',
      contactEmail: 'chair.three@example.org',
    });
    const bidId = await scoredBidOf(group);
    const disabled = await admin.post(
      `/api/admin/users/${userIdOf(t.app, 'founder.three@example.org')}/disable`,
    );
    expect(disabled.statusCode, disabled.body).toBe(200);
    const mail = await decideAndRead(bidId, { outcome: 'defer', reason: 'Waiting for match funding.' });
    expect(mail.map((m) => [m.to, m.kind])).toEqual([['chair.three@example.org', 'bid_deferred']]);
  });
});
