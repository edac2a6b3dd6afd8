import { ErrorEnvelope, Me, RegisterAccountBody } from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { registerApplicant } from './service.js';

/**
 * A community group member creates their own account and is signed in. Staff accounts come
 * only by invitation from an admin.
 */
const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/accounts',
    {
      config: { rateLimit: { max: app.config.REGISTRATIONS_PER_HOUR, timeWindow: '1 hour' } },
      schema: {
        tags: ['auth'],
        summary: 'Create an applicant account and sign in',
        body: RegisterAccountBody,
        response: { 201: Me, 400: ErrorEnvelope, 403: ErrorEnvelope, 409: ErrorEnvelope, 429: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const { token, me } = await registerApplicant(request.ctx, request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      app.setSessionCookie(reply, token);
      return reply.status(201).send(me);
    },
  );
};

export default accountRoutes;
