import { ErrorEnvelope, Health } from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ping } from './repository.js';

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'Answers 200 when the database answers',
        response: { 200: Health, 500: ErrorEnvelope },
      },
    },
    async () => {
      ping(app.db);
      return { status: 'ok' as const };
    },
  );

  app.get('/api/openapi.json', { config: { rateLimit: false }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
};

export default healthRoutes;
