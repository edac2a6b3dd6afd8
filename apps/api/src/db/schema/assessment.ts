import type { AssignmentStatus, Recommendation, ReopenRequestStatus, ScoreSetStatus } from '@cf/shared';
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bids } from './bids.js';
import { createdAt, idColumn } from './columns.js';
import { fundCriteria, funds } from './funds.js';
import { organisations, users } from './users.js';

/** An officer's eligibility check of a sent bid. */
export const screenings = sqliteTable(
  'screenings',
  {
    id: idColumn(),
    bidId: text('bid_id')
      .notNull()
      .references(() => bids.id),
    decision: text('decision').$type<'eligible' | 'ineligible'>().notNull(),
    documentsValid: integer('documents_valid', { mode: 'boolean' }).notNull(),
    groupVerified: integer('group_verified', { mode: 'boolean' }).notNull(),
    reason: text('reason'),
    screenedBy: text('screened_by')
      .notNull()
      .references(() => users.id),
    screenedAt: text('screened_at').notNull(),
  },
  (t) => [index('screenings_bid').on(t.bidId)],
);

/**
 * An assessor given a bid to score. A declared conflict, being taken off, or the bid's return to
 * the group ends the assignment (it stays, for the record).
 */
export const assignments = sqliteTable(
  'assignments',
  {
    id: idColumn(),
    bidId: text('bid_id')
      .notNull()
      .references(() => bids.id),
    assessorId: text('assessor_id')
      .notNull()
      .references(() => users.id),
    status: text('status').$type<AssignmentStatus>().notNull().default('awaiting_declaration'),
    assignedBy: text('assigned_by')
      .notNull()
      .references(() => users.id),
    assignedAt: text('assigned_at').notNull(),
    declaredAt: text('declared_at'),
    conflictNature: text('conflict_nature'),
  },
  (t) => [
    // One live assignment per assessor per bid (a removed or conflicted one may stay beside it).
    uniqueIndex('assignments_live')
      .on(t.bidId, t.assessorId)
      .where(sql`${t.status} IN ('awaiting_declaration', 'scoring', 'submitted')`),
    index('assignments_assessor').on(t.assessorId),
    // A bid's assignments in any status (conflicts declared, the overview's): see decision 0021.
    index('assignments_bid_status').on(t.bidId, t.status),
  ],
);

/** Conflicts of interest an assessor has declared with a group: never assigned its bids again. */
export const assessorConflicts = sqliteTable(
  'assessor_conflicts',
  {
    assessorId: text('assessor_id')
      .notNull()
      .references(() => users.id),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    nature: text('nature').notNull(),
    declaredAt: text('declared_at').notNull(),
    bidId: text('bid_id').references(() => bids.id),
  },
  (t) => [
    primaryKey({ columns: [t.assessorId, t.organisationId] }),
    // Who is conflicted with a group, read beside every bid of it (decision 0021).
    index('assessor_conflicts_organisation').on(t.organisationId),
  ],
);

export const scoreSets = sqliteTable(
  'score_sets',
  {
    id: idColumn(),
    assignmentId: text('assignment_id')
      .notNull()
      .unique()
      .references(() => assignments.id),
    bidId: text('bid_id')
      .notNull()
      .references(() => bids.id),
    assessorId: text('assessor_id')
      .notNull()
      .references(() => users.id),
    status: text('status').$type<ScoreSetStatus>().notNull().default('draft'),
    recommendation: text('recommendation').$type<Recommendation>(),
    overallComment: text('overall_comment'),
    version: integer('version').notNull().default(0),
    updatedAt: text('updated_at').notNull(),
    submittedAt: text('submitted_at'),
    /** When and why a set stopped counting: withdrawn (a late conflict) or closed (the bid was returned). */
    setAsideAt: text('set_aside_at'),
    setAsideReason: text('set_aside_reason'),
  },
  // A bid's score sets, for its results (decision 0021).
  (t) => [index('score_sets_bid').on(t.bidId)],
);

