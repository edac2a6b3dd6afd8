import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAssessorRole } from '../../builders/accounts.js';
import { assignBid, declareNoConflict, scoreSetBody, screenEligible } from '../../builders/assessment.js';
import { refsForFund, submittedBid } from '../../builders/bids.js';
import { createFund, type FundView } from '../../builders/funds.js';
import { applicantWithGroup } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { userIdOf } from '../../support/database.js';
import { expectError, refusedChangingNothing } from '../../support/errors.js';

describe('an assessor whose role is taken away', () => {
  let t: TestApp;
  let officer: Client;
  let admin: Client;
  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    officer = await signedIn(t.app, 'officer@demo.test');
    admin = await signedIn(t.app, 'admin@demo.test');
  });
  afterAll(async () => t.close());

  /** A fund of its own, the assessor given a role for it and one of its bids, declared on. */
  async function assessorOnAFund(email: string) {
    const fund = await createFund(t, officer);
    const refs = await refsForFund(t.app, fund);
    const group = await applicantWithGroup(t.app, `revoked.${fund.code}@example.org`);
    const assessorId = userIdOf(t.app, email);
    await grantAssessorRole(admin, assessorId, fund.id);
    const assessor = await signedIn(t.app, email);
    const bidId = await submittedBid(group.client, refs, group.organisationId);
    await screenEligible(officer, bidId);
    const assignmentId = await assignBid(officer, bidId, assessorId);
    await declareNoConflict(assessor, assignmentId);
    return { fund, assessor, assessorId, bidId, assignmentId };
  }

  async function takeRoleAway(assessorId: string, fund: FundView) {
    const user = (await admin.get(`/api/admin/users/${assessorId}`)).json() as {
      roles: { id: string; fundId: string | null }[];
    };
    const grant = user.roles.find((r) => r.fundId === fund.id);
    expect((await admin.delete(`/api/admin/users/${assessorId}/roles/${grant?.id}`)).statusCode).toBe(200);
  }

  it('can no longer see or score a bid they were given, from the moment the role goes', async () => {
    const { fund, assessor, assessorId, assignmentId } = await assessorOnAFund('assessor@demo.test');
    const criteria = (await assessor.get(`/api/assignments/${assignmentId}`)).json().criteria as {
      id: string;
    }[];
    const draft = await assessor.put(
      `/api/assignments/${assignmentId}/scores`,
      scoreSetBody(criteria, [3], { submit: false }),
    );
    expect(draft.statusCode, draft.body).toBe(200);

    await takeRoleAway(assessorId, fund);

    const refused = await assessor.put(
      `/api/assignments/${assignmentId}/scores`,
      scoreSetBody(criteria, [4, 4, 4, 4, 4, 4], { baseVersion: 1 }),
    );
    expectError(refused, 403, 'forbidden');
    expect(refused.json().error.message).toBe('You are no longer an assessor for this fund');
  });

  it('no longer lists the fund’s bids among their assignments once the role goes', async () => {
    const { fund, assessor, assessorId, bidId } = await assessorOnAFund('assessor2@demo.test');
    const listed = async () =>
      ((await assessor.get('/api/assignments')).json().assignments as { bidId: string }[]).map(
        (a) => a.bidId,
      );
    expect(await listed()).toContain(bidId);

    await takeRoleAway(assessorId, fund);

    expect(await listed()).not.toContain(bidId);
  });

  it('can no longer read a bid they were given once the role goes: its page is refused (403), showing nothing of it', async () => {
    const { fund, assessor, assessorId, assignmentId } = await assessorOnAFund('assessor3@demo.test');
    expect((await assessor.get(`/api/assignments/${assignmentId}`)).json().bid).not.toBeNull();

    await takeRoleAway(assessorId, fund);

    const error = await refusedChangingNothing(
      t.app,
      () => assessor.get(`/api/assignments/${assignmentId}`),
      403,
      'forbidden',
    );
    expect(error.message).toBe('You are no longer an assessor for this fund');
  });
});
