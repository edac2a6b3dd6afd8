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
  /**
   * The ONS code open data names the place by (decision 0025): an E05 ward code, published with
   * geoCodeType WD; for "City-wide", the council's area (E06, UA). Null while nobody has entered it.
   */
  code: text('code'),
});
