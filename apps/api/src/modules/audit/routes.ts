import { AuditList, AuditQuery, ErrorEnvelope } from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditTrail } from './service.js';

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
    async (request) => auditTrail(request.ctx, request.query),
  );
};

export default auditRoutes;
