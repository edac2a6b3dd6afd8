import { z } from 'zod';
import { IsoDate, IsoDateTime } from './dates.js';
import { GrantStatus } from './grants.js';
import { PenceAmount } from './money.js';
import { PageFields, PageInfo } from './paging.js';
import { InstalmentTrigger } from './payments.js';
import { charLimited, oneLineName } from './text.js';

// ─── The offer of a grant and its acceptance (issue 10; PRODUCT.md sections 3 and 6) ─────────
// An award makes a grant whose offer starts as a draft the officer may change (purpose,
// conditions, payment schedule, deadline), then issues to the group, who accept or decline it.
// The state of the offer is read from the grant: see `offerState`. Decision 0022.

/** Days a group has to answer an offer, from the day it is issued, unless the officer sets another. */
export const OFFER_DAYS = 28;
/** Awards of this much or more report at the mid-point as well as at the end (PRODUCT.md section 6). */
export const MID_POINT_REPORT_FROM_PENCE = 500_000;
/** The final report is due this many days after the project's end date. */
export const FINAL_REPORT_DAYS_AFTER_END = 42;

export const OfferState = z.enum(['draft', 'issued', 'accepted', 'declined', 'ended', 'completed']);
export type OfferState = z.infer<typeof OfferState>;

export const OFFER_STATE_LABELS: Record<OfferState, string> = {
  draft: 'Offer not issued yet',
  issued: 'Waiting for the group',
  accepted: 'Accepted',
  declined: 'Declined',
  ended: 'Ended',
  completed: 'Completed',
};

/** Where the offer stands, from the grant's status and whether the offer was issued. */
export function offerState(grant: { status: GrantStatus; issuedAt: string | null }): OfferState {
  switch (grant.status) {
    case 'offered':
      return grant.issuedAt === null ? 'draft' : 'issued';
    case 'in_delivery':
      return 'accepted';
    case 'completed':
      return 'completed';
    case 'declined':
      return 'declined';
    case 'ended_early':
      return 'ended';
  }
}

/** The 409 message when an offer that is no longer a draft is changed or issued again. */
export function offerChangeRefusal(state: OfferState): string | null {
  switch (state) {
    case 'draft':
      return null;
    case 'issued':
      return 'This offer has been issued to the group, so it cannot be changed';
    case 'accepted':
      return 'This offer has been accepted, so it cannot be changed';
    default:
      return `This offer is ${OFFER_STATE_LABELS[state].toLowerCase()}, so it cannot be changed`;
  }
}

/** A calendar date plus some days, as YYYY-MM-DD. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The default deadline of an offer issued on this (London) date: 28 days later. */
export function defaultOfferDeadline(issuedOn: string): string {
  return addDays(issuedOn, OFFER_DAYS);
}

/**
 * An issued offer the group has not answered by its deadline (a London date; on the day itself it
 * is not overdue yet). The officer's list and dashboard count exactly these.
 */
export function isOfferOverdue(
  grant: { status: GrantStatus; issuedAt: string | null; offerDeadline: string | null },
  today: string,
): boolean {
  return offerState(grant) === 'issued' && grant.offerDeadline !== null && grant.offerDeadline < today;
}

/** Why a group may not accept or decline now, or null when it may. */
export function answerRefusal(
  grant: { status: GrantStatus; issuedAt: string | null; offerDeadline: string | null },
  today: string,
): string | null {
  const state = offerState(grant);
  if (state === 'draft') return 'This offer has not been issued yet';
  if (state !== 'issued') return `This offer is ${OFFER_STATE_LABELS[state].toLowerCase()} already`;
  if (isOfferOverdue(grant, today)) return "The offer's deadline has passed; ask the grants officer";
  return null;
}

// ─── The reporting schedule ──────────────────────────────────────────────────────────────────

export const ReportKind = z.enum(['mid_point', 'final']);
export type ReportKind = z.infer<typeof ReportKind>;
export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  mid_point: 'Mid-point report',
  final: 'Final report',
};

export const ReportDue = z.object({ kind: ReportKind, dueOn: IsoDate });
export type ReportDue = z.infer<typeof ReportDue>;

/**
 * The reports an award asks for (PRODUCT.md section 6): a final report only under £5,000; a
 * mid-point and a final report at £5,000 or more. The mid-point is due halfway through the
 * project's delivery dates, the final report six weeks after its end.
 */
