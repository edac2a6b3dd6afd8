import {
  addDays,
  OUTCOME_GRANT_STATUSES,
  type OutcomeTargets,
  REMINDER_DAYS_BEFORE,
  REPORT_EDITABLE,
  REPORTING_GRANT_STATUSES,
  type ReminderKind,
  type ReportOutcomes,
} from '@cf/shared';
import { and, asc, desc, eq, inArray, lte, max } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import {
  awards,
  bidSections,
  bids,
  funds,
  grantReports,
  grants,
  organisations,
  reportReminders,
} from '../../db/schema/index.js';

// The monitoring module reads reports through its own queries (the reports module writes them),
// so it needs nothing of that module: grant_reports and grants are the shared ground.

function openReportsQuery(q: Queryable) {
  return q
    .select({
      reportId: grantReports.id,
      kind: grantReports.kind,
      dueOn: grantReports.dueOn,
      status: grantReports.status,
      grantId: grants.id,
      grantStatus: grants.status,
      organisationId: grants.organisationId,
      fundId: grants.fundId,
      fundName: funds.name,
      reference: bids.reference,
      title: bids.title,
      organisationName: organisations.name,
    })
    .from(grantReports)
    .innerJoin(grants, eq(grants.id, grantReports.grantId))
    .innerJoin(bids, eq(bids.id, grants.bidId))
    .innerJoin(funds, eq(funds.id, grants.fundId))
    .innerJoin(organisations, eq(organisations.id, grants.organisationId));
}
export type OpenReport = ReturnType<ReturnType<typeof openReportsQuery>['all']>[number];

/**
 * Reports the group still has to send, of grants in delivery, due by `today` + 14 days (so due
 * soon or overdue): what the reminders and the officers' lists choose from, by due date.
 */
export function openReports(
  q: Queryable,
  filter: { today: string; fundId?: string | undefined },
): OpenReport[] {
  return openReportsQuery(q)
    .where(
      and(
        inArray(grants.status, [...REPORTING_GRANT_STATUSES]),
        inArray(grantReports.status, [...REPORT_EDITABLE]),
        lte(grantReports.dueOn, addDays(filter.today, REMINDER_DAYS_BEFORE)),
        filter.fundId ? eq(grants.fundId, filter.fundId) : undefined,
      ),
    )
    .orderBy(asc(grantReports.dueOn), asc(grantReports.id))
    .all();
}

/** One report as the reminder sees it, read again inside the reminder's unit of work. */
export function openReport(q: Queryable, reportId: string): OpenReport | undefined {
  return openReportsQuery(q).where(eq(grantReports.id, reportId)).get();
}

/**
 * Records a reminder unless one of this kind was sent for this report already: true when this
 * call inserted it (and so must send the emails, in the same unit of work), false when it was there.
 */
export function insertReminder(
  q: Queryable,
  values: {
    reportId: string;
    kind: ReminderKind;
    sentOn: string;
    dueOn: string;
    recipients: number;
    sentAt: string;
  },
): boolean {
  const inserted = q
    .insert(reportReminders)
    .values(values)
    .onConflictDoNothing({ target: [reportReminders.reportId, reportReminders.kind] })
    .returning({ id: reportReminders.id })
    .get();
  return inserted !== undefined;
}

/** When each of these reports was last reminded of. */
export function lastReminded(q: Queryable, reportIds: readonly string[]): Map<string, string> {
  if (reportIds.length === 0) return new Map();
  const rows = q
    .select({ reportId: reportReminders.reportId, at: max(reportReminders.sentAt) })
    .from(reportReminders)
    .where(inArray(reportReminders.reportId, [...reportIds]))
    .groupBy(reportReminders.reportId)
    .all();
  return new Map(rows.flatMap((r) => (r.at ? [[r.reportId, r.at] as const] : [])));
}

export function remindersOf(q: Queryable, reportId: string) {
  return q.select().from(reportReminders).where(eq(reportReminders.reportId, reportId)).all();
}

// ─── Outcomes ────────────────────────────────────────────────────────────────────────────────

export interface OutcomeGrantRow {
  grantId: string;
  bidId: string;
  reference: string | null;
  title: string | null;
  organisationName: string;
  status: (typeof OUTCOME_GRANT_STATUSES)[number];
  awardPence: number;
  mainPriorityId: string | null;
  wardIds: string[];
}

/** The fund's grants whose outcomes count (still standing), oldest reference first. */
export function outcomeGrants(q: Queryable, fundId: string): OutcomeGrantRow[] {
  return q
    .select({
      grantId: grants.id,
      bidId: grants.bidId,
      reference: bids.reference,
      title: bids.title,
      organisationName: organisations.name,
      status: grants.status,
      awardPence: awards.amountPence,
      mainPriorityId: grants.mainPriorityId,
      wardIds: grants.wardIds,
    })
    .from(grants)
    .innerJoin(bids, eq(bids.id, grants.bidId))
    .innerJoin(awards, eq(awards.id, grants.awardId))
    .innerJoin(organisations, eq(organisations.id, grants.organisationId))
    .where(and(eq(grants.fundId, fundId), inArray(grants.status, [...OUTCOME_GRANT_STATUSES])))
    .orderBy(asc(bids.reference), asc(grants.id))
    .all() as OutcomeGrantRow[];
}

/** The outcome targets each of these bids promised (the bid's outcomes section). */
export function promisedOutcomes(q: Queryable, bidIds: readonly string[]): Map<string, OutcomeTargets> {
  if (bidIds.length === 0) return new Map();
  const rows = q
    .select({ bidId: bidSections.bidId, data: bidSections.data })
    .from(bidSections)
    .where(and(inArray(bidSections.bidId, [...bidIds]), eq(bidSections.section, 'outcomes' as never)))
    .all();
  return new Map(
    rows.map((row) => {
      const data = (row.data ?? {}) as Record<string, unknown>;
      const n = (key: string) => (typeof data[key] === 'number' ? (data[key] as number) : 0);
      return [
        row.bidId,
        {
          participants: n('participants'),
          events: n('events'),
          volunteers: n('volunteers'),
          peopleMeeting: n('peopleMeeting'),
        },
      ];
    }),
  );
}

export interface ApprovedReport {
  reportId: string;
  kind: 'mid_point' | 'final';
  decidedAt: string | null;
  outcomes: ReportOutcomes;
}

/**
 * Each grant's latest approved report with outcomes (the final report over the mid-point one;
 * outcomes are "achieved to date", so the latest holds the whole story).
 */
export function latestApprovedReports(
  q: Queryable,
  grantIds: readonly string[],
): Map<string, ApprovedReport> {
  if (grantIds.length === 0) return new Map();
  const rows = q
    .select({
      grantId: grantReports.grantId,
      reportId: grantReports.id,
      kind: grantReports.kind,
      decidedAt: grantReports.decidedAt,
      outcomes: grantReports.outcomes,
    })
    .from(grantReports)
    .where(and(inArray(grantReports.grantId, [...grantIds]), eq(grantReports.status, 'approved')))
    .orderBy(desc(grantReports.dueOn))
    .all();
  const latest = new Map<string, ApprovedReport>();
  for (const row of rows) {
    if (!row.outcomes || latest.has(row.grantId)) continue;
    latest.set(row.grantId, {
      reportId: row.reportId,
      kind: row.kind,
      decidedAt: row.decidedAt,
      outcomes: row.outcomes,
    });
  }
  return latest;
}
