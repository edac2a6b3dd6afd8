import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAssessorRole } from '../../builders/accounts.js';
import {
  type AssessorHandle,
  assignBid,
  declareNoConflict,
  screenEligible,
  submitScores,
} from '../../builders/assessment.js';
import { buildCompleteBid, type JourneyRefs, refsForFund, submittedBid } from '../../builders/bids.js';
import { createFund, type FundView } from '../../builders/funds.js';
import { applicantWithGroup } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import {
  auditSince,
  bidStatusOf,
  groupInvitationTokenFor,
  lastAuditId,
  outboxMessages,
  userIdOf,
} from '../../support/database.js';
import { refusedChangingNothing } from '../../support/errors.js';

interface AssignmentView {
  id: string;
  bidId: string;
  assessorId: string;
  status: string;
}

interface Overview {
  minAssessors: number;
  bids: {
    bidId: string;
    reference: string;
    status: string;
    assignments: AssignmentView[];
    eligibleAssessorIds: string[];
  }[];
  assessors: {
    assessorId: string;
    name: string;
    assigned: number;
    awaitingDeclaration: number;
    scoring: number;
    submitted: number;
    conflicts: number;
  }[];
}

/** The four assessors given roles for the test's funds; assessor3 is also a member of the second group. */
const ASSESSORS = ['assessor@demo.test', 'assessor2@demo.test', 'assessor3@demo.test', 'officer2@demo.test'];