export function reportingSchedule(
  awardPence: number,
  delivery: { startDate: string; endDate: string },
): ReportDue[] {
  const final: ReportDue = {
    kind: 'final',
    dueOn: addDays(delivery.endDate, FINAL_REPORT_DAYS_AFTER_END),
  };
  if (awardPence < MID_POINT_REPORT_FROM_PENCE) return [final];
  const start = Date.parse(`${delivery.startDate}T12:00:00Z`);
  const end = Date.parse(`${delivery.endDate}T12:00:00Z`);
  const halfway = Math.floor((end - start) / 86_400_000 / 2);
  return [{ kind: 'mid_point', dueOn: addDays(delivery.startDate, halfway) }, final];
}

// ─── Outcome targets: what the bid promised, reported against later ─────────────────────────

export const OutcomeTargets = z.object({
  participants: z.int().min(0),
  events: z.int().min(0),
  volunteers: z.int().min(0),
  peopleMeeting: z.int().min(0),
});
export type OutcomeTargets = z.infer<typeof OutcomeTargets>;

export const OUTCOME_TARGET_LABELS: Record<keyof OutcomeTargets, string> = {
  participants: 'People taking part',
  events: 'Events or sessions',
  volunteers: 'Volunteers',
  peopleMeeting: 'People from different backgrounds meeting',
};

// ─── Conditions ──────────────────────────────────────────────────────────────────────────────

export const ConditionText = charLimited(300, 'the condition');

/** A condition as a fund holds it (its standard conditions) or an officer adds it to one grant. */
export const ConditionBody = z.strictObject({
  text: ConditionText,
  /** Must be met (the officer ticks it) before the first payment. */
  beforeFirstPayment: z.boolean().default(false),
});
export type ConditionBody = z.input<typeof ConditionBody>;

export const MAX_CONDITIONS = 20;

export const GrantCondition = z.object({
  id: z.uuid(),
  text: z.string(),
  beforeFirstPayment: z.boolean(),
  /** From the fund's standard conditions (true) or added to this grant by the officer. */
  standard: z.boolean(),
  metAt: IsoDateTime.nullable(),
  metByName: z.string().nullable(),
});
export type GrantCondition = z.infer<typeof GrantCondition>;

/**
 * Why the first payment may not be made yet, in words; empty when it may: the offer is accepted
 * and every condition to be met before the first payment is ticked. The payments work asks this.
 */
export function firstPaymentBlockers(grant: {
  status: GrantStatus;
  conditions: readonly { text: string; beforeFirstPayment: boolean; metAt: string | null }[];
}): string[] {
  const blockers: string[] = [];
  if (grant.status !== 'in_delivery') {
    blockers.push(
      grant.status === 'offered'
        ? 'The group has not accepted the offer yet'
        : 'The grant is not in delivery, so nothing more is paid',
    );
  }
  for (const condition of grant.conditions) {
    if (condition.beforeFirstPayment && condition.metAt === null) {
      blockers.push(`Condition not met yet: ${condition.text}`);
    }
  }
  return blockers;
}

// ─── What travels ────────────────────────────────────────────────────────────────────────────

export const GrantIdParams = z.strictObject({ grantId: z.uuid() });
export const GrantConditionParams = z.strictObject({ grantId: z.uuid(), conditionId: z.uuid() });

export const InstalmentBody = z.strictObject({
  trigger: InstalmentTrigger,
  amountPence: z
    .int({ error: 'Enter the amount in pounds and pence, like 800 or 800.50' })
    .min(1, 'Each instalment must be more than £0')
    .max(100_000_000, 'The amount is too large'),
});

/** An officer's changes to a draft offer. The version is the one they opened (409 if it moved on). */
export const OfferChangeBody = z.strictObject({
  version: z.int().min(1),
  purpose: charLimited(1000, 'what the grant is for'),
  /** The date the group must answer by; empty: 28 days after the offer is issued. */
  offerDeadline: IsoDate.nullable(),
  instalments: z
    .array(InstalmentBody)
    .min(1, 'Add at least one instalment')
    .max(4, 'Use 4 instalments or fewer'),
  /** Conditions for this grant only, besides the fund's standard ones. */
  conditions: z.array(ConditionBody).max(MAX_CONDITIONS, `Add ${MAX_CONDITIONS} conditions or fewer`),
  /**
   * The reports' due dates (decision 0024): the same reports the grant owes, each with the date the
   * officer sets. Left out, the due dates stay as they are.
   */
  reports: z.array(ReportDue).max(2).optional(),
});
export type OfferChangeBody = z.input<typeof OfferChangeBody>;

