import { z } from 'zod';
import { IsoDate, IsoDateTime } from './dates.js';
import { GrantStatus } from './grants.js';
import { formatPence } from './money.js';
import { addDays, OUTCOME_TARGET_LABELS, OutcomeTargets, REPORT_KIND_LABELS, ReportKind } from './offers.js';
import { charLimited, wholeNumber, wordLimited } from './text.js';

// ─── Monitoring reports (issue 11; PRODUCT.md section 6; decision 0024) ──────────────────────
// Each grant owes the reports of its reporting schedule (`reportingSchedule` in offers.ts): a
// row per report is made with the grant. A member of the group fills it in section by section
// (progress, spend against each budget line, outcomes against each target, a story) with evidence
// files, and sends it; an officer approves it or returns it with comments, and rates the grant
// red, amber or green with a suggestion from `suggestedRating`. Approving the final report
// completes the grant and asks for its final payment.

export const ReportStatus = z.enum(['not_started', 'draft', 'submitted', 'returned', 'approved']);
export type ReportStatus = z.infer<typeof ReportStatus>;

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  not_started: 'Not started',
  draft: 'In progress',
  submitted: 'Sent, waiting for the officer',
  returned: 'Returned for changes',
  approved: 'Approved',
};

/** Where a report stands for the people reading it: its status, or overdue when it is late. */
export const ReportState = z.enum(['not_started', 'draft', 'submitted', 'returned', 'approved', 'overdue']);
export type ReportState = z.infer<typeof ReportState>;

export const REPORT_STATE_LABELS: Record<ReportState, string> = {
  ...REPORT_STATUS_LABELS,
  overdue: 'Overdue',
};

/** The statuses in which the group may still change and send a report. */
export const REPORT_EDITABLE: readonly ReportStatus[] = ['not_started', 'draft', 'returned'];

/**
 * A report not sent by its due date (a London date): overdue from the day after, while it is not
 * sent or approved. A returned report past its due date is overdue again until it is sent.
 */
export function isReportOverdue(report: { status: ReportStatus; dueOn: string }, today: string): boolean {
  return report.dueOn < today && (REPORT_EDITABLE as readonly string[]).includes(report.status);
}

/** The report's status, or `overdue` when it is late (reminders, lists and the dashboard show this). */
export function reportState(report: { status: ReportStatus; dueOn: string }, today: string): ReportState {
  return isReportOverdue(report, today) ? 'overdue' : report.status;
}

/** Days late on this date (0 when not overdue). */
export function daysOverdue(report: { status: ReportStatus; dueOn: string }, today: string): number {
  if (!isReportOverdue(report, today)) return 0;
  return Math.round(
    (Date.parse(`${today}T12:00:00Z`) - Date.parse(`${report.dueOn}T12:00:00Z`)) / 86_400_000,
  );
}

/** The 409 message when the group changes or sends a report that is no longer theirs to change. */
export function reportChangeRefusal(status: ReportStatus): string | null {
  switch (status) {
    case 'not_started':
    case 'draft':
    case 'returned':
      return null;
    case 'submitted':
      return 'This report has been sent to the grants officer, so it cannot be changed';
    case 'approved':
      return 'This report has been approved, so it cannot be changed';
  }
}

/** The 409 message when an officer approves or returns a report that is not waiting for them. */
export function reportDecisionRefusal(status: ReportStatus): string | null {
  if (status === 'submitted') return null;
  if (status === 'approved') return 'This report has been approved already';
  if (status === 'returned')
    return 'This report has been returned to the group, and they have not sent it again yet';
  return 'This report has not been sent yet, so it cannot be approved or returned';
}

// ─── The sections of a report ────────────────────────────────────────────────────────────────

export const ReportSectionKey = z.enum(['progress', 'spend', 'outcomes', 'story'], {
  error: 'Choose a section of the report',
});
export type ReportSectionKey = z.infer<typeof ReportSectionKey>;

export const REPORT_SECTIONS: Record<ReportSectionKey, { title: string; hint: string }> = {
  progress: { title: 'Progress', hint: 'What you have done so far and anything that changed' },
  spend: { title: 'Spending', hint: 'What you have spent against each line of your budget' },
  outcomes: { title: 'Outcomes', hint: 'What you have achieved against what you said you would' },
  story: { title: 'A story', hint: 'One person’s or one event’s story, in a few words' },
};
export const REPORT_SECTION_KEYS = ReportSectionKey.options;

export const ProgressSection = z.strictObject({
  progress: wordLimited(500, 'how the project is going'),
});

