import { About, ErrorEnvelope, Health } from '@cf/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { hasDemoData, ping } from './repository.js';

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

  // Demo data arrives only at start (seed/index.ts), before routes are registered: ask once.
  const about = { demoData: hasDemoData(app.db) };
  app.get(
    '/api/about',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'What every page shows about the service: whether this is the demo’s made-up data',
        response: { 200: About },
      },
    },
    async () => about,
  );

  app.get('/api/openapi.json', { config: { rateLimit: false }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
};

export default healthRoutes;
