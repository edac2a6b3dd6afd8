import { type FundBody, formatPence } from '@cf/shared';
import { and, eq, ne } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Queryable } from '../../db/client.js';
import { fundCriteria, fundPriorities, funds, priorities } from '../../db/schema/index.js';
import { badRequest, conflict, notFound } from '../../lib/errors.js';
import { committedPence } from '../panel/service.js';
import { rulesLocked } from './repository.js';

type Body = z.output<typeof FundBody>;

function checkPriorities(q: Queryable, ids: string[]): void {
  const known = new Set(
    q
      .select({ id: priorities.id })
      .from(priorities)
      .all()
      .map((p) => p.id),
  );
  if (ids.some((id) => !known.has(id)))
    throw badRequest('Check the priorities', { priorityIds: 'Choose priorities from the list' });
}

function checkCode(q: Queryable, code: string, fundId?: string): void {
  const clash = q
    .select({ id: funds.id })
    .from(funds)
    .where(fundId ? and(eq(funds.code, code), ne(funds.id, fundId)) : eq(funds.code, code))
    .get();
  if (clash)
    throw conflict('Another fund already uses this code', { code: 'Another fund already uses this code' });
}

function writeChildren(q: Queryable, fundId: string, body: Body, criteriaToo: boolean): void {
  q.delete(fundPriorities).where(eq(fundPriorities.fundId, fundId)).run();
  q.insert(fundPriorities)
    .values([...new Set(body.priorityIds)].map((priorityId) => ({ fundId, priorityId })))
    .run();
  if (!criteriaToo) return;
  q.delete(fundCriteria).where(eq(fundCriteria.fundId, fundId)).run();
  q.insert(fundCriteria)
    .values(body.criteria.map((c, position) => ({ fundId, position, ...c })))
    .run();
}

function columns(body: Body) {
  return {
    name: body.name,
    code: body.code,
    description: body.description,
    potPence: body.potPence,
    capPence: body.capPence,
    opensAt: new Date(body.opensAt).toISOString(),
    closesAt: new Date(body.closesAt).toISOString(),
    deliveryStartsOn: body.deliveryStartsOn,
    deliveryEndsOn: body.deliveryEndsOn,
    minAssessors: body.minAssessors,
    moderationThreshold: body.moderationThreshold,
    published: body.published,
  };
}

export function createFund(app: FastifyInstance, request: FastifyRequest, body: Body): string {
  return app.db.transaction(
    (tx) => {
      checkCode(tx, body.code);
      checkPriorities(tx, body.priorityIds);
      const id = tx.insert(funds).values(columns(body)).returning({ id: funds.id }).get().id;
      writeChildren(tx, id, body, true);
      request.audit(tx, { action: 'fund.created', entityType: 'fund', entityId: id, after: body });
      return id;
    },
    { behavior: 'immediate' },
  );
}

/**
 * Changes a fund. Once bids have been sent the rules they were judged by — the cap, the criteria
 * and their weights — are locked (409 naming them); the pot may grow but never drop below what
 * has been awarded.
 */
export function updateFund(app: FastifyInstance, request: FastifyRequest, fundId: string, body: Body): void {
  app.db.transaction(
    (tx) => {
      const before = tx.select().from(funds).where(eq(funds.id, fundId)).get();
      if (!before) throw notFound('There is no such fund');
      checkCode(tx, body.code, fundId);
      checkPriorities(tx, body.priorityIds);
      const locked = rulesLocked(tx, fundId);
      if (locked) {
        const fields: Record<string, string> = {};
        if (body.capPence !== before.capPence)
          fields.capPence = 'Bids have been sent, so the largest grant cannot change';
        const current = tx
          .select()
          .from(fundCriteria)
          .where(eq(fundCriteria.fundId, fundId))
          .all()
          .sort((a, b) => a.position - b.position);
        const same =
          current.length === body.criteria.length &&
          current.every(
            (c, i) => c.title === body.criteria[i]?.title && c.weight === body.criteria[i]?.weight,
          );
        if (!same) fields.criteria = 'Bids have been sent, so the criteria and their weights cannot change';
        if (Object.keys(fields).length > 0) {
          throw conflict(
            'Bids have been sent to this fund, so the rules they are judged by cannot change',
            fields,
          );
        }
      }
      const awarded = committedPence(tx, fundId);
      if (body.potPence < awarded) {
        throw conflict(`The pot cannot be less than the ${formatPence(awarded)} already awarded`, {
          potPence: `The pot cannot be less than the ${formatPence(awarded)} already awarded`,
        });
      }
      tx.update(funds).set(columns(body)).where(eq(funds.id, fundId)).run();
      // Criteria wording (guidance, descriptions) may still be improved when locked; titles and weights may not.
      if (locked) {
        const current = tx.select().from(fundCriteria).where(eq(fundCriteria.fundId, fundId)).all();
        for (const criterion of current) {
          const next = body.criteria[criterion.position];
          if (next) {
            tx.update(fundCriteria)
              .set({ description: next.description, guidance: next.guidance })
              .where(eq(fundCriteria.id, criterion.id))
              .run();
          }
        }
        writeChildren(tx, fundId, body, false);
      } else {
        writeChildren(tx, fundId, body, true);
      }
      request.audit(tx, {
        action: 'fund.changed',
        entityType: 'fund',
        entityId: fundId,
        before,
        after: body,
      });
    },
    { behavior: 'immediate' },
  );
}
