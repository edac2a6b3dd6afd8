import { REFUSAL_AUDIT_WINDOW_SECONDS } from '@cf/shared';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AssessorHandle,
  assessorOf,
  assignBid,
  declareNoConflict,
  scoreSetBody,
  screenEligible,
} from '../../builders/assessment.js';
import { type JourneyRefs, refsForFund, submittedBid } from '../../builders/bids.js';
import { createFund, type FundView } from '../../builders/funds.js';
import { applicantWithGroup } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import {
  auditSince,
  bidStatusOf,
  groupInvitationTokenFor,
  lastAuditId,
  outboxMessages,
} from '../../support/database.js';
import { refusedChangingNothing } from '../../support/errors.js';

/** The group's contact details and the person who signed: none of it is for assessors. */
const CONTACT = {
  name: 'Dogsthorpe Allotment Friends',
  contactName: 'Wojciech Nowakowski',
  contactEmail: 'wojciech.private@example.org',
  contactPhone: '07700 900461',
  addressLine1: '9 Secret Garden Row',
  addressLine2: 'Flat 4',
  postcode: 'PE1 4LW',
};
const SIGNED_BY = 'Amina Hussain';

describe('conflicts of interest (POST /api/assignments/:assignmentId/declaration)', () => {
  let t: TestApp;
  let officer: Client;
  let fund: FundView;
  let refs: JourneyRefs;
  let group: { client: Client; organisationId: string };
  let other: { client: Client; organisationId: string };
  let margaret: AssessorHandle;
  let daniel: AssessorHandle;
  let priya: AssessorHandle;
  const refused = (send: () => Promise<LightMyRequestResponse>, status: number) =>
    refusedChangingNothing(t.app, send, status);

  async function eligibleBid(from: { client: Client; organisationId: string } = group) {
    const bidId = await submittedBid(from.client, refs, from.organisationId);
    await screenEligible(officer, bidId);
    return bidId;
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
    group = await applicantWithGroup(t.app, 'allotments@example.org', CONTACT);
    other = await applicantWithGroup(t.app, 'other.group@example.org', { name: 'Another Group' });
  });
  afterAll(async () => t.close());

  it('before the declaration shows only enough to recognise a conflict: no answers, no scores', async () => {
    const bidId = await eligibleBid();
    const assignmentId = await assignBid(officer, bidId, margaret.id);
    const response = await margaret.client.get(`/api/assignments/${assignmentId}`);
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json();
    expect(view.assignment).toMatchObject({
      id: assignmentId,
      status: 'awaiting_declaration',
      organisationName: CONTACT.name,
    });
    expect(view.bid).toBeNull();
    expect(view.scoreSet).toBeNull();
    expect(view.criteria.map((c: { weight: number }) => c.weight)).toEqual([30, 20, 15, 15, 10, 10]);
  });

  it('after "no conflict" shows the answers and criteria, but never the group’s contact details, the signer or the declarations', async () => {
    const bidId = await eligibleBid();
    const assignmentId = await assignBid(officer, bidId, margaret.id);
    const since = lastAuditId(t.app);
    const declared = await margaret.client.post(`/api/assignments/${assignmentId}/declaration`, {
      conflict: false,
    });
    expect(declared.statusCode, declared.body).toBe(200);
    expect(declared.json().assignments).toEqual([
      expect.objectContaining({
        id: assignmentId,
        status: 'scoring',
        declaredAt: t.clock.now().toISOString(),
      }),
    ]);
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['assessment.no_conflict_declared']);
    const response = await margaret.client.get(`/api/assignments/${assignmentId}`);
    const view = response.json();
    expect(view.bid.sections.map((s: { key: string }) => s.key)).toEqual([
      'about',
      'beneficiaries',
      'priorities',
      'bringing_together',
      'evidence',
      'timetable',
      'budget',
      'outcomes',
      'risks',
    ]);
    expect(view.bid.amountRequestedPence).toBe(500_000);
    expect(view.bid.wardNames).toHaveLength(2);
    // The bid's answers are there; nothing that reaches the group's people is.
    expect(response.body).toContain('Saturday Language Café');
    for (const secret of [
      CONTACT.contactName,
      CONTACT.contactEmail,
      CONTACT.contactPhone,
      CONTACT.addressLine1,
      CONTACT.addressLine2,
      CONTACT.postcode,
      'allotments@example.org',
      SIGNED_BY,
      'declarations',
      'dataProtection',
    ]) {
      expect(response.body).not.toContain(secret);
    }
    // Nor does the list of assignments carry them.
    const list = await margaret.client.get('/api/assignments');
    for (const secret of [CONTACT.contactEmail, CONTACT.contactPhone, CONTACT.addressLine1, SIGNED_BY]) {
      expect(list.body).not.toContain(secret);
    }
    // An assessor reads a bid only through the assignment: the bid itself is not theirs to see.
    expectNotFound(await margaret.client.get(`/api/bids/${bidId}`));
  });

  it('treats another assessor’s assignment as not there: 404 to view, declare or score, each refusal audited', async () => {
    const bidId = await eligibleBid();
    const assignmentId = await assignBid(officer, bidId, margaret.id);
    const attempts: [string, () => Promise<LightMyRequestResponse>][] = [
      ['GET', () => daniel.client.get(`/api/assignments/${assignmentId}`)],
      ['POST', () => daniel.client.post(`/api/assignments/${assignmentId}/declaration`, { conflict: false })],
      [
        'PUT',
        () => daniel.client.put(`/api/assignments/${assignmentId}/scores`, scoreSetBody(fund.criteria, [])),
      ],
    ];
    for (const [method, attempt] of attempts) {
      // A minute apart, so each refusal gets a row of its own (refusals of one permission by one
      // person from one address within a minute share a row: audit/service.ts).
      t.clock.advance(REFUSAL_AUDIT_WINDOW_SECONDS * 1000);
      const since = lastAuditId(t.app);
      await refused(attempt, 404);
      expect(auditSince(t.app, since)).toEqual([
        expect.objectContaining({
          action: 'access.denied',
          actorId: daniel.id,
          after: expect.objectContaining({ method, permission: 'assessment.act' }),
        }),
      ]);
    }
    // The officer does not act as the assessor either.
    await refused(
      () => officer.post(`/api/assignments/${assignmentId}/declaration`, { conflict: false }),
      404,
    );
    expect((await margaret.client.get(`/api/assignments/${assignmentId}`)).json().assignment.status).toBe(
      'awaiting_declaration',
    );
  });

  it('refuses a conflict declared without its nature (400 on nature), changing nothing', async () => {
    const bidId = await eligibleBid();
    const assignmentId = await assignBid(officer, bidId, margaret.id);
    const error = await refused(
      () => margaret.client.post(`/api/assignments/${assignmentId}/declaration`, { conflict: true }),
      400,
    );
    expect(Object.keys(error.fields ?? {})).toEqual(['nature']);
  });

  it('refuses a second declaration (409), changing nothing', async () => {
    const bidId = await eligibleBid(other);
    const cleared = await assignBid(officer, bidId, margaret.id);
    await declareNoConflict(margaret.client, cleared);
    const again = await refused(
      () =>
        margaret.client.post(`/api/assignments/${cleared}/declaration`, {
          conflict: true,
          nature: 'Changed my mind',
        }),
      409,
    );
    expect(again.message).toBe('You have already declared that you have no conflict');
  });

  describe('a declared conflict', () => {
    const NATURE = 'My husband chairs this group.';
    let bidId: string;
    let assignmentId: string;
    let sameGroupBid: string;

    beforeAll(async () => {
      bidId = await eligibleBid();
      sameGroupBid = await eligibleBid();
      assignmentId = await assignBid(officer, bidId, priya.id);
    });

    it('takes the assessor off the bid, records the nature and emails the officers to reassign it', async () => {
      const since = lastAuditId(t.app);
      const mailBefore = outboxMessages(t.app, 'conflict_declared').length;
      const response = await priya.client.post(`/api/assignments/${assignmentId}/declaration`, {
        conflict: true,
        nature: NATURE,
      });
      expect(response.statusCode, response.body).toBe(200);
      // The assessor's own copy does not repeat the nature; the officers' view has it.
      expect(response.json().assignments).toEqual([
        expect.objectContaining({ id: assignmentId, status: 'conflict', conflictNature: null }),
      ]);
      expect(auditSince(t.app, since)).toEqual([
        expect.objectContaining({ action: 'assessment.conflict_declared', entityId: bidId, reason: NATURE }),
      ]);
      const mail = outboxMessages(t.app, 'conflict_declared').slice(mailBefore);
      expect(mail.map((m) => m.to).sort()).toEqual(['officer2@demo.test', 'officer@demo.test']);
      for (const message of mail) {
        expect(message.body).toContain('Priya Sharma');
        expect(message.body).toContain(`/funds/${fund.id}/assessment`);
      }
      const overview = (await officer.get(`/api/funds/${fund.id}/assessment`)).json();
      const onBid = overview.bids.find((b: { bidId: string }) => b.bidId === bidId);
      expect(onBid.assignments).toEqual([
        expect.objectContaining({
          id: assignmentId,
          assessorId: priya.id,
          status: 'conflict',
          conflictNature: NATURE,
        }),
      ]);
      expect(
        overview.assessors.find((a: { assessorId: string }) => a.assessorId === priya.id).conflicts,
      ).toBe(1);
    });

    it('leaves the assessor unable to see or score the bid (403), or to declare again (409)', async () => {
      const view = (await priya.client.get(`/api/assignments/${assignmentId}`)).json();
      expect(view.assignment.status).toBe('conflict');
      expect(view.bid).toBeNull();
      expect(view.scoreSet).toBeNull();
      const error = await refused(
        () =>
          priya.client.put(
            `/api/assignments/${assignmentId}/scores`,
            scoreSetBody(fund.criteria, [3, 3, 3, 3, 3, 3]),
          ),
        403,
      );
      expect(error.message).toBe('You are no longer assessing this bid');
      const again = await refused(
        () => priya.client.post(`/api/assignments/${assignmentId}/declaration`, { conflict: false }),
        409,
      );
      expect(again.message).toBe('You have already declared a conflict with this bid');
    });

    it('means the assessor is never given that group’s bids again: not this one, nor another, by hand or automatically', async () => {
      for (const id of [bidId, sameGroupBid]) {
        const error = await refused(
          () => officer.post(`/api/bids/${id}/assignments`, { assessorId: priya.id }),
          409,
        );
        expect(error.message).toBe('This assessor has declared a conflict of interest with the group');
      }
      const overview = (await officer.get(`/api/funds/${fund.id}/assessment`)).json();
      for (const id of [bidId, sameGroupBid]) {
        expect(
          overview.bids.find((b: { bidId: string }) => b.bidId === id).eligibleAssessorIds,
        ).not.toContain(priya.id);
      }
      const auto = await officer.post(`/api/funds/${fund.id}/assignments/auto`, { perBid: 3 });
      expect(auto.statusCode, auto.body).toBe(200);
      const assigned = await priya.client.get('/api/assignments');
      const theirs = (assigned.json().assignments as { bidId: string; status: string }[]).filter(
        (a) => a.bidId === bidId || a.bidId === sameGroupBid,
      );
      expect(theirs).toEqual([expect.objectContaining({ bidId, status: 'conflict' })]);
      // Both bids were short of a third assessor: only margaret and daniel may take them.
      const refs = (await officer.get(`/api/funds/${fund.id}/assessment`)).json().bids as {
        bidId: string;
        reference: string;
      }[];
      for (const id of [bidId, sameGroupBid]) {
        expect(auto.json().short).toContain(refs.find((b) => b.bidId === id)?.reference);
      }
      // Another group's bids may still go to them.
      const elsewhere = await eligibleBid(other);
      await assignBid(officer, elsewhere, priya.id);
    });
  });

  it('takes the assessor off every bid of the group they are on, not only the one they declared on', async () => {
    const first = await eligibleBid();
    const second = await eligibleBid();
    const onFirst = await assignBid(officer, first, daniel.id);
    const onSecond = await assignBid(officer, second, daniel.id);
    await declareNoConflict(daniel.client, onSecond);
    const since = lastAuditId(t.app);
    const mailBefore = outboxMessages(t.app, 'conflict_declared').length;
    const response = await daniel.client.post(`/api/assignments/${onFirst}/declaration`, {
      conflict: true,
      nature: 'I used to volunteer with them.',
    });
    expect(response.statusCode, response.body).toBe(200);
    const recorded = auditSince(t.app, since)
      .filter((e) => e.action === 'assessment.conflict_declared')
      .map((e) => e.entityId);
    expect(recorded[0]).toBe(first);
    expect(recorded).toContain(second);
    const secondReference = (await officer.get(`/api/bids/${second}`)).json().reference as string;
    for (const message of outboxMessages(t.app, 'conflict_declared').slice(mailBefore)) {
      expect(message.body).toMatch(new RegExp(`also been taken off: .*${secondReference}`));
    }
    // The conflict is with the group: the other bid is closed to them too.
    const view = (await daniel.client.get(`/api/assignments/${onSecond}`)).json();
    expect(view.assignment.status).toBe('conflict');
    expect(view.bid).toBeNull();
    await refused(
      () =>
        daniel.client.put(
          `/api/assignments/${onSecond}/scores`,
          scoreSetBody(fund.criteria, [5, 5, 5, 5, 5, 5]),
        ),
      403,
    );
    expect(bidStatusOf(t.app, second)).toBe('in_assessment');
  });

  it('stops an assessor who joins the group after being given its bids: no answers, no declaring, no scoring (403)', async () => {
    const late = await applicantWithGroup(t.app, 'late.joiner.group@example.org', {
      name: 'Late Joiner Group',
    });
    const scoringOn = await eligibleBid(late);
    const awaitingOn = await eligibleBid(late);
    const scoring = await assignBid(officer, scoringOn, margaret.id);
    const awaiting = await assignBid(officer, awaitingOn, margaret.id);
    await declareNoConflict(margaret.client, scoring);
    // Margaret joins the group: its bids are now her own organisation's (PRODUCT.md section 4, rule 5).
    await late.client.post(`/api/organisations/${late.organisationId}/invitations`, {
      email: 'assessor@demo.test',
    });
    const joined = await margaret.client.post('/api/group-invitations/accept', {
      token: groupInvitationTokenFor(t.app, 'assessor@demo.test'),
    });
    expect(joined.statusCode, joined.body).toBe(200);
    expect((await margaret.client.get(`/api/assignments/${scoring}`)).json().bid).toBeNull();
    const refusedScores = await refused(
      () =>
        margaret.client.put(
          `/api/assignments/${scoring}/scores`,
          scoreSetBody(fund.criteria, [5, 5, 5, 5, 5, 5]),
        ),
      403,
    );
    expect(refusedScores.message).toBe(
      'You are a member of the group that made this bid, so you cannot assess it',
    );
    await refused(
      () => margaret.client.post(`/api/assignments/${awaiting}/declaration`, { conflict: false }),
      403,
    );
  });
});

function expectNotFound(response: LightMyRequestResponse): void {
  expect(response.statusCode, response.body).toBe(404);
}
