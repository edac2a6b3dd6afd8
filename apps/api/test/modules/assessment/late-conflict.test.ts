import { sql } from 'drizzle-orm';
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
import { auditSince, bidStatusOf, lastAuditId } from '../../support/database.js';
import { refusedChangingNothing } from '../../support/errors.js';

const PANEL_DATE = '2026-12-01';
const NATURE = 'I found out my cousin is the treasurer.';

interface ScoreSetView {
  assignmentId: string;
  assessorName: string;
  status: string;
  total: number;
  setAsideAt: string | null;
  setAsideReason: string | null;
}
interface ResultView {
  bidId: string;
  status: string;
  completeSets: number;
  meanScore: number | null;
  scoreSets: ScoreSetView[];
}

/**
 * An assessor who declares a conflict with a group after scoring some of its bids: the conflict is
 * with the group, so it reaches the scores already given to the group's bids not yet decided.
 */
describe('a conflict declared after scoring the group’s other bids', () => {
  let t: TestApp;
  let officer: Client;
  let fund: FundView;
  let refs: JourneyRefs;
  let margaret: AssessorHandle;
  let daniel: AssessorHandle;
  let group: { client: Client; organisationId: string };
  /** Scored by margaret (100) and daniel (60). */
  let scored: { bidId: string; margaretsAssignment: string };
  /** Scored by both, then deferred by the panel. */
  let deferred: { bidId: string; margaretsAssignment: string };
  /** Scored by both, then awarded. */
  let awarded: { bidId: string; margaretsAssignment: string };
  /** Daniel has submitted; margaret has only saved a draft. */
  let assessing: { bidId: string; margaretsAssignment: string };
  let since: number;

  async function bothScore(title: string, margaretSubmits = true) {
    const bidId = await submittedBid(group.client, refs, group.organisationId, { title });
    await screenEligible(officer, bidId);
    const margaretsAssignment = await assignBid(officer, bidId, margaret.id);
    const danielsAssignment = await assignBid(officer, bidId, daniel.id);
    await declareNoConflict(margaret.client, margaretsAssignment);
    await declareNoConflict(daniel.client, danielsAssignment);
    await submitScores(daniel.client, danielsAssignment, fund.criteria, [3, 3, 3, 3, 3, 3]);
    if (margaretSubmits) {
      await submitScores(margaret.client, margaretsAssignment, fund.criteria, [5, 5, 5, 5, 5, 5]);
    } else {
      const saved = await margaret.client.put(
        `/api/assignments/${margaretsAssignment}/scores`,
        scoreSetBody(fund.criteria, [5, 5], { submit: false }),
      );
      expect(saved.statusCode, saved.body).toBe(200);
    }
    return { bidId, margaretsAssignment };
  }

  const decide = (bidId: string, decision: Record<string, unknown>) =>
    officer.post(`/api/bids/${bidId}/decision`, { panelDate: PANEL_DATE, decision });

  const resultFor = async (bidId: string): Promise<ResultView> => {
    const results = (await officer.get(`/api/funds/${fund.id}/results`)).json().results as ResultView[];
    const found = results.find((r) => r.bidId === bidId);
    if (!found) throw new Error(`No result for ${bidId}`);
    return found;
  };

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    officer = await signedIn(t.app, 'officer@demo.test');
    const admin = await signedIn(t.app, 'admin@demo.test');
    fund = await createFund(t, officer, { minAssessors: 2 });
    refs = await refsForFund(t.app, fund);
    const handle = (email: string) => assessorOf(t.app, admin, fund.id, email);
    margaret = await handle('assessor@demo.test');
    daniel = await handle('assessor2@demo.test');
    group = await applicantWithGroup(t.app, 'late.conflict@example.org', { name: 'Late Conflict Group' });

    scored = await bothScore('Scored bid');
    deferred = await bothScore('Deferred bid');
    expect((await decide(deferred.bidId, { outcome: 'defer' })).statusCode).toBe(200);
    awarded = await bothScore('Awarded bid');
    expect((await decide(awarded.bidId, { outcome: 'award', amountPence: 500_000 })).statusCode).toBe(200);
    assessing = await bothScore('Assessing bid', false);
    expect(bidStatusOf(t.app, scored.bidId)).toBe('scored');
    expect(bidStatusOf(t.app, assessing.bidId)).toBe('in_assessment');

    // Margaret is given another of the group's bids, and declares a conflict with the group on it.
    const newBid = await submittedBid(group.client, refs, group.organisationId, { title: 'New bid' });
    await screenEligible(officer, newBid);
    const declaredOn = await assignBid(officer, newBid, margaret.id);
    since = lastAuditId(t.app);
    const declared = await margaret.client.post(`/api/assignments/${declaredOn}/declaration`, {
      conflict: true,
      nature: NATURE,
    });
    expect(declared.statusCode, declared.body).toBe(200);
  });
  afterAll(async () => t.close());

  it('withdraws her submitted scores on the group’s undecided bids: kept, not counted, shown to officers as withdrawn with why', async () => {
    const result = await resultFor(scored.bidId);
    expect(result.completeSets).toBe(1);
    expect(result.meanScore).toBe(60);
    const hers = result.scoreSets.find((s) => s.assignmentId === scored.margaretsAssignment);
    expect(hers).toMatchObject({
      assessorName: 'Cllr Margaret Ellis',
      status: 'withdrawn',
      total: 100,
      setAsideAt: t.clock.now().toISOString(),
      setAsideReason: `Conflict of interest declared with the group: ${NATURE}`,
    });
    // Kept in the history: the set and its scores are still there.
    const kept = t.app.db.get<{ n: number }>(
      sql`select count(*) as n from scores join score_sets on score_sets.id = scores.score_set_id
          where score_sets.assignment_id = ${scored.margaretsAssignment}`,
    );
    expect(kept?.n).toBe(6);
    expect(
      auditSince(t.app, since).filter(
        (e) => e.action === 'assessment.scores_withdrawn' && e.entityId === scored.bidId,
      ),
    ).toEqual([expect.objectContaining({ reason: NATURE })]);
  });

  it('withdraws her draft on a bid still being assessed too, which stays being assessed', async () => {
    const result = await resultFor(assessing.bidId);
    expect(result.status).toBe('in_assessment');
    expect(result.completeSets).toBe(1);
    expect(result.scoreSets.find((s) => s.assignmentId === assessing.margaretsAssignment)?.status).toBe(
      'withdrawn',
    );
  });

  it('sends a scored bid that drops below its required complete score sets back to being assessed, moved by the system', async () => {
    expect(bidStatusOf(t.app, scored.bidId)).toBe('in_assessment');
    expect(
      auditSince(t.app, since).filter(
        (e) => e.action === 'bid.reopen_scoring' && e.entityId === scored.bidId,
      ),
    ).toEqual([
      expect.objectContaining({ actorId: null, after: expect.objectContaining({ status: 'in_assessment' }) }),
    ]);
  });

  it('sends a deferred bid that drops below its required complete score sets back to being assessed too', async () => {
    expect(bidStatusOf(t.app, deferred.bidId)).toBe('in_assessment');
    expect((await resultFor(deferred.bidId)).completeSets).toBe(1);
  });

  it('ends her access to the group’s undecided bids: no answers, no scores, no scoring (403)', async () => {
    for (const { margaretsAssignment } of [scored, deferred, assessing]) {
      const view = (await margaret.client.get(`/api/assignments/${margaretsAssignment}`)).json();
      expect(view.assignment.status).toBe('conflict');
      expect(view.bid).toBeNull();
      expect(view.scoreSet).toBeNull();
    }
    await refusedChangingNothing(
      t.app,
      () =>
        margaret.client.put(
          `/api/assignments/${assessing.margaretsAssignment}/scores`,
          scoreSetBody(fund.criteria, [1, 1, 1, 1, 1, 1], { baseVersion: 1 }),
        ),
      403,
    );
  });

  it('leaves a decided bid as the panel decided it: her scores there still count, but she reads it no more', async () => {
    const result = await resultFor(awarded.bidId);
    expect(result).toMatchObject({ status: 'awarded', completeSets: 2, meanScore: 80 });
    expect(result.scoreSets.find((s) => s.assignmentId === awarded.margaretsAssignment)?.status).toBe(
      'submitted',
    );
    const view = (await margaret.client.get(`/api/assignments/${awarded.margaretsAssignment}`)).json();
    expect(view.assignment.status).toBe('submitted');
    expect(view.bid).toBeNull();
    expect(view.scoreSet).toBeNull();
  });
});
