import {
  AccountEmailSent,
  AccountLinkBody,
  EmailConfirmed,
  ErrorEnvelope,
  RegisterAccountBody,
} from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { confirmEmail, registerApplicant, resendVerification } from './service.js';

const errors = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
  429: ErrorEnvelope,
};

/**
 * Account basics: a community group member creates their own account and confirms its address.
 * Staff accounts come only by invitation from an admin.
 */
const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const perHour = { rateLimit: { max: app.config.REGISTRATIONS_PER_HOUR, timeWindow: '1 hour' } };

  app.post(
    '/api/accounts',
    {
      config: perHour,
      schema: {
        tags: ['accounts'],
        summary:
          'Create an applicant account; emails a link to confirm the address. The same answer whether or not the address has an account, and no session',
        body: RegisterAccountBody,
        response: { 202: AccountEmailSent, ...errors },
      },
    },
    async (request, reply) => {
      const { email } = await registerApplicant(request.ctx, request.body);
      return reply.status(202).send({ email, deliveryEnabled: app.mail.enabled });
    },
  );

  app.post(
    '/api/accounts/email-verification',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Confirm an account’s email address with the emailed link (no sign-in needed)',
        body: AccountLinkBody,
        response: { 200: EmailConfirmed, ...errors },
      },
    },
    async (request) => confirmEmail(request.ctx, request.body.token),
  );

  app.post(
    '/api/accounts/email-verification/resend',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Send the signed-in person a new link to confirm their email address',
        response: { 202: AccountEmailSent, ...errors },
      },
    },
    async (request, reply) => {
      const { email } = resendVerification(request.ctx);
      return reply.status(202).send({ email, deliveryEnabled: app.mail.enabled });
    },
  );
};

export default accountRoutes;
