import { AuditList, AuditQuery, ErrorEnvelope } from '@cf/shared';
import { inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { users } from '../../db/schema/index.js';
import { authorize } from '../access/policy.js';
import { listAudit } from './repository.js';

const PAGE = 100;

const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/audit',
    {
      schema: {
        tags: ['admin'],
        summary: 'The audit trail, newest first (admins)',
        querystring: AuditQuery,
        response: { 200: AuditList, 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope },
      },
    },
    async (request) => {
      authorize(request.actor, { action: 'audit.read' });
      const { entityType, entityId, actorId, before } = request.query;
      const rows = listAudit(app.db, { entityType, entityId, actorId, beforeId: before, limit: PAGE + 1 });
      const page = rows.slice(0, PAGE);
      const actorIds = [...new Set(page.map((r) => r.actorId).filter((id): id is string => id !== null))];
      const names = new Map(
        actorIds.length === 0
          ? []
          : app.db
              .select({ id: users.id, name: users.name })
              .from(users)
              .where(inArray(users.id, actorIds))
              .all()
              .map((u) => [u.id, u.name] as const),
      );
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
    },
  );
};

export default auditRoutes;
