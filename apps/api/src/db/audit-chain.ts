import { createHash } from 'node:crypto';

/**
 * One audit event as the database stores it: `before` and `after` as their stored JSON text, so the
 * hash is over exactly the bytes on disk and never depends on how an object's keys are ordered.
 */
export interface StoredAuditEvent {
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
}

/**
 * The event's hash (decision 0026): SHA-256, in hex, over a JSON array of its fields in a fixed
 * order followed by the previous event's hash (null for the first event). A JSON array is a
 * canonical serialisation here: every element is a string, a number or null, and JSON.stringify
 * writes those one way only. The same function is registered in SQLite as `audit_hash(…)` (in
 * db/client.ts), so the migration that filled the chain for older events hashed them identically.
 */
export function auditHash(e: StoredAuditEvent): string {
  const canonical = JSON.stringify([
    e.id,
    e.at,
    e.actorId,
    e.action,
    e.entityType,
    e.entityId,
    e.before,
    e.after,
    e.reason,
    e.ip,
    e.prevHash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** The SQL function's arguments, in this order: id, at, actor, action, entity type and id, before, after, reason, ip, prev hash. */
export const AUDIT_HASH_SQL_ARITY = 11;

export function auditHashFromSql(...args: unknown[]): string {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return auditHash({
    id: Number(args[0]),
    at: String(args[1]),
    actorId: text(args[2]),
    action: String(args[3]),
    entityType: String(args[4]),
    entityId: text(args[5]),
    before: text(args[6]),
    after: text(args[7]),
    reason: text(args[8]),
    ip: text(args[9]),
    prevHash: text(args[10]),
  });
}

/** What a walk along the chain found: every event links and hashes right, or the first that does not. */
export type ChainCheck =
  | { ok: true; events: number }
  | { ok: false; events: number; brokenAt: number; problem: string };

/**
 * Walks the events in id order (oldest first) and reports the first one whose link or hash is
 * wrong. `events` yields them one at a time, so a long trail is never held in memory.
 *  - its `hash` is not the hash of its fields: the row was changed after it was written;
 *  - its `prev_hash` is not the hash of the event before it: an event between was deleted, or
 *    the one before was changed and its hash rewritten to match.
 * A gap in the ids is named in the message, since ids are given one after another.
 */
export function checkChain(events: Iterable<StoredAuditEvent & { hash: string | null }>): ChainCheck {
  let previous: { id: number; hash: string | null } | null = null;
  let count = 0;
  for (const event of events) {
    count += 1;
    const expectedPrev = previous?.hash ?? null;
    if (event.prevHash !== expectedPrev) {
      const gap =
        previous && event.id !== previous.id + 1
          ? ` Events ${previous.id + 1}${event.id - previous.id > 2 ? `–${event.id - 1}` : ''} are missing: deleted.`
          : '';
      const problem = previous
        ? `its prev_hash does not match the hash of event ${previous.id}, the one before it.${gap}`
        : 'it is the first event but has a prev_hash, so events before it were deleted.';
      return { ok: false, events: count, brokenAt: event.id, problem };
    }
    if (event.hash === null) {
      return { ok: false, events: count, brokenAt: event.id, problem: 'it has no hash.' };
    }
    if (auditHash(event) !== event.hash) {
      return {
        ok: false,
        events: count,
        brokenAt: event.id,
        problem: 'its hash does not match its contents: it was changed after it was written.',
      };
    }
    previous = { id: event.id, hash: event.hash };
  }
  return { ok: true, events: count };
}

/** The check in one line, as the command prints it and the audit page shows it. */
export function chainCheckMessage(check: ChainCheck): string {
  if (check.ok) return `ok, ${check.events} events`;
  return `Broken at event ${check.brokenAt}: ${check.problem}`;
}