export const scores = sqliteTable(
  'scores',
  {
    scoreSetId: text('score_set_id')
      .notNull()
      .references(() => scoreSets.id),
    criterionId: text('criterion_id')
      .notNull()
      .references(() => fundCriteria.id),
    score: integer('score'),
    comment: text('comment'),
  },
  (t) => [primaryKey({ columns: [t.scoreSetId, t.criterionId] })],
);

/**
 * An assessor's request that the grants officer reopen their submitted scores, with why; the officer
 * reopens them or declines, saying why. One open request per assignment at a time.
 */
export const reopenRequests = sqliteTable(
  'reopen_requests',
  {
    id: idColumn(),
    assignmentId: text('assignment_id')
      .notNull()
      .references(() => assignments.id),
    bidId: text('bid_id')
      .notNull()
      .references(() => bids.id),
    requestedBy: text('requested_by')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    requestedAt: text('requested_at').notNull(),
    status: text('status').$type<ReopenRequestStatus>().notNull().default('open'),
    answeredBy: text('answered_by').references(() => users.id),
    answeredAt: text('answered_at'),
    /** Why the officer declined (the assessor is told). */
    answer: text('answer'),
  },
  (t) => [
    uniqueIndex('reopen_requests_open').on(t.assignmentId).where(sql`${t.status} = 'open'`),
    index('reopen_requests_bid').on(t.bidId),
  ],
);

export const moderationNotes = sqliteTable(
  'moderation_notes',
  {
    id: idColumn(),
    bidId: text('bid_id')
      .notNull()
      .references(() => bids.id),
    note: text('note').notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('moderation_notes_bid').on(t.bidId, t.createdAt)],
);

/** A panel meeting: its date and minutes; its decisions refer to it. */
export const panels = sqliteTable('panels', {
  id: idColumn(),
  fundId: text('fund_id')
    .notNull()
    .references(() => funds.id),
  panelDate: text('panel_date').notNull(),
  minutes: text('minutes'),
  createdBy: text('created_by')
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
});

export const decisions = sqliteTable(
  'decisions',
  {
    id: idColumn(),
    bidId: text('bid_id')
      .notNull()
      .references(() => bids.id),
    fundId: text('fund_id')
      .notNull()
      .references(() => funds.id),
    panelId: text('panel_id').references(() => panels.id),
    outcome: text('outcome').$type<'award' | 'reject' | 'defer'>().notNull(),
    amountPence: integer('amount_pence'),
    reason: text('reason'),
    decidedBy: text('decided_by')
      .notNull()
      .references(() => users.id),
    decidedAt: text('decided_at').notNull(),
  },
  (t) => [
    // A bid is awarded or turned down once; deferrals may repeat. The database itself refuses a second.
    uniqueIndex('decisions_final').on(t.bidId).where(sql`${t.outcome} IN ('award', 'reject')`),
    index('decisions_fund').on(t.fundId),
    // A bid's decisions newest first, deferrals included (decision 0021).
    index('decisions_bid').on(t.bidId, t.decidedAt),
  ],
);

/**
 * A grant: what the fund has committed to a bid. Money is never deleted or rewritten; later
 * corrections (money returned) are new rows elsewhere that refer to it.
 */
export const awards = sqliteTable(
  'awards',
  {
    id: idColumn(),
    bidId: text('bid_id')
      .notNull()
      .unique()
      .references(() => bids.id),
    fundId: text('fund_id')
      .notNull()
      .references(() => funds.id),
    decisionId: text('decision_id')
      .notNull()
      .references(() => decisions.id),
    amountPence: integer('amount_pence').notNull(),
    awardedAt: text('awarded_at').notNull(),
  },
  // A fund's awards, and the sum of their amounts from the index alone (the pot, on every decision).
  (t) => [index('awards_fund_amount').on(t.fundId, t.amountPence)],
);
