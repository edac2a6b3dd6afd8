import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { idColumn } from './columns.js';

export const priorities = sqliteTable('priorities', {
  id: idColumn(),
  name: text('name').notNull().unique(),
  description: text('description').notNull().default(''),
  position: integer('position').notNull(),
});

export const wards = sqliteTable('wards', {
  id: idColumn(),
  name: text('name').notNull().unique(),
  isCityWide: integer('is_city_wide', { mode: 'boolean' }).notNull().default(false),
  position: integer('position').notNull(),
});
