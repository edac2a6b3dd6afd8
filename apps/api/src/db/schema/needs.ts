import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, idColumn } from './columns.js';
import { wards } from './reference.js';
import { users } from './users.js';

/** The project bank: neighbourhood needs found by community consultation, which groups can bid to meet. */
export const needs = sqliteTable(
  'needs',
  {
    id: idColumn(),
    wardId: text('ward_id')
      .notNull()
      .references(() => wards.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    source: text('source').$type<'community_consultation' | 'needs_assessment' | 'other'>().notNull(),
    sourceDetail: text('source_detail'),
    identifiedOn: text('identified_on').notNull(),
    createdBy: text('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('needs_ward').on(t.wardId)],
);
