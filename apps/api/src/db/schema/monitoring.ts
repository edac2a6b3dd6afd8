import type { ReminderKind } from '@cf/shared';
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { idColumn } from './columns.js';
import { grantReports } from './reports.js';

/**
 * Every reminder sent about a monitoring report (decision 0027): at most one of each kind per
 * report, held by the unique key, and written in the same unit of work as the emails it queues.
 * A second run, a restart, or a second server inserts nothing and so mails nothing.
 */
export const reportReminders = sqliteTable(
  'report_reminders',
  {
    id: idColumn(),
    reportId: text('report_id')
      .notNull()
      .references(() => grantReports.id),
    kind: text('kind').$type<ReminderKind>().notNull(),
    /** The London date of the run that sent it, and the due date it was about. */
    sentOn: text('sent_on').notNull(),
    dueOn: text('due_on').notNull(),
    /** How many emails were queued (the group's contact and each active member). */
    recipients: integer('recipients').notNull(),
    sentAt: text('sent_at').notNull(),
  },
  (t) => [uniqueIndex('report_reminders_report_kind').on(t.reportId, t.kind)],
);

/**
 * The daily jobs' runs, for seeing what ran when (lib/jobs.ts). One row per job per London day,
 * claimed before the job runs, so two servers do not both run it; a run left unfinished (a crash)
 * may be taken over after a while. Correctness never rests on this table: each job is idempotent.
 */
export const jobRuns = sqliteTable(
  'job_runs',
  {
    id: idColumn(),
    job: text('job').notNull(),
    /** The London date the run is for. */
    runOn: text('run_on').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    /** What the job said it did (JSON), or why it failed. */
    outcome: text('outcome'),
    error: text('error'),
  },
  (t) => [uniqueIndex('job_runs_job_day').on(t.job, t.runOn)],
);
