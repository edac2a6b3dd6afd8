import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAssessorRole } from '../../builders/accounts.js';
import { assignBid, declareNoConflict, screenEligible, submitScores } from '../../builders/assessment.js';
import { type JourneyRefs, refsForFund, submittedBid } from '../../builders/bids.js';
import { createFund, type FundView } from '../../builders/funds.js';
import { applicantWithGroup } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import { userIdOf } from '../../support/database.js';
import { refusedChangingNothing } from '../../support/errors.js';
import { addDays } from '../../support/time.js';

interface FundWork {
  fundId: string;
  fundName: string;
  toScreen: number;
  waitingForAssessors: number;
  assessorsBehind: number;
  readyForPanel: number;
}

/**
 * The officer's home page counts the work waiting, fund by fund (item 11 of issue 9); each count is
 * what the list it links to shows: the bids list filtered by status and fund, the assessment page's
 * bids waiting for assessors, the panel page's bids waiting for a decision.
 */
describe('work waiting (GET /api/work)', () => {
  let t: TestApp;
  let officer: Client;
  let fund: FundView;
  let refs: JourneyRefs;
  let group: { client: Client; organisationId: string };
  const assessor = (email: string) => ({ id: userIdOf(t.app, email), email });
  let scorers: { client: Client; id: string }[];

  const workOf = async (fundId = fund.id): Promise<FundWork | undefined> => {
    const response = await officer.get('/api/work');
    expect(response.statusCode, response.body).toBe(200);
    return (response.json().funds as FundWork[]).find((f) => f.fundId === fundId);
  };

  /** What the lists the counts link to show now. */
  async function lists() {
    const submitted = (await officer.get(`/api/bids?status=submitted&fundId=${fund.id}`)).json()
      .total as number;
    const overview = (await officer.get(`/api/funds/${fund.id}/assessment`)).json() as {
      minAssessors: number;
      bids: { status: string; assignments: { status: string }[] }[];
    };
    const live = ['awaiting_declaration', 'scoring', 'submitted'];
    const waiting = overview.bids.filter(
      (b) =>
        ['eligible', 'in_assessment'].includes(b.status) &&
        b.assignments.filter((a) => live.includes(a.status)).length < overview.minAssessors,
    ).length;
    const results = (await officer.get(`/api/funds/${fund.id}/results`)).json().results as {
      status: string;
    }[];
    const ready = results.filter((r) => r.status === 'scored' || r.status === 'deferred').length;
    return { toScreen: submitted, waitingForAssessors: waiting, readyForPanel: ready };
  }

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    officer = await signedIn(t.app, 'officer@demo.test');
    const admin = await signedIn(t.app, 'admin@demo.test');
    fund = await createFund(t, officer, { minAssessors: 2 });
    scorers = [];
    for (const email of ['assessor@demo.test', 'assessor2@demo.test']) {
      await grantAssessorRole(admin, assessor(email).id, fund.id);
      scorers.push({ client: await signedIn(t.app, email), id: assessor(email).id });
    }
    refs = await refsForFund(t.app, fund);
    group = await applicantWithGroup(t.app, 'work.waiting@example.org', { name: 'Work Waiting Group' });
  });
  afterAll(async () => t.close());

  it('counts, for each fund, the bids to check, those waiting for assessors and those ready for the panel: each what its list shows', async () => {
    expect(await workOf()).toEqual({
      fundId: fund.id,
      fundName: fund.name,
      toScreen: 0,
      waitingForAssessors: 0,
      assessorsBehind: 0,
      readyForPanel: 0,
      offersToIssue: 0,
      offersOverdue: 0,
      reportsDueSoon: 0,
      reportsOverdue: 0,
    });
    // Two sent bids to check; one eligible with nobody yet; one with one assessor of the two it needs;
    // one with both (not waiting); and one scored by both (ready for the panel).
    await submittedBid(group.client, refs, group.organisationId);
    await submittedBid(group.client, refs, group.organisationId);
    const none = await submittedBid(group.client, refs, group.organisationId);
    await screenEligible(officer, none);
    const one = await submittedBid(group.client, refs, group.organisationId);
    await screenEligible(officer, one);
    await assignBid(officer, one, scorers[0]?.id ?? '');
    const both = await submittedBid(group.client, refs, group.organisationId);
    await screenEligible(officer, both);
    for (const s of scorers) await assignBid(officer, both, s.id);
    const scored = await submittedBid(group.client, refs, group.organisationId);
    await screenEligible(officer, scored);
    for (const s of scorers) {
      const assignmentId = await assignBid(officer, scored, s.id);
      await declareNoConflict(s.client, assignmentId);
      await submitScores(s.client, assignmentId, fund.criteria, [3, 3, 3, 3, 3, 3]);
    }
    const work = await workOf();
    expect(work).toMatchObject({ toScreen: 2, waitingForAssessors: 2, readyForPanel: 1 });
    expect(await lists()).toEqual({
      toScreen: work?.toScreen,
      waitingForAssessors: work?.waitingForAssessors,
      readyForPanel: work?.readyForPanel,
    });
  });

  it('counts the assessors behind the scoring deadline (each person once), as the assessment page lists them', async () => {
    const today = t.clock.now().toISOString().slice(0, 10);
    const due = await createFund(t, officer, { minAssessors: 2, scoresDueOn: addDays(today, 3) });
    const admin = await signedIn(t.app, 'admin@demo.test');
    for (const s of scorers) await grantAssessorRole(admin, s.id, due.id);
    const dueRefs = await refsForFund(t.app, due);
    const [first, second] = scorers as [{ client: Client; id: string }, { client: Client; id: string }];
    // First: two bids to declare and score, one already scored. Second: one bid being scored.
    const a = await submittedBid(group.client, dueRefs, group.organisationId);
    const b = await submittedBid(group.client, dueRefs, group.organisationId);
    const c = await submittedBid(group.client, dueRefs, group.organisationId);
    for (const bid of [a, b, c]) await screenEligible(officer, bid);
    await assignBid(officer, a, first.id);
    await assignBid(officer, b, first.id);
    const done = await assignBid(officer, c, first.id);
    await declareNoConflict(first.client, done);
    await submitScores(first.client, done, due.criteria, [3, 3, 3, 3, 3, 3]);
    const scoring = await assignBid(officer, a, second.id);
    await declareNoConflict(second.client, scoring);

    const behind = async () => {
      const overview = (await officer.get(`/api/funds/${due.id}/assessment`)).json() as {
        assessors: { assessorId: string; behind: number }[];
      };
      return Object.fromEntries(overview.assessors.map((x) => [x.assessorId, x.behind]));
    };
    // Days pass: sessions end, so everyone signs in again.
    const later = async (days: number) => {
      t.clock.advance(days * 86_400_000);
      officer = await signedIn(t.app, 'officer@demo.test');
      second.client = await signedIn(t.app, 'assessor2@demo.test');
    };
    // On the day scores are due, nobody is late yet.
    await later(3);
    expect((await workOf(due.id))?.assessorsBehind).toBe(0);
    expect(await behind()).toEqual({ [first.id]: 0, [second.id]: 0 });
    // The day after, both are: two people, whatever the number of bids.
    await later(1);
    expect((await workOf(due.id))?.assessorsBehind).toBe(2);
    expect(await behind()).toEqual({ [first.id]: 2, [second.id]: 1 });
    await submitScores(second.client, scoring, due.criteria, [4, 4, 4, 4, 4, 4]);
    expect((await workOf(due.id))?.assessorsBehind).toBe(1);
    expect(await behind()).toEqual({ [first.id]: 2, [second.id]: 0 });
  });

  it('counts the demo’s Communities Fund as its lists show it', async () => {
    const funds = (await officer.get('/api/funds')).json().funds as { id: string; name: string }[];
    const communities = funds.find((f) => f.name === 'Communities Fund')?.id ?? '';
    const work = await workOf(communities);
    const submitted = (await officer.get(`/api/bids?status=submitted&fundId=${communities}`)).json().total;
    expect(work?.toScreen).toBe(submitted);
    expect(work?.toScreen).toBeGreaterThan(0);
  });

  it('is for officers: admins, finance, assessors and applicants are refused (403), anonymous callers 401', async () => {
    for (const email of [
      'admin@demo.test',
      'finance@demo.test',
      'assessor@demo.test',
      'applicant@demo.test',
    ]) {
      const client = await signedIn(t.app, email);
      await refusedChangingNothing(
        t.app,
        (): Promise<LightMyRequestResponse> => client.get('/api/work'),
        403,
      );
    }
    await refusedChangingNothing(t.app, () => new Client(t.app).get('/api/work'), 401);
  });
});

