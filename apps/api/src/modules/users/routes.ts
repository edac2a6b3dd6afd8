import {
  AcceptInvitationBody,
  ErrorEnvelope,
  GrantRoleBody,
  InvitationInfo,
  InvitationToken,
  InviteUserBody,
  Me,
  PageQuery,
  RoleGrantParams,
  UserIdParams,
  UserList,
  UserSummary,
} from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acceptInvitation,
  cancelInvitation,
  changeUserStatus,
  getUser,
  grantRole,
  invitationInfo,
  inviteUser,
  listUsers,
  resendInvitation,
  resetSecondFactor,
  revokeRole,
} from './service.js';

const adminErrors = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
};

/** Admin: invite staff, grant and revoke roles, disable and enable users. Every change is audited. */
const userRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/admin/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Every user with roles, by name, a page at a time (?page=, ?pageSize= up to 100)',
        querystring: PageQuery,
        response: { 200: UserList, ...adminErrors },
      },
    },
    async (request) => listUsers(request.ctx, request.query),
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
    async (request) => getUser(request.ctx, request.params.userId),
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
    async (request, reply) => reply.status(201).send(inviteUser(request.ctx, request.body)),
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
    async (request, reply) =>
      reply.status(201).send(grantRole(request.ctx, request.params.userId, request.body)),
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
    async (request) => revokeRole(request.ctx, request.params.userId, request.params.grantId),
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
      async (request) => changeUserStatus(request.ctx, request.params.userId, change),
    );
  }

  app.post(
    '/api/admin/users/:userId/second-factor/reset',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Reset a member of staff’s second factor (a lost phone): their app and recovery codes go, their sessions end',
        params: UserIdParams,
        response: { 200: UserSummary, ...adminErrors },
      },
    },
    async (request) => resetSecondFactor(request.ctx, request.params.userId),
  );

  app.post(
    '/api/admin/users/:userId/invitation/resend',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Send a staff invitation again with a new link; the links sent before stop working (409 once accepted)',
        params: UserIdParams,
        response: { 200: UserSummary, ...adminErrors, 429: ErrorEnvelope },
      },
    },
    async (request) => resendInvitation(request.ctx, request.params.userId),
  );

  app.post(
    '/api/admin/users/:userId/invitation/cancel',
    {
      schema: {
        tags: ['admin'],
        summary:
          'Cancel a staff invitation: its links stop working and the unused account is closed, freeing its address (409 once accepted)',
        params: UserIdParams,
        response: { 200: UserSummary, ...adminErrors },
      },
    },
    async (request) => cancelInvitation(request.ctx, request.params.userId),
  );

  const TokenParams = z.strictObject({ token: InvitationToken });

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
    async (request) => invitationInfo(request.ctx, request.params.token),
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
      const { token, me } = await acceptInvitation(request.ctx, request.body, {
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      app.setSessionCookie(reply, token);
      return me;
    },
  );
};

export default userRoutes;