const SpentPence = z
  .int({
    error: (issue) =>
      issue.input === undefined
        ? 'Enter what you have spent'
        : 'Enter the amount in pounds and pence, like 125 or 125.50',
  })
  .min(0, 'The amount spent must be £0 or more')
  .max(100_000_000, 'The amount is too large');

/** Spent to date against each line of the bid's budget, in the budget's order. */
export const SpendSection = z.strictObject({
  lines: z
    .array(z.strictObject({ spentPence: SpentPence }))
    .min(1)
    .max(30),
  /** Why spending differs from the budget, if it does. */
  explanation: z.string().trim().max(2000, 'The explanation must be 2,000 characters or fewer').default(''),
});
export type ReportSpend = z.output<typeof SpendSection>;

/** Achieved to date against each outcome target of the bid: whole numbers, 0 or more. */
export const OutcomesAchievedSection = z.strictObject({
  participants: wholeNumber('the number of people who took part'),
  events: wholeNumber('the number of events or sessions'),
  volunteers: wholeNumber('the number of volunteers'),
  peopleMeeting: wholeNumber('the number of people from different backgrounds who met'),
});
export type ReportOutcomes = z.output<typeof OutcomesAchievedSection>;

export const StorySection = z.strictObject({
  story: wordLimited(300, 'a short story about your project'),
});

export const REPORT_SECTION_SCHEMAS = {
  progress: ProgressSection,
  spend: SpendSection,
  outcomes: OutcomesAchievedSection,
  story: StorySection,
} as const satisfies Record<ReportSectionKey, z.ZodType>;

export type ReportSectionData = { [K in ReportSectionKey]: z.output<(typeof REPORT_SECTION_SCHEMAS)[K]> };

/** A save of one section: the report's version the person opened (409 if it moved on) and the answers. */
export const ReportSectionBody = z.strictObject({
  version: z.int().min(1),
  data: z.record(z.string(), z.unknown()),
});
export type ReportSectionBody = z.input<typeof ReportSectionBody>;

export const ReportSectionParams = z.strictObject({ reportId: z.uuid(), section: ReportSectionKey });
export const ReportIdParams = z.strictObject({ reportId: z.uuid() });
export const ReportEvidenceParams = z.strictObject({ reportId: z.uuid(), evidenceId: z.uuid() });

/** The sections still to answer before a report can be sent, in order. */
export function missingReportSections(report: {
  progress: string | null;
  spend: unknown;
  outcomes: unknown;
  story: string | null;
}): ReportSectionKey[] {
  return REPORT_SECTION_KEYS.filter((key) => report[key] === null || report[key] === undefined);
}

// ─── Officers' decisions ─────────────────────────────────────────────────────────────────────

export const ReturnReportBody = z.strictObject({
  comments: charLimited(2000, 'what the group needs to change'),
});
export type ReturnReportBody = z.input<typeof ReturnReportBody>;

export const RagRating = z.enum(['green', 'amber', 'red'], { error: 'Choose red, amber or green' });
export type RagRating = z.infer<typeof RagRating>;
export const RAG_LABELS: Record<RagRating, string> = { green: 'Green', amber: 'Amber', red: 'Red' };
export const RAG_MEANINGS: Record<RagRating, string> = {
  green: 'On track',
  amber: 'Some concerns',
  red: 'Serious concerns',
};
const RAG_ORDER: Record<RagRating, number> = { green: 0, amber: 1, red: 2 };

/** An officer rates the grant; the reason is required when the rating differs from the suggestion. */
export const RateGrantBody = z.strictObject({
  rating: RagRating,
  reason: z.string().trim().max(1000, 'The reason must be 1,000 characters or fewer').default(''),
  /** The report the rating is given on, when the officer rates from a report. */
  reportId: z.uuid().nullable().default(null),
});
export type RateGrantBody = z.input<typeof RateGrantBody>;

/** The 400 problems of a rating, field by field (empty when fine): a reason when it differs. */
export function ratingProblems(
  body: { rating: RagRating; reason: string },
  suggested: RagRating,
): Record<string, string> {
  if (body.rating !== suggested && body.reason.trim() === '') {
    return {
      reason: `Say why you rate this grant ${RAG_LABELS[body.rating].toLowerCase()} when the suggestion is ${RAG_LABELS[suggested].toLowerCase()}`,
    };
  }
  return {};
}

// ─── The suggested rating ────────────────────────────────────────────────────────────────────

/** Days overdue from which a late report makes the grant red rather than amber. */
export const RED_OVERDUE_DAYS = 28;
/** How far spend may be from where it should be (a share of the budget) before it is amber, then red. */
export const SPEND_AMBER_VARIANCE_PERCENT = 25;
export const SPEND_RED_VARIANCE_PERCENT = 50;
/** What share of each outcome target must be reached (of what is due by then) to be green, then amber. */
export const OUTCOME_GREEN_PERCENT = 75;
export const OUTCOME_AMBER_PERCENT = 50;

