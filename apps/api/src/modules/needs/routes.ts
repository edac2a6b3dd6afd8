import { ErrorEnvelope, Need, NeedBody, NeedIdParams, NeedList, NeedQuery } from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { correctNeed, needsInWard, recordNeed } from './service.js';

/** The project bank: officers record neighbourhood needs; anyone can browse them by ward. */
const needRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/needs',
    {
      schema: {
        tags: ['project bank'],
        summary:
          'Needs in the project bank, optionally for one ward (public), a page at a time (?page=, ?pageSize= up to 100)',
        querystring: NeedQuery,
        response: { 200: NeedList, 400: ErrorEnvelope },
      },
    },
    async (request) => needsInWard(request.ctx, request.query),
  );

  app.post(
    '/api/needs',
    {
      schema: {
        tags: ['project bank'],
        summary: 'Officers: record a neighbourhood need',
        body: NeedBody,
        response: { 201: Need, 400: ErrorEnvelope, 401: ErrorEnvelope, 403: ErrorEnvelope },
      },
    },
    async (request, reply) => reply.status(201).send(recordNeed(request.ctx, request.body)),
  );

  app.put(
    '/api/needs/:needId',
    {
      schema: {
        tags: ['project bank'],
        summary: 'Officers: correct a need',
        params: NeedIdParams,
        body: NeedBody,
        response: {
          200: Need,
          400: ErrorEnvelope,
          401: ErrorEnvelope,
          403: ErrorEnvelope,
          404: ErrorEnvelope,
        },
      },
    },
    async (request) => correctNeed(request.ctx, request.params.needId, request.body),
  );
};

export default needRoutes;
