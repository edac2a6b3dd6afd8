import { ErrorEnvelope, SentMailList } from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sentMail } from './service.js';

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
    async (request) => sentMail(request.ctx, app.mail.enabled),
  );
};

export default mailRoutes;