export const AcceptOfferBody = z.strictObject({
  fullName: oneLineName(120, 'your full name'),
  role: charLimited(120, 'your role in the group'),
  declaration: z.literal(true, {
    error: 'Confirm that you accept the offer and its conditions for your group',
  }),
});
export type AcceptOfferBody = z.input<typeof AcceptOfferBody>;

export const DeclineOfferBody = z.strictObject({ reason: charLimited(1000, 'why your group is declining') });
export type DeclineOfferBody = z.input<typeof DeclineOfferBody>;

export const EndGrantBody = z.strictObject({ reason: charLimited(1000, 'why the grant is ending') });
export type EndGrantBody = z.input<typeof EndGrantBody>;

/** Lists the officer's dashboard links to: offers to issue (drafts) and offers overdue. */
export const GrantOfferFilter = z.enum(['to_issue', 'overdue'], {
  error: 'Choose which offers to show from the list',
});
export type GrantOfferFilter = z.infer<typeof GrantOfferFilter>;

export const GrantListQuery = z.strictObject({
  fundId: z.uuid({ error: 'Choose a fund from the list' }).optional(),
  status: GrantStatus.optional(),
  offer: GrantOfferFilter.optional(),
  ...PageFields,
});
export type GrantListQuery = z.input<typeof GrantListQuery>;

export const GrantSummary = z
  .object({
    id: z.uuid(),
    bidId: z.uuid(),
    reference: z.string().nullable(),
    title: z.string().nullable(),
    fundId: z.uuid(),
    fundName: z.string(),
    organisationId: z.uuid(),
    organisationName: z.string(),
    awardPence: PenceAmount,
    status: GrantStatus,
    offerState: OfferState,
    /** The date the group must answer by; null until the offer is issued (unless the officer set one). */
    offerDeadline: IsoDate.nullable(),
    /** Issued, not answered, and its deadline has passed: "Offer overdue". */
    overdue: z.boolean(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'GrantSummary' });
export type GrantSummary = z.infer<typeof GrantSummary>;

export const GrantList = z.object({ grants: z.array(GrantSummary), ...PageInfo }).meta({ id: 'GrantList' });
export type GrantList = z.infer<typeof GrantList>;

export const GrantInstalment = z.object({
  position: z.int().min(1),
  trigger: InstalmentTrigger,
  amountPence: PenceAmount,
});
export type GrantInstalment = z.infer<typeof GrantInstalment>;

export const GrantPermissions = z.object({
  /** Officers standing apart from the group, while the offer is a draft: change it and issue it. */
  change: z.boolean(),
  /** The same officers, once the offer is issued or accepted: tick conditions as met. */
  tickConditions: z.boolean(),
  /** The same officers, when an issued offer is overdue: end it, the money back to the pot. */
  end: z.boolean(),
  /** Members of the group, while the offer is issued and its deadline has not passed. */
  answer: z.boolean(),
});

export const GrantDetail = GrantSummary.extend({
  purpose: z.string(),
  /** Goes up by one at every change of the draft; a change from an older version is refused (409). */
  version: z.int().min(1),
  issuedAt: IsoDateTime.nullable(),
  conditions: z.array(GrantCondition),
  instalments: z.array(GrantInstalment),
  reports: z.array(ReportDue),
  targets: OutcomeTargets.nullable(),
  acceptance: z.object({ fullName: z.string(), role: z.string(), at: IsoDateTime }).nullable(),
  declineReason: z.string().nullable(),
  endReason: z.string().nullable(),
  /** Why the first payment may not be made yet (firstPaymentBlockers); empty when it may. */
  firstPaymentBlockers: z.array(z.string()),
  permissions: GrantPermissions,
}).meta({ id: 'GrantDetail' });
export type GrantDetail = z.infer<typeof GrantDetail>;
