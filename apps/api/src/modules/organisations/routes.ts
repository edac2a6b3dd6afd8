import {
  AcceptGroupInvitationBody,
  ErrorEnvelope,
  GroupInvitationInfo,
  GroupInvitationToken,
  hasRole,
  InviteMemberBody,
  Me,
  OrganisationDetail,
  OrganisationIdParams,
  RegisterOrganisationBody,
} from '@cf/shared';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Queryable } from '../../db/client.js';
import {
  memberships,
  organisationInvitations,
  organisations,
  userRoles,
  users,
  wards,
} from '../../db/schema/index.js';
import { badRequest, conflict, notFound } from '../../lib/errors.js';
import { found } from '../../lib/found.js';
import { type Actor, authorize, requireActor } from '../access/policy.js';
import { toMe } from '../auth/me.js';
import { loadActor } from '../auth/sessions.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { enqueueMail } from '../mail/repository.js';
import { getOrganisationDetail } from './repository.js';

const INVITATION_DAYS = 14;
const errors = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
};

/** Joining a group makes you an applicant, if you were not one already. */
function ensureApplicant(q: Queryable, actor: Actor): void {
  if (!hasRole(actor, 'applicant')) q.insert(userRoles).values({ userId: actor.id, role: 'applicant' }).run();
}

