import { ErrorEnvelope, LoginBody, Me } from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE, throttleLimits } from './rules.js';
import { prepareSignIn, signIn, signOut, whoAmI } from './service.js';

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  await prepareSignIn();

  const limits = throttleLimits(app.config);

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the session cookie',
        body: LoginBody,
        response: { 200: Me, 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope, 429: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const { token, me } = await signIn(
        request.ctx,
        request.body,
        {
          ip: request.ip,
          userAgent: request.headers['user-agent'],
          previousToken: request.cookies[SESSION_COOKIE],
        },
        limits,
      );
      app.setSessionCookie(reply, token);
      return me;
    },
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
