import { sql } from 'drizzle-orm';
import { integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, idColumn } from './columns.js';
import { priorities } from './reference.js';

export const funds = sqliteTable('funds', {
  id: idColumn(),
  name: text('name').notNull(),
  code: text('code').notNull().unique(),
  description: text('description').notNull().default(''),
  potPence: integer('pot_pence').notNull(),
  capPence: integer('cap_pence').notNull(),
  opensAt: text('opens_at').notNull(),
  closesAt: text('closes_at').notNull(),
  deliveryStartsOn: text('delivery_starts_on').notNull(),
  deliveryEndsOn: text('delivery_ends_on').notNull(),
  minAssessors: integer('min_assessors').notNull().default(3),
  moderationThreshold: integer('moderation_threshold').notNull().default(2),
  /** The London date by which assessors are asked to submit their scores; null when there is none. */
  scoresDueOn: text('scores_due_on'),
  /** Unpublished funds (being set up) are visible to officers and admins only. */
  published: integer('published', { mode: 'boolean' }).notNull().default(true),
  /**
   * The conditions every grant of the fund carries (issue 10): copied onto each grant when it is
   * awarded, so a later change of the fund's list changes no offer already made.
   */
  standardConditions: text('standard_conditions', { mode: 'json' })
    .$type<{ text: string; beforeFirstPayment: boolean }[]>()
    .notNull()
    .default(sql`'[]'`),
  /** Where the council's finance system books the fund's payments (payments.csv). */
  costCentre: text('cost_centre').notNull().default(''),
  accountCode: text('account_code').notNull().default(''),
  createdAt: createdAt(),
});

export const fundPriorities = sqliteTable(
  'fund_priorities',
  {
    fundId: text('fund_id')
      .notNull()
      .references(() => funds.id),
    priorityId: text('priority_id')
      .notNull()
      .references(() => priorities.id),
  },
  (t) => [primaryKey({ columns: [t.fundId, t.priorityId] })],
);

export const fundCriteria = sqliteTable(
  'fund_criteria',
  {
    id: idColumn(),
    fundId: text('fund_id')
      .notNull()
      .references(() => funds.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    weight: integer('weight').notNull(),
    /** JSON array of six strings: what each score from 0 to 5 means. */
    guidance: text('guidance', { mode: 'json' }).$type<string[]>().notNull(),
  },
  (t) => [uniqueIndex('fund_criteria_position').on(t.fundId, t.position)],
);
