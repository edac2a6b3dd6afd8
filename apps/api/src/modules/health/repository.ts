import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';

/** Asks the database the simplest question; throws when it cannot answer. */
export function ping(q: Queryable): void {
  q.get(sql`select 1`);
}
