import { ErrorEnvelope, Need, NeedBody, NeedIdParams, NeedList, NeedQuery } from '@cf/shared';
import { asc, desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Queryable } from '../../db/client.js';
import { needs, wards } from '../../db/schema/index.js';
import { badRequest, notFound } from '../../lib/errors.js';
import { found } from '../../lib/found.js';
import { authorize } from '../access/policy.js';

function listNeeds(q: Queryable, filter: { wardId?: string | undefined; needId?: string }) {
  return q
    .select({
      id: needs.id,
      wardId: needs.wardId,
      wardName: wards.name,
      title: needs.title,
      description: needs.description,
      source: needs.source,
      sourceDetail: needs.sourceDetail,
      identifiedOn: needs.identifiedOn,
      createdAt: needs.createdAt,
    })
    .from(needs)
    .innerJoin(wards, eq(wards.id, needs.wardId))
    .where(
      filter.needId
        ? eq(needs.id, filter.needId)
        : filter.wardId
          ? eq(needs.wardId, filter.wardId)
          : undefined,
    )
    .orderBy(asc(wards.position), desc(needs.identifiedOn))
    .all();
}

function checkWard(q: Queryable, wardId: string): void {
  if (!q.select({ id: wards.id }).from(wards).where(eq(wards.id, wardId)).get()) {
    throw badRequest('Check the ward', { wardId: 'Choose a ward from the list' });
  }
}

/** The project bank: officers record neighbourhood needs; anyone can browse them by ward. */
const needRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/needs',
    {
      schema: {
        tags: ['project bank'],
        summary: 'Needs in the project bank, optionally for one ward (public)',
        querystring: NeedQuery,
        response: { 200: NeedList, 400: ErrorEnvelope },
      },
    },
    async (request) => ({ needs: listNeeds(app.db, { wardId: request.query.wardId }) }),
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
    async (request, reply) => {
      authorize(request.actor, { action: 'need.manage' });
      const id = app.db.transaction(
        (tx) => {
          checkWard(tx, request.body.wardId);
          const need = tx
            .insert(needs)
            .values({ ...request.body, createdBy: request.actor?.id ?? null })
            .returning({ id: needs.id })
            .get();
          request.audit(tx, {
            action: 'need.recorded',
            entityType: 'need',
            entityId: need.id,
            after: request.body,
          });
          return need.id;
        },
        { behavior: 'immediate' },
      );
      return reply.status(201).send(found(listNeeds(app.db, { needId: id })[0], 'need'));
    },
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
    async (request) => {
      authorize(request.actor, { action: 'need.manage' });
      const { needId } = request.params;
      app.db.transaction(
        (tx) => {
          const before = tx.select().from(needs).where(eq(needs.id, needId)).get();
          if (!before) throw notFound('There is no such need');
          checkWard(tx, request.body.wardId);
          tx.update(needs).set(request.body).where(eq(needs.id, needId)).run();
          request.audit(tx, {
            action: 'need.changed',
            entityType: 'need',
            entityId: needId,
            before,
            after: request.body,
          });
        },
        { behavior: 'immediate' },
      );
      return found(listNeeds(app.db, { needId })[0], 'need');
    },
  );
};

export default needRoutes;
