import { type Fund, type FundBudget, fundStatusAt, pence, splitAcrossWards } from '@cf/shared';
import { and, asc, eq, inArray, isNotNull, sum } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import {
  awards,
  bids,
  fundCriteria,
  fundPriorities,
  funds,
  priorities,
  wards,
} from '../../db/schema/index.js';
import { bidPlace } from '../panel/service.js';

export type FundRow = typeof funds.$inferSelect;

export function getFundRow(q: Queryable, fundId: string): FundRow | undefined {
  return q.select().from(funds).where(eq(funds.id, fundId)).get();
}

export function listFundRows(q: Queryable): FundRow[] {
  return q.select().from(funds).orderBy(asc(funds.opensAt), asc(funds.name)).all();
}

/** Funds with their priorities and criteria, as the API shows them. */
export function toFunds(q: Queryable, rows: FundRow[], now: Date): Fund[] {
  if (rows.length === 0) return [];
  const ids = rows.map((f) => f.id);
  const prios = q
    .select({
      fundId: fundPriorities.fundId,
      id: priorities.id,
      name: priorities.name,
      description: priorities.description,
    })
    .from(fundPriorities)
    .innerJoin(priorities, eq(priorities.id, fundPriorities.priorityId))
    .where(inArray(fundPriorities.fundId, ids))
    .orderBy(asc(priorities.position))
    .all();
  const criteria = q
    .select()
    .from(fundCriteria)
    .where(inArray(fundCriteria.fundId, ids))
    .orderBy(asc(fundCriteria.position))
    .all();
  return rows.map((f) => ({
    id: f.id,
    name: f.name,
    code: f.code,
    description: f.description,
    potPence: pence(f.potPence),
    capPence: pence(f.capPence),
    opensAt: f.opensAt,
    closesAt: f.closesAt,
    deliveryStartsOn: f.deliveryStartsOn,
    deliveryEndsOn: f.deliveryEndsOn,
    minAssessors: f.minAssessors,
    moderationThreshold: f.moderationThreshold,
    status: fundStatusAt(f, now),
    published: f.published,
    rulesLocked: rulesLocked(q, f.id),
    priorities: prios
      .filter((p) => p.fundId === f.id)
      .map(({ id, name, description }) => ({ id, name, description })),
    criteria: criteria
      .filter((c) => c.fundId === f.id)
      .map(({ id, position, title, description, weight, guidance }) => ({
        id,
        position,
        title,
        description,
        weight,
        guidance,
      })),
  }));
}

/** True once any bid to the fund has been sent: the rules it was judged by are fixed. */
export function rulesLocked(q: Queryable, fundId: string): boolean {
  return (
    q
      .select({ id: bids.id })
      .from(bids)
      .where(and(eq(bids.fundId, fundId), isNotNull(bids.submittedAt)))
      .limit(1)
      .get() !== undefined
  );
}

/** Statuses of bids sent but not yet decided: their asks are the pipeline. */
const PIPELINE = ['submitted', 'eligible', 'in_assessment', 'scored', 'deferred'] as const;

/**
 * Where a fund's money stands (PRODUCT.md section 10): committed = awards less money returned,
 * available = pot − committed, by priority (the bid's main priority) and by ward (each award split
 * across the bid's wards to the penny, so the ward figures add up to the whole).
 */
export function fundBudget(q: Queryable, fund: FundRow): FundBudget {
  const prios = q
    .select({ id: priorities.id, name: priorities.name })
    .from(fundPriorities)
    .innerJoin(priorities, eq(priorities.id, fundPriorities.priorityId))
    .where(eq(fundPriorities.fundId, fund.id))
    .orderBy(asc(priorities.position))
    .all();
  const grantRows = q.select().from(awards).where(eq(awards.fundId, fund.id)).all();
  // Money returned unspent comes with monitoring; until then nothing has been returned or paid.
  const returned = 0;
  const paid = 0;
  const committed = grantRows.reduce((total, a) => total + a.amountPence, 0) - returned;
  const byPriority = new Map(prios.map((p) => [p.id, { id: p.id, name: p.name, committed: 0, count: 0 }]));
  const wardRows = new Map(
    q
      .select({ id: wards.id, name: wards.name, position: wards.position })
      .from(wards)
      .all()
      .map((w) => [w.id, w]),
  );
  const byWard = new Map<
    string,
    { id: string; name: string; position: number; committed: number; count: number }
  >();
  for (const grant of grantRows) {
    const place = bidPlace(q, grant.bidId);
    const slot = place.mainPriorityId ? byPriority.get(place.mainPriorityId) : undefined;
    if (slot) {
      slot.committed += grant.amountPence;
      slot.count += 1;
    }
    for (const [wardId, share] of splitAcrossWards(grant.amountPence, place.wardIds)) {
      const ward = wardRows.get(wardId);
      if (!ward) continue;
      const entry = byWard.get(wardId) ?? { ...ward, committed: 0, count: 0 };
      entry.committed += share;
      entry.count += 1;
      byWard.set(wardId, entry);
    }
  }
  const pipeline = q
    .select({ total: sum(bids.amountRequestedPence) })
    .from(bids)
    .where(and(eq(bids.fundId, fund.id), inArray(bids.status, [...PIPELINE])))
    .get();
  return {
    fundId: fund.id,
    potPence: pence(fund.potPence),
    capPence: pence(fund.capPence),
    committedPence: pence(committed),
    paidPence: pence(paid),
    returnedPence: pence(returned),
    availablePence: pence(fund.potPence - committed),
    awardsCount: grantRows.length,
    pipelinePence: pence(Number(pipeline?.total ?? 0)),
    byPriority: [...byPriority.values()].map((p) => ({
      id: p.id,
      name: p.name,
      committedPence: pence(p.committed),
      awardsCount: p.count,
    })),
    byWard: [...byWard.values()]
      .sort((a, b) => a.position - b.position)
      .map((w) => ({ id: w.id, name: w.name, committedPence: pence(w.committed), awardsCount: w.count })),
  };
}
