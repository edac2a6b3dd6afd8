import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAssessorRole, registeredApplicant } from '../../builders/accounts.js';
import { assignBid, declareNoConflict, screenEligible, submitScores } from '../../builders/assessment.js';
import { refsForFund, submittedBid } from '../../builders/bids.js';
import { createFund, type FundView } from '../../builders/funds.js';
import { applicantWithGroup } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { userIdOf } from '../../support/database.js';
import { expectError, refusedChangingNothing } from '../../support/errors.js';
import { expectPaged } from '../../support/paging.js';
import { addDays } from '../../support/time.js';

interface Listed {
  id: string;
  bidId: string;
  fundId: string;
  status: string;
  scoresDueOn: string | null;
}

/**
 * Issue 9, item 8: an assessor's bids to assess come "to do" first and "done" after, each nearest
 * scoring deadline first (a fund without one last), a page at a time.
 */
describe('the assessor’s list: to do before done, nearest scoring deadline first', () => {
  let t: TestApp;
  let officer: Client;
  let admin: Client;
  let today: string;
  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    officer = await signedIn(t.app, 'officer@demo.test');
    admin = await signedIn(t.app, 'admin@demo.test');
    today = t.clock.now().toISOString().slice(0, 10);
  });
  afterAll(async () => t.close());

  it('sets a scoring deadline on a fund, shows it on the fund, and keeps none when none is given', async () => {
    const due = addDays(today, 21);
    const fund = await createFund(t, officer, { scoresDueOn: due });
    expect(fund).toMatchObject({ scoresDueOn: due });
    expect((await officer.get(`/api/funds/${fund.id}`)).json()).toMatchObject({ scoresDueOn: due });
    expect(await createFund(t, officer)).toMatchObject({ scoresDueOn: null });
  });

  it('refuses a scoring deadline that is not a real date, or before the fund opens (400 on the field), changing nothing', async () => {
    const fund = await createFund(t, officer);
    const body = {
      name: fund.name,
      code: fund.code,
      description: fund.description,
      potPence: fund.potPence,
      capPence: fund.capPence,
      opensAt: fund.opensAt,
      closesAt: fund.closesAt,
      deliveryStartsOn: fund.deliveryStartsOn,
      deliveryEndsOn: fund.deliveryEndsOn,
      minAssessors: fund.minAssessors,
      moderationThreshold: fund.moderationThreshold,
      published: fund.published,
      priorityIds: fund.priorities.map((p) => p.id),
      criteria: fund.criteria.map(({ title, description, weight, guidance }) => ({
        title,
        description,
        weight,
        guidance,
      })),
    };
    for (const [scoresDueOn, message] of [
      ['2027-02-31', 'Enter a real date for when scores are due'],
      [addDays(fund.opensAt.slice(0, 10), -2), 'Scores cannot be due before the fund opens'],
    ] as const) {
      const error = await refusedChangingNothing(
        t.app,
        () => officer.put(`/api/funds/${fund.id}`, { ...body, scoresDueOn }),
        400,
      );
      expect(error.fields).toEqual({ scoresDueOn: message });
    }
  });

  it('lists bids still to do first, nearest scoring deadline first, then those done, and pages through them in that order', async () => {
    // A new assessor, on three funds: scores due in 20 days, in 5 days, and no deadline.
    const email = 'deadlines.assessor@example.org';
    const assessor = await registeredApplicant(t.app, email, 'Dee Adline');
    const assessorId = userIdOf(t.app, email);
    const later = await createFund(t, officer, { scoresDueOn: addDays(today, 20) });
    const sooner = await createFund(t, officer, { scoresDueOn: addDays(today, 5) });
    const whenever = await createFund(t, officer);
    for (const fund of [later, sooner, whenever]) await grantAssessorRole(admin, assessorId, fund.id);

    /** Gives the assessor n bids of the fund; the first `done` are scored and submitted. */
    async function bidsOn(fund: FundView, n: number, done: number): Promise<string[]> {
      const refs = await refsForFund(t.app, fund);
      const group = await applicantWithGroup(t.app, `deadline.group.${fund.code}@example.org`);
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const bidId = await submittedBid(group.client, refs, group.organisationId, { title: `Bid ${i}` });
        await screenEligible(officer, bidId);
        const assignmentId = await assignBid(officer, bidId, assessorId);
        if (i < done) {
          await declareNoConflict(assessor, assignmentId);
          await submitScores(assessor, assignmentId, fund.criteria, [3, 3, 3, 3, 3, 3]);
        }
        ids.push(assignmentId);
      }
      return ids;
    }
    // Made in an order that is not the order wanted: no deadline first, the latest deadline last.
    const [wheneverDone, ...wheneverToDo] = await bidsOn(whenever, 3, 1);
    const [laterDone, ...laterToDo] = await bidsOn(later, 3, 1);
    const [soonerDone, ...soonerToDo] = await bidsOn(sooner, 3, 1);

    const { ids } = await expectPaged(assessor, '/api/assignments', 'assignments', 4);
    expect(ids).toEqual([...soonerToDo, ...laterToDo, ...wheneverToDo, soonerDone, laterDone, wheneverDone]);
    const whole = (await assessor.get('/api/assignments?pageSize=100')).json() as {
      assignments: Listed[];
      toFinish: number;
      total: number;
    };
    expect(whole).toMatchObject({ toFinish: 6, total: 9 });
    expect(whole.assignments.slice(0, 2).map((a) => a.scoresDueOn)).toEqual([
      addDays(today, 5),
      addDays(today, 5),
    ]);
    expect(whole.assignments.find((a) => a.fundId === whenever.id)?.scoresDueOn).toBeNull();
  });

  it('shows the assessor the fund’s scoring deadline on the bid they assess', async () => {
    const due = addDays(today, 12);
    const fund = await createFund(t, officer, { scoresDueOn: due });
    const assessorId = userIdOf(t.app, 'assessor3@demo.test');
    await grantAssessorRole(admin, assessorId, fund.id);
    const group = await applicantWithGroup(t.app, 'deadline.shown@example.org');
    const bidId = await submittedBid(group.client, await refsForFund(t.app, fund), group.organisationId);
    await screenEligible(officer, bidId);
    const assignmentId = await assignBid(officer, bidId, assessorId);
    const assessor = await signedIn(t.app, 'assessor3@demo.test');
    const view = await assessor.get(`/api/assignments/${assignmentId}`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().fund).toMatchObject({ scoresDueOn: due });
    expectError(await assessor.get('/api/assignments?pageSize=101'), 400, 'validation_failed');
  });
});
