import {
  AcceptInvitationBody,
  ErrorEnvelope,
  GrantRoleBody,
  InvitationInfo,
  InvitationToken,
  InviteUserBody,
  Me,
  ROLE_LABELS,
  RoleGrantParams,
  UserIdParams,
  UserList,
  UserSummary,
} from '@cf/shared';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Queryable } from '../../db/client.js';
import { funds, invitations, userRoles, users } from '../../db/schema/index.js';
import { badRequest, conflict, notFound } from '../../lib/errors.js';
import { authorize, requireActor } from '../access/policy.js';
import { recordAudit } from '../audit/repository.js';
import { toMe } from '../auth/me.js';
import { hashPassword, weakPasswordReason } from '../auth/passwords.js';
import { createSession, endAllSessions, loadActor } from '../auth/sessions.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { enqueueMail } from '../mail/repository.js';
import { getUserSummary, listUserSummaries } from './repository.js';

const INVITATION_DAYS = 7;
const adminErrors = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
};

function mustGetUser(q: Queryable, userId: string): UserSummary {
  const user = getUserSummary(q, userId);
  if (!user) throw notFound('There is no such user');
  return user;
}

function checkFundLimit(q: Queryable, role: string, fundId: string | null): void {
  if (fundId === null) return;
  if (role !== 'assessor')
    throw badRequest('Check the role', { fundId: 'Only an assessor role can be limited to one fund' });
  if (!q.select({ id: funds.id }).from(funds).where(eq(funds.id, fundId)).get()) {
    throw badRequest('Check the fund', { fundId: 'Choose a fund from the list' });
  }
}