export interface RatedReport {
  kind: ReportKind;
  dueOn: string;
  status: ReportStatus;
  spend: { lines: readonly { spentPence: number }[] } | null;
  outcomes: OutcomeTargets | null;
}

export interface SuggestedRating {
  rating: RagRating;
  /** Why, in words, worst first; one line saying all is well when it is green. */
  reasons: string[];
}

/**
 * The rating the figures suggest, with the reasons in words: reports overdue (amber; red after
 * 28 days), spend away from where it should be by then (half the budget at the mid-point, all of
 * it at the end: amber beyond 25% of the budget, red beyond 50%), and outcomes short of target
 * (pro rata at the mid-point: amber under 75%, red under 50%). The latest report the group has
 * sent (or had approved) is the one measured. The officer may differ, with a reason.
 */
export function suggestedRating(input: {
  today: string;
  reports: readonly RatedReport[];
  /** The bid's budget lines, in order (what each was to cost). */
  budgetLines: readonly { item: string; costPence: number }[];
  targets: OutcomeTargets | null;
}): SuggestedRating {
  const found: { rating: RagRating; reason: string }[] = [];
  for (const report of input.reports) {
    const late = daysOverdue(report, input.today);
    if (late > 0) {
      const name = report.kind === 'final' ? 'The final report' : 'The mid-point report';
      found.push({
        rating: late > RED_OVERDUE_DAYS ? 'red' : 'amber',
        reason: `${name} is ${late} ${late === 1 ? 'day' : 'days'} overdue`,
      });
    }
  }
  const sent = input.reports
    .filter((r) => r.status === 'submitted' || r.status === 'approved')
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'final' ? 1 : -1))
    .at(-1);
  if (sent) {
    const share = sent.kind === 'final' ? 1 : 0.5;
    const when = sent.kind === 'final' ? 'by the end' : 'by the mid-point';
    const budget = input.budgetLines.reduce((sum, line) => sum + line.costPence, 0);
    if (sent.spend && budget > 0) {
      const spent = sent.spend.lines.reduce((sum, line) => sum + line.spentPence, 0);
      const expected = Math.round(budget * share);
      const variancePercent = (Math.abs(spent - expected) * 100) / budget;
      if (variancePercent > SPEND_AMBER_VARIANCE_PERCENT) {
        const direction = spent > expected ? 'more' : 'less';
        found.push({
          rating: variancePercent > SPEND_RED_VARIANCE_PERCENT ? 'red' : 'amber',
          reason: `Spent ${formatPence(spent)} of a ${formatPence(budget)} budget: ${formatPence(Math.abs(spent - expected))} ${direction} than expected ${when}`,
        });
      }
    }
    if (sent.outcomes && input.targets) {
      for (const key of Object.keys(OUTCOME_TARGET_LABELS) as (keyof OutcomeTargets)[]) {
        const target = input.targets[key];
        if (target <= 0) continue;
        const due = target * share;
        const achieved = sent.outcomes[key];
        const percent = (achieved * 100) / due;
        if (percent < OUTCOME_GREEN_PERCENT) {
          found.push({
            rating: percent < OUTCOME_AMBER_PERCENT ? 'red' : 'amber',
            reason: `${OUTCOME_TARGET_LABELS[key]}: ${achieved} of ${target} promised${sent.kind === 'final' ? '' : ' (about half due by the mid-point)'}`,
          });
        }
      }
    }
  }
  if (found.length === 0) {
    return {
      rating: 'green',
      reasons: [sent ? 'Reports on time, spending and outcomes on track' : 'No report is overdue'],
    };
  }
  found.sort((a, b) => RAG_ORDER[b.rating] - RAG_ORDER[a.rating]);
  return { rating: found[0]?.rating ?? 'green', reasons: found.map((f) => f.reason) };
}

// ─── The schedule an officer may adjust while the offer is a draft ───────────────────────────

/**
 * The problems of adjusted due dates, field by field: a date moved must be after today (a date
 * left as it was is not checked again, so an old draft can still be saved), and the mid-point
 * report is due before the final report.
 */
