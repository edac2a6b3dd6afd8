import { type Fund, type FundBudget, fundStatusAt, pence } from '@cf/shared';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { fundCriteria, fundPriorities, funds, priorities } from '../../db/schema/index.js';

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

/**
 * Where a fund's money stands (PRODUCT.md section 10). Until awards and payments exist (later
 * issues) every figure but the pot and cap is zero; this is the one place they will be summed.
 */
export function fundBudget(q: Queryable, fund: FundRow): FundBudget {
  const prios = q
    .select({ id: priorities.id, name: priorities.name })
    .from(fundPriorities)
    .innerJoin(priorities, eq(priorities.id, fundPriorities.priorityId))
    .where(eq(fundPriorities.fundId, fund.id))
    .orderBy(asc(priorities.position))
    .all();
  const committed = pence(0);
  return {
    fundId: fund.id,
    potPence: pence(fund.potPence),
    capPence: pence(fund.capPence),
    committedPence: committed,
    paidPence: pence(0),
    returnedPence: pence(0),
    availablePence: pence(fund.potPence - committed),
    awardsCount: 0,
    pipelinePence: pence(0),
    byPriority: prios.map((p) => ({ id: p.id, name: p.name, committedPence: pence(0), awardsCount: 0 })),
    byWard: [],
  };
}