/** Admin: invite staff, grant and revoke roles, disable and enable users. Every change is audited. */
const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const publicUrl = app.config.PUBLIC_URL ?? `http://localhost:${app.config.PORT}`;

  app.get(
    '/api/admin/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Every user with roles',
        response: { 200: UserList, ...adminErrors },
      },
    },
    async (request) => {
      authorize(request.actor, { action: 'users.manage' });
      return { users: listUserSummaries(app.db) };
    },
  );

  app.get(
    '/api/admin/users/:userId',
    {
      schema: {
        tags: ['admin'],
        summary: 'One user with roles',
        params: UserIdParams,
        response: { 200: UserSummary, ...adminErrors },
      },
    },
    async (request) => {
      authorize(request.actor, { action: 'users.manage' });
      return mustGetUser(app.db, request.params.userId);
    },
  );

  app.post(
    '/api/admin/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Invite a member of staff by email, with one role',
        body: InviteUserBody,
        response: { 201: UserSummary, ...adminErrors },
      },
    },
    async (request, reply) => {
      authorize(request.actor, { action: 'users.manage' });
      const { name, email, role, fundId } = request.body;
      const now = app.clock.now();
      const token = newToken();
      const userId = app.db.transaction(
        (tx) => {
          if (tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
            throw conflict('There is already a user with this email address', {
              email: 'There is already a user with this email address',
            });
          }
          checkFundLimit(tx, role, fundId);
          const user = tx.insert(users).values({ email, name, status: 'invited' }).returning().get();
          tx.insert(userRoles).values({ userId: user.id, role, fundId }).run();
          tx.insert(invitations)
            .values({
              tokenHash: hashToken(token),
              userId: user.id,
              invitedBy: request.actor?.id ?? null,
              expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
            })
            .run();
          enqueueMail(
            tx,
            {
              to: email,
              kind: 'invitation',
              subject: 'You have been invited to the Communities Fund',
              body: [
                `Dear ${name},`,
                '',
                `You have been invited to the Communities Fund grants service as: ${ROLE_LABELS[role]}.`,
                '',
                'To set your password and sign in, open this link:',
                `${publicUrl}/invitation/${token}`,
                '',
                `The link works once and expires in ${INVITATION_DAYS} days.`,
                '',
                'Communities Fund team',
              ].join('\n'),
            },
            now,
          );
          request.audit(tx, {
            action: 'user.invited',
            entityType: 'user',
            entityId: user.id,
            after: { email, name, role, fundId },
          });
          return user.id;
        },
        { behavior: 'immediate' },
      );
      return reply.status(201).send(mustGetUser(app.db, userId));
    },
  );

  app.post(
    '/api/admin/users/:userId/roles',
    {
      schema: {
        tags: ['admin'],
        summary: 'Grant a role (an assessor role may be limited to one fund)',
        params: UserIdParams,
        body: GrantRoleBody,
        response: { 201: UserSummary, ...adminErrors },
      },
    },
    async (request, reply) => {
      authorize(request.actor, { action: 'users.manage' });
      const { userId } = request.params;
      const { role, fundId } = request.body;
      app.db.transaction(
        (tx) => {
          mustGetUser(tx, userId);
          checkFundLimit(tx, role, fundId);
          const existing = tx
            .select({ id: userRoles.id })
            .from(userRoles)
            .where(
              and(
                eq(userRoles.userId, userId),
                eq(userRoles.role, role),
                sql`coalesce(${userRoles.fundId}, '') = ${fundId ?? ''}`,
              ),
            )
            .get();
          if (existing) throw conflict('This user already has that role');
          const grant = tx.insert(userRoles).values({ userId, role, fundId }).returning().get();
          request.audit(tx, {
            action: 'user.role_granted',
            entityType: 'user',
            entityId: userId,
            after: { grantId: grant.id, role, fundId },
          });
        },
        { behavior: 'immediate' },
      );
      return reply.status(201).send(mustGetUser(app.db, userId));
    },
  );

  app.delete(
    '/api/admin/users/:userId/roles/:grantId',
    {
      schema: {
        tags: ['admin'],
        summary: 'Revoke a role',
        params: RoleGrantParams,
        response: { 200: UserSummary, ...adminErrors },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      authorize(actor, { action: 'users.manage' });
      const { userId, grantId } = request.params;
      app.db.transaction(
        (tx) => {
          const grant = tx
            .select()
            .from(userRoles)
            .where(and(eq(userRoles.id, grantId), eq(userRoles.userId, userId)))
            .get();
          if (!grant) throw notFound('This user does not have that role');
          if (userId === actor.id && grant.role === 'admin') {
            throw conflict('You cannot remove your own administrator role. Ask another administrator.');
          }
          tx.delete(userRoles).where(eq(userRoles.id, grantId)).run();
          request.audit(tx, {
            action: 'user.role_revoked',
            entityType: 'user',
            entityId: userId,
            before: { grantId, role: grant.role, fundId: grant.fundId },
          });
        },
        { behavior: 'immediate' },
      );
      return mustGetUser(app.db, userId);
    },
  );

  for (const change of ['disable', 'enable'] as const) {
    app.post(
      `/api/admin/users/:userId/${change}`,
      {
        schema: {
          tags: ['admin'],
          summary:
            change === 'disable'
              ? 'Disable a user: they cannot sign in and their sessions end at once'
              : 'Enable a disabled user',
          params: UserIdParams,
          response: { 200: UserSummary, ...adminErrors },
        },
      },
      async (request) => {
        const actor = requireActor(request.actor);
        authorize(actor, { action: 'users.manage' });
        const { userId } = request.params;
        app.db.transaction(
          (tx) => {
            const user = mustGetUser(tx, userId);
            if (change === 'disable') {
              if (userId === actor.id) throw conflict('You cannot disable your own account');
              if (user.status === 'disabled') throw conflict('This user is already disabled');
            } else if (user.status !== 'disabled') {
              throw conflict('This user is not disabled');
            }
            // An enabled user who never accepted their invitation goes back to "invited".
            const hasPassword = tx
              .select({ hash: users.passwordHash })
              .from(users)
              .where(eq(users.id, userId))
              .get()?.hash;
            const status = change === 'disable' ? 'disabled' : hasPassword ? 'active' : 'invited';
            tx.update(users).set({ status }).where(eq(users.id, userId)).run();
            const ended = change === 'disable' ? endAllSessions(tx, userId) : 0;
            request.audit(tx, {
              action: `user.${change}d`,
              entityType: 'user',
              entityId: userId,
              before: { status: user.status },
              after: { status, sessionsEnded: ended },
            });
          },
          { behavior: 'immediate' },
        );
        return mustGetUser(app.db, userId);
      },
    );
  }

  const TokenParams = z.strictObject({ token: InvitationToken });

  function openInvitation(q: Queryable, token: string) {
    return q
      .select({
        id: invitations.id,
        userId: users.id,
        email: users.email,
        name: users.name,
        status: users.status,
      })
      .from(invitations)
      .innerJoin(users, eq(users.id, invitations.userId))
      .where(
        and(
          eq(invitations.tokenHash, hashToken(token)),
          isNull(invitations.acceptedAt),
          gt(invitations.expiresAt, app.clock.now().toISOString()),
        ),
      )
      .get();
  }

  app.get(
    '/api/invitations/:token',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who an invitation is for (no sign-in needed)',
        params: TokenParams,
        response: { 200: InvitationInfo, 404: ErrorEnvelope },
      },
    },
    async (request) => {
      const invitation = openInvitation(app.db, request.params.token);
      if (invitation?.status !== 'invited') {
        throw notFound('This invitation link has expired or has already been used');
      }
      return { email: invitation.email, name: invitation.name };
    },
  );

  app.post(
    '/api/invitations/accept',
    {
      schema: {
        tags: ['auth'],
        summary: 'Accept an invitation: set a password and sign in',
        body: AcceptInvitationBody,
        response: { 200: Me, 400: ErrorEnvelope, 404: ErrorEnvelope, 409: ErrorEnvelope },
      },
    },
    async (request, reply) => {
      const { token, password } = request.body;
      const weak = weakPasswordReason(password);
      if (weak) throw badRequest('Choose a different password', { password: weak });
      // Check the link before the (deliberately slow) hashing, so a bad link costs us nothing.
      const pending = openInvitation(app.db, token);
      if (pending?.status !== 'invited')
        throw notFound('This invitation link has expired or has already been used');
      const passwordHash = await hashPassword(password);
      const now = app.clock.now();
      const accepted = app.db.transaction(
        (tx) => {
          const invitation = openInvitation(tx, token);
          if (invitation?.status !== 'invited') {
            throw notFound('This invitation link has expired or has already been used');
          }
          tx.update(invitations)
            .set({ acceptedAt: now.toISOString() })
            .where(eq(invitations.id, invitation.id))
            .run();
          tx.update(users)
            .set({ passwordHash, status: 'active', lastSignInAt: now.toISOString() })
            .where(eq(users.id, invitation.userId))
            .run();
          recordAudit(tx, {
            actorId: invitation.userId,
            action: 'user.invitation_accepted',
            entityType: 'user',
            entityId: invitation.userId,
            ip: request.ip,
          });
          const sessionToken = createSession(tx, invitation.userId, now, {
            ip: request.ip,
            userAgent: request.headers['user-agent'],
          });
          return { sessionToken, userId: invitation.userId };
        },
        { behavior: 'immediate' },
      );
      const actor = loadActor(app.db, accepted.userId);
      app.setSessionCookie(reply, accepted.sessionToken);
      return toMe(app.db, requireActor(actor));
    },
  );
};

export default userRoutes;
