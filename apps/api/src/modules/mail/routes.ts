import { ErrorEnvelope, SentMailList } from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize } from '../access/policy.js';
import { listMail } from './repository.js';

/** The "sent mail" page: every email the service has written, sent or waiting. Staff only. */
const mailRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/mail',
    {
      schema: {
        tags: ['mail'],
        summary: 'Emails the service has written (officers and admins)',
        response: { 200: SentMailList, 401: ErrorEnvelope, 403: ErrorEnvelope },
      },
    },
    async (request) => {
      authorize(request.actor, { action: 'mail.read' });
      return {
        deliveryEnabled: app.mail.enabled,
        messages: listMail(app.db).map((m) => ({
          id: m.id,
          to: m.toAddress,
          subject: m.subject,
          body: m.body,
          kind: m.kind,
          status: m.status,
          attempts: m.attempts,
          lastError: m.lastError,
          createdAt: m.createdAt,
          sentAt: m.sentAt,
        })),
      };
    },
  );
};

export default mailRoutes;
