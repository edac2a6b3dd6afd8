import { ErrorEnvelope, LoginBody, Me } from '@cf/shared';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { users } from '../../db/schema/index.js';
import { forbidden, rateLimited, unauthenticated } from '../../lib/errors.js';
import { requireActor } from '../access/policy.js';
import { recordAudit } from '../audit/repository.js';
import { toMe } from './me.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { createSession, endSession, loadActor, SESSION_COOKIE } from './sessions.js';
import {
  accountKey,
  addressKey,
  clearAccountFailures,
  forgetFailures,
  recordFailure,
  retryAfterSeconds,
} from './throttle.js';

const WRONG_CREDENTIALS = 'Enter a correct email address and password';

const authRoutes: FastifyPluginAsyncZod = async (app) => {
  // Make the stand-in hash now, so the first unknown email does not take longer than the rest.
  await dummyPasswordHash();

  const limits = {
    perAccount: app.config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    perAddress: app.config.LOGIN_MAX_FAILURES_PER_ADDRESS,
    windowMs: app.config.LOGIN_WINDOW_MINUTES * 60_000,
  };

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
      const { email, password } = request.body;
      const keys = { account: accountKey(email), address: addressKey(request.ip) };
      // Check the limits and count this attempt as a failure in one step, before the slow password
      // check: otherwise guesses sent in parallel all pass the check before any failure is
      // recorded, and the limit does not hold. A sign-in that is not a wrong guess takes it back.
      const attemptAt = app.clock.now();
      const { wait, failureIds } = app.db.transaction(
        (tx) => {
          const seconds = retryAfterSeconds(tx, keys, limits, attemptAt);
          return { wait: seconds, failureIds: seconds > 0 ? [] : recordFailure(tx, keys, attemptAt) };
        },
        { behavior: 'immediate' },
      );
      if (wait > 0) {
        const minutes = Math.ceil(wait / 60);
        throw rateLimited(
          `Too many attempts to sign in. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`,
          wait,
        );
      }

      const user = app.db.select().from(users).where(eq(users.email, email)).get();
      // Always verify a hash, so an unknown email takes as long as a wrong password.
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
      const now = app.clock.now();

      if (!user?.passwordHash || !ok) {
        // The failure was recorded with the attempt, above.
        request.audit(app.db, {
          action: 'auth.sign_in_failed',
          entityType: 'user',
          entityId: user?.id ?? null,
        });
        throw unauthenticated(WRONG_CREDENTIALS, { email: WRONG_CREDENTIALS });
      }
      if (user.status !== 'active') {
        // The password was right: not a guess, and saying why reveals nothing to a guesser.
        forgetFailures(app.db, failureIds);
        throw forbidden('Your account has been disabled. Contact the grants team for help.');
      }

      const previous = request.cookies[SESSION_COOKIE];
      const token = app.db.transaction((tx) => {
        // A new token at every sign-in; any session this browser had before ends.
        if (previous) endSession(tx, previous);
        clearAccountFailures(tx, keys.account);
        forgetFailures(tx, failureIds);
        tx.update(users).set({ lastSignInAt: now.toISOString() }).where(eq(users.id, user.id)).run();
        // request.actor is not set yet: the user is the actor of their own sign-in.
        recordAudit(tx, {
          actorId: user.id,
          action: 'auth.signed_in',
          entityType: 'user',
          entityId: user.id,
          ip: request.ip,
        });
        return createSession(tx, user.id, now, { ip: request.ip, userAgent: request.headers['user-agent'] });
      });
      const actor = loadActor(app.db, user.id);
      if (!actor) throw forbidden('Your account cannot sign in.');
      app.setSessionCookie(reply, token);
      return toMe(app.db, actor);
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
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        app.db.transaction((tx) => {
          endSession(tx, token);
          if (request.actor)
            request.audit(tx, { action: 'auth.signed_out', entityType: 'user', entityId: request.actor.id });
        });
      }
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
    async (request) => toMe(app.db, requireActor(request.actor)),
  );
};

export default authRoutes;
