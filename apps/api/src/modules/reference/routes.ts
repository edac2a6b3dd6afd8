import { ReferenceData } from '@cf/shared';
import { asc } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { priorities, wards } from '../../db/schema/index.js';

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
    async () => ({
      priorities: app.db
        .select({ id: priorities.id, name: priorities.name, description: priorities.description })
        .from(priorities)
        .orderBy(asc(priorities.position))
        .all(),
      wards: app.db
        .select({ id: wards.id, name: wards.name, isCityWide: wards.isCityWide })
        .from(wards)
        .orderBy(asc(wards.position))
        .all(),
    }),
  );
};

export default referenceRoutes;