export function reportDueProblems(
  reports: readonly { kind: ReportKind; dueOn: string }[],
  today: string,
  before: readonly { kind: ReportKind; dueOn: string }[] = [],
): Record<string, string> {
  const problems: Record<string, string> = {};
  reports.forEach((report, index) => {
    const unchanged = before.some((b) => b.kind === report.kind && b.dueOn === report.dueOn);
    if (!unchanged && report.dueOn <= today)
      problems[`reports.${index}.dueOn`] = 'The due date must be after today';
  });
  const mid = reports.findIndex((r) => r.kind === 'mid_point');
  const final = reports.findIndex((r) => r.kind === 'final');
  const midReport = reports[mid];
  const finalReport = reports[final];
  if (midReport && finalReport && midReport.dueOn >= finalReport.dueOn) {
    problems[`reports.${mid}.dueOn`] = 'The mid-point report must be due before the final report';
  }
  return problems;
}

/** Not sent yet and due within `days` days from today (today included): a reminder before it is due. */
export function reportDueSoon(
  report: { status: ReportStatus; dueOn: string },
  today: string,
  days: number,
): boolean {
  return (
    (REPORT_EDITABLE as readonly string[]).includes(report.status) &&
    report.dueOn >= today &&
    report.dueOn <= addDays(today, days)
  );
}

/**
 * What the group must do about a report, for its to-do list: change a returned one, send an overdue
 * one, or write one due soon.
 */
export function reportToDoWords(
  report: { kind: ReportKind; status: ReportStatus; dueOn: string },
  today: string,
): string {
  const name = REPORT_KIND_LABELS[report.kind].toLowerCase();
  if (report.status === 'returned')
    return `Make the changes the grants officer asked for in your ${name}, then send it again`;
  if (isReportOverdue(report, today))
    return `Your ${name} is overdue: write it and send it as soon as you can`;
  return `Write your ${name} and send it`;
}

// ─── What travels ────────────────────────────────────────────────────────────────────────────

export const ReportEvidence = z.object({
  id: z.uuid(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.int(),
  uploadedAt: IsoDateTime,
  uploadedByName: z.string(),
});
export type ReportEvidence = z.infer<typeof ReportEvidence>;

export const ReportSummary = z
  .object({
    id: z.uuid(),
    grantId: z.uuid(),
    kind: ReportKind,
    dueOn: IsoDate,
    status: ReportStatus,
    state: ReportState,
    overdue: z.boolean(),
    submittedAt: IsoDateTime.nullable(),
    decidedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'ReportSummary' });
export type ReportSummary = z.infer<typeof ReportSummary>;

export const GrantRating = z
  .object({
    rating: RagRating,
    suggestedRating: RagRating,
    reason: z.string().nullable(),
    reportId: z.uuid().nullable(),
    ratedByName: z.string(),
    ratedAt: IsoDateTime,
  })
  .meta({ id: 'GrantRating' });
export type GrantRating = z.infer<typeof GrantRating>;

export const GrantReports = z
  .object({
    reports: z.array(ReportSummary),
    /** The grant's rating now (the newest), and its history newest first. */
    rating: GrantRating.nullable(),
    ratings: z.array(GrantRating),
  })
  .meta({ id: 'GrantReports' });
export type GrantReports = z.infer<typeof GrantReports>;

export const ReportPermissions = z.object({
  /** Members of the group, while the grant is in delivery and the report is theirs to change. */
  write: z.boolean(),
  /** Officers standing apart from the group, while the report waits for them. */
  decide: z.boolean(),
  /** The same officers, whenever the grant is in delivery or just completed. */
  rate: z.boolean(),
});

export const ReportDetail = ReportSummary.extend({
  grantStatus: GrantStatus,
  reference: z.string().nullable(),
  title: z.string().nullable(),
  organisationName: z.string(),
  awardPence: z.int().min(0),
  version: z.int().min(1),
  /** The bid's budget lines, in order, each with what the report says was spent on it. */
  budgetLines: z.array(z.object({ item: z.string(), costPence: z.int(), spentPence: z.int().nullable() })),
  targets: OutcomeTargets.nullable(),
  progress: z.string().nullable(),
  spend: SpendSection.nullable(),
  outcomes: OutcomesAchievedSection.nullable(),
  story: z.string().nullable(),
  /** Sections not answered yet, in order. */
  missing: z.array(ReportSectionKey),
  evidence: z.array(ReportEvidence),
  updatedAt: IsoDateTime,
  updatedByName: z.string().nullable(),
  submittedByName: z.string().nullable(),
  decidedByName: z.string().nullable(),
  returnComments: z.string().nullable(),
  /** The rating the figures suggest now (officers only; null for the group). */
  suggestion: z.object({ rating: RagRating, reasons: z.array(z.string()) }).nullable(),
  /** The grant's rating now (officers only). */
  rating: GrantRating.nullable(),
  permissions: ReportPermissions,
}).meta({ id: 'ReportDetail' });
export type ReportDetail = z.infer<typeof ReportDetail>;
