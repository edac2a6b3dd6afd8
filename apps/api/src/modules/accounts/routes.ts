import {
  AccountEmailSent,
  AccountLinkBody,
  AccountLinkToken,
  ChangeEmailBody,
  ChangePasswordBody,
  EmailConfirmed,
  ErrorEnvelope,
  ForgottenPasswordBody,
  PasswordResetInfo,
  RegisterAccountBody,
  ResetPasswordBody,
} from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE, throttleLimits } from '../auth/rules.js';
import {
  changePassword,
  confirmEmail,
  confirmEmailChange,
  passwordResetInfo,
  registerApplicant,
  requestEmailChange,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  signOutEverywhere,
} from './service.js';

const errors = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
  429: ErrorEnvelope,
};

/**
 * Account basics (decision 0014): a community group member creates their own account and confirms
 * its address; anyone resets a forgotten password; the signed-in person changes their password or
 * email address, or signs out everywhere. Staff accounts come only by invitation from an admin.
 * Whatever emails a link answers the same whether or not the address has an account.
 */
const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const limits = throttleLimits(app.config);
  const sent = (email: string) => ({ email, deliveryEnabled: app.mail.enabled });

  app.post(
    '/api/accounts',
    {
      config: { rateLimit: { max: app.config.REGISTRATIONS_PER_HOUR, timeWindow: '1 hour' } },
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
      return reply.status(202).send(sent(email));
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
    async (request, reply) => reply.status(202).send(sent(resendVerification(request.ctx).email)),
  );

  app.post(
    '/api/accounts/password-reset',
    {
      config: { rateLimit: { max: app.config.PASSWORD_RESETS_PER_HOUR, timeWindow: '1 hour' } },
      schema: {
        tags: ['accounts'],
        summary:
          'Forgotten password: emails a link (30 minutes, single use) to choose a new one. The same answer whether or not the address has an account',
        body: ForgottenPasswordBody,
        response: { 202: AccountEmailSent, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(202).send(sent(requestPasswordReset(request.ctx, request.body.email).email)),
  );

  app.get(
    '/api/accounts/password-reset/:token',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Who a password reset link is for (no sign-in needed)',
        params: z.strictObject({ token: AccountLinkToken }),
        response: { 200: PasswordResetInfo, 404: ErrorEnvelope },
      },
    },
    async (request) => passwordResetInfo(request.ctx, request.params.token),
  );

  app.post(
    '/api/accounts/password-reset/complete',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Choose a new password with a reset link: every session of the account ends',
        body: ResetPasswordBody,
        response: { 204: z.undefined(), ...errors },
      },
    },
    async (request, reply) => {
      await resetPassword(request.ctx, request.body);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/accounts/email-change',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Make an email address change with the link sent to the new address (no sign-in needed)',
        body: AccountLinkBody,
        response: { 200: EmailConfirmed, ...errors },
      },
    },
    async (request) => confirmEmailChange(request.ctx, request.body.token),
  );

  app.post(
    '/api/account/password',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Change your password (the current one needed): every other session of yours ends',
        body: ChangePasswordBody,
        response: { 204: z.undefined(), ...errors },
      },
    },
    async (request, reply) => {
      await changePassword(
        request.ctx,
        request.body,
        {
          ip: request.ip,
          userAgent: request.headers['user-agent'],
          sessionToken: request.cookies[SESSION_COOKIE],
        },
        limits,
      );
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/account/sign-out-everywhere',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Sign out everywhere: every session of yours ends, this one too',
        response: { 204: z.undefined(), ...errors },
      },
    },
    async (request, reply) => {
      signOutEverywhere(request.ctx);
      app.clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/account/email',
    {
      schema: {
        tags: ['accounts'],
        summary:
          'Change your email address (the current password needed): it changes when the link sent to the new address is opened',
        body: ChangeEmailBody,
        response: { 202: AccountEmailSent, ...errors },
      },
    },
    async (request, reply) => {
      const { email } = await requestEmailChange(
        request.ctx,
        request.body,
        { ip: request.ip, userAgent: request.headers['user-agent'] },
        limits,
      );
      return reply.status(202).send(sent(email));
    },
  );
};

export default accountRoutes;
