import { randomUUID } from 'node:crypto';
import { type AuditAction, OUTCOME_KEYS, type OutcomeTargets, suggestedRating } from '@cf/shared';
import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import {
  bankAccounts,
  bidSections,
  grantInstalments,
  grantRatings,
  grantReports,
  grants,
  memberships,
  organisations,
  payments,
  users,
} from '../db/schema/index.js';
import { writeReportDue } from '../modules/grants/repository.js';
import { type DemoAuditEvent, london, londonDate, shiftDate } from './demo-assessment.js';

/**
 * The monitoring story of the demo's grants in delivery (issue 11 item 9, decision 0027), as a
 * council would see it part way through the year:
 * - `approved`: the mid-point report sent by the group's member and approved by officer@, with
 *   outcomes a share of what the bid promised (`share`), and the grant rated;
 * - `returned`: the mid-point report sent and returned by officer@ with comments;
 * - `overdue`: the mid-point report 12 days late, not started (the one overdue report);
 * - `completed`: both reports approved, the grant completed, and its final instalment asked for by
 *   officer@, approved by finance@ and recorded paid by finance2@.
 * Reports still to come are due after today, as the officer set them (decision 0006 keeps the
 * awards in 2019; the reports a demo shows must be live): finals 2 to 7 months ahead, and
 * Stanground's final due in 10 days (due soon). Groups not named keep their reports not started.
 */
type ReportStory =
  | { story: 'approved'; share: number }
  | { story: 'returned' }
  | { story: 'overdue' }
  | { story: 'completed' };

export const DEMO_REPORTS: Record<string, ReportStory> = {
  'Bainton and Ashton Parish Council': { story: 'completed' },
  'Hampton and Hargate Welcome Network': { story: 'approved', share: 0.55 },
  'Disability Peterborough': { story: 'approved', share: 0.6 },
  'Brookside Meadow Primary School': { story: 'approved', share: 0.5 },
  'Stanground Good Neighbours': { story: 'approved', share: 0.65 },
  'Langdyke Countryside Trust': { story: 'approved', share: 0.3 },
  'Lincoln Road Musicians’ Collective': { story: 'approved', share: 0.5 },
  'Bretton Repair Café CIC': { story: 'approved', share: 0.45 },
  'Peterborough Skills Bridge CIC': { story: 'approved', share: 0.5 },
  'Fletton Faith Forum': { story: 'returned' },
  'Dogsthorpe Dads and Lads': { story: 'overdue' },
};

/** The group due to report in the next 14 days: its final report, 10 days from today. */
export const DEMO_REPORT_DUE_SOON = 'Stanground Good Neighbours';
export const DEMO_RETURN_COMMENTS =
  'Thank you. Please add what you spent on each line of your budget (the spending section is all on one line), and say how many people from different backgrounds met.';

/** What a group achieved by the mid-point: a share of each target, in whole numbers. */
export function demoAchieved(targets: OutcomeTargets, share: number): OutcomeTargets {
  const out = { ...targets };
  for (const key of OUTCOME_KEYS) out[key] = Math.round(targets[key] * share);
  return out;
}

export interface DemoReportIds {
  fundId: string;
  users: Record<string, string>;
}

