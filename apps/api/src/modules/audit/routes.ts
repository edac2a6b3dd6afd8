import { AuditChainCheck, AuditExportQuery, AuditList, AuditQuery, ErrorEnvelope } from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditChainCheck, auditCsv, auditTrail } from './service.js';

const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/audit',
    {
      schema: {
        tags: ['admin'],
        summary:
          'The audit trail, newest first, 100 a page (?before= pages on), in words with the raw entry (officers and admins, read-only). Filters: person (email), actorId, record (a bid reference or any id), grant (its bid reference or id), entityType and entityId, kind, from and to (London days)',
        querystring: AuditQuery,
        response: { 200: AuditList, 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope },
      },
    },
    async (request) => auditTrail(request.ctx, request.query),
  );

  app.get(
    '/api/admin/audit.csv',
    {
      schema: {
        tags: ['admin'],
        summary:
          'The audit trail as CSV, in words with the raw entry, formula-safe (admins): every entry the filters match, up to 10,000',
        querystring: AuditExportQuery,
        response: {
          200: z.string(),
          400: ErrorEnvelope,
          401: ErrorEnvelope,
          403: ErrorEnvelope,
        },
      },
    },
    async (request, reply) => {
      const { filename, csv } = auditCsv(request.ctx, request.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'private, no-store')
        .send(csv);
    },
  );

  // The audit chain (decision 0026)
  app.get(
    '/api/audit/verify',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Walks the audit trail’s hash chain, oldest first: ok with the number of events, or the first broken event and what is wrong with it (admins). The same check as `pnpm --filter @cf/api audit:verify`',
        response: { 200: AuditChainCheck, 401: ErrorEnvelope, 403: ErrorEnvelope },
      },
    },
    async (request) => auditChainCheck(request.ctx),
  );
};

export default auditRoutes;
