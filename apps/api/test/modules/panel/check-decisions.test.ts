import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAssessorRole } from '../../builders/accounts.js';
import { type AssessorHandle, scoreBid } from '../../builders/assessment.js';
import { type JourneyRefs, refsForFund, submittedBid } from '../../builders/bids.js';
import { createFund, type FundView } from '../../builders/funds.js';
import { applicantWithGroup } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { bidStatusOf, outboxMessages, snapshotDatabase, userIdOf } from '../../support/database.js';
import { refusedChangingNothing } from '../../support/errors.js';

const PANEL_DATE = '2025-07-15';

/**
 * The check before a panel's decisions are recorded (item 14 of issue 9): the same checks as
 * recording them, who each decision will be emailed to and what the pot is left with — and nothing
 * recorded, audited or emailed.
 */
describe('checking a panel’s decisions before recording them (POST /api/funds/:fundId/panel-decisions/check)', () => {
  let t: TestApp;
  let officer: Client;
  let margaret: AssessorHandle;
  let fund: FundView;
  let refs: JourneyRefs;
  let group: { client: Client; organisationId: string };
  const check = (body: Record<string, unknown>, client: Client = officer) =>
    client.post(`/api/funds/${fund.id}/panel-decisions/check`, { panelDate: PANEL_DATE, ...body });

  async function scored(amountPence = 400_000): Promise<string> {
    const bidId = await submittedBid(group.client, refs, group.organisationId, { amountPence });
    await scoreBid(officer, fund, bidId, [margaret], [[4, 4, 4, 4, 4, 4]]);
    return bidId;
  }

  /** Sends the request and proves it changed no table at all (the audit trail and outbox included). */
  async function changingNothing(send: () => Promise<LightMyRequestResponse>) {
    const before = snapshotDatabase(t.app);
    const response = await send();
    expect(snapshotDatabase(t.app)).toEqual(before);
    return response;
  }

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    officer = await signedIn(t.app, 'officer@demo.test');
    const admin = await signedIn(t.app, 'admin@demo.test');
    margaret = {
      client: await signedIn(t.app, 'assessor@demo.test'),
      id: userIdOf(t.app, 'assessor@demo.test'),
    };
    fund = await createFund(t, officer, { minAssessors: 1, potPence: 1_000_000, capPence: 500_000 });
    await grantAssessorRole(admin, margaret.id, fund.id);
    refs = await refsForFund(t.app, fund);
    group = await applicantWithGroup(t.app, 'checked@example.org', {
      name: 'Checked Group',
      contactName: 'Ada Chair',
      contactEmail: 'ada.chair@example.org',
    });
  });
  afterAll(async () => t.close());

  it('says what each decision will do and who will be emailed, and what the pot is left with, changing nothing', async () => {
    const [a, b, c] = [await scored(), await scored(), await scored()] as [string, string, string];
    const mailBefore = outboxMessages(t.app).length;
    const response = await changingNothing(() =>
      check({
        minutes: 'Three bids.',
        decisions: [
          { bidId: a, decision: { outcome: 'award', amountPence: 300_000, reason: 'Core sessions only.' } },
          { bidId: b, decision: { outcome: 'reject', feedback: 'Too close to another project.' } },
          { bidId: c, decision: { outcome: 'defer' } },
        ],
      }),
    );
    expect(response.statusCode, response.body).toBe(200);
    const emailTo = [
      { name: 'Ada Chair', email: 'ada.chair@example.org' },
      { name: 'Group Founder', email: 'checked@example.org' },
    ];
    expect(response.json()).toEqual({
      availablePence: 1_000_000,
      availableAfterPence: 700_000,
      decisions: [
        expect.objectContaining({
          bidId: a,
          outcome: 'award',
          amountPence: 300_000,
          reason: 'Core sessions only.',
          organisationName: 'Checked Group',
          emailTo,
        }),
        expect.objectContaining({
          bidId: b,
          outcome: 'reject',
          amountPence: null,
          reason: 'Too close to another project.',
          emailTo,
        }),
        expect.objectContaining({ bidId: c, outcome: 'defer', amountPence: null, reason: null, emailTo }),
      ],
    });
    expect(outboxMessages(t.app)).toHaveLength(mailBefore);
    expect([a, b, c].map((id) => bidStatusOf(t.app, id))).toEqual(['scored', 'scored', 'scored']);
  });

  it('refuses what recording would refuse, with the same fields, changing nothing', async () => {
    const [a, b] = [await scored(), await scored()] as [string, string];
    const overAsk = await refusedChangingNothing(
      t.app,
      () =>
        check({
          decisions: [
            { bidId: a, decision: { outcome: 'award', amountPence: 400_000 } },
            { bidId: b, decision: { outcome: 'award', amountPence: 400_001 } },
          ],
        }),
      400,
    );
    expect(overAsk.fields).toEqual({
      'decisions.1.amountPence': 'The award cannot be more than the £4,000 asked for',
    });
    const noFeedback = await refusedChangingNothing(
      t.app,
      () => check({ decisions: [{ bidId: a, decision: { outcome: 'reject' } }] }),
      400,
    );
    expect(Object.keys(noFeedback.fields ?? {})).toEqual(['decisions.0.decision.feedback']);
  });

  it('refuses decisions that together would overdraw the pot (409 naming what is left), changing nothing', async () => {
    const small = await createFund(t, officer, { minAssessors: 1, potPence: 600_000, capPence: 500_000 });
    const admin = await signedIn(t.app, 'admin@demo.test');
    await grantAssessorRole(admin, margaret.id, small.id);
    const smallRefs = await refsForFund(t.app, small);
    const bids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const bidId = await submittedBid(group.client, smallRefs, group.organisationId, {
        amountPence: 400_000,
      });
      await scoreBid(officer, small, bidId, [margaret], [[3, 3, 3, 3, 3, 3]]);
      bids.push(bidId);
    }
    const error = await refusedChangingNothing(
      t.app,
      () =>
        officer.post(`/api/funds/${small.id}/panel-decisions/check`, {
          panelDate: PANEL_DATE,
          decisions: bids.map((bidId) => ({ bidId, decision: { outcome: 'award', amountPence: 400_000 } })),
        }),
      409,
    );
    expect(error.fields).toEqual({ 'decisions.1.amountPence': 'Only £2,000 is still available' });
  });

  it('lets only officers check: finance, admins, assessors and the group are refused (403), changing nothing', async () => {
    const bidId = await scored();
    const body = { decisions: [{ bidId, decision: { outcome: 'defer' } }] };
    for (const email of ['finance@demo.test', 'admin@demo.test', 'assessor@demo.test']) {
      const client = email === 'assessor@demo.test' ? margaret.client : await signedIn(t.app, email);
      await refusedChangingNothing(t.app, () => check(body, client), 403);
    }
    await refusedChangingNothing(t.app, () => check(body, group.client), 403);
  });
});
