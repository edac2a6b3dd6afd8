import type { RagRating, ReportKind, ReportOutcomes, ReportSpend, ReportStatus } from '@cf/shared';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, idColumn } from './columns.js';
import { grants } from './grants.js';
import { users } from './users.js';

/**
 * A monitoring report a grant owes (issue 11, decision 0024): one row per report of the grant's
 * reporting schedule, made when the grant is made (`grantFromAward`, from `reportingSchedule`) and
 * backfilled by a migration for grants made before reports existed. The group fills it in section
 * by section (a null section is not answered yet), sends it; an officer approves it or returns it.
 */
export const grantReports = sqliteTable(
  'grant_reports',
  {
    id: idColumn(),
    grantId: text('grant_id')
      .notNull()
      .references(() => grants.id),
    kind: text('kind').$type<ReportKind>().notNull(),
    /** The London date the report is due; overdue from the day after while not sent or approved. */
    dueOn: text('due_on').notNull(),
    status: text('status').$type<ReportStatus>().notNull().default('not_started'),
    // ─── The content, a section at a time (null: not answered yet) ───
    /** How the project is going, in the group's words. */
    progress: text('progress'),
    /** Spent to date against each budget line of the bid, in the bid's order (pence). */
    spend: text('spend', { mode: 'json' }).$type<ReportSpend>(),
    /** Achieved so far against each outcome target the bid promised (whole numbers). */
    outcomes: text('outcomes', { mode: 'json' }).$type<ReportOutcomes>(),
    /** A short story of what the project meant to someone. */
    story: text('story'),
    /** Goes up by one at every save; a save from an older version is a conflict (409). */
    version: integer('version').notNull().default(1),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').references(() => users.id),
    submittedAt: text('submitted_at'),
    submittedBy: text('submitted_by').references(() => users.id),
    /** When an officer approved or returned it, and who. */
    decidedAt: text('decided_at'),
    decidedBy: text('decided_by').references(() => users.id),
    /** What the officer asked the group to change, the last time it was returned. */
    returnComments: text('return_comments'),
  },
  (t) => [
    uniqueIndex('grant_reports_grant_kind').on(t.grantId, t.kind),
    index('grant_reports_due').on(t.dueOn),
  ],
);

/**
 * Evidence files on a report (photos, documents): stored as bid documents are (a random name under
 * DATA_DIR, the type found from the bytes, the same size limits), see `attachments`.
 */
export const reportEvidence = sqliteTable(
  'report_evidence',
  {
    id: idColumn(),
    reportId: text('report_id')
      .notNull()
      .references(() => grantReports.id),
    filename: text('filename').notNull(),
    storedName: text('stored_name').notNull().unique(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: text('uploaded_by')
      .notNull()
      .references(() => users.id),
    uploadedAt: createdAt(),
  },
  (t) => [index('report_evidence_report').on(t.reportId)],
);

/**
 * A grant's red/amber/green rating, as a history: every rating is a new row, the newest is the
 * grant's rating now, and no row is changed or deleted (migration triggers). The suggestion the
 * officer saw is kept beside it, and the reason whenever the officer differs from it.
 */
export const grantRatings = sqliteTable(
  'grant_ratings',
  {
    id: idColumn(),
    grantId: text('grant_id')
      .notNull()
      .references(() => grants.id),
    /** The report the rating was given on, if any. */
    reportId: text('report_id').references(() => grantReports.id),
    rating: text('rating').$type<RagRating>().notNull(),
    suggestedRating: text('suggested_rating').$type<RagRating>().notNull(),
    /** Required when the rating differs from the suggestion. */
    reason: text('reason'),
    ratedBy: text('rated_by')
      .notNull()
      .references(() => users.id),
    ratedAt: text('rated_at').notNull(),
  },
  (t) => [index('grant_ratings_grant').on(t.grantId, t.ratedAt)],
);
