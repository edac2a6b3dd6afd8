import type { AuditEntityType } from '@cf/shared';
import type { ServiceContext } from '../../lib/context.js';
import { authorize } from '../access/policy.js';
import { listAudit, userNames } from './repository.js';

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
    ...new Set(page.map((r) => r.actorId).filter((id): id is string => id !== null)),
  ]);
  return {
    events: page.map((r) => ({
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
    })),
    nextBefore: rows.length > PAGE ? (page.at(-1)?.id ?? null) : null,
  };
}
