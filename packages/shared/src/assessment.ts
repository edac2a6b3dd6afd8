import { z } from 'zod';
import { IsoDate, IsoDateTime, isoToLondonLocal } from './dates.js';
import { SCORE_MAX, SCORE_MIN } from './funds.js';
import { PenceAmount } from './money.js';
import { ConditionBody, MAX_CONDITIONS } from './offers.js';
import { PageInfo } from './paging.js';
import { OrganisationType } from './reference.js';
import { charLimited, wholeNumber } from './text.js';

// ─── Fund set-up ─────────────────────────────────────────────────────────────────────────────

export const CriterionInput = z.strictObject({
  title: charLimited(120, 'what the criterion looks for'),
  description: charLimited(500, 'what the criterion means'),
  weight: wholeNumber('the weight', { min: 1, max: 100 }),
  guidance: z
    .array(charLimited(200, 'what this score means'), { error: 'Say what each score from 0 to 5 means' })
    .length(SCORE_MAX - SCORE_MIN + 1, 'Say what each score from 0 to 5 means'),
});
export type CriterionInput = z.infer<typeof CriterionInput>;

const money = (what: string) =>
  z
    .int({
      error: (issue) =>
        issue.input === undefined ? `Enter ${what}` : `Enter ${what} in pounds, like 300,000`,
    })
    .min(1, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be more than £0`)
    .max(100_000_000_000, `${what.charAt(0).toUpperCase()}${what.slice(1)} is too large`);

export const FundBody = z
  .strictObject({
    name: charLimited(120, 'the name of the fund'),
    code: z
      .string({ error: 'Enter a short code' })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2,6}$/, 'The code must be 2 to 6 letters, like PCF'),
    description: charLimited(1000, 'a description of the fund'),
    potPence: money('the total to award'),
    capPence: money('the largest grant'),
    opensAt: z.iso.datetime({ offset: true, error: 'Enter a real opening date and time' }),
    closesAt: z.iso.datetime({ offset: true, error: 'Enter a real closing date and time' }),
    deliveryStartsOn: z.iso.date({ error: 'Enter a real date' }),
    deliveryEndsOn: z.iso.date({ error: 'Enter a real date' }),
    minAssessors: wholeNumber('how many assessors score each bid', { min: 1, max: 10 }),
    moderationThreshold: wholeNumber('the moderation threshold', { min: 1, max: 5 }),
    /** The London date assessors are asked to submit their scores by; none when left out. */
    scoresDueOn: z.iso.date({ error: 'Enter a real date for when scores are due' }).nullable().default(null),
    published: z.boolean().default(false),
    /** The conditions every grant of the fund carries (issue 10): plain sentences. */
    standardConditions: z
      .array(ConditionBody)
      .max(MAX_CONDITIONS, `Use ${MAX_CONDITIONS} conditions or fewer`)
      .default([]),
    /** Where the council's finance system books the fund's payments (payments.csv); may wait until payments start. */
    costCentre: z
      .string()
      .trim()
      .max(20, 'The cost centre must be 20 characters or fewer')
      .regex(/^[A-Za-z0-9 ./-]*$/, 'The cost centre can only include letters, numbers, spaces and . / -')
      .default(''),
    accountCode: z
      .string()
      .trim()
      .max(20, 'The account code must be 20 characters or fewer')
      .regex(/^[A-Za-z0-9 ./-]*$/, 'The account code can only include letters, numbers, spaces and . / -')
      .default(''),
    /**
     * Why the pot is changing: needed whenever a change sets a new pot (`potChangeReasonProblem`),
     * and kept in the audit trail with the pot before and after. Not used when a fund is set up.
     */
    potChangeReason: z.string().trim().max(1000, 'The reason must be 1,000 characters or fewer').optional(),
    priorityIds: z
      .array(z.uuid(), { error: 'Choose at least one priority' })
      .min(1, 'Choose at least one priority'),
    criteria: z
      .array(CriterionInput)
      .min(1, 'Add at least one criterion')
      .max(12, 'Use 12 criteria or fewer'),
  })
  .superRefine((fund, ctx) => {
    const total = fund.criteria.reduce((sum, c) => sum + c.weight, 0);
    if (total !== 100) {
      ctx.addIssue({
        code: 'custom',
        path: ['criteria'],
        message: `The weights must add up to 100; they add up to ${total}`,
      });
    }
    if (Date.parse(fund.closesAt) <= Date.parse(fund.opensAt)) {
      ctx.addIssue({
        code: 'custom',
        path: ['closesAt'],
        message: 'The closing time must be after the opening time',
      });
    }
    const opened = Number.isFinite(Date.parse(fund.opensAt)) ? isoToLondonLocal(fund.opensAt) : '';
    if (fund.scoresDueOn && fund.scoresDueOn < opened.slice(0, 10)) {
      ctx.addIssue({
        code: 'custom',
        path: ['scoresDueOn'],
        message: 'Scores cannot be due before the fund opens',
      });
    }
    if (fund.deliveryEndsOn < fund.deliveryStartsOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['deliveryEndsOn'],
        message: 'Projects must be able to finish after they start',
      });
    }
    if (fund.capPence > fund.potPence) {
      ctx.addIssue({
        code: 'custom',
        path: ['capPence'],
        message: 'The largest grant cannot be more than the total to award',
      });
    }
  });
export type FundBody = z.input<typeof FundBody>;

export const FundAssessor = z.object({
  id: z.uuid(),
  name: z.string(),
  /** True when the role is for this fund only (e.g. Youth Commissioners). */
  fundOnly: z.boolean(),
});
export const FundAssessorList = z.object({ assessors: z.array(FundAssessor) });

// ─── Screening ───────────────────────────────────────────────────────────────────────────────

export const ScreeningChecks = z.strictObject({
  documentsValid: z.boolean({ error: 'Say whether the documents are present and valid' }),
  groupVerified: z.boolean({ error: 'Say whether the group is verified' }),
});

export const ScreeningBody = z.discriminatedUnion(
  'decision',
  [
    z
      .strictObject({ decision: z.literal('eligible'), checks: ScreeningChecks })
      .refine((body) => body.checks.documentsValid && body.checks.groupVerified, {
        path: ['decision'],
        message: 'A bid can only be eligible when its documents are valid and the group is verified',
      }),
    z.strictObject({
      decision: z.literal('ineligible'),
      checks: ScreeningChecks,
      reason: charLimited(2000, 'why the bid is not eligible'),
    }),
  ],
  { error: 'Choose eligible or not eligible' },
);
export type ScreeningBody = z.input<typeof ScreeningBody>;

export const Screening = z.object({
  decision: z.enum(['eligible', 'ineligible']),
  documentsValid: z.boolean(),
  groupVerified: z.boolean(),
  reason: z.string().nullable(),
  screenedByName: z.string(),
  screenedAt: IsoDateTime,
});
export type Screening = z.infer<typeof Screening>;

// ─── Assignment and conflicts of interest ────────────────────────────────────────────────────

export const AssignBody = z.strictObject({ assessorId: z.uuid({ error: 'Choose an assessor' }) });
/** Who is to assess one bid in an automatic assignment the officer has checked. */
export const PlannedAssignment = z.strictObject({
  bidId: z.uuid(),
  assessorIds: z.array(z.uuid()).max(10),
});

export const AutoAssignBody = z.strictObject({
  perBid: wholeNumber('how many assessors each bid needs', { min: 1, max: 10 }),
  /**
   * The plan the officer checked (POST …/assignments/auto/check). When given, the assignments are
   * made only if planning again gives exactly this plan; otherwise 409 and nothing changes.
   */
  plan: z.array(PlannedAssignment).max(1000).optional(),
});
export const AutoAssignCheckBody = z.strictObject({
  perBid: wholeNumber('how many assessors each bid needs', { min: 1, max: 10 }),
});

export const AssignmentStatus = z.enum([
  'awaiting_declaration',
  'conflict',
  'scoring',
  'submitted',
  'removed',
  /** The bid was returned to the group for changes: this round of assessment is over. */
  'closed',
]);
export type AssignmentStatus = z.infer<typeof AssignmentStatus>;
export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, string> = {
  awaiting_declaration: 'Conflict declaration needed',
  conflict: 'Conflict declared',
  scoring: 'Scoring',
  submitted: 'Scores submitted',
  removed: 'Removed',
  closed: 'Closed: bid returned',
};

export const Assignment = z
  .object({
    id: z.uuid(),
    bidId: z.uuid(),
    fundId: z.uuid(),
    fundName: z.string(),
    bidReference: z.string().nullable(),
    bidTitle: z.string().nullable(),
    organisationName: z.string(),
    assessorId: z.uuid(),
    assessorName: z.string(),
    status: AssignmentStatus,
    assignedAt: IsoDateTime,
    declaredAt: IsoDateTime.nullable(),
    /** The fund's scoring deadline (a London date), or null when it has none. */
    scoresDueOn: IsoDate.nullable(),
    /** Shown to officers only. */
    conflictNature: z.string().nullable(),
  })
  .meta({ id: 'Assignment' });
export type Assignment = z.infer<typeof Assignment>;
export const AssignmentList = z.object({ assignments: z.array(Assignment) });

/** Where an assessor still has something to do: declare, or score. */
export const TO_DO_STATUSES = [
  'awaiting_declaration',
  'scoring',
] as const satisfies readonly AssignmentStatus[];

export function isToDo(status: AssignmentStatus): boolean {
  return (TO_DO_STATUSES as readonly AssignmentStatus[]).includes(status);
}

/**
 * The assessor's bids to assess, a page at a time (paging.ts), with how many are left to finish in
 * all. Those still to do come first, then those done; in each, the nearest scoring deadline first
 * (funds without one last), then by bid reference.
 */
export const AssignmentPage = z.object({
  assignments: z.array(Assignment),
  ...PageInfo,
  /** Assignments still waiting for a declaration or scores, on every page. */
  toFinish: z.int().min(0),
});
export type AssignmentPage = z.infer<typeof AssignmentPage>;

export const DeclarationBody = z.discriminatedUnion(
  'conflict',
  [
    z.strictObject({ conflict: z.literal(false) }),
    z.strictObject({ conflict: z.literal(true), nature: charLimited(1000, 'the nature of the conflict') }),
  ],
  { error: 'Say whether you have a conflict of interest' },
);
export type DeclarationBody = z.input<typeof DeclarationBody>;

/** Someone who has declared a conflict of interest with a bid's group: they do no work on its bids. */
export const GroupConflict = z.object({ userId: z.uuid(), name: z.string() });
export type GroupConflict = z.infer<typeof GroupConflict>;

export const AutoAssignResult = z.object({
  assigned: z.int(),
  /** References of bids that could not be given enough assessors. */
  short: z.array(z.string()),
  /** References of bids left alone because the officer may not work on them (their group, or a conflict). */
  skipped: z.array(z.string()),
});
export type AutoAssignResult = z.infer<typeof AutoAssignResult>;

// ─── Asking the officer to reopen submitted scores ───────────────────────────────────────────

export const ReopenRequestStatus = z.enum(['open', 'reopened', 'declined']);
export type ReopenRequestStatus = z.infer<typeof ReopenRequestStatus>;

/** An assessor asks the grants officer to reopen their submitted scores, saying why. */
export const ReopenRequestBody = z.strictObject({
  reason: charLimited(1000, 'why your scores need to change'),
});
export type ReopenRequestBody = z.input<typeof ReopenRequestBody>;

/** The officer reopens the scores, or declines and says why (the assessor is told). */
export const ReopenAnswerBody = z.discriminatedUnion(
  'decision',
  [
    z.strictObject({ decision: z.literal('reopen') }),
    z.strictObject({
      decision: z.literal('decline'),
      reason: charLimited(1000, 'why you are declining'),
    }),
  ],
  { error: 'Choose whether to reopen the scores or decline' },
);
export type ReopenAnswerBody = z.input<typeof ReopenAnswerBody>;

export const ReopenRequest = z
  .object({
    id: z.uuid(),
    assignmentId: z.uuid(),
    bidId: z.uuid(),
    bidReference: z.string().nullable(),
    bidTitle: z.string().nullable(),
    assessorName: z.string(),
    reason: z.string(),
    requestedAt: IsoDateTime,
    status: ReopenRequestStatus,
    answeredByName: z.string().nullable(),
    answeredAt: IsoDateTime.nullable(),
    /** Why the officer declined; null otherwise. */
    answer: z.string().nullable(),
  })
  .meta({ id: 'ReopenRequest' });
export type ReopenRequest = z.infer<typeof ReopenRequest>;

export const ReopenRequestIdParams = z.strictObject({ requestId: z.uuid() });
/** Who an automatic assignment would give each bid to, before anyone is assigned or emailed. */
export const AutoAssignPlan = z.object({
  /** The bids that would be given someone, or that are short of assessors, in reference order. */
  bids: z.array(
    z.object({
      bidId: z.uuid(),
      reference: z.string().nullable(),
      title: z.string().nullable(),
      organisationName: z.string(),
      assessors: z.array(z.object({ id: z.uuid(), name: z.string() })),
      /** How many more assessors the bid needs to reach the number asked for. */
      needed: z.int(),
      /** Fewer assessors may take it than it needs. */
      short: z.boolean(),
    }),
  ),
  ...AutoAssignResult.shape,
});
export type AutoAssignPlan = z.infer<typeof AutoAssignPlan>;

export const AssessorLoad = z.object({
  assessorId: z.uuid(),
  name: z.string(),
  assigned: z.int(),
  awaitingDeclaration: z.int(),
  scoring: z.int(),
  submitted: z.int(),
  conflicts: z.int(),
  /** Bids still to declare or score after the fund's scoring deadline (isBehindDeadline). */
  behind: z.int(),
});
export type AssessorLoad = z.infer<typeof AssessorLoad>;

export const AssessmentOverview = z.object({
  bids: z.array(
    z.object({
      bidId: z.uuid(),
      reference: z.string().nullable(),
      title: z.string().nullable(),
      organisationId: z.uuid(),
      organisationName: z.string(),
      status: z.string(),
      /** Who has declared a conflict with the bid's group: none of them may work on it. */
      conflicts: z.array(GroupConflict),
      assignments: z.array(Assignment),
      /** Assessors who may be assigned: not from the group, no declared conflict, not already on it. */
      eligibleAssessorIds: z.array(z.uuid()),
      /**
       * The most assessors the bid can have: those on it now and those who may still be given it.
       * Below `minAssessors`, it can never be scored until someone else is given the role.
       */
      mostAssessors: z.int(),
    }),
  ),
  /**
   * How many more people must be given the assessor role for this fund before each bid can have
   * `minAssessors` (0 when there are enough).
   */
  shortOfAssessors: z.int(),
  assessors: z.array(AssessorLoad),
  minAssessors: z.int(),
  /** Assessors' open requests to reopen their submitted scores, oldest first (bids the reader may manage). */
  reopenRequests: z.array(ReopenRequest),
});
export type AssessmentOverview = z.infer<typeof AssessmentOverview>;

// ─── Scoring ─────────────────────────────────────────────────────────────────────────────────

export const Recommendation = z.enum(['fund', 'fund_partially', 'do_not_fund'], {
  error: 'Choose your recommendation',
});
export type Recommendation = z.infer<typeof Recommendation>;
export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  fund: 'Fund in full',
  fund_partially: 'Fund in part',
  do_not_fund: 'Do not fund',
};

export const Score = z
  .int({
    error: (issue) =>
      issue.input === undefined
        ? 'Choose a score from 0 to 5'
        : `The score must be a whole number from ${SCORE_MIN} to ${SCORE_MAX}`,
  })
  .min(SCORE_MIN, `The score must be a whole number from ${SCORE_MIN} to ${SCORE_MAX}`)
  .max(SCORE_MAX, `The score must be a whole number from ${SCORE_MIN} to ${SCORE_MAX}`);

export const ScoreEntry = z.strictObject({
  criterionId: z.uuid(),
  score: Score.optional(),
  comment: z.string().trim().max(2000, 'The comment must be 2,000 characters or fewer').optional(),
});

export const ScoreSetBody = z.strictObject({
  baseVersion: z.int().min(0),
  /** True to submit (every criterion scored and commented, a recommendation); false to save and return. */
  submit: z.boolean(),
  scores: z.array(ScoreEntry).max(12),
  recommendation: Recommendation.optional(),
  overallComment: z.string().trim().max(3000, 'The comment must be 3,000 characters or fewer').optional(),
});
export type ScoreSetBody = z.input<typeof ScoreSetBody>;

/**
 * Where a score set stands. Only `submitted` sets count. `withdrawn`: its assessor declared a
 * conflict with the group while the bid was undecided. `closed`: the bid was returned to the group
 * for changes, ending that round of assessment. Both are kept, for the record, and never count.
 */
export const ScoreSetStatus = z.enum(['draft', 'submitted', 'withdrawn', 'closed']);
export type ScoreSetStatus = z.infer<typeof ScoreSetStatus>;

export const ScoreSet = z.object({
  id: z.uuid(),
  assignmentId: z.uuid(),
  assessorName: z.string(),
  status: ScoreSetStatus,
  version: z.int(),
  scores: z.array(
    z.object({ criterionId: z.uuid(), score: z.int().nullable(), comment: z.string().nullable() }),
  ),
  recommendation: Recommendation.nullable(),
  overallComment: z.string().nullable(),
  /** Weighted total out of 100 of the criteria scored so far. */
  total: z.number(),
  submittedAt: IsoDateTime.nullable(),
  /** When and why a withdrawn or closed set stopped counting. */
  setAsideAt: IsoDateTime.nullable(),
  setAsideReason: z.string().nullable(),
});
export type ScoreSet = z.infer<typeof ScoreSet>;

export const ReopenBody = z.strictObject({ reason: charLimited(1000, 'why the scores are being reopened') });

/**
 * What stops a score set being submitted (PRODUCT.md section 4, rule 5: complete only when every
 * criterion is scored): a score and a comment on every criterion, and a recommendation. Field paths
 * as the API names them (`criteria.N.score`, `criteria.N.comment`, `recommendation`), in the
 * order of the criteria; empty when it can be submitted. The API refuses with these; the web app
 * checks them before the assessor checks their scores.
 */
export function scoreSetProblems(
  criteria: readonly { id: string; title: string }[],
  set: {
    scores: readonly { criterionId: string; score?: number | null; comment?: string | null }[];
    recommendation?: string | null;
  },
): Record<string, string> {
  const fields: Record<string, string> = {};
  criteria.forEach((criterion, index) => {
    const entry = set.scores.find((s) => s.criterionId === criterion.id);
    if (entry?.score === undefined || entry.score === null)
      fields[`criteria.${index}.score`] = `Score “${criterion.title}”`;
    if (!entry?.comment?.trim())
      fields[`criteria.${index}.comment`] = `Add a comment on “${criterion.title}”`;
  });
  if (!set.recommendation) fields.recommendation = 'Choose your recommendation';
  return fields;
}

/**
 * The weighted total out of 100: each score (0–5) counts its criterion's weight in fifths.
 * Returned in tenths of a point, exact: sum(score × weight) / 5, rounded to 0.1.
 */
export function weightedTotal(
  criteria: readonly { id: string; weight: number }[],
  scores: readonly { criterionId: string; score: number | null | undefined }[],
): number {
  let points = 0;
  for (const criterion of criteria) {
    const entry = scores.find((s) => s.criterionId === criterion.id);
    if (entry?.score !== undefined && entry.score !== null) points += entry.score * criterion.weight;
  }
  return Math.round((points * 10) / SCORE_MAX) / 10;
}

/** Shows a score out of 100 with one decimal: "72.4". */
export function formatScore(total: number): string {
  return new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(total);
}

// ─── Results and moderation ──────────────────────────────────────────────────────────────────

export const CriterionResult = z.object({
  criterionId: z.uuid(),
  title: z.string(),
  weight: z.int(),
  min: z.int().nullable(),
  max: z.int().nullable(),
  spread: z.int().nullable(),
  mean: z.number().nullable(),
});

export const ModerationNote = z.object({ note: z.string(), byName: z.string(), at: IsoDateTime });
export const ModerationNoteBody = z.strictObject({ note: charLimited(2000, 'a moderation note') });

export const BidResult = z
  .object({
    bidId: z.uuid(),
    reference: z.string().nullable(),
    title: z.string().nullable(),
    organisationId: z.uuid(),
    organisationName: z.string(),
    status: z.string(),
    amountRequestedPence: PenceAmount,
    mainPriorityId: z.uuid().nullable(),
    mainPriority: z.string().nullable(),
    wardIds: z.array(z.uuid()),
    wards: z.array(z.string()),
    completeSets: z.int(),
    /** Mean of the complete score sets' weighted totals; null until one is complete. */
    meanScore: z.number().nullable(),
    criteria: z.array(CriterionResult),
    moderationFlag: z.boolean(),
    moderationNotes: z.array(ModerationNote),
    conflictsDeclared: z.int(),
    /** Who has declared a conflict with the bid's group: none of them may read its scores or decide it. */
    conflicts: z.array(GroupConflict),
    /**
     * True when the reader is a member of the bid's group or declared a conflict with it: the scores,
     * comments and moderation notes are then left out (empty), not merely hidden by the page.
     */
    withheld: z.boolean(),
    scoreSets: z.array(ScoreSet),
    decision: z
      .object({
        outcome: z.enum(['award', 'reject', 'defer']),
        amountPence: PenceAmount.nullable(),
        reason: z.string().nullable(),
        decidedAt: IsoDateTime,
      })
      .nullable(),
  })
  .meta({ id: 'BidResult' });
export type BidResult = z.infer<typeof BidResult>;
export const ResultList = z.object({ results: z.array(BidResult) });
export type ResultList = z.infer<typeof ResultList>;

/** Where assessors disagree by more than the threshold on any criterion, the bid goes to moderation. */
export function criterionResults(
  criteria: readonly { id: string; title: string; weight: number }[],
  sets: readonly { scores: readonly { criterionId: string; score: number | null }[] }[],
  threshold: number,
): { criteria: z.infer<typeof CriterionResult>[]; moderationFlag: boolean } {
  const results = criteria.map((criterion) => {
    const scores = sets
      .map((set) => set.scores.find((s) => s.criterionId === criterion.id)?.score)
      .filter((s): s is number => typeof s === 'number');
    if (scores.length === 0) {
      return {
        criterionId: criterion.id,
        title: criterion.title,
        weight: criterion.weight,
        min: null,
        max: null,
        spread: null,
        mean: null,
      };
    }
    const min = Math.min(...scores);
    const max = Math.max(...scores);
    const mean = Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10;
    return {
      criterionId: criterion.id,
      title: criterion.title,
      weight: criterion.weight,
      min,
      max,
      spread: max - min,
      mean,
    };
  });
  return {
    criteria: results,
    moderationFlag: results.some((r) => r.spread !== null && r.spread > threshold),
  };
}

// ─── Panel decisions ─────────────────────────────────────────────────────────────────────────

export const DecisionInput = z.discriminatedUnion(
  'outcome',
  [
    z.strictObject({
      outcome: z.literal('award'),
      amountPence: z
        .int({
          error: (issue) =>
            issue.input === undefined ? 'Enter the amount to award' : 'Enter the amount in pounds and pence',
        })
        .min(1, 'The award must be more than £0')
        .max(100_000_000_000, 'The award is too large'),
      /** Required when the award is less than the amount asked for. */
      reason: z.string().trim().max(2000, 'The reason must be 2,000 characters or fewer').optional(),
    }),
    z.strictObject({ outcome: z.literal('reject'), feedback: charLimited(2000, 'feedback for the group') }),
    z.strictObject({
      outcome: z.literal('defer'),
      reason: z.string().trim().max(2000, 'The reason must be 2,000 characters or fewer').optional(),
    }),
  ],
  { error: 'Choose award, turn down or defer' },
);
export type DecisionInput = z.input<typeof DecisionInput>;

export const PanelDecisionsBody = z.strictObject({
  panelDate: z.iso.date({ error: 'Enter the date of the panel' }),
  minutes: z.string().trim().max(20_000, 'The minutes must be 20,000 characters or fewer').optional(),
  decisions: z
    .array(z.strictObject({ bidId: z.uuid(), decision: DecisionInput }))
    .min(1, 'Choose at least one bid to decide')
    .max(200),
});
export type PanelDecisionsBody = z.input<typeof PanelDecisionsBody>;

export const SingleDecisionBody = z.strictObject({
  panelDate: z.iso.date({ error: 'Enter the date of the panel' }),
  decision: DecisionInput,
});
export type SingleDecisionBody = z.input<typeof SingleDecisionBody>;

/** Someone an email goes to: the group's main contact, or a member. */
export const EmailRecipient = z.object({ name: z.string(), email: z.string() });
export type EmailRecipient = z.infer<typeof EmailRecipient>;

/**
 * What a panel's decisions would do, checked as recording them checks them but recording nothing:
 * the GOV.UK "check your answers" step before decisions are recorded and the groups emailed.
 */
export const PanelCheck = z.object({
  decisions: z.array(
    z.object({
      bidId: z.uuid(),
      reference: z.string().nullable(),
      title: z.string().nullable(),
      organisationName: z.string(),
      outcome: z.enum(['award', 'reject', 'defer']),
      amountRequestedPence: PenceAmount,
      amountPence: PenceAmount.nullable(),
      /** Why less than asked for, the feedback, or why deferred: what the group will be told. */
      reason: z.string().nullable(),
      /** Who will be emailed: the group's main contact and each member, each address once. */
      emailTo: z.array(EmailRecipient),
    }),
  ),
  /** In the pot now, and once these awards are made. */
  availablePence: PenceAmount,
  availableAfterPence: PenceAmount,
});
export type PanelCheck = z.infer<typeof PanelCheck>;

export const ExportKind = z.enum(['scores', 'decisions']);

/**
 * A supporting document as an assessor sees it: what it is, never who uploaded it (a person of the
 * group). It downloads from /api/assignments/{assignmentId}/documents/{id}.
 */
export const AssessorDocument = z.object({
  id: z.uuid(),
  /** An AttachmentKind (bids.ts, which imports this file, so it is not named here). */
  kind: z.string(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.int(),
  uploadedAt: IsoDateTime,
});
export type AssessorDocument = z.infer<typeof AssessorDocument>;

/**
 * What an assessor sees of a bid they are assigned: after declaring no conflict, the answers, the
 * type of group, its eligibility answers and supporting documents (its accounts among them) — but
 * never the group's contact details (contact name, email, phone, address), who uploaded the
 * documents or the name of the person who signed — the criteria and their own scores. Before
 * declaring, only enough to recognise a conflict.
 */
export const AssessorView = z
  .object({
    assignment: Assignment,
    fund: z.object({
      id: z.uuid(),
      name: z.string(),
      capPence: PenceAmount,
      deliveryEndsOn: z.string(),
      scoresDueOn: IsoDate.nullable(),
    }),
    /** The kind of group and its public registered number; null until the assessor may read the bid. */
    group: z.object({ type: OrganisationType, registeredNumber: z.string().nullable() }).nullable(),
    bid: z
      .object({
        amountRequestedPence: PenceAmount,
        wardNames: z.array(z.string()),
        /** The group's answers to the eligibility questions (ELIGIBILITY_QUESTIONS in bids.ts). */
        eligibility: z.record(z.string(), z.enum(['yes', 'no'])),
        documents: z.array(AssessorDocument),
        sections: z.array(
          z.object({
            key: z.string(),
            title: z.string(),
            data: z.record(z.string(), z.unknown()).nullable(),
          }),
        ),
      })
      .nullable(),
    criteria: z.array(
      z.object({
        id: z.uuid(),
        title: z.string(),
        description: z.string(),
        weight: z.int(),
        guidance: z.array(z.string()),
      }),
    ),
    scoreSet: ScoreSet.nullable(),
    /** The assessor's latest request to reopen these scores, answered or not; null if none. */
    reopenRequest: ReopenRequest.nullable(),
  })
  .meta({ id: 'AssessorView' });
export type AssessorView = z.infer<typeof AssessorView>;

export const AssignmentIdParams = z.strictObject({ assignmentId: z.uuid() });
export const AssignmentDocumentParams = z.strictObject({ assignmentId: z.uuid(), attachmentId: z.uuid() });
