import { z } from 'zod';
import { IsoDate, IsoDateTime } from './dates.js';
import type { GrantStatus } from './grants.js';
import { OUTCOME_TARGET_LABELS, type OutcomeTargets, ReportKind } from './offers.js';
import { isReportOverdue, ReportState, type ReportStatus, reportDueSoon } from './reports.js';

// ─── Monitoring across grants (issue 11 items 3 and 4; decision 0027) ─────────────────────────
// Reminders to groups before a report is due and once it is overdue, the officers' lists of
// reports due soon and overdue (counted on their home page as the list shows them), and the
// outcomes a fund's grants promised against what their approved reports say they achieved.

/** How many days before its due date a group is reminded of a report (once). */
export const REMINDER_DAYS_BEFORE = 14;

/** The two reminders a report can have, each sent at most once: before it is due, and when overdue. */
export const ReminderKind = z.enum(['due_soon', 'overdue']);
export type ReminderKind = z.infer<typeof ReminderKind>;

/** Grants whose reports are chased: the group has accepted the offer and the project is running. */
export const REPORTING_GRANT_STATUSES = ['in_delivery'] as const satisfies readonly GrantStatus[];

/**
 * The reminder a report calls for today, if any: overdue once it is late (not sent by its due
 * date), due soon in the 14 days up to it (due date included). Only while the grant is in delivery
 * and the report is the group's to send. Whether it was sent already is the reminders table's job.
 */
export function reminderDue(
  report: { status: ReportStatus; dueOn: string },
  grantStatus: GrantStatus,
  today: string,
): ReminderKind | null {
  if (!(REPORTING_GRANT_STATUSES as readonly string[]).includes(grantStatus)) return null;
  if (isReportOverdue(report, today)) return 'overdue';
  if (reportDueSoon(report, today, REMINDER_DAYS_BEFORE)) return 'due_soon';
  return null;
}

/** The officers' lists: reports due in the next 14 days, and reports overdue (grants in delivery). */
export const ReportListState = z.enum(['due_soon', 'overdue'], { error: 'Choose due soon or overdue' });
export type ReportListState = z.infer<typeof ReportListState>;

export const REPORT_LIST_TITLES: Record<ReportListState, string> = {
  due_soon: `Reports due in the next ${REMINDER_DAYS_BEFORE} days`,
  overdue: 'Reports overdue',
};

/** What the officers' lists count: the same rule as the reminders, so a list and a reminder agree. */
export function inReportList(
  report: { status: ReportStatus; dueOn: string },
  grantStatus: GrantStatus,
  today: string,
  state: ReportListState,
): boolean {
  return reminderDue(report, grantStatus, today) === state;
}

export const ReportListQuery = z.strictObject({
  fundId: z.uuid({ error: 'Choose a fund from the list' }).optional(),
  state: ReportListState,
});
export type ReportListQuery = z.input<typeof ReportListQuery>;

export const ReportListItem = z.object({
  reportId: z.uuid(),
  grantId: z.uuid(),
  fundId: z.uuid(),
  fundName: z.string(),
  reference: z.string().nullable(),
  title: z.string().nullable(),
  organisationName: z.string(),
  kind: ReportKind,
  dueOn: IsoDate,
  state: ReportState,
  /** Days late today (0 when not overdue). */
  daysOverdue: z.int().min(0),
  /** When the group was last reminded of this report, if ever. */
  remindedAt: IsoDateTime.nullable(),
});
export type ReportListItem = z.infer<typeof ReportListItem>;

export const ReportList = z.object({ state: ReportListState, reports: z.array(ReportListItem) });
export type ReportList = z.infer<typeof ReportList>;

/** What a run of the reminders job did (also the answer of "send reminders now"). */
export const ReminderRun = z.object({
  today: IsoDate,
  /** Reminders sent in this run (each to the group's contact and members). */
  dueSoon: z.int().min(0),
  overdue: z.int().min(0),
  /** Emails queued in this run. */
  emails: z.int().min(0),
});
export type ReminderRun = z.infer<typeof ReminderRun>;

// ─── Outcomes across a fund ──────────────────────────────────────────────────────────────────

export const OUTCOME_KEYS = Object.keys(OUTCOME_TARGET_LABELS) as (keyof OutcomeTargets)[];

/** Promised and achieved for one outcome target. */
export const OutcomeFigure = z.object({ promised: z.int().min(0), achieved: z.int().min(0) });
export type OutcomeFigure = z.infer<typeof OutcomeFigure>;

