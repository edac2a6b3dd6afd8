import { z } from 'zod';
import type { AssignmentStatus } from './assessment.js';
import type { BidStatus } from './bids.js';

// ─── Work waiting for the grants officer (issue 9, item 11) ─────────────────────────────────────
// The officer's home page counts what is waiting, fund by fund, and links each count to the list
// that shows those very bids. The rules for "waiting" live here, once, so the count (the API) and
// the list (the web app's assessment and panel pages) can never disagree.

/** Assignments that count towards a bid's assessors: not taken off, not conflicted, not closed. */
export const LIVE_ASSIGNMENT_STATUSES = [
  'awaiting_declaration',
  'scoring',
  'submitted',
] as const satisfies readonly AssignmentStatus[];

/** Bids the panel is waiting to decide: scored, or deferred from an earlier panel. */
export const READY_FOR_PANEL_STATUSES = ['scored', 'deferred'] as const satisfies readonly BidStatus[];

export function isReadyForPanel(status: string): boolean {
  return (READY_FOR_PANEL_STATUSES as readonly string[]).includes(status);
}

/**
 * A bid waiting for assessors: eligible or being assessed, with fewer live assessors than the fund
 * asks for each bid (none yet, or someone declared a conflict or was taken off).
 */
export function isWaitingForAssessors(
  bid: { status: string; assignments: readonly { status: string }[] },
  minAssessors: number,
): boolean {
  if (bid.status !== 'eligible' && bid.status !== 'in_assessment') return false;
  const live = bid.assignments.filter((a) =>
    (LIVE_ASSIGNMENT_STATUSES as readonly string[]).includes(a.status),
  ).length;
  return live < minAssessors;
}

/**
 * An assessor behind their deadline on a bid: still to declare or to score it after the day the
 * fund's scores were due (a London date; on the day itself they are not late yet).
 */
export function isBehindDeadline(
  assignment: { status: string; scoresDueOn: string | null },
  today: string,
): boolean {
  return (
    assignment.scoresDueOn !== null &&
    assignment.scoresDueOn < today &&
    (assignment.status === 'awaiting_declaration' || assignment.status === 'scoring')
  );
}

export const FundWork = z.object({
  fundId: z.uuid(),
  fundName: z.string(),
  /** Sent bids to check for eligibility: the bids list at ?status=submitted&fundId=. */
  toScreen: z.int().min(0),
  /** Bids waiting for assessors (isWaitingForAssessors): the assessment page's "waiting" view. */
  waitingForAssessors: z.int().min(0),
  /**
   * Assessors with a bid still to declare or score after the fund's scoring deadline
   * (isBehindDeadline): the assessment page's "late" view lists them.
   */
  assessorsBehind: z.int().min(0),
  /** Bids waiting for the panel's decision (isReadyForPanel): the panel page's decisions. */
  readyForPanel: z.int().min(0),
  /** Offers still drafts, to check and issue: the grants list at ?offer=to_issue&fundId=. */
  offersToIssue: z.int().min(0),
  /** Issued offers the group has not answered by their deadline: the grants list at ?offer=overdue&fundId=. */
  offersOverdue: z.int().min(0),
  // LATER, with the money work: payments to request — a count with the list it links to.
  // ─── Monitoring reports (issue 11, decision 0027): the reports list at ?state=…&fundId= ───
  /** Reports of grants in delivery due in the next 14 days, not sent yet (inReportList 'due_soon'). */
  reportsDueSoon: z.int().min(0),
  /** Reports of grants in delivery past their due date, not sent (inReportList 'overdue'). */
  reportsOverdue: z.int().min(0),
});
export type FundWork = z.infer<typeof FundWork>;

export const WorkWaiting = z.object({ funds: z.array(FundWork) });
export type WorkWaiting = z.infer<typeof WorkWaiting>;
