import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AssessorHandle,
  assessorOf,
  assignBid,
  declareNoConflict,
  scoreSetBody,
  screenEligible,
  submitScores,
} from '../../builders/assessment.js';
import { type JourneyRefs, refsForFund, submittedBid } from '../../builders/bids.js';
import { createFund, type FundView } from '../../builders/funds.js';
import { applicantWithGroup } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { refusedChangingNothing } from '../../support/errors.js';

/**
 * Another group's bid, or an assignment that is not yours, is answered exactly as an id that does
 * not exist: the same status and the same bytes, so nobody can tell whether an id is someone else's.
 */
describe('"not yours" is answered as "not there"', () => {
  let t: TestApp;
  let officer: Client;
  let fund: FundView;
  let refs: JourneyRefs;
  let group: { client: Client; organisationId: string };
  let outsider: Client;
  let margaret: AssessorHandle;
  let daniel: AssessorHandle;
  /** An eligible bid of the group, given to margaret, who has submitted scores. */
  let bidId: string;
  let assignmentId: string;
  const unknownId = '5b1d6c1e-0d4c-4b8e-9d0a-3f2e1c0b9a87';

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    officer = await signedIn(t.app, 'officer@demo.test');
    const admin = await signedIn(t.app, 'admin@demo.test');
    fund = await createFund(t, officer, { minAssessors: 2 });
    refs = await refsForFund(t.app, fund);
    const handle = (email: string) => assessorOf(t.app, admin, fund.id, email);
    margaret = await handle('assessor@demo.test');
    daniel = await handle('assessor2@demo.test');
    group = await applicantWithGroup(t.app, 'their.group@example.org', { name: 'Their Group' });
    outsider = (await applicantWithGroup(t.app, 'nosy.group@example.org', { name: 'Nosy Group' })).client;
    bidId = await submittedBid(group.client, refs, group.organisationId);
    await screenEligible(officer, bidId);
    assignmentId = await assignBid(officer, bidId, margaret.id);
    await declareNoConflict(margaret.client, assignmentId);
    await submitScores(margaret.client, assignmentId, fund.criteria, [3, 3, 3, 3, 3, 3]);
  });
  afterAll(async () => t.close());

  /** Both answers, each refused changing nothing, must be the same status and the same bytes. */
  async function sameAnswer(
    notThere: () => Promise<LightMyRequestResponse>,
    notYours: () => Promise<LightMyRequestResponse>,
  ) {
    const answers: { status: number; body: string }[] = [];
    for (const send of [notThere, notYours]) {
      await refusedChangingNothing(
        t.app,
        async () => {
          const response = await send();
          answers.push({ status: response.statusCode, body: response.body });
          return response;
        },
        404,
        'not_found',
      );
    }
    expect(answers[1]).toEqual(answers[0]);
  }

  describe.each([
    ['an applicant of another group', () => outsider],
    ['an assessor not on the bid', () => daniel.client],
  ])('to %s', (_, caller) => {
    it('giving a bid to an assessor (POST /api/bids/:bidId/assignments)', async () => {
      const body = { assessorId: daniel.id };
      await sameAnswer(
        () => caller().post(`/api/bids/${unknownId}/assignments`, body),
        () => caller().post(`/api/bids/${bidId}/assignments`, body),
      );
    });

    it('taking an assessor off a bid (DELETE /api/assignments/:assignmentId)', async () => {
      await sameAnswer(
        () => caller().delete(`/api/assignments/${unknownId}`),
        () => caller().delete(`/api/assignments/${assignmentId}`),
      );
    });

    it('reopening scores (POST /api/assignments/:assignmentId/reopen)', async () => {
      const body = { reason: 'Let me see' };
      await sameAnswer(
        () => caller().post(`/api/assignments/${unknownId}/reopen`, body),
        () => caller().post(`/api/assignments/${assignmentId}/reopen`, body),
      );
    });

    it('a moderation note (POST /api/bids/:bidId/moderation-notes)', async () => {
      const body = { note: 'Just looking' };
      await sameAnswer(
        () => caller().post(`/api/bids/${unknownId}/moderation-notes`, body),
        () => caller().post(`/api/bids/${bidId}/moderation-notes`, body),
      );
    });

    it('screening (POST /api/bids/:bidId/screening)', async () => {
      const body = { decision: 'eligible', checks: { documentsValid: true, groupVerified: true } };
      await sameAnswer(
        () => caller().post(`/api/bids/${unknownId}/screening`, body),
        () => caller().post(`/api/bids/${bidId}/screening`, body),
      );
    });

    it('an assignment’s page (GET /api/assignments/:assignmentId)', async () => {
      await sameAnswer(
        () => caller().get(`/api/assignments/${unknownId}`),
        () => caller().get(`/api/assignments/${assignmentId}`),
      );
    });

    it('declaring on an assignment (POST /api/assignments/:assignmentId/declaration)', async () => {
      await sameAnswer(
        () => caller().post(`/api/assignments/${unknownId}/declaration`, { conflict: false }),
        () => caller().post(`/api/assignments/${assignmentId}/declaration`, { conflict: false }),
      );
    });

    it('scoring an assignment (PUT /api/assignments/:assignmentId/scores)', async () => {
      const body = scoreSetBody(fund.criteria, [1, 1, 1, 1, 1, 1], { baseVersion: 1 });
      await sameAnswer(
        () => caller().put(`/api/assignments/${unknownId}/scores`, body),
        () => caller().put(`/api/assignments/${assignmentId}/scores`, body),
      );
    });
  });
});
