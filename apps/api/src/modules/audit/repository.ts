import type { AuditEntityType } from '@cf/shared';
import { and, desc, eq, gt, gte, inArray, like, lt, or, sql } from 'drizzle-orm';
import { auditHash, type StoredAuditEvent } from '../../db/audit-chain.js';
import type { Queryable } from '../../db/client.js';
import {
  auditEvents,
  auditRefusals,
  bids,
  funds,
  grants,
  needs,
  organisations,
  users,
} from '../../db/schema/index.js';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { AuditEntry } from '../../lib/context.js';

/** An audit entry with who made it and from where (ServiceContext.audit fills these in). */
export interface AuditEventInput extends AuditEntry {
  actorId: string | null;
  ip?: string | null;
  /** Defaults to the database's clock; seeds of historical data pass their own. */
  at?: string;
}

/** What the audit trail stores for a detail: its JSON text, as drizzle's json mode writes it. */
function storedJson(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** The newest event's id and hash: where the next event continues the chain. */
function chainHead(q: Queryable): { id: number; hash: string | null } | undefined {
  return q
    .select({ id: auditEvents.id, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.id))
    .limit(1)
    .get();
}

/**
 * Appends one event and returns its id. Call it inside the transaction that makes the change, so
 * both or neither land.
 *
 * The event continues the hash chain (decision 0026): it takes the next id and the newest event's
 * hash as its `prev_hash`, read in the same transaction as the insert (a savepoint when the caller
 * is already in one; BEGIN IMMEDIATE otherwise), so no other writer can add an event in between.
 * A database trigger refuses an insert that does not continue the chain, whoever writes it.
 */
export function recordAudit(q: Queryable, event: AuditEventInput): number {
  return unitOfWork(q, (tx) => {
    const head = chainHead(tx);
    const stored = {
      id: (head?.id ?? 0) + 1,
      at: event.at ?? new Date().toISOString(),
      actorId: event.actorId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId ?? null,
      before: storedJson(event.before),
      after: storedJson(event.after),
      reason: event.reason ?? null,
      ip: event.ip ?? null,
      prevHash: head?.hash ?? null,
    };
    tx.insert(auditEvents)
      .values({
        ...stored,
        before: event.before ?? null,
        after: event.after ?? null,
        hash: auditHash(stored),
      })
      .run();
    return stored.id;
  });
}

/** Every event's stored fields and links, oldest first, one at a time: what the chain check walks. */
export function* storedAuditEvents(q: Queryable): Generator<StoredAuditEvent & { hash: string | null }> {
  const batch = 1000;
  let after = 0;
  for (;;) {
    const rows = q.all<{
      id: number;
      at: string;
      actorId: string | null;
      action: string;
      entityType: string;
      entityId: string | null;
      before: string | null;
      after: string | null;
      reason: string | null;
      ip: string | null;
      prevHash: string | null;
      hash: string | null;
    }>(
      sql`select id, created_at as at, actor_id as "actorId", action, entity_type as "entityType",
        entity_id as "entityId", before, after, reason, ip, prev_hash as "prevHash", hash
        from audit_events where id > ${after} order by id limit ${batch}`,
    );
    yield* rows;
    if (rows.length < batch) return;
    after = rows[rows.length - 1]?.id ?? after;
  }
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
  /** The part of the action's name before the dot: "user", "bid"… */
  kind?: string | undefined;
  /** ISO instants: from (inclusive) and until (exclusive). */
  fromAt?: string | undefined;
  untilAt?: string | undefined;
  beforeId?: number | undefined;
  limit: number;
}

/** Entries matching the query, newest first, with the refusals each access.denied row stands for. */
export function listAudit(q: Queryable, query: AuditQuery) {
  const conditions = [
    query.entityType ? eq(auditEvents.entityType, query.entityType) : undefined,
    query.entityId ? eq(auditEvents.entityId, query.entityId) : undefined,
    query.actorId ? eq(auditEvents.actorId, query.actorId) : undefined,
    query.kind ? like(auditEvents.action, `${query.kind}.%`) : undefined,
    query.fromAt ? gte(auditEvents.at, query.fromAt) : undefined,
    query.untilAt ? lt(auditEvents.at, query.untilAt) : undefined,
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

/** The id of the person with this email address (stored lower-cased), if there is one. */
export function userIdByEmail(q: Queryable, email: string): string | undefined {
  return q.select({ id: users.id }).from(users).where(eq(users.email, email)).get()?.id;
}

/** The id of the bid with this reference, in any case, if there is one. */
export function bidIdByReference(q: Queryable, reference: string): string | undefined {
  return q.select({ id: bids.id }).from(bids).where(eq(bids.reference, reference.toUpperCase())).get()?.id;
}

/** The grant of the bid with this reference, or the grant with this id, if there is one. */
export function grantIdByBidReferenceOrId(q: Queryable, value: string): string | undefined {
  return q
    .select({ id: grants.id })
    .from(grants)
    .innerJoin(bids, eq(bids.id, grants.bidId))
    .where(or(eq(bids.reference, value.toUpperCase()), eq(grants.id, value)))
    .get()?.id;
}

/** Whether any entry is about a record with this id. */
export function auditedRecordExists(q: Queryable, entityId: string): boolean {
  return (
    q
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, entityId))
      .limit(1)
      .get() !== undefined
  );
}

/** What the trail's records are called, by type and id, with a grant's bid (whose page shows it). */
export interface RecordName {
  name: string;
  bidId: string | null;
}

function byId<T extends { id: string }>(rows: T[], name: (row: T) => RecordName): Map<string, RecordName> {
  return new Map(rows.map((row) => [row.id, name(row)]));
}

function bidName(reference: string | null, title: string | null): string {
  if (reference) return `bid ${reference}`;
  return title ? `the draft bid “${title}”` : 'a draft bid';
}

/** The names of the records these entries are about, keyed "type:id". */
export function recordNames(
  q: Queryable,
  refs: readonly { type: AuditEntityType; id: string }[],
): Map<string, RecordName> {
  const idsOf = (type: AuditEntityType) => [...new Set(refs.filter((r) => r.type === type).map((r) => r.id))];
  const some = <T>(ids: string[], read: (ids: string[]) => T[]): T[] => (ids.length > 0 ? read(ids) : []);
  const named = new Map<string, RecordName>();
  const add = (type: AuditEntityType, names: Map<string, RecordName>) => {
    for (const [id, name] of names) named.set(`${type}:${id}`, name);
  };
  add(
    'user',
    byId(
      some(idsOf('user'), (ids) =>
        q.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)).all(),
      ),
      (u) => ({ name: u.name, bidId: null }),
    ),
  );
  add(
    'organisation',
    byId(
      some(idsOf('organisation'), (ids) =>
        q
          .select({ id: organisations.id, name: organisations.name })
          .from(organisations)
          .where(inArray(organisations.id, ids))
          .all(),
      ),
      (o) => ({ name: o.name, bidId: null }),
    ),
  );
  add(
    'need',
    byId(
      some(idsOf('need'), (ids) =>
        q.select({ id: needs.id, title: needs.title }).from(needs).where(inArray(needs.id, ids)).all(),
      ),
      (n) => ({ name: `the need “${n.title}”`, bidId: null }),
    ),
  );
  add(
    'fund',
    byId(
      some(idsOf('fund'), (ids) =>
        q.select({ id: funds.id, name: funds.name }).from(funds).where(inArray(funds.id, ids)).all(),
      ),
      (f) => ({ name: f.name, bidId: null }),
    ),
  );
  add(
    'bid',
    byId(
      some(idsOf('bid'), (ids) =>
        q
          .select({ id: bids.id, reference: bids.reference, title: bids.title })
          .from(bids)
          .where(inArray(bids.id, ids))
          .all(),
      ),
      (b) => ({ name: bidName(b.reference, b.title), bidId: null }),
    ),
  );
  add(
    'grant',
    byId(
      some(idsOf('grant'), (ids) =>
        q
          .select({ id: grants.id, bidId: grants.bidId, reference: bids.reference, title: bids.title })
          .from(grants)
          .innerJoin(bids, eq(bids.id, grants.bidId))
          .where(inArray(grants.id, ids))
          .all(),
      ),
      (g) => ({ name: `the grant for ${bidName(g.reference, g.title)}`, bidId: g.bidId }),
    ),
  );
  return named;
}

/** The names of these funds, by id. */
export function fundNames(q: Queryable, fundIds: string[]): Map<string, string> {
  if (fundIds.length === 0) return new Map();
  return new Map(
    q
      .select({ id: funds.id, name: funds.name })
      .from(funds)
      .where(inArray(funds.id, fundIds))
      .all()
      .map((f) => [f.id, f.name] as const),
  );
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
