import { FundBudget } from '@cf/shared';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAssessorRole } from '../../builders/accounts.js';
import { type AssessorHandle, assignBid, scoreBid, screenEligible } from '../../builders/assessment.js';
import { buildCompleteBid, type JourneyRefs, refsForFund, submittedBid } from '../../builders/bids.js';
import { createFund, type FundView } from '../../builders/funds.js';
import { applicantWithGroup, newGroupMember } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import {
  auditSince,
  bidStatusOf,
  groupInvitationTokenFor,
  lastAuditId,
  outboxMessages,
  userIdOf,
} from '../../support/database.js';
import { refusedChangingNothing } from '../../support/errors.js';

const PANEL_DATE = '2025-07-15';

/** The database's own refusal, wherever drizzle wraps it (drizzle puts it in `cause`). */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    const messages: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
    return messages.join(' / ');
  }
  return 'no error';
}

type Group = { client: Client; organisationId: string };

describe('panel decisions', () => {
  let t: TestApp;
  let officer: Client;
  let admin: Client;
  let margaret: AssessorHandle;
  let fund: FundView;
  let refs: JourneyRefs;
  let group: Group;
  const refused = (send: () => Promise<LightMyRequestResponse>, status: number) =>
    refusedChangingNothing(t.app, send, status);
  const decide = (bidId: string, decision: Record<string, unknown>, client: Client = officer) =>
    client.post(`/api/bids/${bidId}/decision`, { panelDate: PANEL_DATE, decision });
  const referenceOf = (bidId: string) =>
    t.app.db.get<{ reference: string }>(sql`select reference from bids where id = ${bidId}`)?.reference ?? '';
  const count = (query: ReturnType<typeof sql>) => t.app.db.get<{ n: number }>(query)?.n ?? 0;

  /** A fund of its own (one assessor is enough for its bids to be scored). */
  async function fundOfItsOwn(overrides: Record<string, unknown>) {
    const made = await createFund(t, officer, { minAssessors: 1, ...overrides });
    await grantAssessorRole(admin, margaret.id, made.id);
    return { fund: made, refs: await refsForFund(t.app, made) };
  }

  /** A bid sent to the fund and scored by margaret. */
  async function scoredBid(
    into: { fund: FundView; refs: JourneyRefs },
    from: Group = group,
    options: { amountPence?: number; wardIds?: string[]; mainPriorityId?: string } = {},
  ): Promise<string> {
    const bidId = await submittedBid(from.client, into.refs, from.organisationId, options);
    await scoreBid(officer, into.fund, bidId, [margaret], [[4, 4, 4, 4, 4, 4]]);
    return bidId;
  }
  const scored = (options: { amountPence?: number } = {}) => scoredBid({ fund, refs }, group, options);

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    officer = await signedIn(t.app, 'officer@demo.test');
    admin = await signedIn(t.app, 'admin@demo.test');
    margaret = {
      client: await signedIn(t.app, 'assessor@demo.test'),
      id: userIdOf(t.app, 'assessor@demo.test'),
    };
    ({ fund, refs } = await fundOfItsOwn({ potPence: 4_000_000, capPence: 1_500_000 }));
    group = await applicantWithGroup(t.app, 'decided@example.org', { name: 'Decided Group' });
    await newGroupMember(
      t.app,
      group.client,
      group.organisationId,
      'treasurer@example.org',
      'Group Treasurer',
    );
  });
  afterAll(async () => t.close());

  it('awards a scored bid in full: awarded, one decision and one award recorded and audited, the group emailed', async () => {
    const bidId = await scored();
    const since = lastAuditId(t.app);
    const mailBefore = outboxMessages(t.app).length;
    const response = await decide(bidId, { outcome: 'award', amountPence: 500_000 });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().results).toEqual([
      expect.objectContaining({
        bidId,
        status: 'awarded',
        decision: {
          outcome: 'award',
          amountPence: 500_000,
          reason: null,
          decidedAt: t.clock.now().toISOString(),
        },
      }),
    ]);
    expect(count(sql`select count(*) as n from decisions where bid_id = ${bidId}`)).toBe(1);
    expect(
      t.app.db.all(
        sql`select amount_pence as amount, fund_id as "fundId" from awards where bid_id = ${bidId}`,
      ),
    ).toEqual([{ amount: 500_000, fundId: fund.id }]);
    // The award ends the bid's life and starts the grant's, offered to the group.
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual([
      'panel.held',
      'bid.awarded',
      'grant.offered',
    ]);
    expect(t.app.db.all(sql`select status, fund_id as "fundId" from grants where bid_id = ${bidId}`)).toEqual(
      [{ status: 'offered', fundId: fund.id }],
    );
    const mail = outboxMessages(t.app).slice(mailBefore);
    // The group's main contact (on its record) hears as well as its members.
    expect(mail.map((m) => m.to).sort()).toEqual([
      'decided@example.org',
      'rasa.contact@example.org',
      'treasurer@example.org',
    ]);
    for (const message of mail) {
      expect(message.kind).toBe('bid_awarded');
      expect(message.subject).toBe(`Good news: your bid ${referenceOf(bidId)} has been awarded £5,000`);
    }
  });

  it('refuses an award above the amount asked for (400 on amountPence), changing nothing', async () => {
    const bidId = await scored();
    const error = await refused(() => decide(bidId, { outcome: 'award', amountPence: 500_001 }), 400);
    expect(error.fields).toEqual({ amountPence: 'The award cannot be more than the £5,000 asked for' });
    expect(bidStatusOf(t.app, bidId)).toBe('scored');
  });

  it('refuses a partial award without a reason (400 on reason); with one, awards it and tells the group why', async () => {
    const bidId = await scored();
    for (const reason of [undefined, '', '   ']) {
      const error = await refused(
        () =>
          decide(bidId, {
            outcome: 'award',
            amountPence: 300_000,
            ...(reason === undefined ? {} : { reason }),
          }),
        400,
      );
      expect(error.fields).toEqual({ reason: 'Say why the award is less than the amount asked for' });
    }
    const mailBefore = outboxMessages(t.app).length;
    const reason = 'The panel funds the sessions but not the equipment.';
    const response = await decide(bidId, { outcome: 'award', amountPence: 300_000, reason });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().results[0].decision).toMatchObject({
      outcome: 'award',
      amountPence: 300_000,
      reason,
    });
    const mail = outboxMessages(t.app).slice(mailBefore);
    expect(mail).toHaveLength(3);
    for (const message of mail) {
      expect(message.body).toContain('The panel has awarded £3,000');
      expect(message.body).toContain(`This is less than the £5,000 you asked for, because: ${reason}`);
    }
  });

  it('refuses to decide a bid that is not scored (409 naming its state), changing nothing', async () => {
    const sent = await submittedBid(group.client, refs, group.organisationId);
    const eligible = await submittedBid(group.client, refs, group.organisationId);
    await screenEligible(officer, eligible);
    const assessing = await submittedBid(group.client, refs, group.organisationId);
    await screenEligible(officer, assessing);
    await assignBid(officer, assessing, margaret.id);
    const awarded = await scored();
    expect((await decide(awarded, { outcome: 'award', amountPence: 500_000 })).statusCode).toBe(200);
    const cases: [string, string, string][] = [
      [sent, 'award', 'has already been sent, so it cannot be awarded'],
      [eligible, 'reject', 'has been checked and is eligible, so it cannot be turned down'],
      [assessing, 'award', 'is being assessed, so it cannot be awarded'],
      [assessing, 'defer', 'is being assessed, so it cannot be deferred'],
      [awarded, 'award', 'has been awarded a grant, so it cannot be awarded'],
      [awarded, 'reject', 'has been awarded a grant, so it cannot be turned down'],
    ];
    const bodies: Record<string, Record<string, unknown>> = {
      award: { outcome: 'award', amountPence: 500_000 },
      reject: { outcome: 'reject', feedback: 'Not this time.' },
      defer: { outcome: 'defer' },
    };
    for (const [bidId, outcome, phrase] of cases) {
      const error = await refused(() => decide(bidId, bodies[outcome] ?? {}), 409);
      expect(error).toMatchObject({
        code: 'invalid_state',
        message: `${referenceOf(bidId)}: This bid ${phrase}`,
      });
    }
    const draft = await buildCompleteBid(group.client, refs, group.organisationId);
    expect((await refused(() => decide(draft, bodies.award ?? {}), 409)).message).toMatch(/is still a draft/);
  });

  it('turns a bid down with feedback, emailed to the group; refuses a rejection without feedback (400)', async () => {
    const bidId = await scored();
    for (const decision of [{ outcome: 'reject' }, { outcome: 'reject', feedback: '  ' }]) {
      expect(Object.keys((await refused(() => decide(bidId, decision), 400)).fields ?? {})).toEqual([
        'decision.feedback',
      ]);
    }
    const feedback = 'The panel wanted clearer evidence that residents asked for this.';
    const mailBefore = outboxMessages(t.app).length;
    const response = await decide(bidId, { outcome: 'reject', feedback });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().results[0]).toMatchObject({
      status: 'rejected',
      decision: { outcome: 'reject', amountPence: null, reason: feedback },
    });
    const mail = outboxMessages(t.app).slice(mailBefore);
    expect(mail.map((m) => m.kind)).toEqual(['bid_rejected', 'bid_rejected', 'bid_rejected']);
    for (const message of mail) expect(message.body).toContain(feedback);
    expect(count(sql`select count(*) as n from awards where bid_id = ${bidId}`)).toBe(0);
  });

  it('defers a bid, telling the group; a deferred bid cannot be deferred again but can be awarded later', async () => {
    const bidId = await scored();
    const mailBefore = outboxMessages(t.app).length;
    const deferred = await decide(bidId, {
      outcome: 'defer',
      reason: 'Waiting for the match funding decision.',
    });
    expect(deferred.statusCode, deferred.body).toBe(200);
    expect(bidStatusOf(t.app, bidId)).toBe('deferred');
    const mail = outboxMessages(t.app).slice(mailBefore);
    expect(mail.map((m) => m.kind)).toEqual(['bid_deferred', 'bid_deferred', 'bid_deferred']);
    for (const message of mail) expect(message.body).toContain('Waiting for the match funding decision.');
    expect((await refused(() => decide(bidId, { outcome: 'defer' }), 409)).message).toBe(
      `${referenceOf(bidId)}: This bid has been deferred to a later panel, so it cannot be deferred`,
    );
    const later = await decide(bidId, { outcome: 'award', amountPence: 500_000 });
    expect(later.statusCode, later.body).toBe(200);
    expect(later.json().results[0]).toMatchObject({ status: 'awarded', decision: { outcome: 'award' } });
    expect(
      t.app.db.all(sql`select outcome from decisions where bid_id = ${bidId} order by decided_at, rowid`),
    ).toEqual([{ outcome: 'defer' }, { outcome: 'award' }]);
  });

  describe('as a batch (POST /api/funds/:fundId/panel-decisions)', () => {
    const batch = (
      decisions: { bidId: string; decision: Record<string, unknown> }[],
      minutes = 'Panel minutes.',
    ) => officer.post(`/api/funds/${fund.id}/panel-decisions`, { panelDate: PANEL_DATE, minutes, decisions });

    it('records a panel’s decisions with its date and minutes, each referring to the panel, each group emailed', async () => {
      const [a, b, c] = [await scored(), await scored(), await scored()] as [string, string, string];
      const since = lastAuditId(t.app);
      const mailBefore = outboxMessages(t.app).length;
      const response = await batch(
        [
          { bidId: a, decision: { outcome: 'award', amountPence: 500_000 } },
          { bidId: b, decision: { outcome: 'reject', feedback: 'Too close to another project.' } },
          { bidId: c, decision: { outcome: 'defer' } },
        ],
        'Present: Cllr Ellis (chair), S Whitfield. Three bids considered.',
      );
      expect(response.statusCode, response.body).toBe(200);
      expect(
        new Map(response.json().results.map((r: { bidId: string; status: string }) => [r.bidId, r.status])),
      ).toEqual(
        new Map([
          [a, 'awarded'],
          [b, 'rejected'],
          [c, 'deferred'],
        ]),
      );
      const panels = t.app.db.all<{ id: string; panel_date: string; minutes: string }>(
        sql`select p.id, p.panel_date, p.minutes from panels p join decisions d on d.panel_id = p.id where d.bid_id in (${a}, ${b}, ${c}) group by p.id`,
      );
      expect(panels).toEqual([
        {
          id: expect.any(String),
          panel_date: PANEL_DATE,
          minutes: 'Present: Cllr Ellis (chair), S Whitfield. Three bids considered.',
        },
      ]);
      expect(auditSince(t.app, since).map((e) => e.action)).toEqual([
        'panel.held',
        'bid.awarded',
        'grant.offered',
        'bid.rejected',
        'bid.deferred',
      ]);
      expect(
        outboxMessages(t.app)
          .slice(mailBefore)
          .map((m) => m.kind)
          .sort(),
      ).toEqual([
        'bid_awarded',
        'bid_awarded',
        'bid_awarded',
        'bid_deferred',
        'bid_deferred',
        'bid_deferred',
        'bid_rejected',
        'bid_rejected',
        'bid_rejected',
      ]);
    });

    it('refuses the whole batch when one decision in it is refused, naming that one: nothing at all changes', async () => {
      const [good, other] = [await scored(), await scored()] as [string, string];
      const notScored = await submittedBid(group.client, refs, group.organisationId);
      const overAsk = await refused(
        () =>
          batch([
            { bidId: good, decision: { outcome: 'award', amountPence: 500_000 } },
            { bidId: other, decision: { outcome: 'award', amountPence: 600_000 } },
          ]),
        400,
      );
      expect(overAsk.fields).toEqual({
        'decisions.1.amountPence': 'The award cannot be more than the £5,000 asked for',
      });
      const partial = await refused(
        () =>
          batch([
            { bidId: good, decision: { outcome: 'reject', feedback: 'No.' } },
            { bidId: other, decision: { outcome: 'award', amountPence: 100_000 } },
          ]),
        400,
      );
      expect(partial.fields).toEqual({
        'decisions.1.reason': 'Say why the award is less than the amount asked for',
      });
      const wrongState = await refused(
        () =>
          batch([
            { bidId: good, decision: { outcome: 'award', amountPence: 500_000 } },
            { bidId: other, decision: { outcome: 'defer' } },
            { bidId: notScored, decision: { outcome: 'award', amountPence: 500_000 } },
          ]),
        409,
      );
      expect(wrongState.message).toBe(
        `${referenceOf(notScored)}: This bid has already been sent, so it cannot be awarded`,
      );
      // A bid of another fund is not this panel's to decide.
      const elsewhere = await fundOfItsOwn({});
      const foreign = await scoredBid(elsewhere);
      const notHere = await refused(
        () =>
          batch([
            { bidId: good, decision: { outcome: 'award', amountPence: 500_000 } },
            { bidId: foreign, decision: { outcome: 'award', amountPence: 500_000 } },
          ]),
        400,
      );
      expect(notHere.fields).toEqual({ 'decisions.1.bidId': 'Choose a bid from this fund' });
      expect([bidStatusOf(t.app, good), bidStatusOf(t.app, other), bidStatusOf(t.app, foreign)]).toEqual([
        'scored',
        'scored',
        'scored',
      ]);
    });

    it('refuses the same bid twice in one batch (400 on the second), changing nothing', async () => {
      const bidId = await scored();
      const error = await refused(
        () =>
          batch([
            { bidId, decision: { outcome: 'award', amountPence: 500_000 } },
            { bidId, decision: { outcome: 'reject', feedback: 'Changed our minds.' } },
          ]),
        400,
      );
      expect(error.fields).toEqual({ 'decisions.1.bidId': 'This bid is in the list twice' });
    });
  });

  describe('the pot', () => {
    /** £3,234.56 in the pot, and bids of £2,000 each. */
    let small: { fund: FundView; refs: JourneyRefs };
    let first: string;
    let second: string;
    let third: string;

    beforeAll(async () => {
      small = await fundOfItsOwn({ potPence: 323_456, capPence: 200_000 });
      first = await scoredBid(small, group, { amountPence: 200_000 });
      second = await scoredBid(small, group, { amountPence: 200_000 });
      third = await scoredBid(small, group, { amountPence: 200_000 });
      expect((await decide(first, { outcome: 'award', amountPence: 200_000 })).statusCode).toBe(200);
    });

    it('refuses a decision that would overdraw it: 409 naming the amount still available, in the message and field; nothing changes', async () => {
      const error = await refused(() => decide(second, { outcome: 'award', amountPence: 200_000 }), 409);
      expect(error).toEqual({
        code: 'conflict',
        message: `This would overdraw the fund: only £1,234.56 is still available for ${referenceOf(second)}`,
        fields: { amountPence: 'Only £1,234.56 is still available' },
      });
      expect(bidStatusOf(t.app, second)).toBe('scored');
    });

    it('refuses a batch that would overdraw it, naming what is left at the decision that overdraws; nothing changes', async () => {
      const error = await refused(
        () =>
          officer.post(`/api/funds/${small.fund.id}/panel-decisions`, {
            panelDate: PANEL_DATE,
            decisions: [
              { bidId: second, decision: { outcome: 'award', amountPence: 100_000, reason: 'Part' } },
              { bidId: third, decision: { outcome: 'award', amountPence: 100_000, reason: 'Part' } },
            ],
          }),
        409,
      );
      expect(error.message).toBe(
        `This would overdraw the fund: only £234.56 is still available for ${referenceOf(third)}`,
      );
      expect(error.fields).toEqual({ 'decisions.1.amountPence': 'Only £234.56 is still available' });
      const budget = (await officer.get(`/api/funds/${small.fund.id}/budget`)).json();
      expect(budget).toMatchObject({ committedPence: 200_000, availablePence: 123_456, awardsCount: 1 });
    });

    it('takes an award of exactly what is left, and then nothing more', async () => {
      const exact = await decide(second, {
        outcome: 'award',
        amountPence: 123_456,
        reason: 'All that is left.',
      });
      expect(exact.statusCode, exact.body).toBe(200);
      const error = await refused(
        () => decide(third, { outcome: 'award', amountPence: 1, reason: 'A penny' }),
        409,
      );
      expect(error.fields).toEqual({ amountPence: 'Only £0 is still available' });
      expect((await officer.get(`/api/funds/${small.fund.id}/budget`)).json()).toMatchObject({
        potPence: 323_456,
        committedPence: 323_456,
        availablePence: 0,
      });
    });

    it('is kept by the database too: awards and decisions can never be changed or deleted', () => {
      const before = {
        awards: t.app.db.all(sql`select * from awards order by rowid`),
        decisions: t.app.db.all(sql`select * from decisions order by rowid`),
      };
      expect(before.awards.length).toBeGreaterThan(0);
      expect(refusal(() => t.app.db.run(sql`update awards set amount_pence = 1`))).toMatch(
        /awards are never changed/,
      );
      expect(
        refusal(() =>
          t.app.db.run(sql`update awards set amount_pence = amount_pence + 100000 where bid_id = ${first}`),
        ),
      ).toMatch(/awards are never changed/);
      expect(refusal(() => t.app.db.run(sql`delete from awards where bid_id = ${first}`))).toMatch(
        /awards are never deleted/,
      );
      expect(refusal(() => t.app.db.run(sql`update decisions set outcome = 'reject'`))).toMatch(
        /decisions are never changed/,
      );
      expect(refusal(() => t.app.db.run(sql`delete from decisions`))).toMatch(/decisions are never deleted/);
      expect({
        awards: t.app.db.all(sql`select * from awards order by rowid`),
        decisions: t.app.db.all(sql`select * from decisions order by rowid`),
      }).toEqual(before);
    });

    it('is kept by the database too: a raw award that would overdraw the pot, or exceed the ask, is refused', () => {
      const before = t.app.db.all(sql`select * from awards order by rowid`);
      const rawAward = (amount: number) => () =>
        t.app.db.transaction((tx) => {
          const decisionId = crypto.randomUUID();
          tx.run(sql`insert into decisions (id, bid_id, fund_id, outcome, amount_pence, decided_by, decided_at)
            values (${decisionId}, ${third}, ${small.fund.id}, 'award', ${amount}, ${userIdOf(t.app, 'officer@demo.test')}, ${new Date().toISOString()})`);
          tx.run(sql`insert into awards (id, bid_id, fund_id, decision_id, amount_pence, awarded_at)
            values (${crypto.randomUUID()}, ${third}, ${small.fund.id}, ${decisionId}, ${amount}, ${new Date().toISOString()})`);
        });
      expect(refusal(rawAward(1))).toMatch(/this award would overdraw the fund/);
      // With room in the pot, the ask still limits the award.
      t.app.db.run(sql`update funds set pot_pence = pot_pence + 1000000 where id = ${small.fund.id}`);
      expect(refusal(rawAward(200_001))).toMatch(/no more than the amount requested/);
      expect(t.app.db.all(sql`select * from awards order by rowid`)).toEqual(before);
      expect(bidStatusOf(t.app, third)).toBe('scored');
    });
  });

  describe('who may decide', () => {
    it('lets only officers decide: finance, admin, assessors and the group are refused (403), one bid or a batch', async () => {
      const bidId = await scored();
      for (const client of [
        await signedIn(t.app, 'finance@demo.test'),
        admin,
        margaret.client,
        group.client,
      ]) {
        await refused(() => decide(bidId, { outcome: 'award', amountPence: 500_000 }, client), 403);
        await refused(
          () =>
            client.post(`/api/funds/${fund.id}/panel-decisions`, {
              panelDate: PANEL_DATE,
              decisions: [{ bidId, decision: { outcome: 'award', amountPence: 500_000 } }],
            }),
          403,
        );
      }
      await refused(
        () =>
          new Client(t.app).post(`/api/bids/${bidId}/decision`, {
            panelDate: PANEL_DATE,
            decision: { outcome: 'defer' },
          }),
        401,
      );
      expect(bidStatusOf(t.app, bidId)).toBe('scored');
    });

    it('never lets an officer decide their own group’s bid (403), while another officer may', async () => {
      const own = await applicantWithGroup(t.app, 'officers.own@example.org', {
        name: 'Officer’s Own Group',
      });
      const bidId = await scoredBid({ fund, refs }, own);
      await own.client.post(`/api/organisations/${own.organisationId}/invitations`, {
        email: 'officer2@demo.test',
      });
      const officer2 = await signedIn(t.app, 'officer2@demo.test');
      const joined = await officer2.post('/api/group-invitations/accept', {
        token: groupInvitationTokenFor(t.app, 'officer2@demo.test'),
      });
      expect(joined.statusCode, joined.body).toBe(200);
      await refused(() => decide(bidId, { outcome: 'award', amountPence: 500_000 }, officer2), 403);
      expect((await decide(bidId, { outcome: 'award', amountPence: 500_000 })).statusCode).toBe(200);
    });
  });

  describe('the budget after decisions (GET /api/funds/:fundId/budget)', () => {
    it('shows committed = the awards, available = pot − committed, the undecided asks, by main priority and by ward to the penny', async () => {
      const own = await fundOfItsOwn({ potPence: 5_000_000, capPence: 1_500_000 });
      const [p0, p1] = own.refs.priorityIds as [string, string];
      const wards = own.refs.wardIds;
      // £10,000.01 across three wards: 333,334 + 333,334 + 333,333 pence.
      const threeWards = await scoredBid(own, group, {
        amountPence: 1_000_001,
        wardIds: wards.slice(5, 8),
        mainPriorityId: p0,
      });
      const partly = await scoredBid(own, group, { amountPence: 400_000, mainPriorityId: p1 });
      const rejected = await scoredBid(own, group, { amountPence: 300_000 });
      const deferred = await scoredBid(own, group, { amountPence: 200_000 });
      await scoredBid(own, group, { amountPence: 150_000 });
      await submittedBid(group.client, own.refs, group.organisationId, { amountPence: 120_000 });
      // A draft asks for nothing yet.
      await buildCompleteBid(group.client, own.refs, group.organisationId, { amountPence: 999_999 });
      const decisions = await officer.post(`/api/funds/${own.fund.id}/panel-decisions`, {
        panelDate: PANEL_DATE,
        decisions: [
          { bidId: threeWards, decision: { outcome: 'award', amountPence: 1_000_001 } },
          { bidId: partly, decision: { outcome: 'award', amountPence: 250_000, reason: 'Part' } },
          { bidId: rejected, decision: { outcome: 'reject', feedback: 'Not this time.' } },
          { bidId: deferred, decision: { outcome: 'defer' } },
        ],
      });
      expect(decisions.statusCode, decisions.body).toBe(200);

      const response = await officer.get(`/api/funds/${own.fund.id}/budget`);
      expect(response.statusCode, response.body).toBe(200);
      const budget = response.json();
      expect(FundBudget.safeParse(budget).success).toBe(true);
      expect(budget).toMatchObject({
        potPence: 5_000_000,
        capPence: 1_500_000,
        committedPence: 1_250_001,
        availablePence: 3_749_999,
        awardsCount: 2,
        // Deferred £2,000, scored £1,500, sent £1,200: asked for and not yet decided.
        pipelinePence: 470_000,
      });
      const byPriority = new Map(
        budget.byPriority.map((p: { id: string; committedPence: number; awardsCount: number }) => [
          p.id,
          [p.committedPence, p.awardsCount],
        ]),
      );
      expect(byPriority.get(p0)).toEqual([1_000_001, 1]);
      expect(byPriority.get(p1)).toEqual([250_000, 1]);
      const byWard = budget.byWard as { id: string; committedPence: number; awardsCount: number }[];
      expect(byWard.reduce((total, w) => total + w.committedPence, 0)).toBe(1_250_001);
      expect(new Map(byWard.map((w) => [w.id, w.committedPence]))).toEqual(
        new Map([
          [wards[0], 125_000],
          [wards[1], 125_000],
          [wards[5], 333_334],
          [wards[6], 333_334],
          [wards[7], 333_333],
        ]),
      );
      // Finance sees the same figures; assessors and applicants none (403).
      expect(
        (await (await signedIn(t.app, 'finance@demo.test')).get(`/api/funds/${own.fund.id}/budget`)).json(),
      ).toEqual(budget);
      for (const client of [margaret.client, group.client]) {
        await refused(() => client.get(`/api/funds/${own.fund.id}/budget`), 403);
      }
    });
  });
});
