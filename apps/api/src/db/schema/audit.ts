import type { AuditAction, AuditEntityType } from '@cf/shared';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns.js';

/**
 * The append-only audit trail. Database triggers (see the custom migrations) refuse UPDATE and
 * DELETE, so not even a bug in this code can rewrite history; the hash chain shows it if someone
 * with the database file does.
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: createdAt(),
    /** Null for the system itself (seeding, the mail worker) or an anonymous caller. */
    actorId: text('actor_id'),
    action: text('action').$type<AuditAction>().notNull(),
    entityType: text('entity_type').$type<AuditEntityType>().notNull(),
    entityId: text('entity_id'),
    before: text('before', { mode: 'json' }).$type<unknown>(),
    after: text('after', { mode: 'json' }).$type<unknown>(),
    /** Why: a reason typed by a person, or context such as the request's address. */
    reason: text('reason'),
    ip: text('ip'),
    /**
     * The hash chain (decision 0026): the previous event's `hash` (null for the first event), and
     * SHA-256 over this event's fields and `prev_hash` (src/db/audit-chain.ts). A trigger refuses an
     * insert that does not continue the chain; `pnpm audit:verify` walks it.
     */
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [index('audit_entity').on(t.entityType, t.entityId), index('audit_actor').on(t.actorId)],
);

/**
 * How many refused requests each access.denied row stands for. A refusal writes a row to the trail
 * the first time an address, person and permission are refused in a window
 * (REFUSAL_AUDIT_WINDOW_SECONDS); refusals like it in the same window only count here, so a script
 * hammering a forbidden page writes one row a minute, not thousands. The trail's rows never change;
 * this count beside them is the one thing that does.
 */
export const auditRefusals = sqliteTable(
  'audit_refusals',
  {
    auditEventId: integer('audit_event_id')
      .primaryKey()
      .references(() => auditEvents.id),
    /** The request's address; '' when it is not known. */
    ip: text('ip').notNull(),
    actorId: text('actor_id').notNull(),
    permission: text('permission').notNull(),
    firstAt: text('first_at').notNull(),
    lastAt: text('last_at').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [index('audit_refusals_window').on(t.ip, t.actorId, t.permission, t.firstAt)],
);
