import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAssessorRole } from '../../builders/accounts.js';
import {
  type AssessorHandle,
  assessorOf,
  assignBid,
  declareNoConflict,
  screenEligible,
  submitScores,
} from '../../builders/assessment.js';
import { type JourneyRefs, refsForFund, submittedBid } from '../../builders/bids.js';
import { createFund, type FundView } from '../../builders/funds.js';
import { applicantWithGroup } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { bidStatusOf, groupInvitationTokenFor, userIdOf } from '../../support/database.js';
import { refusedChangingNothing } from '../../support/errors.js';

const PANEL_DATE = '2026-12-01';

type Group = { client: Client; organisationId: string };

/** A group's bids at each step an officer works on: sent, being assessed, scored. */
interface GroupBids {
  sent: string;
  assessing: string;
  /** Daniel's assignment on `assessing`, not yet declared on. */
  openAssignment: string;
  scored: string;
  /** Margaret's submitted assignment on `scored`. */
  submittedAssignment: string;
}

/**
 * Nobody does staff work on a bid of their own group, nor on one of a group they have declared a
 * conflict with: not in any role (PRODUCT.md section 2: "never a bid where they declared a conflict").
 */
describe('staff who stand too close to a group do no work on its bids', () => {
  let t: TestApp;
  let sarah: Client;
  let sarahId: string;
  let james: Client;
  let fund: FundView;
  let refs: JourneyRefs;
  let margaret: AssessorHandle;
  let daniel: AssessorHandle;
  /** James (officer2) is a member of this group. */
  let membersGroup: Group;
  let membersBids: GroupBids;
  /** Sarah (officer), who also assesses, declared a conflict with this group. */
  let conflictedGroup: Group;
  let conflictedBids: GroupBids;

  async function bidsOf(group: Group, officer: Client): Promise<GroupBids> {
    const sent = await submittedBid(group.client, refs, group.organisationId, { title: 'Sent bid' });
    const assessing = await submittedBid(group.client, refs, group.organisationId, { title: 'Assessing' });
    await screenEligible(officer, assessing);
    const openAssignment = await assignBid(officer, assessing, daniel.id);
    const scored = await submittedBid(group.client, refs, group.organisationId, { title: 'Scored bid' });
    await screenEligible(officer, scored);
    const submittedAssignment = await assignBid(officer, scored, margaret.id);
    await declareNoConflict(margaret.client, submittedAssignment);
    await submitScores(margaret.client, submittedAssignment, fund.criteria, [4, 4, 4, 4, 4, 4]);
    expect(bidStatusOf(t.app, scored)).toBe('scored');
    return { sent, assessing, openAssignment, scored, submittedAssignment };
  }

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    sarah = await signedIn(t.app, 'officer@demo.test');
    sarahId = userIdOf(t.app, 'officer@demo.test');
    james = await signedIn(t.app, 'officer2@demo.test');
    const admin = await signedIn(t.app, 'admin@demo.test');
    fund = await createFund(t, sarah, { minAssessors: 1 });
    refs = await refsForFund(t.app, fund);
    const handle = (email: string) => assessorOf(t.app, admin, fund.id, email);
    margaret = await handle('assessor@demo.test');
    daniel = await handle('assessor2@demo.test');
    await grantAssessorRole(admin, sarahId, fund.id);

    membersGroup = await applicantWithGroup(t.app, 'james.group@example.org', { name: 'James’s Group' });
    await membersGroup.client.post(`/api/organisations/${membersGroup.organisationId}/invitations`, {
      email: 'officer2@demo.test',
    });
    const joined = await james.post('/api/group-invitations/accept', {
      token: groupInvitationTokenFor(t.app, 'officer2@demo.test'),
    });
    expect(joined.statusCode, joined.body).toBe(200);
    membersBids = await bidsOf(membersGroup, sarah);

    conflictedGroup = await applicantWithGroup(t.app, 'sarah.conflict@example.org', {
      name: 'Sarah’s Neighbours',
    });
    // Sarah is given one of the group's bids to assess, and declares a conflict with the group.
    const declaredOn = await submittedBid(conflictedGroup.client, refs, conflictedGroup.organisationId);
    await screenEligible(james, declaredOn);
    const sarahsAssignment = await assignBid(james, declaredOn, sarahId);
    const declared = await sarah.post(`/api/assignments/${sarahsAssignment}/declaration`, {
      conflict: true,
      nature: 'My sister runs this group.',
    });
    expect(declared.statusCode, declared.body).toBe(200);
    conflictedBids = await bidsOf(conflictedGroup, james);
  });
  afterAll(async () => t.close());

  const refused = (send: () => Promise<LightMyRequestResponse>) =>
    refusedChangingNothing(t.app, send, 403, 'forbidden');

  describe.each([
    ['an officer who is a member of the group', () => james, () => membersBids],
    ['an officer who declared a conflict with the group as an assessor', () => sarah, () => conflictedBids],
  ])('%s', (_, who, bids) => {
    it('is not offered screening or returning on the bid’s page, where the bid is waiting for both', async () => {
      expect(bidStatusOf(t.app, bids().sent)).toBe('submitted');
      const detail = (await who().get(`/api/bids/${bids().sent}`)).json();
      expect(detail.permissions).toMatchObject({ screen: false, return: false });
    });

    it('may not screen its bid (403)', async () => {
      await refused(() =>
        who().post(`/api/bids/${bids().sent}/screening`, {
          decision: 'eligible',
          checks: { documentsValid: true, groupVerified: true },
        }),
      );
    });

    it('may not return its bid for changes (403)', async () => {
      await refused(() => who().post(`/api/bids/${bids().sent}/return`, { message: 'Please change it.' }));
    });

    it('may not give its bid to an assessor (403)', async () => {
      await refused(() =>
        who().post(`/api/bids/${bids().assessing}/assignments`, { assessorId: margaret.id }),
      );
    });

    it('may not take an assessor off its bid (403)', async () => {
      await refused(() => who().delete(`/api/assignments/${bids().openAssignment}`));
    });

    it('may not reopen the scores given to its bid (403)', async () => {
      await refused(() =>
        who().post(`/api/assignments/${bids().submittedAssignment}/reopen`, { reason: 'Have another look.' }),
      );
    });

    it('may not write a moderation note on its bid (403)', async () => {
      await refused(() => who().post(`/api/bids/${bids().scored}/moderation-notes`, { note: 'Fine by me.' }));
    });

    it('may not decide its bid, alone or in a panel’s batch (403)', async () => {
      await refused(() =>
        who().post(`/api/bids/${bids().scored}/decision`, {
          panelDate: PANEL_DATE,
          decision: { outcome: 'award', amountPence: 500_000 },
        }),
      );
      await refused(() =>
        who().post(`/api/funds/${fund.id}/panel-decisions`, {
          panelDate: PANEL_DATE,
          decisions: [{ bidId: bids().scored, decision: { outcome: 'award', amountPence: 500_000 } }],
        }),
      );
    });

    it('may not read the scores and comments given to its bid: the results withhold them', async () => {
      const response = await who().get(`/api/funds/${fund.id}/results`);
      expect(response.statusCode, response.body).toBe(200);
      const results = response.json().results as {
        bidId: string;
        withheld: boolean;
        scoreSets: unknown[];
        meanScore: number | null;
        completeSets: number;
        criteria: { mean: number | null }[];
        moderationNotes: unknown[];
      }[];
      const theirs = results.find((r) => r.bidId === bids().scored);
      expect(theirs).toMatchObject({
        withheld: true,
        scoreSets: [],
        meanScore: null,
        completeSets: 0,
        moderationNotes: [],
      });
      expect(theirs?.criteria.every((c) => c.mean === null)).toBe(true);
      // The other group's bid is theirs to read.
      const other = results.find((r) => r.bidId !== bids().scored && r.completeSets > 0);
      expect(other).toMatchObject({ withheld: false, meanScore: 80 });
      const matrix = (await who().get(`/api/funds/${fund.id}/exports/scores.csv`)).body;
      const reference = (await who().get(`/api/bids/${bids().scored}`)).json().reference as string;
      const rows = matrix.split('\r\n').filter((line) => line.includes(reference));
      expect(rows).toHaveLength(1);
      expect(rows[0]).not.toContain('Cllr Margaret Ellis');
    });
  });

  it('lets the other officer do the work the first may not', async () => {
    expect(
      (await sarah.post(`/api/bids/${membersBids.scored}/moderation-notes`, { note: 'Checked.' })).statusCode,
    ).toBe(201);
    expect(
      (await james.post(`/api/bids/${conflictedBids.scored}/moderation-notes`, { note: 'Checked.' }))
        .statusCode,
    ).toBe(201);
  });

  it('shows the officers who is conflicted on each bid', async () => {
    const results = (await james.get(`/api/funds/${fund.id}/results`)).json().results as {
      bidId: string;
      conflicts: { userId: string; name: string }[];
    }[];
    expect(results.find((r) => r.bidId === conflictedBids.scored)?.conflicts).toEqual([
      { userId: sarahId, name: 'Sarah Whitfield' },
    ]);
    expect(results.find((r) => r.bidId === membersBids.scored)?.conflicts).toEqual([]);
    const overview = (await james.get(`/api/funds/${fund.id}/assessment`)).json().bids as {
      bidId: string;
      organisationId: string;
      conflicts: { userId: string; name: string }[];
    }[];
    expect(overview.find((b) => b.bidId === conflictedBids.assessing)).toMatchObject({
      organisationId: conflictedGroup.organisationId,
      conflicts: [{ userId: sarahId, name: 'Sarah Whitfield' }],
    });
  });

  it('leaves the group’s bids out when an officer who declared a conflict assigns automatically, saying so', async () => {
    const waiting = await submittedBid(conflictedGroup.client, refs, conflictedGroup.organisationId);
    await screenEligible(james, waiting);
    const reference = (await james.get(`/api/bids/${waiting}`)).json().reference as string;
    const response = await sarah.post(`/api/funds/${fund.id}/assignments/auto`, { perBid: 1 });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().skipped).toContain(reference);
    expect(bidStatusOf(t.app, waiting)).toBe('eligible');
  });
});
