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
import { Client, signedIn } from '../../support/client.js';
import { auditSince, bidStatusOf, lastAuditId, userIdOf } from '../../support/database.js';
import { refusedChangingNothing } from '../../support/errors.js';

describe('scoring (PUT /api/assignments/:assignmentId/scores)', () => {
  let t: TestApp;
  let officer: Client;
  let fund: FundView;
  let refs: JourneyRefs;
  let group: { client: Client; organisationId: string };
  let margaret: AssessorHandle;
  let daniel: AssessorHandle;
  let priya: AssessorHandle;
  const refused = (send: () => Promise<LightMyRequestResponse>, status: number) =>
    refusedChangingNothing(t.app, send, status);
  const scoresUrl = (assignmentId: string) => `/api/assignments/${assignmentId}/scores`;

  /** A bid in assessment with this assessor on it, declared "no conflict"; returns the assignment. */
  async function readyToScore(assessor: AssessorHandle): Promise<{ bidId: string; assignmentId: string }> {
    const bidId = await submittedBid(group.client, refs, group.organisationId);
    await screenEligible(officer, bidId);
    const assignmentId = await assignBid(officer, bidId, assessor.id);
    await declareNoConflict(assessor.client, assignmentId);
    return { bidId, assignmentId };
  }

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
    group = await applicantWithGroup(t.app, 'scored.group@example.org', { name: 'Scored Group' });
  });
  afterAll(async () => t.close());

  it('refuses scores before the conflict declaration (409), changing nothing', async () => {
    const bidId = await submittedBid(group.client, refs, group.organisationId);
    await screenEligible(officer, bidId);
    const assignmentId = await assignBid(officer, bidId, margaret.id);
    const error = await refused(
      () => margaret.client.put(scoresUrl(assignmentId), scoreSetBody(fund.criteria, [3, 3, 3, 3, 3, 3])),
      409,
    );
    expect(error).toMatchObject({
      code: 'invalid_state',
      message: 'Tell us whether you have a conflict of interest before scoring',
    });
  });

  it('refuses scores below 0, above 5, fractional or not numbers, naming each field (400), changing nothing', async () => {
    const { assignmentId } = await readyToScore(margaret);
    const body = scoreSetBody(fund.criteria, [3, 3, 3, 3, 3, 3], { submit: false }) as {
      scores: Record<string, unknown>[];
    };
    const bad = [-1, 6, 2.5, '3'];
    bad.forEach((score, index) => {
      if (body.scores[index]) body.scores[index].score = score;
    });
    const error = await refused(() => margaret.client.put(scoresUrl(assignmentId), body), 400);
    expect(error.fields).toEqual({
      'scores.0.score': 'The score must be a whole number from 0 to 5',
      'scores.1.score': 'The score must be a whole number from 0 to 5',
      'scores.2.score': 'The score must be a whole number from 0 to 5',
      'scores.3.score': 'The score must be a whole number from 0 to 5',
    });
  });

  it('refuses a score for a criterion not in the fund — unknown, or another fund’s (400 on its criterionId), changing nothing', async () => {
    const { assignmentId } = await readyToScore(margaret);
    const otherFund = (await new Client(t.app).get('/api/funds'))
      .json()
      .funds.find((f: FundView) => f.id !== fund.id);
    const body = scoreSetBody(fund.criteria, [3, 3, 3, 3, 3, 3], { submit: false }) as {
      scores: Record<string, unknown>[];
    };
    body.scores.push({ criterionId: crypto.randomUUID(), score: 4 });
    body.scores.push({ criterionId: otherFund.criteria[0].id, score: 4 });
    const error = await refused(() => margaret.client.put(scoresUrl(assignmentId), body), 400);
    expect(error.fields).toEqual({
      'scores.6.criterionId': 'This is not one of the fund’s criteria',
      'scores.7.criterionId': 'This is not one of the fund’s criteria',
    });
  });

  it('saves a draft to return to: the scores so far, a new version, the running total', async () => {
    const { assignmentId } = await readyToScore(margaret);
    const first = await margaret.client.put(
      scoresUrl(assignmentId),
      scoreSetBody(fund.criteria, [5, 4], { submit: false, recommendation: undefined }),
    );
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      status: 'draft',
      version: 1,
      recommendation: null,
      submittedAt: null,
    });
    // 5 × 30 + 4 × 20 = 230 points of 500: 46.0 so far.
    expect(first.json().total).toBe(46);
    expect(
      bidStatusOf(
        t.app,
        (await margaret.client.get(`/api/assignments/${assignmentId}`)).json().assignment.bidId,
      ),
    ).toBe('in_assessment');
    const second = await margaret.client.put(
      scoresUrl(assignmentId),
      scoreSetBody(fund.criteria, [5, 4, 3], { submit: false, baseVersion: 1 }),
    );
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ status: 'draft', version: 2, recommendation: 'fund' });
    // Coming back later, the assessor finds what they saved.
    const view = (await margaret.client.get(`/api/assignments/${assignmentId}`)).json();
    expect(view.scoreSet).toMatchObject({ version: 2, status: 'draft', total: 55 });
    expect(view.scoreSet.scores.filter((s: { score: number | null }) => s.score !== null)).toHaveLength(3);
  });

  it('refuses a save from a stale version (409), changing nothing', async () => {
    const { assignmentId } = await readyToScore(margaret);
    await margaret.client.put(scoresUrl(assignmentId), scoreSetBody(fund.criteria, [1], { submit: false }));
    for (const baseVersion of [0, 2]) {
      const error = await refused(
        () =>
          margaret.client.put(
            scoresUrl(assignmentId),
            scoreSetBody(fund.criteria, [2], { submit: false, baseVersion }),
          ),
        409,
      );
      expect(error.code).toBe('conflict');
      expect(error.message).toMatch(/saved somewhere else/);
    }
  });

  it('refuses to submit an incomplete set — a criterion unscored, a comment missing, no recommendation — naming each, and submits nothing', async () => {
    const { assignmentId } = await readyToScore(margaret);
    const unscored = scoreSetBody(fund.criteria, [5, 4, 3, 2, 1, undefined]);
    expect((await refused(() => margaret.client.put(scoresUrl(assignmentId), unscored), 400)).fields).toEqual(
      {
        'criteria.5.score': 'Score “Criterion 6”',
      },
    );
    const uncommented = scoreSetBody(fund.criteria, [5, 4, 3, 2, 1, 0]) as {
      scores: Record<string, unknown>[];
    };
    delete uncommented.scores[2]?.comment;
    expect(
      (await refused(() => margaret.client.put(scoresUrl(assignmentId), uncommented), 400)).fields,
    ).toEqual({
      'criteria.2.comment': 'Add a comment on “Criterion 3”',
    });
    const noRecommendation = scoreSetBody(fund.criteria, [5, 4, 3, 2, 1, 0], { recommendation: undefined });
    expect(
      (await refused(() => margaret.client.put(scoresUrl(assignmentId), noRecommendation), 400)).fields,
    ).toEqual({
      recommendation: 'Choose your recommendation',
    });
    const missingCriterion = scoreSetBody(fund.criteria.slice(0, 5), [5, 4, 3, 2, 1]);
    expect(
      Object.keys(
        (await refused(() => margaret.client.put(scoresUrl(assignmentId), missingCriterion), 400)).fields ??
          {},
      ).sort(),
    ).toEqual(['criteria.5.comment', 'criteria.5.score']);
    expect((await margaret.client.get(`/api/assignments/${assignmentId}`)).json().assignment.status).toBe(
      'scoring',
    );
  });

  it('submits a complete set with the weighted total out of 100: 5,4,3,2,1,0 on 30,20,15,15,10,10 is 63.0', async () => {
    const { bidId, assignmentId } = await readyToScore(margaret);
    const since = lastAuditId(t.app);
    const response = await margaret.client.put(
      scoresUrl(assignmentId),
      scoreSetBody(fund.criteria, [5, 4, 3, 2, 1, 0]),
    );
    expect(response.statusCode, response.body).toBe(200);
    // (5×30 + 4×20 + 3×15 + 2×15 + 1×10 + 0×10) / 5 = (150 + 80 + 45 + 30 + 10 + 0) / 5 = 63
    expect(response.json()).toMatchObject({
      status: 'submitted',
      total: 63,
      recommendation: 'fund',
      submittedAt: t.clock.now().toISOString(),
    });
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['assessment.scores_submitted']);
    // One of the two assessors the fund needs: still in assessment.
    expect(bidStatusOf(t.app, bidId)).toBe('in_assessment');
    const results = (await officer.get(`/api/funds/${fund.id}/results`)).json().results;
    expect(results.find((r: { bidId: string }) => r.bidId === bidId)).toMatchObject({
      completeSets: 1,
      meanScore: 63,
    });
  });

  it('makes submitted scores read-only (409) until an officer reopens them with a reason, which is audited', async () => {
    const { bidId, assignmentId } = await readyToScore(margaret);
    await submitScores(margaret.client, assignmentId, fund.criteria, [4, 4, 4, 4, 4, 4]);
    const error = await refused(
      () =>
        margaret.client.put(
          scoresUrl(assignmentId),
          scoreSetBody(fund.criteria, [5, 5, 5, 5, 5, 5], { baseVersion: 1 }),
        ),
      409,
    );
    expect(error.message).toBe(
      'You have already submitted your scores. Ask the grants officer to reopen them if something needs changing.',
    );
    // Not the assessor, not without a reason.
    await refused(
      () => margaret.client.post(`/api/assignments/${assignmentId}/reopen`, { reason: 'Please' }),
      403,
    );
    const admin = await signedIn(t.app, 'admin@demo.test');
    await refused(() => admin.post(`/api/assignments/${assignmentId}/reopen`, { reason: 'Please' }), 403);
    expect(
      Object.keys(
        (await refused(() => officer.post(`/api/assignments/${assignmentId}/reopen`, {}), 400)).fields ?? {},
      ),
    ).toEqual(['reason']);
    const since = lastAuditId(t.app);
    const reopened = await officer.post(`/api/assignments/${assignmentId}/reopen`, {
      reason: 'The assessor scored the wrong bid’s budget.',
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'draft', submittedAt: null, version: 1 });
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({
        action: 'assessment.scores_reopened',
        entityId: bidId,
        actorId: userIdOf(t.app, 'officer@demo.test'),
        reason: 'The assessor scored the wrong bid’s budget.',
      }),
    ]);
    const changed = await margaret.client.put(
      scoresUrl(assignmentId),
      scoreSetBody(fund.criteria, [5, 5, 5, 5, 5, 5], { baseVersion: 1 }),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ status: 'submitted', total: 100, version: 2 });
    // Only submitted scores can be reopened.
    const draft = await readyToScore(daniel);
    await refused(
      () => officer.post(`/api/assignments/${draft.assignmentId}/reopen`, { reason: 'Why not' }),
      409,
    );
  });

  it('makes a bid "scored" once minAssessors have submitted and nobody is still scoring, and back when reopened', async () => {
    const bidId = await submittedBid(group.client, refs, group.organisationId);
    await screenEligible(officer, bidId);
    const onIt = [margaret, daniel, priya];
    const assignments = [];
    for (const assessor of onIt) assignments.push(await assignBid(officer, bidId, assessor.id));
    const [a, b, c] = assignments as [string, string, string];
    await declareNoConflict(margaret.client, a);
    await submitScores(margaret.client, a, fund.criteria, [3, 3, 3, 3, 3, 3]);
    expect(bidStatusOf(t.app, bidId)).toBe('in_assessment');
    await declareNoConflict(daniel.client, b);
    await submitScores(daniel.client, b, fund.criteria, [4, 4, 4, 4, 4, 4]);
    // Two submitted, as the fund needs; but priya has not finished, so the bid waits for her.
    expect(bidStatusOf(t.app, bidId)).toBe('in_assessment');
    await declareNoConflict(priya.client, c);
    await priya.client.put(scoresUrl(c), scoreSetBody(fund.criteria, [2, 2], { submit: false }));
    expect(bidStatusOf(t.app, bidId)).toBe('in_assessment');
    await submitScores(priya.client, c, fund.criteria, [2, 2, 2, 2, 2, 2]);
    expect(bidStatusOf(t.app, bidId)).toBe('scored');
    // Reopening one set sends the bid back to assessment, recorded on the bid.
    const since = lastAuditId(t.app);
    expect(
      (await officer.post(`/api/assignments/${b}/reopen`, { reason: 'Check the budget score' })).statusCode,
    ).toBe(200);
    expect(bidStatusOf(t.app, bidId)).toBe('in_assessment');
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual([
      'assessment.scores_reopened',
      'bid.reopen_scoring',
    ]);
    await submitScores(daniel.client, b, fund.criteria, [4, 4, 4, 4, 4, 4]);
    expect(bidStatusOf(t.app, bidId)).toBe('scored');
  });

  it('makes a bid "scored" when the one assessor still to score is taken off, leaving enough submitted sets', async () => {
    const bidId = await submittedBid(group.client, refs, group.organisationId);
    await screenEligible(officer, bidId);
    const first = await assignBid(officer, bidId, margaret.id);
    await declareNoConflict(margaret.client, first);
    await submitScores(margaret.client, first, fund.criteria, [3, 3, 3, 3, 3, 3]);
    const second = await assignBid(officer, bidId, daniel.id);
    const third = await assignBid(officer, bidId, priya.id);
    await declareNoConflict(priya.client, third);
    await submitScores(priya.client, third, fund.criteria, [3, 3, 3, 3, 3, 3]);
    expect(bidStatusOf(t.app, bidId)).toBe('in_assessment');
    expect((await officer.delete(`/api/assignments/${second}`)).statusCode).toBe(204);
    expect(bidStatusOf(t.app, bidId)).toBe('scored');
  });

  it('never lets one assessor change another’s scores (404), nor an officer through the assessor’s route', async () => {
    const { assignmentId } = await readyToScore(margaret);
    await margaret.client.put(
      scoresUrl(assignmentId),
      scoreSetBody(fund.criteria, [1, 1], { submit: false }),
    );
    for (const client of [daniel.client, priya.client, officer]) {
      await refused(
        () =>
          client.put(
            scoresUrl(assignmentId),
            scoreSetBody(fund.criteria, [5, 5, 5, 5, 5, 5], { baseVersion: 1 }),
          ),
        404,
      );
    }
    expect((await margaret.client.get(`/api/assignments/${assignmentId}`)).json().scoreSet).toMatchObject({
      version: 1,
      total: 10,
    });
    // A bid never assigned to you at all is just as absent.
    await refused(
      () => daniel.client.put(scoresUrl(crypto.randomUUID()), scoreSetBody(fund.criteria, [1])),
      404,
    );
  });
});
