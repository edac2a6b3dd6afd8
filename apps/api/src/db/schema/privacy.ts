import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns.js';
import { grants } from './grants.js';
import { users } from './users.js';

/**
 * How long closed grants keep personal data (decision 0026): one row, set by an admin and audited.
 * No row means the default (DEFAULT_RETENTION_MONTHS in @cf/shared).
 */
export const retentionSettings = sqliteTable(
  'retention_settings',
  {
    id: integer('id').primaryKey(),
    months: integer('months').notNull(),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by').references(() => users.id),
  },
  (t) => [check('retention_settings_one_row', sql`${t.id} = 1`)],
);

/**
 * Closed grants whose personal data the anonymising job has removed: one row each, so running the
 * job twice, or two copies at once, removes nothing twice and audits each grant once.
 */
export const personalDataRemovals = sqliteTable('personal_data_removals', {
  grantId: text('grant_id')
    .primaryKey()
    .references(() => grants.id),
  removedAt: createdAt(),
  /** The retention period the removal counted by. */
  months: integer('months').notNull(),
});
