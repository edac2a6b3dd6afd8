import {
  AcceptGroupInvitationBody,
  ErrorEnvelope,
  GroupInvitationInfo,
  GroupInvitationToken,
  InviteMemberBody,
  Me,
  OrganisationDetail,
  OrganisationIdParams,
  OrganisationMemberParams,
  RegisterOrganisationBody,
  UpdateOrganisationBody,
} from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acceptGroupInvitation,
  groupInvitationInfo,
  inviteMember,
  organisationDetail,
  registerOrganisation,
  removeMember,
  updateOrganisation,
} from './service.js';

const errors = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
};

const TokenParams = z.strictObject({ token: GroupInvitationToken });

/** Community groups: register one, see it, change its details, invite, remove and leave. */
const organisationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Register a community group; you become its first member (one person may be in 10 groups)',
        body: RegisterOrganisationBody,
        response: { 201: OrganisationDetail, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(registerOrganisation(request.ctx, request.body)),
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
    async (request) => organisationDetail(request.ctx, request.params.organisationId),
  );

  app.put(
    '/api/organisations/:organisationId',
    {
      schema: {
        tags: ['organisations'],
        summary:
          'Members: change the group’s details, from the version you opened (409 if someone changed them since)',
        params: OrganisationIdParams,
        body: UpdateOrganisationBody,
        response: { 200: OrganisationDetail, ...errors },
      },
    },
    async (request) => updateOrganisation(request.ctx, request.params.organisationId, request.body),
  );

  app.delete(
    '/api/organisations/:organisationId/members/:userId',
    {
      schema: {
        tags: ['organisations'],
        summary:
          'Members: remove someone from the group, or leave it (your own id). The last member cannot leave (409). Their access to the group’s bids ends at once',
        params: OrganisationMemberParams,
        response: { 204: z.undefined(), ...errors },
      },
    },
    async (request, reply) => {
      removeMember(request.ctx, request.params.organisationId, request.params.userId);
      return reply.status(204).send();
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
    async (request, reply) =>
      reply.status(201).send(inviteMember(request.ctx, request.params.organisationId, request.body.email)),
  );

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
    async (request) => groupInvitationInfo(request.ctx, request.params.token),
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
    async (request) => acceptGroupInvitation(request.ctx, request.body.token),
  );
};

export default organisationRoutes;