export const OutcomeFigures = z.object({
  participants: OutcomeFigure,
  events: OutcomeFigure,
  volunteers: OutcomeFigure,
  peopleMeeting: OutcomeFigure,
});
export type OutcomeFigures = z.infer<typeof OutcomeFigures>;

export const OutcomeSlice = z.object({
  id: z.string(),
  name: z.string(),
  /** Grants counted in this slice, and how many of them have an approved report. */
  grants: z.int().min(0),
  reported: z.int().min(0),
  figures: OutcomeFigures,
});
export type OutcomeSlice = z.infer<typeof OutcomeSlice>;

/** Grants whose outcomes count: the ones still standing (an offer declined or a grant ended early is not). */
export const OUTCOME_GRANT_STATUSES = [
  'offered',
  'in_delivery',
  'completed',
] as const satisfies readonly GrantStatus[];

export const FundOutcomes = z
  .object({
    fundId: z.uuid(),
    fundName: z.string(),
    total: OutcomeSlice,
    /** By the bid's main priority. */
    byPriority: z.array(OutcomeSlice),
    /** By ward: a grant in several wards counts whole in each, so wards add up to more than the total. */
    byWard: z.array(OutcomeSlice),
  })
  .meta({ id: 'FundOutcomes' });
export type FundOutcomes = z.infer<typeof FundOutcomes>;

/** One grant as the outcomes see it: its targets and what its latest approved report says. */
export interface OutcomeGrant {
  mainPriorityId: string | null;
  wardIds: readonly string[];
  targets: OutcomeTargets | null;
  /** The outcomes of the grant's latest approved report; null when none is approved yet. */
  achieved: OutcomeTargets | null;
}

export function emptyFigures(): OutcomeFigures {
  return {
    participants: { promised: 0, achieved: 0 },
    events: { promised: 0, achieved: 0 },
    volunteers: { promised: 0, achieved: 0 },
    peopleMeeting: { promised: 0, achieved: 0 },
  };
}

function addGrant(slice: OutcomeSlice, grant: OutcomeGrant): OutcomeSlice {
  const figures = emptyFigures();
  for (const key of OUTCOME_KEYS) {
    figures[key] = {
      promised: slice.figures[key].promised + (grant.targets?.[key] ?? 0),
      achieved: slice.figures[key].achieved + (grant.achieved?.[key] ?? 0),
    };
  }
  return {
    ...slice,
    grants: slice.grants + 1,
    reported: slice.reported + (grant.achieved ? 1 : 0),
    figures,
  };
}

/**
 * A fund's outcomes: promised (the bid's targets) against achieved (the latest approved report),
 * in total, by main priority and by ward. A grant in several wards counts whole in each ward
 * (people and events cannot be split), so the wards add up to more than the total. Slices come in
 * the order given; a priority or ward with no grant is kept, showing nothing.
 */
export function fundOutcomes(
  grants: readonly OutcomeGrant[],
  order: {
    priorities: readonly { id: string; name: string }[];
    wards: readonly { id: string; name: string }[];
  },
): { total: OutcomeSlice; byPriority: OutcomeSlice[]; byWard: OutcomeSlice[] } {
  const slice = (id: string, name: string): OutcomeSlice => ({
    id,
    name,
    grants: 0,
    reported: 0,
    figures: emptyFigures(),
  });
  let total = slice('total', 'All grants');
  const byPriority = new Map(order.priorities.map((p) => [p.id, slice(p.id, p.name)]));
  const byWard = new Map(order.wards.map((w) => [w.id, slice(w.id, w.name)]));
  for (const grant of grants) {
    total = addGrant(total, grant);
    const priority = grant.mainPriorityId ? byPriority.get(grant.mainPriorityId) : undefined;
    if (priority && grant.mainPriorityId) byPriority.set(grant.mainPriorityId, addGrant(priority, grant));
    for (const wardId of new Set(grant.wardIds)) {
      const ward = byWard.get(wardId);
      if (ward) byWard.set(wardId, addGrant(ward, grant));
    }
  }
  return { total, byPriority: [...byPriority.values()], byWard: [...byWard.values()] };
}

/** The column titles of outcomes.csv (PRODUCT.md section 10), per grant for the national evaluation. */
export const OUTCOMES_CSV_HEADER = [
  'Grant reference',
  'Project',
  'Group',
  'Grant status',
  'Main priority',
  'Wards',
  'Award (£)',
  'Report counted',
  'Report approved on',
  ...OUTCOME_KEYS.flatMap((key) => [
    `${OUTCOME_TARGET_LABELS[key]}: promised`,
    `${OUTCOME_TARGET_LABELS[key]}: achieved`,
  ]),
] as const;