export function seedDemoReports(q: Queryable, now: Date, ids: DemoReportIds): DemoAuditEvent[] {
  const events: DemoAuditEvent[] = [];
  const audit = (
    entityId: string,
    actorId: string,
    action: AuditAction,
    at: string,
    extra: { before?: unknown; after?: unknown; reason?: string | null } = {},
  ) =>
    events.push({
      actorId,
      action,
      entityType: 'grant',
      entityId,
      before: extra.before ?? null,
      after: extra.after ?? null,
      reason: extra.reason ?? null,
      at,
    });
  const user = (email: string) => {
    const id = ids.users[email];
    if (!id) throw new Error(`The demo user ${email} is missing`);
    return id;
  };
  const officer = user('officer@demo.test');
  const finance = user('finance@demo.test');
  const finance2 = user('finance2@demo.test');
  const today = londonDate(now);
  const daysAgo = (days: number, time: string) => london(shiftDate(today, -days), time);

  const inDelivery = q
    .select({
      id: grants.id,
      bidId: grants.bidId,
      organisationId: grants.organisationId,
      organisationName: organisations.name,
    })
    .from(grants)
    .innerJoin(organisations, eq(organisations.id, grants.organisationId))
    .where(and(eq(grants.fundId, ids.fundId), eq(grants.status, 'in_delivery')))
    .orderBy(asc(organisations.name))
    .all();
  const named = new Set(inDelivery.map((g) => g.organisationName));
  for (const name of Object.keys(DEMO_REPORTS)) {
    if (!named.has(name)) throw new Error(`The demo has no grant in delivery for ${name}`);
  }

  inDelivery.forEach((grant, index) => {
    const plan = DEMO_REPORTS[grant.organisationName];
    const reports = q
      .select()
      .from(grantReports)
      .where(eq(grantReports.grantId, grant.id))
      .orderBy(asc(grantReports.dueOn))
      .all();
    const mid = reports.find((r) => r.kind === 'mid_point');
    const final = reports.find((r) => r.kind === 'final');
    const section = (key: string) =>
      q
        .select({ data: bidSections.data })
        .from(bidSections)
        .where(and(eq(bidSections.bidId, grant.bidId), eq(bidSections.section, key as never)))
        .get()?.data as Record<string, unknown> | undefined;
    const budgetLines = ((section('budget')?.lines ?? []) as { item: string; costPence: number }[]).map(
      (line) => ({ item: line.item, costPence: line.costPence }),
    );
    const promised = section('outcomes') ?? {};
    const targets: OutcomeTargets = {
      participants: Number(promised.participants ?? 0),
      events: Number(promised.events ?? 0),
      volunteers: Number(promised.volunteers ?? 0),
      peopleMeeting: Number(promised.peopleMeeting ?? 0),
    };
    const member = q
      .select({ id: users.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.organisationId, grant.organisationId))
      .orderBy(asc(users.email))
      .get()?.id;

    // Reports still to come are due after today, as the officer agreed them.
    const moveDue = (report: typeof mid, dueOn: string) => {
      if (!report) return;
      writeReportDue(q, grant.id, { kind: report.kind, dueOn }, daysAgo(200, '09:00'));
      report.dueOn = dueOn;
    };
    const finalDue =
      grant.organisationName === DEMO_REPORT_DUE_SOON
        ? shiftDate(today, 10)
        : shiftDate(today, 60 + 20 * index);
    if (!plan) {
      // In delivery with nothing sent yet (the three accepted this month): both reports ahead.
      moveDue(mid, shiftDate(today, 45 + 10 * index));
      moveDue(final, shiftDate(today, 150 + 10 * index));
      return;
    }
    if (plan.story !== 'completed') moveDue(final, finalDue);
    if (!mid || !member)
      throw new Error(`The demo grant to ${grant.organisationName} has no mid-point or member`);

    const content = (share: number, kind: 'mid_point' | 'final') => ({
      progress:
        kind === 'final'
          ? 'The project ran as planned to the end. Every session went ahead, and the group carries on without the grant.'
          : 'The project started on time. Sessions are running every week and more people come each month.',
      spend: {
        lines: budgetLines.map((line) => ({ spentPence: Math.round(line.costPence * Math.min(1, share)) })),
        explanation: '',
      },
      outcomes: demoAchieved(targets, share),
      story:
        kind === 'final'
          ? 'A volunteer who first came to a session alone now runs the Thursday group with two neighbours she met there.'
          : 'A man who had not left his flat for months came to the first session, and now brings his neighbour.',
    });

    if (plan.story === 'overdue') {
      moveDue(mid, shiftDate(today, -12));
      return;
    }
    if (plan.story === 'returned') {
      // Sent early, returned for changes; due in three weeks, so not overdue.
      moveDue(mid, shiftDate(today, 21));
      const sentAt = daysAgo(9, '21:10');
      const returnedAt = daysAgo(6, '11:30');
      q.update(grantReports)
        .set({
          ...content(0.5, 'mid_point'),
          spend: { lines: budgetLines.map(() => ({ spentPence: 0 })), explanation: '' },
          status: 'returned',
          version: 3,
          updatedAt: returnedAt,
          updatedBy: member,
          submittedAt: sentAt,
          submittedBy: member,
          decidedAt: returnedAt,
          decidedBy: officer,
          returnComments: DEMO_RETURN_COMMENTS,
        })
        .where(eq(grantReports.id, mid.id))
        .run();
      return;
    }

    const approve = (report: NonNullable<typeof mid>, share: number, sentOn: string) => {
      const sentAt = london(sentOn, '20:15');
      const approvedAt = london(shiftDate(sentOn, 5), '10:40');
      q.update(grantReports)
        .set({
          ...content(share, report.kind),
          status: 'approved',
          version: 5,
          updatedAt: sentAt,
          updatedBy: member,
          submittedAt: sentAt,
          submittedBy: member,
          decidedAt: approvedAt,
          decidedBy: officer,
        })
        .where(eq(grantReports.id, report.id))
        .run();
      report.status = 'approved';
      return approvedAt;
    };

    if (plan.story === 'approved') {
      const approvedAt = approve(mid, plan.share, mid.dueOn);
      const suggestion = suggestedRating({
        today: londonDate(new Date(approvedAt)),
        reports: [
          {
            kind: 'mid_point',
            dueOn: mid.dueOn,
            status: 'approved',
            spend: content(plan.share, 'mid_point').spend,
            outcomes: demoAchieved(targets, plan.share),
          },
        ],
        budgetLines,
        targets,
      });
      q.insert(grantRatings)
        .values({
          grantId: grant.id,
          reportId: mid.id,
          rating: suggestion.rating,
          suggestedRating: suggestion.rating,
          ratedBy: officer,
          ratedAt: approvedAt,
        })
        .run();
      return;
    }

    // Completed: both reports approved, the grant completed, its final instalment paid.
    if (!final) throw new Error(`The demo grant to ${grant.organisationName} has no final report`);
    approve(mid, 0.55, mid.dueOn);
    const completedAt = approve(final, 1.05, final.dueOn);
    q.update(grants)
      .set({ status: 'completed', updatedAt: completedAt })
      .where(eq(grants.id, grant.id))
      .run();
    audit(grant.id, officer, 'grant.completed', completedAt, {
      before: { status: 'in_delivery' },
      after: { status: 'completed' },
      reason: 'Final report approved',
    });
    const instalment = q
      .select({ amountPence: grantInstalments.amountPence })
      .from(grantInstalments)
      .where(and(eq(grantInstalments.grantId, grant.id), eq(grantInstalments.trigger, 'final_report')))
      .get();
    const account = q
      .select({ id: bankAccounts.id })
      .from(bankAccounts)
      .where(eq(bankAccounts.organisationId, grant.organisationId))
      .orderBy(asc(bankAccounts.recordedAt))
      .get();
    if (!instalment || !account)
      throw new Error(`The demo grant to ${grant.organisationName} cannot be paid`);
    const paymentId = randomUUID();
    const approvedOn = shiftDate(final.dueOn, 8);
    const approvedAt = london(approvedOn, '09:50');
    const paidOn = shiftDate(approvedOn, 2);
    const paidRecordedAt = london(paidOn, '15:20');
    const paidReference = `AP-${paidOn.slice(0, 4)}-0903`;
    q.insert(payments)
      .values({
        id: paymentId,
        grantId: grant.id,
        fundId: ids.fundId,
        amountPence: instalment.amountPence,
        trigger: 'final_report',
        status: 'paid',
        bankAccountId: account.id,
        requestedBy: officer,
        requestedAt: completedAt,
        approvedBy: finance,
        approvedAt,
        paidOn,
        paidReference,
        paidRecordedBy: finance2,
        paidRecordedAt,
      })
      .run();
    const money = { paymentId, amountPence: instalment.amountPence, trigger: 'final_report' };
    audit(grant.id, officer, 'payment.requested', completedAt, {
      after: { ...money, bankAccountId: account.id },
    });
    audit(grant.id, finance, 'payment.approved', approvedAt, {
      before: { paymentId, status: 'requested' },
      after: { ...money, status: 'approved', approvedBy: finance, approvedAt },
    });
    audit(grant.id, finance2, 'payment.paid', paidRecordedAt, {
      before: { paymentId, status: 'approved' },
      after: { ...money, status: 'paid', paidOn, paidReference, paidRecordedBy: finance2, paidRecordedAt },
    });
  });
  return events;
}
