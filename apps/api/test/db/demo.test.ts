import {
  BID_SECTIONS,
  type BidResult,
  budgetTotalPence,
  type EligibilityAnswers,
  fundRuleProblems,
  londonLocalToIso,
  ORGANISATION_TYPES,
  requiredAttachmentKinds,
  sectionSchema,
} from '@cf/shared';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assessorConflicts,
  assignments,
  attachments,
  auditEvents,
  awards,
  bidSections,
  bids,
  decisions,
  organisations,
  panels,
  scoreSets,
  screenings,
  users,
} from '../../src/db/schema/index.js';
import { london } from '../../src/seed/demo-assessment.js';
import { type JourneyRefs, journeyRefs } from '../builders/bids.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Client, signedIn } from '../support/client.js';
import { bidIdOf, userIdOf } from '../support/database.js';

/**
 * The demo reproduces the Communities Fund as the council reported it in mid-2019 (PRODUCT.md
 * sections 1 and 9), with bids still going through screening, assessment and the panel (issue 4,
 * item 9).
 */
describe('the demo data', () => {
  let t: TestApp;
  let refs: JourneyRefs;
  let officer: Client;
  let results: BidResult[];
  const POT = 30_000_000;
  const CAP = 2_000_000;
  const AWARDED_TOTAL = 21_500_000;
  const PIPELINE = ['submitted', 'eligible', 'in_assessment', 'scored', 'deferred'] as const;

  const awardedBids = () =>
    t.app.db
      .select({ bid: bids, award: awards, organisationName: organisations.name })
      .from(awards)
      .innerJoin(bids, eq(bids.id, awards.bidId))
      .innerJoin(organisations, eq(organisations.id, bids.organisationId))
      .where(eq(awards.fundId, refs.fundId))
      .orderBy(asc(bids.reference))
      .all();
  const sectionsOf = (bidId: string) =>
    new Map(
      t.app.db
        .select()
        .from(bidSections)
        .where(eq(bidSections.bidId, bidId))
        .all()
        .map((s) => [s.section, s]),
    );
  const bidsWithStatus = (status: (typeof bids.$inferSelect)['status']) =>
    t.app.db
      .select()
      .from(bids)
      .where(and(eq(bids.fundId, refs.fundId), eq(bids.status, status)))
      .all();
  const resultFor = (bidId: string) => {
    const found = results.find((r) => r.bidId === bidId);
    if (!found) throw new Error(`No result for bid ${bidId}`);
    return found;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    refs = await journeyRefs(t.app);
    officer = await signedIn(t.app, 'officer@demo.test');
    const response = await officer.get(`/api/funds/${refs.fundId}/results`);
    expect(response.statusCode, response.body).toBe(200);
    results = response.json().results;
  });
  afterAll(async () => t.close());

  describe('the Communities Fund in mid-2019', () => {
    it('has 19 awards adding up to exactly £215,000, each to a different group', () => {
      const rows = awardedBids();
      expect(rows).toHaveLength(19);
      expect(rows.reduce((total, r) => total + r.award.amountPence, 0)).toBe(AWARDED_TOTAL);
      expect(new Set(rows.map((r) => r.bid.organisationId)).size).toBe(19);
      for (const { bid } of rows) expect(bid.status, bid.title ?? '').toBe('awarded');
    });

    it('keeps every award within the £20,000 cap and the amount asked for, which is the sum of the budget lines', () => {
      let partial = 0;
      for (const { bid, award } of awardedBids()) {
        const budget = sectionsOf(bid.id).get('budget')?.data as { lines: { costPence: number }[] };
        expect(budgetTotalPence(budget), bid.title ?? '').toBe(bid.amountRequestedPence);
        expect(award.amountPence).toBeGreaterThan(0);
        expect(award.amountPence).toBeLessThanOrEqual(CAP);
        expect(award.amountPence).toBeLessThanOrEqual(bid.amountRequestedPence);
        const decision = t.app.db.select().from(decisions).where(eq(decisions.id, award.decisionId)).get();
        expect(decision).toMatchObject({ bidId: bid.id, outcome: 'award', amountPence: award.amountPence });
        if (award.amountPence < bid.amountRequestedPence) {
          partial += 1;
          expect(decision?.reason, `${bid.title}: a partial award needs a reason`).toBeTruthy();
        }
      }
      expect(partial).toBeGreaterThan(0);
    });

    it('awards the six projects the council’s reports name', () => {
      const byGroup = new Map(awardedBids().map((r) => [r.organisationName, r.bid]));
      for (const group of [
        'Basketball Club Vytis',
        'Olive Branch Community Garden',
        'Disability Peterborough',
        'Bainton and Ashton Parish Council',
        'Langdyke Countryside Trust',
        'Fabric of Society',
      ]) {
        expect(byGroup.has(group), group).toBe(true);
      }
      const about = (group: string) =>
        sectionsOf(byGroup.get(group)?.id ?? '').get('about')?.data as { title: string; summary: string };
      expect(about('Basketball Club Vytis').summary).toMatch(/eight-month basketball project for children/);
      expect(about('Bainton and Ashton Parish Council').title).toMatch(/in Bloom/);
      expect(about('Bainton and Ashton Parish Council').summary).toMatch(/Intergenerational gardening/);
      expect(about('Langdyke Countryside Trust').title).toBe('Art Pop-up at Langdyke nature reserves');
      expect(about('Fabric of Society').summary).toMatch(/more than 20 women from diverse cultures/);
      const disability = sectionsOf(byGroup.get('Disability Peterborough')?.id ?? '').get('beneficiaries')
        ?.data as { wardIds: string[] };
      expect(disability.wardIds).toHaveLength(3);
    });

    it('gives every awarded bid complete, valid answers in every section, within the fund’s rules', async () => {
      const fund = (await officer.get(`/api/funds/${refs.fundId}`)).json();
      const rules = {
        capPence: fund.capPence,
        deliveryStartsOn: fund.deliveryStartsOn,
        deliveryEndsOn: fund.deliveryEndsOn,
        priorityIds: fund.priorities.map((p: { id: string }) => p.id),
      };
      const sent = t.app.db
        .select()
        .from(bids)
        .where(and(eq(bids.fundId, refs.fundId), inArray(bids.status, ['awarded', ...PIPELINE])))
        .all();
      expect(sent.length).toBeGreaterThan(19);
      for (const bid of sent) {
        const sections = sectionsOf(bid.id);
        for (const { key } of BID_SECTIONS) {
          const section = sections.get(key);
          expect(section?.complete, `${bid.title}: ${key}`).toBe(true);
          const parsed = sectionSchema(key).safeParse(section?.data);
          expect(parsed.error?.issues ?? [], `${bid.title}: ${key}`).toEqual([]);
          expect(fundRuleProblems(key, parsed.data, rules), `${bid.title}: ${key}`).toEqual({});
        }
        expect((sections.get('about')?.data as { title?: string } | undefined)?.title).toBe(bid.title);
      }
    });

    it('gives every awarded bid its required documents, which download as PDFs', async () => {
      for (const { bid } of awardedBids()) {
        const kinds = t.app.db
          .select({ id: attachments.id, kind: attachments.kind })
          .from(attachments)
          .where(eq(attachments.bidId, bid.id))
          .all();
        const required = requiredAttachmentKinds(bid.eligibility as EligibilityAnswers);
        expect(kinds.map((k) => k.kind).sort(), bid.title ?? '').toEqual([...required].sort());
      }
      const [first] = awardedBids();
      const document = t.app.db
        .select({ id: attachments.id })
        .from(attachments)
        .where(eq(attachments.bidId, first?.bid.id ?? ''))
        .get();
      const download = await officer.get(`/api/bids/${first?.bid.id}/attachments/${document?.id}`);
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toMatch(/^application\/pdf/);
      expect(download.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    });

    it('sent the bids in 2019, with references PCF-2019-00NN, and decided them at the two 2019 panels', () => {
      const rows = awardedBids();
      expect(rows.map((r) => r.bid.reference)).toEqual(
        Array.from({ length: 19 }, (_, i) => `PCF-2019-${String(i + 1).padStart(4, '0')}`),
      );
      const panelRows = t.app.db.select().from(panels).where(eq(panels.fundId, refs.fundId)).all();
      expect(panelRows.map((p) => p.panelDate).sort()).toEqual(['2019-05-20', '2019-07-15']);
      for (const panel of panelRows) expect(panel.minutes ?? '').toMatch(/awarded/);
      for (const { bid, award } of rows) {
        expect(bid.submittedAt?.slice(0, 4)).toBe('2019');
        const decision = t.app.db.select().from(decisions).where(eq(decisions.id, award.decisionId)).get();
        const panel = panelRows.find((p) => p.id === decision?.panelId);
        expect(panel, bid.title ?? '').toBeDefined();
        expect(award.awardedAt.slice(0, 10)).toBe(panel?.panelDate);
        expect(Date.parse(bid.submittedAt ?? '')).toBeLessThan(Date.parse(award.awardedAt));
      }
    });

    it('screened every awarded bid eligible (officer@) and had it scored by the three assessors', () => {
      const officerId = userIdOf(t.app, 'officer@demo.test');
      const assessorIds = ['assessor@demo.test', 'assessor2@demo.test', 'assessor3@demo.test'].map((e) =>
        userIdOf(t.app, e),
      );
      for (const { bid } of awardedBids()) {
        const checks = t.app.db.select().from(screenings).where(eq(screenings.bidId, bid.id)).all();
        expect(checks).toEqual([
          expect.objectContaining({
            decision: 'eligible',
            documentsValid: true,
            groupVerified: true,
            screenedBy: officerId,
          }),
        ]);
        const sets = t.app.db.select().from(scoreSets).where(eq(scoreSets.bidId, bid.id)).all();
        expect(sets.map((s) => s.assessorId).sort()).toEqual([...assessorIds].sort());
        expect(sets.every((s) => s.status === 'submitted' && s.recommendation !== null)).toBe(true);
        const result = resultFor(bid.id);
        expect(result.completeSets).toBe(3);
        expect(result.meanScore).not.toBeNull();
        // Every criterion scored and commented.
        for (const set of result.scoreSets) {
          expect(set.scores).toHaveLength(result.criteria.length);
          expect(set.scores.every((s) => s.score !== null && s.comment)).toBe(true);
        }
      }
    });

    it('records each awarded bid’s moves in the audit trail, in order, in 2019', () => {
      const moves = [
        'bid.started',
        'bid.submitted',
        'bid.mark_eligible',
        'bid.start_assessment',
        'assessment.scores_submitted',
        'assessment.scores_submitted',
        'assessment.scores_submitted',
        'bid.complete_scoring',
        'bid.awarded',
      ];
      for (const { bid } of awardedBids()) {
        const events = t.app.db
          .select({ action: auditEvents.action, at: auditEvents.at })
          .from(auditEvents)
          .where(and(eq(auditEvents.entityType, 'bid'), eq(auditEvents.entityId, bid.id)))
          .orderBy(asc(auditEvents.id))
          .all();
        expect(events.filter((e) => moves.includes(e.action)).map((e) => e.action)).toEqual(moves);
        expect(events.every((e) => e.at.startsWith('2019-'))).toBe(true);
        expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort());
      }
    });

    it('shows the group its 2019 grant on its timeline', async () => {
      const tomas = await signedIn(t.app, 'applicant2@demo.test');
      const bidId = bidIdOf(t.app, 'Basketball for All');
      const timeline = (await tomas.get(`/api/bids/${bidId}/timeline`)).json().events as {
        what: string;
        by: string;
      }[];
      expect(timeline.map((e) => e.what)).toEqual([
        'Bid started',
        'Bid sent',
        'Checked by the grants team: the group can apply',
        'Sent to the panel’s assessors',
        'Assessed by the panel’s assessors',
        'Grant awarded',
      ]);
      // The group never sees an assessor's name.
      expect(timeline.slice(2).every((e) => e.by === 'Grants team')).toBe(true);
    });

    it('shows the officer £215,000 committed to 19 groups and £85,000 left, with the asks still in play', async () => {
      const budget = (await officer.get(`/api/funds/${refs.fundId}/budget`)).json();
      const pipeline = t.app.db
        .select({ amount: bids.amountRequestedPence })
        .from(bids)
        .where(and(eq(bids.fundId, refs.fundId), inArray(bids.status, [...PIPELINE])))
        .all()
        .reduce((total, b) => total + b.amount, 0);
      expect(budget).toMatchObject({
        potPence: POT,
        committedPence: AWARDED_TOTAL,
        // No money has come back in the demo, so PRODUCT.md's figures hold (decision 0023, Demo).
        returnedPence: 0,
        availablePence: POT - AWARDED_TOTAL,
        awardsCount: 19,
        pipelinePence: pipeline,
      });
      expect(budget.availablePence).toBe(8_500_000);
      expect(pipeline).toBeGreaterThan(0);
      // Something by priority and by ward; Disability Peterborough's award split across its three wards.
      expect(budget.byPriority.filter((p: { awardsCount: number }) => p.awardsCount > 0).length).toBe(4);
      expect(budget.byWard.length).toBeGreaterThan(10);
    });

    it('gives every demo group a registered number in its type’s format, from a range not yet issued', () => {
      for (const org of t.app.db.select().from(organisations).all()) {
        const pattern = ORGANISATION_TYPES[org.type].numberPattern;
        if (!pattern) {
          expect(org.registeredNumber, org.name).toBeNull();
          continue;
        }
        expect(org.registeredNumber ?? '', org.name).toMatch(pattern);
        expect(org.registeredNumber ?? '', org.name).toMatch(/^(1990\d{3}|99\d{6}|999\d{3})$/);
      }
    });
  });

  describe('bids still going through the fund', () => {
    it('keeps the applicant journey’s bids: drafts, one sent and one returned for changes', () => {
      const bid = (title: string) => t.app.db.select().from(bids).where(eq(bids.title, title)).get();
      expect(bid('Cook and Share')?.status).toBe('draft');
      expect(bid('Welcome Table Supper Club')?.status).toBe('submitted');
      expect(bid('Family Fun Days')).toMatchObject({ status: 'draft', returnMessage: expect.any(String) });
      expect(bid('Vytis Summer Camp')?.status).toBe('draft');
    });

    it('has two eligible bids, two being assessed and two scored, sent recently and not in 2019', () => {
      const now = t.clock.now().getTime();
      for (const status of ['eligible', 'in_assessment', 'scored'] as const) {
        const rows = bidsWithStatus(status);
        expect(rows, status).toHaveLength(2);
        for (const bid of rows) {
          const sent = Date.parse(bid.submittedAt ?? '');
          expect(sent).toBeLessThan(now);
          expect(sent).toBeGreaterThan(now - 60 * 86_400_000);
          expect(bid.reference).not.toMatch(/-2019-/);
        }
      }
    });

    it('has, on each bid being assessed, one assessor scoring with a draft and one still to declare', () => {
      for (const bid of bidsWithStatus('in_assessment')) {
        const rows = t.app.db.select().from(assignments).where(eq(assignments.bidId, bid.id)).all();
        const scoring = rows.filter((a) => a.status === 'scoring');
        expect(scoring, bid.title ?? '').toHaveLength(1);
        expect(scoring[0]?.declaredAt).toBeTruthy();
        const draft = t.app.db
          .select()
          .from(scoreSets)
          .where(eq(scoreSets.assignmentId, scoring[0]?.id ?? ''))
          .get();
        expect(draft).toMatchObject({ status: 'draft', submittedAt: null });
        expect(
          rows.filter((a) => a.status === 'awaiting_declaration'),
          bid.title ?? '',
        ).toHaveLength(1);
        expect(resultFor(bid.id).scoreSets.some((s) => s.status === 'draft' && s.total > 0)).toBe(true);
      }
    });

    it('flags both scored bids for moderation: their assessors differ by 3 or more on a criterion', () => {
      const scored = bidsWithStatus('scored');
      expect(scored).toHaveLength(2);
      for (const bid of scored) {
        const result = resultFor(bid.id);
        expect(result.completeSets).toBe(3);
        expect(result.moderationFlag, bid.title ?? '').toBe(true);
        expect(Math.max(...result.criteria.map((c) => c.spread ?? 0))).toBeGreaterThanOrEqual(3);
      }
      // Some of 2019's awards were flagged too, with the panel's moderation notes.
      const flaggedAwards = results.filter((r) => r.status === 'awarded' && r.moderationFlag);
      expect(flaggedAwards.length).toBeGreaterThan(0);
      for (const r of flaggedAwards) expect(r.moderationNotes.length).toBeGreaterThan(0);
      // And most assessors agree: not every bid is flagged.
      expect(results.filter((r) => r.status === 'awarded' && !r.moderationFlag).length).toBeGreaterThan(10);
    });

    it('records an assessor’s conflict of interest, with officer2 scoring in their place', () => {
      const conflicts = t.app.db
        .select({ assignment: assignments, name: users.name })
        .from(assignments)
        .innerJoin(users, eq(users.id, assignments.assessorId))
        .where(eq(assignments.status, 'conflict'))
        .all();
      expect(conflicts).toHaveLength(1);
      const [conflict] = conflicts;
      expect(conflict?.assignment.conflictNature).toBeTruthy();
      const bid = t.app.db
        .select()
        .from(bids)
        .where(eq(bids.id, conflict?.assignment.bidId ?? ''))
        .get();
      expect(bid?.status).toBe('scored');
      const declared = t.app.db
        .select()
        .from(assessorConflicts)
        .where(eq(assessorConflicts.assessorId, conflict?.assignment.assessorId ?? ''))
        .all();
      expect(declared).toEqual([
        expect.objectContaining({
          organisationId: bid?.organisationId,
          bidId: bid?.id,
          nature: expect.any(String),
        }),
      ]);
      const result = resultFor(bid?.id ?? '');
      expect(result.conflictsDeclared).toBe(1);
      expect(result.scoreSets.map((s) => s.assessorName)).toContain('James Mensah');
      expect(result.scoreSets.map((s) => s.assessorName)).not.toContain(conflict?.name);
      const replacement = t.app.db
        .select()
        .from(assignments)
        .where(
          and(
            eq(assignments.bidId, bid?.id ?? ''),
            eq(assignments.assessorId, userIdOf(t.app, 'officer2@demo.test')),
          ),
        )
        .get();
      expect(replacement?.status).toBe('submitted');
    });
  });

  describe('the Youth Fund', () => {
    it('is open, with its £60,000 pot and no awards yet', async () => {
      const youth = (await officer.get(`/api/funds/${refs.youthFundId}`)).json();
      expect(youth).toMatchObject({ name: 'Youth Fund', potPence: 6_000_000, status: 'open' });
      const budget = (await officer.get(`/api/funds/${refs.youthFundId}/budget`)).json();
      expect(budget).toMatchObject({ committedPence: 0, availablePence: 6_000_000, awardsCount: 0 });
      expect(t.app.db.select().from(awards).where(eq(awards.fundId, refs.youthFundId)).all()).toEqual([]);
    });
  });

  it('works out London times as the shared date helpers do, across the clock changes', () => {
    const thisYear = t.clock.now().getUTCFullYear();
    for (const year of [2019, thisYear, thisYear + 1]) {
      for (let day = 0; day < 366; day += 1) {
        const date = new Date(Date.UTC(year, 0, 1 + day)).toISOString().slice(0, 10);
        if (!date.startsWith(String(year))) continue;
        for (const time of ['09:30', '18:00'])
          expect(london(date, time), date).toBe(londonLocalToIso(`${date}T${time}`));
      }
    }
  });

  // Last: it changes the demo. The scored bids can still be decided, from what is left in the pot.
  it('lets the panel award one of the scored bids from the £85,000 left', async () => {
    const [bid] = bidsWithStatus('scored');
    const today = t.clock.now().toISOString().slice(0, 10);
    const decided = await officer.post(`/api/bids/${bid?.id}/decision`, {
      panelDate: today,
      decision: { outcome: 'award', amountPence: 500_000, reason: 'The panel funded the first six months.' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const budget = (await officer.get(`/api/funds/${refs.fundId}/budget`)).json();
    expect(budget).toMatchObject({ committedPence: AWARDED_TOTAL + 500_000, awardsCount: 20 });
  });
});
