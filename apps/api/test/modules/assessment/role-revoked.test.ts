import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAssessorRole } from '../../builders/accounts.js';
import { assignBid, declareNoConflict, scoreSetBody, screenEligible } from '../../builders/assessment.js';
import { refsForFund, submittedBid } from '../../builders/bids.js';
import { createFund } from '../../builders/funds.js';
import { applicantWithGroup } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { userIdOf } from '../../support/database.js';
import { expectError } from '../../support/errors.js';

describe('an assessor whose role is taken away', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(async () => t.close());

  it('can no longer see or score a bid they were given, from the moment the role goes', async () => {
    const officer = await signedIn(t.app, 'officer@demo.test');
    const admin: Client = await signedIn(t.app, 'admin@demo.test');
    const fund = await createFund(t, officer);
    const refs = await refsForFund(t.app, fund);
    const group = await applicantWithGroup(t.app, `revoked.${Date.now()}@example.org`);
    const assessorId = userIdOf(t.app, 'assessor@demo.test');
    await grantAssessorRole(admin, assessorId, fund.id);
    const assessor = await signedIn(t.app, 'assessor@demo.test');
    const bidId = await submittedBid(group.client, refs, group.organisationId);
    await screenEligible(officer, bidId);
    const assignmentId = await assignBid(officer, bidId, assessorId);
    await declareNoConflict(assessor, assignmentId);
    const criteria = (await assessor.get(`/api/assignments/${assignmentId}`)).json().criteria as {
      id: string;
    }[];
    const draft = await assessor.put(
      `/api/assignments/${assignmentId}/scores`,
      scoreSetBody(criteria, [3], { submit: false }),
    );
    expect(draft.statusCode, draft.body).toBe(200);

    const user = (await admin.get(`/api/admin/users/${assessorId}`)).json() as {
      roles: { id: string; fundId: string | null }[];
    };
    const grant = user.roles.find((r) => r.fundId === fund.id);
    expect((await admin.delete(`/api/admin/users/${assessorId}/roles/${grant?.id}`)).statusCode).toBe(200);

    const refused = await assessor.put(
      `/api/assignments/${assignmentId}/scores`,
      scoreSetBody(criteria, [4, 4, 4, 4, 4, 4], { baseVersion: 1 }),
    );
    expectError(refused, 403, 'forbidden');
    expect(refused.json().error.message).toBe('You are no longer an assessor for this fund');
  });
});
