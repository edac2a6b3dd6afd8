import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';

/** Asks the database the simplest question; throws when it cannot answer. */
export function ping(q: Queryable): void {
  q.get(sql`select 1`);
}

/** Whether the demo's data was ever put in this database (its seeding is on the audit trail). */
export function hasDemoData(q: Queryable): boolean {
  return (
    q.get(sql`select 1 as yes from audit_events where action = 'system.demo_seeded' limit 1`) !== undefined
  );
}
