import { ErrorEnvelope, Me, RegisterAccountBody } from '@cf/shared';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { userRoles, users } from '../../db/schema/index.js';
import { badRequest, conflict } from '../../lib/errors.js';
import { requireActor } from '../access/policy.js';
import { recordAudit } from '../audit/repository.js';
import { toMe } from '../auth/me.js';
import { hashPassword, weakPasswordReason } from '../auth/passwords.js';
import { createSession, loadActor } from '../auth/sessions.js';

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
      const { name, email, password } = request.body;
      const weak = weakPasswordReason(password);
      if (weak) throw badRequest('Choose a different password', { password: weak });
      const passwordHash = await hashPassword(password);
      const now = app.clock.now();
      const created = app.db.transaction(
        (tx) => {
          if (tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
            throw conflict('There is already an account with this email address. Sign in instead.', {
              email: 'There is already an account with this email address. Sign in instead.',
            });
          }
          const user = tx
            .insert(users)
            .values({ email, name, passwordHash, status: 'active', lastSignInAt: now.toISOString() })
            .returning({ id: users.id })
            .get();
          tx.insert(userRoles).values({ userId: user.id, role: 'applicant' }).run();
          recordAudit(tx, {
            actorId: user.id,
            action: 'user.registered',
            entityType: 'user',
            entityId: user.id,
            after: { email, name, role: 'applicant' },
            ip: request.ip,
          });
          const token = createSession(tx, user.id, now, {
            ip: request.ip,
            userAgent: request.headers['user-agent'],
          });
          return { userId: user.id, token };
        },
        { behavior: 'immediate' },
      );
      app.setSessionCookie(reply, created.token);
      return reply.status(201).send(toMe(app.db, requireActor(loadActor(app.db, created.userId))));
    },
  );
};

export default accountRoutes;
