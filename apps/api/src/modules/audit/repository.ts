import type { AuditEntityType } from '@cf/shared';
import { and, desc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { auditEvents, auditRefusals, users } from '../../db/schema/index.js';
import type { AuditEntry } from '../../lib/context.js';

/** An audit entry with who made it and from where (ServiceContext.audit fills these in). */
export interface AuditEventInput extends AuditEntry {
  actorId: string | null;
  ip?: string | null;
  /** Defaults to the database's clock; seeds of historical data pass their own. */
  at?: string;
}

/**
 * Appends one event and returns its id. Call it inside the transaction that makes the change, so
 * both or neither land.
 */
export function recordAudit(q: Queryable, event: AuditEventInput): number {
  return q
    .insert(auditEvents)
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
    .returning({ id: auditEvents.id })
    .get().id;
}

export interface RefusalKey {
  ip: string;
  actorId: string;
  permission: string;
}

/** The newest window of refusals like this one that opened after `since` (ISO), if there is one. */
export function openRefusalWindow(q: Queryable, key: RefusalKey, since: string) {
  return q
    .select()
    .from(auditRefusals)
    .where(
      and(
        eq(auditRefusals.ip, key.ip),
        eq(auditRefusals.actorId, key.actorId),
        eq(auditRefusals.permission, key.permission),
        gt(auditRefusals.firstAt, since),
      ),
    )
    .orderBy(desc(auditRefusals.firstAt))
    .limit(1)
    .get();
}

/** Opens a window of refusals on the access.denied row just written for its first refusal. */
export function insertRefusalWindow(q: Queryable, auditEventId: number, key: RefusalKey, at: string): void {
  q.insert(auditRefusals)
    .values({ auditEventId, ...key, firstAt: at, lastAt: at, count: 1 })
    .run();
}

/** Counts one more refusal in an open window. */
export function countRefusal(q: Queryable, auditEventId: number, at: string): void {
  q.update(auditRefusals)
    .set({ count: sql`${auditRefusals.count} + 1`, lastAt: at })
    .where(eq(auditRefusals.auditEventId, auditEventId))
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
    .select({ event: auditEvents, refusals: auditRefusals.count })
    .from(auditEvents)
    .leftJoin(auditRefusals, eq(auditRefusals.auditEventId, auditEvents.id))
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