describe('the bid page offers “Assign assessors” once a bid is eligible (item 13)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(async () => t.close());

  it('says an officer may assign assessors to an eligible or in-assessment bid, and not before it is checked', async () => {
    const officer = await signedIn(t.app, 'officer@demo.test');
    const fund = await createFund(t, officer, { minAssessors: 1 });
    const refs = await refsForFund(t.app, fund);
    const group = await applicantWithGroup(t.app, 'assign.link@example.org', { name: 'Assign Link Group' });
    const bidId = await submittedBid(group.client, refs, group.organisationId);
    const permissions = async (client: Client) => (await client.get(`/api/bids/${bidId}`)).json().permissions;
    expect((await permissions(officer)).assign).toBe(false);
    await screenEligible(officer, bidId);
    expect((await permissions(officer)).assign).toBe(true);
    const admin = await signedIn(t.app, 'admin@demo.test');
    await grantAssessorRole(admin, userIdOf(t.app, 'assessor@demo.test'), fund.id);
    await assignBid(officer, bidId, userIdOf(t.app, 'assessor@demo.test'));
    expect((await permissions(officer)).assign).toBe(true);
    // Finance may read the bid but not give it out; nor may the group.
    expect((await permissions(await signedIn(t.app, 'finance@demo.test'))).assign).toBe(false);
    expect((await permissions(group.client)).assign).toBe(false);
  });
});
