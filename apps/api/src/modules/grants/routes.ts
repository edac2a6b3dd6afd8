import {
  AcceptOfferBody,
  DeclineOfferBody,
  EndGrantBody,
  ErrorEnvelope,
  GrantConditionParams,
  GrantDetail,
  GrantIdParams,
  GrantList,
  GrantListQuery,
  OfferChangeBody,
} from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  acceptOffer,
  changeOffer,
  conditionMet,
  declineOffer,
  endOverdueOffer,
  grantDetail,
  issueOffer,
  listGrants,
} from './service.js';

const errors = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
};

/** Grants and their offers (issue 10, decision 0022). */
const grantRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/grants',
    {
      schema: {
        tags: ['grants'],
        summary:
          'Your groups’ grants; for grants staff, every grant (filter by fund, status, or offers to issue or overdue). A page at a time: ?page= and ?pageSize=',
        querystring: GrantListQuery,
        response: { 200: GrantList, 400: ErrorEnvelope, 401: ErrorEnvelope },
      },
    },
    async (request) => listGrants(request.ctx, request.query),
  );

  app.get(
    '/api/grants/:grantId',
    {
      schema: {
        tags: ['grants'],
        summary:
          'A grant and its offer: purpose, conditions, payment and reporting schedules, outcome targets, deadline, acceptance',
        params: GrantIdParams,
        response: { 200: GrantDetail, ...errors },
      },
    },
    async (request) => grantDetail(request.ctx, request.params.grantId),
  );

  app.put(
    '/api/grants/:grantId/offer',
    {
      schema: {
        tags: ['grants'],
        summary:
          'Officers: change a draft offer (purpose, deadline, payment schedule, the grant’s own conditions), from the version opened',
        params: GrantIdParams,
        body: OfferChangeBody,
        response: { 200: GrantDetail, ...errors },
      },
    },
    async (request) => changeOffer(request.ctx, request.params.grantId, request.body),
  );

  app.post(
    '/api/grants/:grantId/offer/issue',
    {
      schema: {
        tags: ['grants'],
        summary: 'Officers: issue a draft offer to the group (emails its members and main contact)',
        params: GrantIdParams,
        response: { 200: GrantDetail, ...errors },
      },
    },
    async (request) => issueOffer(request.ctx, request.params.grantId),
  );

  app.post(
    '/api/grants/:grantId/accept',
    {
      schema: {
        tags: ['grants'],
        summary: 'Members of the group: accept the offer (full name, role, declaration) before its deadline',
        params: GrantIdParams,
        body: AcceptOfferBody,
        response: { 200: GrantDetail, ...errors },
      },
    },
    async (request) => acceptOffer(request.ctx, request.params.grantId, request.body),
  );

  app.post(
    '/api/grants/:grantId/decline',
    {
      schema: {
        tags: ['grants'],
        summary: 'Members of the group: decline the offer, with a reason; the award goes back to the pot',
        params: GrantIdParams,
        body: DeclineOfferBody,
        response: { 200: GrantDetail, ...errors },
      },
    },
    async (request) => declineOffer(request.ctx, request.params.grantId, request.body),
  );

  app.post(
    '/api/grants/:grantId/conditions/:conditionId/met',
    {
      schema: {
        tags: ['grants'],
        summary: 'Officers: tick a condition of an issued or accepted offer as met',
        params: GrantConditionParams,
        response: { 200: GrantDetail, ...errors },
      },
    },
    async (request) => conditionMet(request.ctx, request.params.grantId, request.params.conditionId),
  );

  app.post(
    '/api/grants/:grantId/offer/end',
    {
      schema: {
        tags: ['grants'],
        summary:
          'Officers: end an offer the group did not answer by its deadline, with a reason; the award goes back to the pot',
        params: GrantIdParams,
        body: EndGrantBody,
        response: { 200: GrantDetail, ...errors },
      },
    },
    async (request) => endOverdueOffer(request.ctx, request.params.grantId, request.body),
  );
};

export default grantRoutes;
