import type { AuditEntityType } from '@cf/shared';
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { auditEvents, users } from '../../db/schema/index.js';
import type { AuditEntry } from '../../lib/context.js';

/** An audit entry with who made it and from where (ServiceContext.audit fills these in). */
export interface AuditEventInput extends AuditEntry {
  actorId: string | null;
  ip?: string | null;
  /** Defaults to the database's clock; seeds of historical data pass their own. */
  at?: string;
}

/** Appends one event. Call it inside the transaction that makes the change, so both or neither land. */
export function recordAudit(q: Queryable, event: AuditEventInput): void {
  q.insert(auditEvents)
    .values({
      actorId: event.actorId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId ?? null,
      before: event.before ?? null,
      after: event.after ?? null,
      reason: event.reason ?? null,
      ip: event.ip ?? null,
      ...(event.at ? { at: event.at } : {}),
    })
    .run();
}

export interface AuditQuery {
  entityType?: AuditEntityType | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  beforeId?: number | undefined;
  limit: number;
}

export function listAudit(q: Queryable, query: AuditQuery) {
  const conditions = [
    query.entityType ? eq(auditEvents.entityType, query.entityType) : undefined,
    query.entityId ? eq(auditEvents.entityId, query.entityId) : undefined,
    query.actorId ? eq(auditEvents.actorId, query.actorId) : undefined,
    query.beforeId ? lt(auditEvents.id, query.beforeId) : undefined,
  ];
  return q
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(query.limit)
    .all();
}

/** The names of these users, by id, to show who acted. */
export function userNames(q: Queryable, userIds: string[]): Map<string, string> {
  if (userIds.length === 0) return new Map();
  return new Map(
    q
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, userIds))
      .all()
      .map((u) => [u.id, u.name] as const),
  );
}
