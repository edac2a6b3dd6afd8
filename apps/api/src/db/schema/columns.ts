import { sql } from 'drizzle-orm';
import { text } from 'drizzle-orm/sqlite-core';

/** Random UUID primary key: ids in URLs cannot be guessed or counted. */
export const idColumn = () =>
  text('id')
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());

/** ISO 8601 UTC instant, e.g. 2019-01-15T09:00:00.000Z. Text sorts correctly and reads well. */
export const createdAt = () =>
  text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);
