import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AssessorHandle,
  assessorOf,
  assignBid,
  declareNoConflict,
  screenEligible,
  submitScores,
} from '../../builders/assessment.js';
import {
  completeSectionData,
  type JourneyRefs,
  refsForFund,
  saveSection,
  submittedBid,
} from '../../builders/bids.js';
import { createFund, type FundView } from '../../builders/funds.js';
import { applicantWithGroup } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { auditSince, bidStatusOf, lastAuditId } from '../../support/database.js';
import { refusedChangingNothing } from '../../support/errors.js';
import { MINUTE } from '../../support/time.js';

const MESSAGE = 'Please halve the budget and say who runs the sessions.';

interface ResultView {
  bidId: string;
  title: string;
  amountRequestedPence: number;
  completeSets: number;
  meanScore: number | null;
  scoreSets: { assignmentId: string; status: string }[];
}

/**
 * A bid returned to the group for changes is a different bid when it comes back: its assessment
 * is closed on return, and once sent again it is screened and assessed afresh.
 */
describe('a bid returned for changes and sent again', () => {
  let t: TestApp;
  let officer: Client;
  let fund: FundView;
  let refs: JourneyRefs;
  let margaret: AssessorHandle;
  let daniel: AssessorHandle;
  let priya: AssessorHandle;
  let group: { client: Client; organisationId: string };
  let bidId: string;
  let oldAssignments: string[];
  let sinceReturn: number;

  const resultFor = async (id: string): Promise<ResultView | undefined> =>
    ((await officer.get(`/api/funds/${fund.id}/results`)).json().results as ResultView[]).find(
      (r) => r.bidId === id,
    );

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    officer = await signedIn(t.app, 'officer@demo.test');
    const admin = await signedIn(t.app, 'admin@demo.test');
    fund = await createFund(t, officer, { minAssessors: 2 });
    refs = await refsForFund(t.app, fund);
    const handle = (email: string) => assessorOf(t.app, admin, fund.id, email);
    margaret = await handle('assessor@demo.test');
    daniel = await handle('assessor2@demo.test');
    priya = await handle('assessor3@demo.test');
    group = await applicantWithGroup(t.app, 'returned@example.org', { name: 'Returned Group' });
    bidId = await submittedBid(group.client, refs, group.organisationId, {
      title: 'Big Summer Festival',
    });
    await screenEligible(officer, bidId);
    oldAssignments = [];
    for (const [assessor, score] of [
      [margaret, 5],
      [daniel, 5],
    ] as const) {
      const assignmentId = await assignBid(officer, bidId, assessor.id);
      await declareNoConflict(assessor.client, assignmentId);
      await submitScores(assessor.client, assignmentId, fund.criteria, [
        score,
        score,
        score,
        score,
        score,
        score,
      ]);
      oldAssignments.push(assignmentId);
    }
    expect(bidStatusOf(t.app, bidId)).toBe('scored');

    sinceReturn = lastAuditId(t.app);
    const returned = await officer.post(`/api/bids/${bidId}/return`, { message: MESSAGE });
    expect(returned.statusCode, returned.body).toBe(200);
  });
  afterAll(async () => t.close());

  it('closes the assessment when the bid is returned: assignments closed, score sets kept and no longer counted', async () => {
    const rows = t.app.db.all<{ status: string; set_status: string; set_aside_reason: string | null }>(
      sql`select assignments.status, score_sets.status as set_status, score_sets.set_aside_reason
          from assignments join score_sets on score_sets.assignment_id = assignments.id
          where assignments.bid_id = ${bidId}`,
    );
    expect(rows).toEqual([
      {
        status: 'closed',
        set_status: 'closed',
        set_aside_reason: 'The bid was returned to the group for changes',
      },
      {
        status: 'closed',
        set_status: 'closed',
        set_aside_reason: 'The bid was returned to the group for changes',
      },
    ]);
    expect(auditSince(t.app, sinceReturn).map((e) => e.action)).toEqual([
      'bid.returned',
      'assessment.closed',
    ]);
    // The assessors are off it: it leaves their list, and its page shows nothing of the bid.
    const mine = (await margaret.client.get('/api/assignments')).json().assignments as { bidId: string }[];
    expect(mine.map((a) => a.bidId)).not.toContain(bidId);
    const view = (await margaret.client.get(`/api/assignments/${oldAssignments[0]}`)).json();
    expect(view.assignment.status).toBe('closed');
    expect(view.bid).toBeNull();
  });

  describe('once rewritten and sent again', () => {
    beforeAll(async () => {
      // The group takes a while to make the changes.
      t.clock.advance(10 * MINUTE);
      const data = completeSectionData(refs);
      const about = await saveSection(group.client, bidId, 'about', {
        ...data.about,
        title: 'Small Winter Festival',
      });
      expect(about.statusCode, about.body).toBe(200);
      const budget = await saveSection(group.client, bidId, 'budget', {
        lines: [{ item: 'Hall hire', category: 'venue', costPence: 120_000 }],
        otherFunding: [],
      });
      expect(budget.statusCode, budget.body).toBe(200);
      const resent = await group.client.post(`/api/bids/${bidId}/submit`);
      expect(resent.statusCode, resent.body).toBe(200);
    });

    it('is screened afresh: no check stands from before, and nobody can be given it until it is screened', async () => {
      expect(bidStatusOf(t.app, bidId)).toBe('submitted');
      expect((await officer.get(`/api/bids/${bidId}/screening`)).json()).toBeNull();
      expect((await officer.get(`/api/bids/${bidId}`)).json().screening).toBeNull();
      await refusedChangingNothing(
        t.app,
        () => officer.post(`/api/bids/${bidId}/assignments`, { assessorId: priya.id }),
        409,
      );
    });

    it('is assessed afresh: the old score sets do not count, and it is scored only on scores given to it as it now stands', async () => {
      await screenEligible(officer, bidId);
      expect(bidStatusOf(t.app, bidId)).toBe('eligible');
      const priyas = await assignBid(officer, bidId, priya.id);
      await declareNoConflict(priya.client, priyas);
      // Priya reads the bid as it is now.
      const view = (await priya.client.get(`/api/assignments/${priyas}`)).json();
      expect(view.bid.amountRequestedPence).toBe(120_000);
      expect(view.assignment.bidTitle).toBe('Small Winter Festival');
      await submitScores(priya.client, priyas, fund.criteria, [1, 1, 1, 1, 1, 1]);
      // One new set of the two needed: the old two do not make it "scored".
      expect(bidStatusOf(t.app, bidId)).toBe('in_assessment');
      const partway = await resultFor(bidId);
      expect(partway).toMatchObject({ completeSets: 1, meanScore: 20 });
      expect(partway?.scoreSets.map((s) => s.assignmentId)).toEqual([priyas]);

      // Margaret may be given it again, as a new assignment.
      const again = await assignBid(officer, bidId, margaret.id);
      expect(oldAssignments).not.toContain(again);
      await declareNoConflict(margaret.client, again);
      await submitScores(margaret.client, again, fund.criteria, [3, 3, 3, 3, 3, 3]);
      expect(bidStatusOf(t.app, bidId)).toBe('scored');
      expect(await resultFor(bidId)).toMatchObject({
        title: 'Small Winter Festival',
        amountRequestedPence: 120_000,
        completeSets: 2,
        meanScore: 40,
      });
    });
  });
});