/** Community groups: register one, see it, invite fellow members by email. */
const organisationRoutes: FastifyPluginAsyncZod = async (app) => {
  const publicUrl = app.config.PUBLIC_URL ?? `http://localhost:${app.config.PORT}`;

  app.post(
    '/api/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Register a community group; you become its first member',
        body: RegisterOrganisationBody,
        response: { 201: OrganisationDetail, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const body = request.body;
      const id = app.db.transaction(
        (tx) => {
          if (!tx.select({ id: wards.id }).from(wards).where(eq(wards.id, body.wardId)).get()) {
            throw badRequest('Check the ward', { wardId: 'Choose a ward from the list' });
          }
          const organisation = tx
            .insert(organisations)
            .values({
              ...body,
              registeredNumber: body.registeredNumber?.replace(/\s+/g, '').toUpperCase() ?? null,
            })
            .returning({ id: organisations.id })
            .get();
          tx.insert(memberships).values({ userId: actor.id, organisationId: organisation.id }).run();
          ensureApplicant(tx, actor);
          request.audit(tx, {
            action: 'organisation.registered',
            entityType: 'organisation',
            entityId: organisation.id,
            after: { ...body },
          });
          return organisation.id;
        },
        { behavior: 'immediate' },
      );
      return reply.status(201).send(found(getOrganisationDetail(app.db, id, app.clock.now()), 'group'));
    },
  );

  app.get(
    '/api/organisations/:organisationId',
    {
      schema: {
        tags: ['organisations'],
        summary: 'A group, its members and open invitations (members and grants staff)',
        params: OrganisationIdParams,
        response: { 200: OrganisationDetail, 401: ErrorEnvelope, 404: ErrorEnvelope },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const { organisationId } = request.params;
      authorize(actor, { action: 'organisation.read', organisation: { id: organisationId } }, { hide: true });
      return found(getOrganisationDetail(app.db, organisationId, app.clock.now()), 'group');
    },
  );

  app.post(
    '/api/organisations/:organisationId/invitations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Invite someone by email to join your group',
        params: OrganisationIdParams,
        body: InviteMemberBody,
        response: { 201: OrganisationDetail, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request.actor);
      const { organisationId } = request.params;
      authorize(
        actor,
        { action: 'organisation.manage', organisation: { id: organisationId } },
        { hide: true },
      );
      const { email } = request.body;
      const now = app.clock.now();
      const token = newToken();
      app.db.transaction(
        (tx) => {
          const organisation = tx
            .select()
            .from(organisations)
            .where(eq(organisations.id, organisationId))
            .get();
          if (!organisation) throw notFound('There is no such group');
          const already = tx
            .select({ id: users.id })
            .from(memberships)
            .innerJoin(users, eq(users.id, memberships.userId))
            .where(and(eq(memberships.organisationId, organisationId), eq(users.email, email)))
            .get();
          if (already)
            throw conflict('This person is already a member of your group', {
              email: 'This person is already a member of your group',
            });
          tx.insert(organisationInvitations)
            .values({
              organisationId,
              email,
              tokenHash: hashToken(token),
              invitedBy: actor.id,
              expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
            })
            .run();
          enqueueMail(
            tx,
            {
              to: email,
              kind: 'group_invitation',
              subject: `${actor.name} has invited you to join ${organisation.name} on the Communities Fund`,
              body: [
                'Hello,',
                '',
                `${actor.name} has invited you to join ${organisation.name} on the Communities Fund grants service, so you can work on your group’s bids together.`,
                '',
                'To join, open this link:',
                `${publicUrl}/group-invitations/${token}`,
                '',
                `The link works once and expires in ${INVITATION_DAYS} days. If you were not expecting this, you can ignore this email.`,
                '',
                'Communities Fund team, Peterborough City Council',
              ].join('\n'),
            },
            now,
          );
          request.audit(tx, {
            action: 'organisation.member_invited',
            entityType: 'organisation',
            entityId: organisationId,
            after: { email },
          });
        },
        { behavior: 'immediate' },
      );
      return reply.status(201).send(found(getOrganisationDetail(app.db, organisationId, now), 'group'));
    },
  );

  const TokenParams = z.strictObject({ token: GroupInvitationToken });

  function openInvitation(q: Queryable, token: string) {
    return q
      .select({
        invitation: organisationInvitations,
        organisationName: organisations.name,
        invitedByName: users.name,
      })
      .from(organisationInvitations)
      .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
      .innerJoin(users, eq(users.id, organisationInvitations.invitedBy))
      .where(
        and(
          eq(organisationInvitations.tokenHash, hashToken(token)),
          isNull(organisationInvitations.acceptedAt),
          gt(organisationInvitations.expiresAt, app.clock.now().toISOString()),
        ),
      )
      .get();
  }

  app.get(
    '/api/group-invitations/:token',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Which group an invitation is for (no sign-in needed)',
        params: TokenParams,
        response: { 200: GroupInvitationInfo, 404: ErrorEnvelope },
      },
    },
    async (request) => {
      const found = openInvitation(app.db, request.params.token);
      if (!found) throw notFound('This invitation link has expired or has already been used');
      const hasAccount =
        app.db.select({ id: users.id }).from(users).where(eq(users.email, found.invitation.email)).get() !==
        undefined;
      return {
        organisationName: found.organisationName,
        email: found.invitation.email,
        invitedByName: found.invitedByName,
        hasAccount,
      };
    },
  );

  app.post(
    '/api/group-invitations/accept',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Join the group you were invited to (signed in with the invited email address)',
        body: AcceptGroupInvitationBody,
        response: { 200: Me, ...errors },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      const now = app.clock.now();
      app.db.transaction(
        (tx) => {
          const found = openInvitation(tx, request.body.token);
          if (!found) throw notFound('This invitation link has expired or has already been used');
          if (found.invitation.email !== actor.email) {
            throw conflict(
              `This invitation was sent to ${found.invitation.email}. Sign in with that email address to accept it.`,
            );
          }
          const organisationId = found.invitation.organisationId;
          if (!actor.organisationIds.includes(organisationId)) {
            tx.insert(memberships).values({ userId: actor.id, organisationId }).run();
          }
          ensureApplicant(tx, actor);
          tx.update(organisationInvitations)
            .set({ acceptedAt: now.toISOString(), acceptedBy: actor.id })
            .where(eq(organisationInvitations.id, found.invitation.id))
            .run();
          request.audit(tx, {
            action: 'organisation.member_joined',
            entityType: 'organisation',
            entityId: organisationId,
            after: { userId: actor.id },
          });
        },
        { behavior: 'immediate' },
      );
      const updated = loadActor(app.db, actor.id);
      return toMe(app.db, requireActor(updated));
    },
  );
};

export default organisationRoutes;
