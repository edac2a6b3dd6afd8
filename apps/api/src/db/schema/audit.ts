import type { AuditAction, AuditEntityType } from '@cf/shared';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns.js';

/**
 * The append-only audit trail. Database triggers (see the custom migration) refuse UPDATE and
 * DELETE, so not even a bug in this code can rewrite history.
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
  },
  (t) => [index('audit_entity').on(t.entityType, t.entityId), index('audit_actor').on(t.actorId)],
);
