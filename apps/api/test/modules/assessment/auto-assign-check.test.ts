import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAssessorRole } from '../../builders/accounts.js';
import { screenEligible } from '../../builders/assessment.js';
import { type JourneyRefs, refsForFund, submittedBid } from '../../builders/bids.js';
import { createFund, type FundView } from '../../builders/funds.js';
import { applicantWithGroup } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { outboxMessages, snapshotDatabase, userIdOf } from '../../support/database.js';
import { refusedChangingNothing } from '../../support/errors.js';

interface Plan {
  bids: {
    bidId: string;
    reference: string;
    title: string | null;
    organisationName: string;
    assessors: { id: string; name: string }[];
    needed: number;
    short: boolean;
  }[];
  assigned: number;
  short: string[];
  skipped: string[];
}

const ASSESSORS = ['assessor@demo.test', 'assessor2@demo.test', 'assessor3@demo.test'];

/**
 * Auto-assign shows who will be given which bid, and the officer confirms that plan, before anyone
 * is assigned or emailed (item 14 of issue 9).
 */
describe('checking an automatic assignment before it is made (POST /api/funds/:fundId/assignments/auto/check)', () => {
  let t: TestApp;
  let officer: Client;
  let admin: Client;
  let fund: FundView;
  let refs: JourneyRefs;
  let group: { client: Client; organisationId: string };
  const check = (perBid: number, client: Client = officer, fundId = fund.id) =>
    client.post(`/api/funds/${fundId}/assignments/auto/check`, { perBid });
  const confirm = (perBid: number, plan: Plan) =>
    officer.post(`/api/funds/${fund.id}/assignments/auto`, {
      perBid,
      plan: plan.bids.map((b) => ({ bidId: b.bidId, assessorIds: b.assessors.map((a) => a.id) })),
    });

  async function changingNothing(send: () => Promise<LightMyRequestResponse>) {
    const before = snapshotDatabase(t.app);
    const response = await send();
    expect(snapshotDatabase(t.app)).toEqual(before);
    return response;
  }

  async function eligibleBid(): Promise<string> {
    const bidId = await submittedBid(group.client, refs, group.organisationId);
    await screenEligible(officer, bidId);
    return bidId;
  }

  /** Who is assigned to each bid now (live assignments), by bid. */
  async function assignedNow(): Promise<Map<string, string[]>> {
    const view = (await officer.get(`/api/funds/${fund.id}/assessment`)).json() as {
      bids: { bidId: string; assignments: { assessorId: string; status: string }[] }[];
    };
    return new Map(
      view.bids.map((b) => [
        b.bidId,
        b.assignments
          .filter((a) => ['awaiting_declaration', 'scoring', 'submitted'].includes(a.status))
          .map((a) => a.assessorId)
          .sort(),
      ]),
    );
  }

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    officer = await signedIn(t.app, 'officer@demo.test');
    admin = await signedIn(t.app, 'admin@demo.test');
    fund = await createFund(t, officer, { minAssessors: 2 });
    for (const email of ASSESSORS) await grantAssessorRole(admin, userIdOf(t.app, email), fund.id);
    refs = await refsForFund(t.app, fund);
    group = await applicantWithGroup(t.app, 'auto.check@example.org', { name: 'Auto Check Group' });
  });
  afterAll(async () => t.close());

  it('shows who would assess which bid, assigning and emailing no one; confirming that plan makes exactly it', async () => {
    const bids = [await eligibleBid(), await eligibleBid()];
    const mailBefore = outboxMessages(t.app).length;
    const response = await changingNothing(() => check(2));
    expect(response.statusCode, response.body).toBe(200);
    const plan = response.json() as Plan;
    expect(plan.assigned).toBe(4);
    expect(plan.short).toEqual([]);
    expect(plan.bids.map((b) => b.bidId).sort()).toEqual([...bids].sort());
    for (const bid of plan.bids) {
      expect(bid.organisationName).toBe('Auto Check Group');
      expect(bid.assessors).toHaveLength(2);
      expect(bid.assessors.every((a) => a.name.length > 0)).toBe(true);
    }
    expect(outboxMessages(t.app)).toHaveLength(mailBefore);

    const made = await confirm(2, plan);
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json()).toEqual({ assigned: 4, short: [], skipped: [] });
    const now = await assignedNow();
    for (const bid of plan.bids) expect(now.get(bid.bidId)).toEqual(bid.assessors.map((a) => a.id).sort());
    expect(outboxMessages(t.app, 'assessment_assigned').slice(-4)).toHaveLength(4);
  });

  it('says when there is nothing to give out: no assignments, no bids', async () => {
    const response = await changingNothing(() => check(2));
    expect(response.json()).toEqual({ bids: [], assigned: 0, short: [], skipped: [] });
  });

  it('refuses to confirm a plan that no longer holds (409), changing nothing: someone was assigned meanwhile', async () => {
    const bidId = await eligibleBid();
    const plan = (await check(2)).json() as Plan;
    const planned = plan.bids.find((b) => b.bidId === bidId);
    expect(planned?.assessors).toHaveLength(2);
    const other = ASSESSORS.map((e) => userIdOf(t.app, e)).find(
      (id) => !planned?.assessors.some((a) => a.id === id),
    );
    const byHand = await officer.post(`/api/bids/${bidId}/assignments`, { assessorId: other });
    expect(byHand.statusCode, byHand.body).toBe(201);
    const error = await refusedChangingNothing(t.app, () => confirm(2, plan), 409, 'conflict');
    expect(error.message).toMatch(/changed since you checked/);
  });

  it('refuses a check to anyone but officers (403) and a perBid out of range (400), changing nothing', async () => {
    for (const email of ['finance@demo.test', 'admin@demo.test', 'assessor@demo.test']) {
      const client = await signedIn(t.app, email);
      await refusedChangingNothing(t.app, () => check(1, client), 403);
    }
    for (const perBid of [0, 11]) {
      const error = await refusedChangingNothing(t.app, () => check(perBid), 400);
      expect(Object.keys(error.fields ?? {})).toEqual(['perBid']);
    }
  });
});
