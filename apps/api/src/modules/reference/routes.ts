import { ReferenceData } from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { referenceData } from './repository.js';

const referenceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/reference',
    {
      schema: {
        tags: ['reference'],
        summary: 'Priorities and wards (public)',
        response: { 200: ReferenceData },
      },
    },
    async () => referenceData(app.db),
  );
};

export default referenceRoutes;
