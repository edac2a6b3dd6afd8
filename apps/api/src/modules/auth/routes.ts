import {
  ConfirmSecondFactorBody,
  ErrorEnvelope,
  LoginBody,
  LoginResponse,
  Me,
  RecoveryCodes,
  SecondFactorBody,
  SecondFactorSetup,
} from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE, throttleLimits } from './rules.js';
import {
  completeSignIn,
  confirmSecondFactorSetup,
  prepareSignIn,
  signIn,
  signOut,
  startSecondFactorSetup,
  whoAmI,
} from './service.js';

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  await prepareSignIn();

  const limits = throttleLimits(app.config);

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Sign in with email and password; sets the session cookie. For an account with a second factor the answer is { secondFactor: "totp" } and the session can do nothing but POST /api/auth/second-factor.',
        body: LoginBody,
        response: {
          200: LoginResponse,
          400: ErrorEnvelope,
          401: ErrorEnvelope,
          403: ErrorEnvelope,
          429: ErrorEnvelope,
        },
      },
    },
    async (request, reply) => {
      const signedIn = await signIn(
        request.ctx,
        request.body,
        {
          ip: request.ip,
          userAgent: request.headers['user-agent'],
          previousToken: request.cookies[SESSION_COOKIE],
        },
        limits,
      );
      app.setSessionCookie(reply, signedIn.token);
      return 'me' in signedIn ? signedIn.me : { secondFactor: signedIn.secondFactor };
    },
  );

  app.post(
    '/api/auth/second-factor',
    {
      schema: {
        tags: ['auth'],
        summary:
          'The second step of signing in: a 6-digit code from the authenticator app, or a recovery code. Starts a new session.',
        body: SecondFactorBody,
        response: { 200: Me, 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 429: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const { token, me } = completeSignIn(
        request.ctx,
        request.body.code,
        { ip: request.ip, userAgent: request.headers['user-agent'], token: request.cookies[SESSION_COOKIE] },
        limits,
      );
      app.setSessionCookie(reply, token);
      return me;
    },
  );

  app.post(
    '/api/auth/second-factor/setup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Staff: start setting up an authenticator app (the secret as text and as a QR code)',
        response: { 200: SecondFactorSetup, 401: ErrorEnvelope, 403: ErrorEnvelope, 409: ErrorEnvelope },
      },
    },
    async (request) => startSecondFactorSetup(request.ctx),
  );

  app.post(
    '/api/auth/second-factor/setup/confirm',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Staff: confirm the app with a code from it. Answers ten recovery codes, shown this once; other sessions end.',
        body: ConfirmSecondFactorBody,
        response: { 200: RecoveryCodes, 400: ErrorEnvelope, 401: ErrorEnvelope, 409: ErrorEnvelope },
      },
    },
    async (request) =>
      confirmSecondFactorSetup(request.ctx, request.body.code, request.cookies[SESSION_COOKIE]),
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends the session on the server and clears the cookie',
        response: { 204: z.undefined(), 403: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      signOut(request.ctx, request.cookies[SESSION_COOKIE]);
      app.clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user with roles and organisations',
        response: { 200: Me, 401: ErrorEnvelope },
      },
    },
    async (request) => whoAmI(request.ctx),
  );
};

export default authRoutes;
