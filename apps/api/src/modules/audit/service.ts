import { type AuditEntityType, REFUSAL_AUDIT_WINDOW_SECONDS } from '@cf/shared';
import type { Db } from '../../db/client.js';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { ServiceContext } from '../../lib/context.js';
import { authorize } from '../access/policy.js';
import {
  countRefusal,
  insertRefusalWindow,
  listAudit,
  openRefusalWindow,
  recordAudit,
  userNames,
} from './repository.js';

/**
 * Audits a refused request without letting one address flood the trail: the first refusal of an
 * address, person and permission in REFUSAL_AUDIT_WINDOW_SECONDS writes an access.denied row; those
 * like it in the same window only add to its count. Anything else (another permission, address or
 * person) opens its own window, so every distinct refusal is still on the record.
 */
export function recordRefusal(
  db: Db,
  refusal: { actorId: string; ip: string | null; permission: string; method: string; url: string; at: Date },
): void {
  const at = refusal.at.toISOString();
  const key = { ip: refusal.ip ?? '', actorId: refusal.actorId, permission: refusal.permission };
  const since = new Date(refusal.at.getTime() - REFUSAL_AUDIT_WINDOW_SECONDS * 1000).toISOString();
  unitOfWork(db, (tx) => {
    const open = openRefusalWindow(tx, key, since);
    if (open) {
      countRefusal(tx, open.auditEventId, at);
      return;
    }
    const id = recordAudit(tx, {
      actorId: refusal.actorId,
      action: 'access.denied',
      entityType: 'request',
      entityId: null,
      after: { method: refusal.method, url: refusal.url, permission: refusal.permission },
      ip: refusal.ip,
      at,
    });
    insertRefusalWindow(tx, id, key, at);
  });
}

const PAGE = 100;

/** One page of the audit trail, newest first, with who acted; `nextBefore` pages on. Admins only. */
export function auditTrail(
  ctx: ServiceContext,
  query: {
    entityType?: AuditEntityType | undefined;
    entityId?: string | undefined;
    actorId?: string | undefined;
    before?: number | undefined;
  },
) {
  authorize(ctx.actor, { action: 'audit.read' });
  const { entityType, entityId, actorId, before } = query;
  const rows = listAudit(ctx.db, { entityType, entityId, actorId, beforeId: before, limit: PAGE + 1 });
  const page = rows.slice(0, PAGE);
  const names = userNames(ctx.db, [
    ...new Set(page.map((r) => r.event.actorId).filter((id): id is string => id !== null)),
  ]);
  return {
    events: page.map(({ event: r, refusals }) => ({
      id: r.id,
      at: r.at,
      actorId: r.actorId,
      actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      before: r.before,
      after: r.after,
      reason: r.reason,
      refusals: r.action === 'access.denied' ? (refusals ?? 1) : null,
    })),
    nextBefore: rows.length > PAGE ? (page.at(-1)?.event.id ?? null) : null,
  };
}
