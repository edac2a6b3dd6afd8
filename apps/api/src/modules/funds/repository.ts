import { type Fund, type FundBody, type FundRules, pence } from '@cf/shared';
import { and, asc, eq, inArray, isNotNull, ne, sql, sum } from 'drizzle-orm';
import type { z } from 'zod';
import type { Queryable } from '../../db/client.js';
import { bids, fundCriteria, fundPriorities, funds, priorities } from '../../db/schema/index.js';

export type FundRow = typeof funds.$inferSelect;
export type FundInput = z.output<typeof FundBody>;

export function getFundRow(q: Queryable, fundId: string): FundRow | undefined {
  return q.select().from(funds).where(eq(funds.id, fundId)).get();
}

export function listFundRows(q: Queryable): FundRow[] {
  return q.select().from(funds).orderBy(asc(funds.opensAt), asc(funds.name)).all();
}

/** Funds with their priorities and criteria, as the API shows them (`status` from the clock). */
export function fundsWithRules(q: Queryable, rows: FundRow[]): Omit<Fund, 'status'>[] {
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
  const criteria = criteriaOfFunds(q, ids);
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
    scoresDueOn: f.scoresDueOn,
    published: f.published,
    standardConditions: f.standardConditions,
    costCentre: f.costCentre,
    accountCode: f.accountCode,
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

/** The criteria of these funds, in their order. */
export function criteriaOfFunds(q: Queryable, fundIds: string[]) {
  if (fundIds.length === 0) return [];
  return q
    .select()
    .from(fundCriteria)
    .where(inArray(fundCriteria.fundId, fundIds))
    .orderBy(asc(fundCriteria.position))
    .all();
}

/** One fund's criteria, in order. */
export function criteriaOf(q: Queryable, fundId: string) {
  return criteriaOfFunds(q, [fundId]);
}

/** The fund's priorities (ids and names) in the council's order. */
export function fundPriorityList(q: Queryable, fundId: string) {
  return q
    .select({ id: priorities.id, name: priorities.name })
    .from(fundPriorities)
    .innerJoin(priorities, eq(priorities.id, fundPriorities.priorityId))
    .where(eq(fundPriorities.fundId, fundId))
    .orderBy(asc(priorities.position))
    .all();
}

/** What a bid is checked against: the cap, the delivery period, the priorities, the dates. */
export function fundRules(
  q: Queryable,
  fundId: string,
): FundRules & { opensAt: string; closesAt: string; code: string; name: string } {
  const fund = getFundRow(q, fundId);
  if (!fund) throw new Error(`Fund ${fundId} is missing`);
  return {
    capPence: fund.capPence,
    deliveryStartsOn: fund.deliveryStartsOn,
    deliveryEndsOn: fund.deliveryEndsOn,
    priorityIds: fundPriorityList(q, fundId).map((p) => p.id),
    opensAt: fund.opensAt,
    closesAt: fund.closesAt,
    code: fund.code,
    name: fund.name,
  };
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

/** The amounts asked for by bids sent but not yet decided. */
export function pipelinePence(q: Queryable, fundId: string): number {
  const row = q
    .select({ total: sum(bids.amountRequestedPence) })
    .from(bids)
    .where(and(eq(bids.fundId, fundId), inArray(bids.status, [...PIPELINE])))
    .get();
  return Number(row?.total ?? 0);
}

export function fundWithCode(q: Queryable, code: string, exceptFundId?: string) {
  return q
    .select({ id: funds.id })
    .from(funds)
    .where(exceptFundId ? and(eq(funds.code, code), ne(funds.id, exceptFundId)) : eq(funds.code, code))
    .get();
}

function columns(body: FundInput) {
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
    scoresDueOn: body.scoresDueOn,
    published: body.published,
    standardConditions: body.standardConditions,
    costCentre: body.costCentre,
    accountCode: body.accountCode,
  };
}

export function insertFund(q: Queryable, body: FundInput): string {
  return q.insert(funds).values(columns(body)).returning({ id: funds.id }).get().id;
}

export function updateFundRow(q: Queryable, fundId: string, body: FundInput): void {
  q.update(funds).set(columns(body)).where(eq(funds.id, fundId)).run();
}

export function replacePriorities(q: Queryable, fundId: string, priorityIds: string[]): void {
  q.delete(fundPriorities).where(eq(fundPriorities.fundId, fundId)).run();
  q.insert(fundPriorities)
    .values([...new Set(priorityIds)].map((priorityId) => ({ fundId, priorityId })))
    .run();
}

export function replaceCriteria(q: Queryable, fundId: string, criteria: FundInput['criteria']): void {
  q.delete(fundCriteria).where(eq(fundCriteria.fundId, fundId)).run();
  q.insert(fundCriteria)
    .values(criteria.map((c, position) => ({ fundId, position, ...c })))
    .run();
}

/** Once criteria are locked their wording (descriptions, guidance) may still be improved. */
export function rewordCriteria(q: Queryable, fundId: string, criteria: FundInput['criteria']): void {
  for (const criterion of criteriaOf(q, fundId)) {
    const next = criteria[criterion.position];
    if (next) {
      q.update(fundCriteria)
        .set({ description: next.description, guidance: next.guidance })
        .where(eq(fundCriteria.id, criterion.id))
        .run();
    }
  }
}

/**
 * Every dated movement of a fund's money, for the month-by-month view: awards (when made), money
 * back to the pot (when received, or else when recorded) and payments paid (on the day paid; a
 * reversal is a negative payment). Times are UTC instants or London dates as stored.
 */
export function moneyMovementsOfFund(q: Queryable, fundId: string) {
  return {
    awards: q.all<{ at: string; amountPence: number }>(
      sql`select awarded_at as at, amount_pence as "amountPence" from awards where fund_id = ${fundId}`,
    ),
    returns: q.all<{ at: string; on: string | null; amountPence: number }>(
      sql`select recorded_at as at, received_on as "on", amount_pence as "amountPence"
          from money_returns where fund_id = ${fundId}`,
    ),
    paid: q.all<{ on: string; amountPence: number }>(
      sql`select paid_on as "on", amount_pence as "amountPence"
          from payments where fund_id = ${fundId} and status = 'paid' and paid_on is not null`,
    ),
  };
}
