import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAssessorRole } from '../../builders/accounts.js';
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
import { auditSince, bidStatusOf, lastAuditId, outboxMessages, userIdOf } from '../../support/database.js';
import { refusedChangingNothing } from '../../support/errors.js';

interface ReopenRequest {
  id: string;
  assignmentId: string;
  bidId: string;
  status: string;
  reason: string;
  assessorName: string;
  answer: string | null;
  answeredByName: string | null;
}

/**
 * Issue 9, item 10: "ask the officer to reopen" is a request the officer sees. An assessor asks,
 * with a reason; the officer sees open requests on the fund's assessment page and reopens the
 * scores or declines, saying why; each step is audited and the other side is told.
 */
describe('asking the officer to reopen submitted scores', () => {
  let t: TestApp;
  let officer: Client;
  let fund: FundView;
  let refs: JourneyRefs;
  let group: { client: Client; organisationId: string };
  let margaret: AssessorHandle;
  let daniel: AssessorHandle;
  const refused = (send: () => Promise<LightMyRequestResponse>, status: number) =>
    refusedChangingNothing(t.app, send, status);
  const ask = (assessor: Client, assignmentId: string, reason: unknown) =>
    assessor.post(`/api/assignments/${assignmentId}/reopen-requests`, { reason });
  const answer = (client: Client, requestId: string, body: Record<string, unknown>) =>
    client.post(`/api/reopen-requests/${requestId}/answer`, body);
  const openRequests = async (): Promise<ReopenRequest[]> =>
    (await officer.get(`/api/funds/${fund.id}/assessment`)).json().reopenRequests;

  /** A bid this assessor has scored and submitted; minAssessors 1, so the bid is then "scored". */
  async function submitted(assessor: AssessorHandle) {
    const bidId = await submittedBid(group.client, refs, group.organisationId);
    await screenEligible(officer, bidId);
    const assignmentId = await assignBid(officer, bidId, assessor.id);
    await declareNoConflict(assessor.client, assignmentId);
    await submitScores(assessor.client, assignmentId, fund.criteria, [4, 4, 4, 4, 4, 4]);
    return { bidId, assignmentId };
  }

  async function asked(assessor: AssessorHandle, reason = 'I scored value for money on the wrong budget.') {
    const made = await submitted(assessor);
    const response = await ask(assessor.client, made.assignmentId, reason);
    expect(response.statusCode, response.body).toBe(201);
    return { ...made, request: response.json() as ReopenRequest };
  }

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    officer = await signedIn(t.app, 'officer@demo.test');
    const admin = await signedIn(t.app, 'admin@demo.test');
    fund = await createFund(t, officer, { minAssessors: 1 });
    refs = await refsForFund(t.app, fund);
    const handle = (email: string) => assessorOf(t.app, admin, fund.id, email);
    margaret = await handle('assessor@demo.test');
    daniel = await handle('assessor2@demo.test');
    group = await applicantWithGroup(t.app, 'reopen.group@example.org', { name: 'Reopen Group' });
  });
  afterAll(async () => t.close());

  it('lets an assessor ask, with a reason, to reopen their submitted scores: the officer sees it on the assessment page, it is audited and the officers are emailed', async () => {
    const { bidId, assignmentId } = await submitted(margaret);
    const since = lastAuditId(t.app);
    const mailBefore = outboxMessages(t.app, 'reopen_requested').length;
    const response = await ask(
      margaret.client,
      assignmentId,
      'I scored value for money on the wrong budget.',
    );
    expect(response.statusCode, response.body).toBe(201);
    const request = response.json() as ReopenRequest;
    expect(request).toMatchObject({
      assignmentId,
      bidId,
      status: 'open',
      reason: 'I scored value for money on the wrong budget.',
      assessorName: 'Cllr Margaret Ellis',
      answer: null,
    });
    // The assessor sees their request beside their scores, which stay submitted meanwhile.
    const view = (await margaret.client.get(`/api/assignments/${assignmentId}`)).json();
    expect(view.reopenRequest).toMatchObject({ id: request.id, status: 'open' });
    expect(view.scoreSet.status).toBe('submitted');
    expect((await openRequests()).map((r) => r.id)).toContain(request.id);
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({
        action: 'assessment.reopen_requested',
        entityId: bidId,
        actorId: margaret.id,
        reason: 'I scored value for money on the wrong budget.',
      }),
    ]);
    const mail = outboxMessages(t.app, 'reopen_requested').slice(mailBefore);
    expect(mail.map((m) => m.to)).toContain('officer@demo.test');
    expect(mail[0]?.body).toContain('I scored value for money on the wrong budget.');
  });

  it('refuses a request without a reason (400 on the reason), changing nothing', async () => {
    const { assignmentId } = await submitted(margaret);
    for (const reason of [undefined, '', '   ']) {
      const error = await refused(() => ask(margaret.client, assignmentId, reason), 400);
      expect(Object.keys(error.fields ?? {})).toEqual(['reason']);
    }
  });

  it('refuses a request on scores not yet submitted, and a second while one is open (409), changing nothing', async () => {
    const bidId = await submittedBid(group.client, refs, group.organisationId);
    await screenEligible(officer, bidId);
    const assignmentId = await assignBid(officer, bidId, margaret.id);
    await declareNoConflict(margaret.client, assignmentId);
    const early = await refused(() => ask(margaret.client, assignmentId, 'Please reopen'), 409);
    expect(early.message).toBe('Your scores are not submitted, so you can still change them yourself');

    const { assignmentId: open } = await asked(margaret);
    const twice = await refused(() => ask(margaret.client, open, 'Again, please'), 409);
    expect(twice.message).toMatch(/^You have already asked the grants officer to reopen these scores/);
  });

  it('treats another assessor’s assignment as not there (404), and never lets an officer ask for an assessor (404), changing nothing', async () => {
    const { assignmentId } = await submitted(margaret);
    await refused(() => ask(daniel.client, assignmentId, 'Not mine'), 404);
    await refused(() => ask(officer, assignmentId, 'On her behalf'), 404);
  });

  it('lets the officer reopen the scores from the request: back to draft, the request closed as reopened, audited with the assessor’s reason, the assessor told', async () => {
    const { bidId, assignmentId, request } = await asked(margaret);
    expect(bidStatusOf(t.app, bidId)).toBe('scored');
    const since = lastAuditId(t.app);
    const mailBefore = outboxMessages(t.app, 'reopen_answered').length;
    const response = await answer(officer, request.id, { decision: 'reopen' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      id: request.id,
      status: 'reopened',
      answeredByName: 'Sarah Whitfield',
    });
    const view = (await margaret.client.get(`/api/assignments/${assignmentId}`)).json();
    expect(view.scoreSet.status).toBe('draft');
    expect(view.assignment.status).toBe('scoring');
    expect(bidStatusOf(t.app, bidId)).toBe('in_assessment');
    expect((await openRequests()).map((r) => r.id)).not.toContain(request.id);
    expect(auditSince(t.app, since).map((e) => [e.action, e.reason])).toEqual([
      ['assessment.scores_reopened', 'I scored value for money on the wrong budget.'],
      ['bid.reopen_scoring', 'I scored value for money on the wrong budget.'],
    ]);
    const mail = outboxMessages(t.app, 'reopen_answered').slice(mailBefore);
    expect(mail.map((m) => m.to)).toEqual(['assessor@demo.test']);
    // The assessor can now change and submit again.
    const changed = await margaret.client.put(
      `/api/assignments/${assignmentId}/scores`,
      scoreSetBody(fund.criteria, [5, 5, 5, 5, 5, 5], { baseVersion: 1 }),
    );
    expect(changed.statusCode, changed.body).toBe(200);
  });

  it('lets the officer decline with a reason: the scores stay submitted, the request closed as declined, audited, the assessor told why, and they may ask again', async () => {
    const { assignmentId, bidId, request } = await asked(margaret);
    const since = lastAuditId(t.app);
    const mailBefore = outboxMessages(t.app, 'reopen_answered').length;
    const response = await answer(officer, request.id, {
      decision: 'decline',
      reason: 'The panel has already read these scores; add a note instead.',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'declined',
      answer: 'The panel has already read these scores; add a note instead.',
    });
    const view = (await margaret.client.get(`/api/assignments/${assignmentId}`)).json();
    expect(view.scoreSet.status).toBe('submitted');
    expect(view.reopenRequest).toMatchObject({ status: 'declined' });
    expect(bidStatusOf(t.app, bidId)).toBe('scored');
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({
        action: 'assessment.reopen_declined',
        entityId: bidId,
        reason: 'The panel has already read these scores; add a note instead.',
      }),
    ]);
    const mail = outboxMessages(t.app, 'reopen_answered').slice(mailBefore);
    expect(mail.map((m) => m.to)).toEqual(['assessor@demo.test']);
    expect(mail[0]?.body).toContain('The panel has already read these scores; add a note instead.');
    const again = await ask(margaret.client, assignmentId, 'I found a second mistake.');
    expect(again.statusCode, again.body).toBe(201);
  });

  it('refuses to decline without a reason (400), to answer twice or an unknown request (409, 404), changing nothing', async () => {
    const { request } = await asked(margaret);
    const error = await refused(() => answer(officer, request.id, { decision: 'decline' }), 400);
    expect(Object.keys(error.fields ?? {})).toEqual(['reason']);
    await refused(() => answer(officer, request.id, { decision: 'maybe' }), 400);
    expect((await answer(officer, request.id, { decision: 'reopen' })).statusCode).toBe(200);
    const twice = await refused(() => answer(officer, request.id, { decision: 'reopen' }), 409);
    expect(twice.message).toBe('This request has already been answered: the scores were reopened');
    await refused(() => answer(officer, crypto.randomUUID(), { decision: 'reopen' }), 404);
  });

  it('refuses the answer to anyone but an officer who stands apart from the group: the assessor, finance, an officer with a conflict (403/404), changing nothing', async () => {
    const { request } = await asked(margaret);
    await refused(() => answer(margaret.client, request.id, { decision: 'reopen' }), 403);
    await refused(
      () => answer(daniel.client, request.id, { decision: 'decline', reason: 'Not yours to answer' }),
      404,
    );
    const finance = await signedIn(t.app, 'finance@demo.test');
    await refused(() => answer(finance, request.id, { decision: 'reopen' }), 403);
    // James, an officer, declares a conflict with the group as an assessor of another of its bids.
    const admin = await signedIn(t.app, 'admin@demo.test');
    const jamesId = userIdOf(t.app, 'officer2@demo.test');
    await grantAssessorRole(admin, jamesId, fund.id);
    const james = await signedIn(t.app, 'officer2@demo.test');
    const bidId = await submittedBid(group.client, refs, group.organisationId);
    await screenEligible(officer, bidId);
    const his = await assignBid(officer, bidId, jamesId);
    await james.post(`/api/assignments/${his}/declaration`, { conflict: true, nature: 'My cousin runs it.' });
    await refused(() => answer(james, request.id, { decision: 'reopen' }), 403);
    // Nor does he see the group's requests on the assessment page.
    const seen = (await james.get(`/api/funds/${fund.id}/assessment`)).json()
      .reopenRequests as ReopenRequest[];
    expect(seen.map((r) => r.id)).not.toContain(request.id);
  });

  it('closes an open request as reopened when the officer reopens the scores from the results instead', async () => {
    const { assignmentId, request } = await asked(margaret);
    const reopened = await officer.post(`/api/assignments/${assignmentId}/reopen`, {
      reason: 'Reopened from the results page.',
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const view = (await margaret.client.get(`/api/assignments/${assignmentId}`)).json();
    expect(view.reopenRequest).toMatchObject({ id: request.id, status: 'reopened' });
    expect((await openRequests()).map((r) => r.id)).not.toContain(request.id);
  });
});
