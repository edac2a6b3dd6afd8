import { ErrorEnvelope, PageQuery, SentMailList } from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sentMail } from './service.js';

/** The "sent mail" page: every email the service has written, sent or waiting. Staff only. */
const mailRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/mail',
    {
      schema: {
        tags: ['mail'],
        summary:
          'Emails the service has written (officers and admins), newest first, a page at a time (?page=, ?pageSize= up to 100)',
        querystring: PageQuery,
        response: { 200: SentMailList, 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope },
      },
    },
    async (request) => sentMail(request.ctx, app.mail.enabled, request.query),
  );
};

export default mailRoutes;
