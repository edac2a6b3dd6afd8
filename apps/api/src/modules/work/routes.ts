import { ErrorEnvelope, WorkWaiting } from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { workWaiting } from './service.js';

/** The grants officer's work waiting, for the home page. */
const workRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/work',
    {
      schema: {
        tags: ['assessment'],
        summary:
          'Officers: work waiting, fund by fund — bids to check, bids waiting for assessors, bids ready for the panel — each counted as the list it links to shows it',
        response: { 200: WorkWaiting, 401: ErrorEnvelope, 403: ErrorEnvelope },
      },
    },
    async (request) => workWaiting(request.ctx),
  );
};

export default workRoutes;