describe('giving bids to assessors', () => {
  let t: TestApp;
  let officer: Client;
  let admin: Client;
  let assessors: Record<string, AssessorHandle>;
  let firstGroup: { client: Client; organisationId: string };
  let secondGroup: { client: Client; organisationId: string };
  const refused = (send: () => Promise<LightMyRequestResponse>, status: number) =>
    refusedChangingNothing(t.app, send, status);
  const handle = (email: string) => {
    const found = assessors[email];
    if (!found) throw new Error(`No assessor ${email}`);
    return found;
  };

  /** A fund of its own, with the four assessors. */
  async function fundWithAssessors(overrides: Record<string, unknown> = {}) {
    const fund = await createFund(t, officer, overrides);
    for (const email of ASSESSORS) await grantAssessorRole(admin, handle(email).id, fund.id);
    // Nobody else may assess it: the tests below count on this pool.
    const pool = (await officer.get(`/api/funds/${fund.id}/assessors`)).json().assessors as { id: string }[];
    expect(pool.map((a) => a.id).sort()).toEqual(ASSESSORS.map((e) => handle(e).id).sort());
    return { fund, refs: await refsForFund(t.app, fund) };
  }

  async function eligibleBid(refs: JourneyRefs, group: { client: Client; organisationId: string }) {
    const bidId = await submittedBid(group.client, refs, group.organisationId);
    await screenEligible(officer, bidId);
    return bidId;
  }

  const overview = async (fundId: string) =>
    (await officer.get(`/api/funds/${fundId}/assessment`)).json() as Overview;

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    officer = await signedIn(t.app, 'officer@demo.test');
    admin = await signedIn(t.app, 'admin@demo.test');
    assessors = {};
    for (const email of [...ASSESSORS, 'youth@demo.test']) {
      assessors[email] = { client: await signedIn(t.app, email), id: userIdOf(t.app, email) };
    }
    firstGroup = await applicantWithGroup(t.app, 'first.group@example.org', { name: 'First Group' });
    secondGroup = await applicantWithGroup(t.app, 'second.group@example.org', { name: 'Second Group' });
    // assessor3 joins the second group by invitation: from now on they may not assess its bids.
    await secondGroup.client.post(`/api/organisations/${secondGroup.organisationId}/invitations`, {
      email: 'assessor3@demo.test',
    });
    const joined = await handle('assessor3@demo.test').client.post('/api/group-invitations/accept', {
      token: groupInvitationTokenFor(t.app, 'assessor3@demo.test'),
    });
    expect(joined.statusCode, joined.body).toBe(200);
  });
  afterAll(async () => t.close());

  describe('one at a time (POST /api/bids/:bidId/assignments)', () => {
    let fund: FundView;
    let refs: JourneyRefs;
    let membersBid: string;
    beforeAll(async () => {
      ({ fund, refs } = await fundWithAssessors({ minAssessors: 2 }));
    });

    it('gives an eligible bid to an assessor: 201, the bid moves to in_assessment, the assessor is emailed, audited', async () => {
      const bidId = await eligibleBid(refs, firstGroup);
      const assessor = handle('assessor@demo.test');
      const since = lastAuditId(t.app);
      const mailBefore = outboxMessages(t.app, 'assessment_assigned').length;
      const response = await officer.post(`/api/bids/${bidId}/assignments`, { assessorId: assessor.id });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().assignments).toEqual([
        expect.objectContaining({
          bidId,
          assessorId: assessor.id,
          status: 'awaiting_declaration',
          declaredAt: null,
        }),
      ]);
      expect(bidStatusOf(t.app, bidId)).toBe('in_assessment');
      expect(auditSince(t.app, since).map((e) => e.action)).toEqual([
        'assessment.assigned',
        'bid.start_assessment',
      ]);
      const mail = outboxMessages(t.app, 'assessment_assigned').slice(mailBefore);
      expect(mail.map((m) => m.to)).toEqual(['assessor@demo.test']);
      // A second assessor leaves the bid in assessment.
      await assignBid(officer, bidId, handle('assessor2@demo.test').id);
      expect(bidStatusOf(t.app, bidId)).toBe('in_assessment');
      const mine = (await assessor.client.get('/api/assignments')).json().assignments as AssignmentView[];
      expect(mine.filter((a) => a.bidId === bidId)).toHaveLength(1);
    });

    it('refuses a draft, or a sent bid not yet screened (409 naming its state), changing nothing', async () => {
      const assessorId = handle('assessor@demo.test').id;
      const draft = await buildCompleteBid(firstGroup.client, refs, firstGroup.organisationId);
      expect(
        (await refused(() => officer.post(`/api/bids/${draft}/assignments`, { assessorId }), 409)).message,
      ).toBe(
        'Only eligible bids can be given to assessors; this bid is still a draft, so it cannot be sent for assessment',
      );
      const sent = await submittedBid(firstGroup.client, refs, firstGroup.organisationId);
      const error = await refused(() => officer.post(`/api/bids/${sent}/assignments`, { assessorId }), 409);
      expect(error.code).toBe('invalid_state');
      expect(error.message).toMatch(/this bid has already been sent/);
    });

    it('never gives a bid to a member of the group that made it (409 with the reason), changing nothing', async () => {
      const bidId = await eligibleBid(refs, secondGroup);
      membersBid = bidId;
      const error = await refused(
        () =>
          officer.post(`/api/bids/${bidId}/assignments`, { assessorId: handle('assessor3@demo.test').id }),
        409,
      );
      expect(error.message).toBe('This assessor is a member of the group that made the bid');
      expect(error.fields).toEqual({
        assessorId: 'This assessor is a member of the group that made the bid',
      });
      expect(bidStatusOf(t.app, bidId)).toBe('eligible');
      // The same assessor may assess another group's bid.
      const other = await eligibleBid(refs, firstGroup);
      await assignBid(officer, other, handle('assessor3@demo.test').id);
    });

    it('never gives a bid to someone without an assessor role for the fund: a youth-fund assessor, finance, an applicant (409)', async () => {
      const bidId = await eligibleBid(refs, firstGroup);
      for (const assessorId of [
        handle('youth@demo.test').id,
        userIdOf(t.app, 'finance@demo.test'),
        userIdOf(t.app, 'applicant@demo.test'),
        userIdOf(t.app, 'officer@demo.test'),
      ]) {
        const error = await refused(
          () => officer.post(`/api/bids/${bidId}/assignments`, { assessorId }),
          409,
        );
        expect(error.message).toBe('This person is not an assessor for this fund');
      }
      expect(bidStatusOf(t.app, bidId)).toBe('eligible');
    });

    it('never gives the same bid to the same assessor twice (409), changing nothing', async () => {
      const bidId = await eligibleBid(refs, firstGroup);
      const assessorId = handle('assessor2@demo.test').id;
      await assignBid(officer, bidId, assessorId);
      const error = await refused(() => officer.post(`/api/bids/${bidId}/assignments`, { assessorId }), 409);
      expect(error.message).toBe('This assessor is already assigned to the bid');
    });

    it('lets only officers assign: admin, finance and the group are refused (403), an assessor who may not know of the bid 404', async () => {
      const bidId = await eligibleBid(refs, firstGroup);
      const assessorId = handle('assessor@demo.test').id;
      for (const [client, status] of [
        [admin, 403],
        [await signedIn(t.app, 'finance@demo.test'), 403],
        [firstGroup.client, 403],
        // Not given the bid, the assessor may not read it: it is answered as an unknown id.
        [handle('assessor2@demo.test').client, 404],
      ] as const) {
        await refused(() => client.post(`/api/bids/${bidId}/assignments`, { assessorId }), status);
        await refused(() => client.post(`/api/funds/${fund.id}/assignments/auto`, { perBid: 1 }), 403);
      }
      expect(bidStatusOf(t.app, bidId)).toBe('eligible');
    });

    it('takes an assessor off a bid before they submit (204, audited), and may give it to them again', async () => {
      const bidId = await eligibleBid(refs, firstGroup);
      const assessor = handle('assessor@demo.test');
      const assignmentId = await assignBid(officer, bidId, assessor.id);
      await declareNoConflict(assessor.client, assignmentId);
      const since = lastAuditId(t.app);
      const response = await officer.delete(`/api/assignments/${assignmentId}`);
      expect(response.statusCode, response.body).toBe(204);
      expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['assessment.unassigned']);
      // Off the bid: the assessor no longer sees its answers, nor can score it.
      expect((await assessor.client.get(`/api/assignments/${assignmentId}`)).json().bid).toBeNull();
      // Taken off twice: refused.
      expect((await refused(() => officer.delete(`/api/assignments/${assignmentId}`), 409)).message).toBe(
        'This assessor is no longer on the bid',
      );
      await assignBid(officer, bidId, assessor.id);
    });

    it('refuses to take off an assessor who has submitted scores (409), changing nothing', async () => {
      const bidId = await eligibleBid(refs, firstGroup);
      const assessor = handle('assessor2@demo.test');
      const assignmentId = await assignBid(officer, bidId, assessor.id);
      await declareNoConflict(assessor.client, assignmentId);
      await submitScores(assessor.client, assignmentId, fund.criteria, [3, 3, 3, 3, 3, 3]);
      const error = await refused(() => officer.delete(`/api/assignments/${assignmentId}`), 409);
      expect(error.message).toBe('This assessor has already submitted scores. Reopen them instead.');
      await refused(
        () => handle('assessor2@demo.test').client.delete(`/api/assignments/${assignmentId}`),
        403,
      );
    });

    it('shows officers each assessor’s load and who may still be assigned each bid; nobody else (403)', async () => {
      const view = await overview(fund.id);
      const assigned = new Map<string, number>();
      for (const bid of view.bids) {
        for (const a of bid.assignments) {
          if (a.status !== 'removed') assigned.set(a.assessorId, (assigned.get(a.assessorId) ?? 0) + 1);
        }
      }
      expect(view.minAssessors).toBe(2);
      expect(view.assessors.map((a) => a.assessorId).sort()).toEqual(
        ASSESSORS.map((e) => handle(e).id).sort(),
      );
      for (const load of view.assessors) {
        expect(load.assigned, load.name).toBe(assigned.get(load.assessorId) ?? 0);
        expect(load.awaitingDeclaration + load.scoring + load.submitted + load.conflicts, load.name).toBe(
          load.assigned,
        );
      }
      expect(view.assessors.find((a) => a.assessorId === handle('assessor2@demo.test').id)?.submitted).toBe(
        1,
      );
      // The second group's bid may go to anyone but its member.
      expect(view.bids.find((b) => b.bidId === membersBid)?.eligibleAssessorIds.sort()).toEqual(
        ['assessor@demo.test', 'assessor2@demo.test', 'officer2@demo.test'].map((e) => handle(e).id).sort(),
      );
      for (const client of [
        admin,
        await signedIn(t.app, 'finance@demo.test'),
        handle('assessor@demo.test').client,
      ]) {
        await refused(() => client.get(`/api/funds/${fund.id}/assessment`), 403);
      }
    });
  });

  describe('automatically (POST /api/funds/:fundId/assignments/auto)', () => {
    let fund: FundView;
    let firstBids: string[];
    let secondBids: string[];

    beforeAll(async () => {
      let refs: JourneyRefs;
      ({ fund, refs } = await fundWithAssessors({ minAssessors: 2 }));
      // The first group's bids are sent first, so they come first by reference.
      firstBids = [];
      for (let i = 0; i < 3; i++) firstBids.push(await eligibleBid(refs, firstGroup));
      secondBids = [];
      for (let i = 0; i < 2; i++) secondBids.push(await eligibleBid(refs, secondGroup));
      // A draft and a bid not yet screened are never given out.
      await buildCompleteBid(firstGroup.client, refs, firstGroup.organisationId);
      await submittedBid(firstGroup.client, refs, firstGroup.organisationId);
    });

    const live = (bid: Overview['bids'][number]) =>
      bid.assignments.filter((a) => ['awaiting_declaration', 'scoring', 'submitted'].includes(a.status));

    it('gives every eligible bid N assessors, never a member of the group, balancing the load (max − min ≤ 1)', async () => {
      const response = await officer.post(`/api/funds/${fund.id}/assignments/auto`, { perBid: 2 });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({ assigned: 10, short: [], skipped: [] });
      const view = await overview(fund.id);
      expect(view.bids.map((b) => b.bidId).sort()).toEqual([...firstBids, ...secondBids].sort());
      for (const bid of view.bids) {
        expect(bid.status).toBe('in_assessment');
        expect(live(bid)).toHaveLength(2);
        expect(new Set(live(bid).map((a) => a.assessorId)).size).toBe(2);
      }
      for (const bid of view.bids.filter((b) => secondBids.includes(b.bidId))) {
        expect(live(bid).map((a) => a.assessorId)).not.toContain(handle('assessor3@demo.test').id);
      }
      // Ten assignments among four people, one of whom may take only the first group's three bids:
      // 3, 3, 2, 2 is possible, so that is what balancing must give.
      const loads = view.assessors.map((a) => a.assigned);
      expect(loads.reduce((a, b) => a + b, 0)).toBe(10);
      expect(Math.max(...loads) - Math.min(...loads), JSON.stringify(view.assessors)).toBeLessThanOrEqual(1);
    });

    it('gives nothing more when every bid already has N assessors', async () => {
      const response = await officer.post(`/api/funds/${fund.id}/assignments/auto`, { perBid: 2 });
      expect(response.json()).toEqual({ assigned: 0, short: [], skipped: [] });
    });

    it('reports the bids it could not fill (short) when too few assessors may take them', async () => {
      const response = await officer.post(`/api/funds/${fund.id}/assignments/auto`, { perBid: 4 });
      expect(response.statusCode, response.body).toBe(200);
      const view = await overview(fund.id);
      const references = (ids: string[]) =>
        ids.map((id) => view.bids.find((b) => b.bidId === id)?.reference).sort();
      // The first group's bids get all four; the second group's only the three who are not members.
      expect(response.json().assigned).toBe(3 * 2 + 2 * 1);
      expect([...response.json().short].sort()).toEqual(references(secondBids));
      for (const bid of view.bids) expect(live(bid)).toHaveLength(firstBids.includes(bid.bidId) ? 4 : 3);
    });

    it('refuses a perBid that is not a whole number from 1 to 10 (400), changing nothing', async () => {
      for (const perBid of [0, 11, 1.5, '2']) {
        const error = await refused(
          () => officer.post(`/api/funds/${fund.id}/assignments/auto`, { perBid }),
          400,
        );
        expect(Object.keys(error.fields ?? {})).toEqual(['perBid']);
      }
    });
  });
});
