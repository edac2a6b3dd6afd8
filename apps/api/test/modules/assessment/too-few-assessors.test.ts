import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAssessorRole } from '../../builders/accounts.js';
import { assignBid, screenEligible } from '../../builders/assessment.js';
import { refsForFund, submittedBid } from '../../builders/bids.js';
import { createFund } from '../../builders/funds.js';
import { applicantWithGroup } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { userIdOf } from '../../support/database.js';

interface Overview {
  minAssessors: number;
  shortOfAssessors: number;
  bids: { bidId: string; mostAssessors: number }[];
}

/**
 * Issue 9, item 21: a fund whose bids cannot each reach the minimum number of assessors says so on
 * its assessment page, for the fund (too few people hold the role) and for each bid (conflicts and
 * members leave too few), rather than leaving bids in assessment for ever without a word.
 */
describe('a fund that cannot reach its minimum number of assessors', () => {
  let t: TestApp;
  let officer: Client;
  let admin: Client;
  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    officer = await signedIn(t.app, 'officer@demo.test');
    admin = await signedIn(t.app, 'admin@demo.test');
  });
  afterAll(async () => t.close());

  const overviewOf = async (fundId: string): Promise<Overview> => {
    const response = await officer.get(`/api/funds/${fundId}/assessment`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it('says how many more assessors the fund needs when fewer people may assess it than each bid needs', async () => {
    const fund = await createFund(t, officer, { minAssessors: 3 });
    expect(await overviewOf(fund.id)).toMatchObject({ minAssessors: 3, shortOfAssessors: 3 });
    await grantAssessorRole(admin, userIdOf(t.app, 'assessor@demo.test'), fund.id);
    expect((await overviewOf(fund.id)).shortOfAssessors).toBe(2);
    for (const email of ['assessor2@demo.test', 'assessor3@demo.test'])
      await grantAssessorRole(admin, userIdOf(t.app, email), fund.id);
    expect((await overviewOf(fund.id)).shortOfAssessors).toBe(0);
  });

  it('says, bid by bid, the most assessors each can have when conflicts leave too few', async () => {
    const fund = await createFund(t, officer, { minAssessors: 3 });
    const ids = ['assessor@demo.test', 'assessor2@demo.test', 'assessor3@demo.test'].map((email) =>
      userIdOf(t.app, email),
    );
    for (const id of ids) await grantAssessorRole(admin, id, fund.id);
    const refs = await refsForFund(t.app, fund);
    const group = await applicantWithGroup(t.app, 'too.few@example.org', { name: 'Too Few Group' });
    const bidId = await submittedBid(group.client, refs, group.organisationId);
    await screenEligible(officer, bidId);
    expect((await overviewOf(fund.id)).bids).toEqual([expect.objectContaining({ bidId, mostAssessors: 3 })]);

    // Daniel declares a conflict with the group: the bid can now have only two assessors.
    const assignmentId = await assignBid(officer, bidId, ids[1] ?? '');
    const daniel = await signedIn(t.app, 'assessor2@demo.test');
    const declared = await daniel.post(`/api/assignments/${assignmentId}/declaration`, {
      conflict: true,
      nature: 'My brother runs it.',
    });
    expect(declared.statusCode, declared.body).toBe(200);
    const overview = await overviewOf(fund.id);
    expect(overview.shortOfAssessors).toBe(0);
    expect(overview.bids).toEqual([expect.objectContaining({ bidId, mostAssessors: 2 })]);
  });

  it('finds the demo’s Youth Fund able to give every bid its three assessors', async () => {
    const funds = (await officer.get('/api/funds')).json().funds as { id: string; name: string }[];
    const youth = funds.find((f) => f.name === 'Youth Fund');
    const overview = await overviewOf(youth?.id ?? '');
    expect(overview).toMatchObject({ minAssessors: 3, shortOfAssessors: 0 });
    expect(overview.bids.length).toBeGreaterThan(0);
    for (const bid of overview.bids) expect(bid.mostAssessors).toBeGreaterThanOrEqual(3);
  });
});
