import {
  can,
  type Fund,
  type FundBudget,
  type FundMonths,
  financialYearLabel,
  financialYearOf,
  fundStatusAt,
  isoToLondonLocal,
  londonToday,
  moneyByMonth,
  pence,
  potChangeReasonProblem,
  potChangeRefusal,
} from '@cf/shared';
import type { Queryable } from '../../db/client.js';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { ServiceContext } from '../../lib/context.js';
import { badRequest, conflict, notFound } from '../../lib/errors.js';
import { authorize } from '../access/policy.js';
import { potOf, potTotalsOf } from '../grants/service.js';
import { paidOfFund } from '../payments/repository.js';
import { unknownPriorityIds, wardsInOrder } from '../reference/repository.js';
import {
  criteriaOf,
  type FundInput,
  type FundRow,
  fundPriorityList,
  fundsWithRules,
  fundWithCode,
  getFundRow,
  insertFund,
  listFundRows,
  moneyMovementsOfFund,
  pipelinePence,
  replaceCriteria,
  replacePriorities,
  rewordCriteria,
  rulesLocked,
  updateFundRow,
} from './repository.js';

function withStatus(ctx: ServiceContext, q: Queryable, rows: FundRow[]): Fund[] {
  const now = ctx.clock.now();
  return fundsWithRules(q, rows).map((fund) => ({ ...fund, status: fundStatusAt(fund, now) }));
}

/** The fund, or 404. */
export function fundOr404(q: Queryable, fundId: string): FundRow {
  const fund = getFundRow(q, fundId);
  if (!fund) throw notFound();
  return fund;
}

/** Funds the caller may see: published ones for everyone, those being set up for fund staff. */
export function visibleFunds(ctx: ServiceContext): Fund[] {
  const rows = listFundRows(ctx.db).filter((fund) => can(ctx.actor, { action: 'fund.read', fund }));
  return withStatus(ctx, ctx.db, rows);
}

/** One fund with its priorities and criteria; a fund the caller may not see does not exist (404). */
export function fundDetail(ctx: ServiceContext, fundId: string): Fund {
  const fund = fundOr404(ctx.db, fundId);
  authorize(ctx.actor, { action: 'fund.read', fund }, { hide: true });
  const [shown] = withStatus(ctx, ctx.db, [fund]);
  if (!shown) throw notFound();
  return shown;
}

/**
 * Where a fund's money stands (PRODUCT.md section 10): committed = awards less money returned,
 * available = pot − committed, by priority (the bid's main priority) and by ward (each award split
 * across the bid's wards to the penny, so the ward figures add up to the whole). The sums are the
 * pot rules of packages/shared/src/pot.ts.
 */
export function fundBudget(ctx: ServiceContext, fundId: string): FundBudget {
  const fund = fundOr404(ctx.db, fundId);
  authorize(ctx.actor, { action: 'fund.budget', fund });
  const fundPriorities = fundPriorityList(ctx.db, fund.id);
  const wards = wardsInOrder(ctx.db);
  const position = potOf(ctx.db, fund.id, { priorityIds: fundPriorities.map((p) => p.id) });
  const priorityNames = new Map(fundPriorities.map((p) => [p.id, p.name]));
  const wardNames = new Map(wards.map((w) => [w.id, w.name]));
  const wardOrder = new Map(wards.map((w) => [w.id, w.position]));
  return {
    fundId: fund.id,
    potPence: pence(fund.potPence),
    capPence: pence(fund.capPence),
    committedPence: pence(position.committedPence),
    // Paid, less reversing entries (payments/repository.ts): the same sum payments.csv adds up to.
    paidPence: pence(paidOfFund(ctx.db, fund.id)),
    returnedPence: pence(position.returnedPence),
    availablePence: pence(position.availablePence),
    awardsCount: position.awardsCount,
    pipelinePence: pence(pipelinePence(ctx.db, fund.id)),
    byPriority: position.byPriority
      .filter((p) => priorityNames.has(p.id))
      .map((p) => ({
        id: p.id,
        name: priorityNames.get(p.id) ?? '',
        committedPence: pence(p.committedPence),
        awardsCount: p.awardsCount,
      })),
    byWard: position.byWard
      .filter((w) => wardNames.has(w.id))
      .sort((a, b) => (wardOrder.get(a.id) ?? 0) - (wardOrder.get(b.id) ?? 0))
      .map((w) => ({
        id: w.id,
        name: wardNames.get(w.id) ?? '',
        committedPence: pence(w.committedPence),
        awardsCount: w.awardsCount,
      })),
  };
}

/**
 * A fund's money month by month across one financial year (April to March; this one unless told):
 * committed (awards made less money back to the pot) and paid (less reversals), by London date.
 * Finance and officers, as the budget.
 */
export function fundMonths(ctx: ServiceContext, fundId: string, year?: number): FundMonths {
  const fund = fundOr404(ctx.db, fundId);
  authorize(ctx.actor, { action: 'fund.budget', fund });
  const startYear = year ?? financialYearOf(londonToday(ctx.clock.now()));
  const londonDay = (iso: string) => isoToLondonLocal(iso).slice(0, 10);
  const { awards, returns, paid } = moneyMovementsOfFund(ctx.db, fund.id);
  return {
    fundId: fund.id,
    financialYear: startYear,
    label: financialYearLabel(startYear),
    months: moneyByMonth(startYear, [
      ...awards.map((a) => ({ on: londonDay(a.at), committedPence: a.amountPence })),
      ...returns.map((r) => ({ on: r.on ?? londonDay(r.at), committedPence: -r.amountPence })),
      ...paid.map((p) => ({ on: p.on, paidPence: p.amountPence })),
    ]),
  };
}

function checkPriorities(q: Queryable, ids: string[]): void {
  if (unknownPriorityIds(q, ids).length > 0)
    throw badRequest('Check the priorities', { priorityIds: 'Choose priorities from the list' });
}

function checkCode(q: Queryable, code: string, fundId?: string): void {
  if (fundWithCode(q, code, fundId))
    throw conflict('Another fund already uses this code', { code: 'Another fund already uses this code' });
}

/** Officers set up a fund: pot, cap, dates, priorities, criteria with weights adding up to 100. */
export function createFund(ctx: ServiceContext, input: FundInput): Fund {
  authorize(ctx.actor, { action: 'fund.manage' });
  // A new fund's pot is not a change: there is nothing to give a reason for.
  const { potChangeReason: _unused, ...body } = input;
  const id = unitOfWork(ctx.db, (tx) => {
    checkCode(tx, body.code);
    checkPriorities(tx, body.priorityIds);
    const fundId = insertFund(tx, body);
    replacePriorities(tx, fundId, body.priorityIds);
    replaceCriteria(tx, fundId, body.criteria);
    ctx.audit(tx, { action: 'fund.created', entityType: 'fund', entityId: fundId, after: body });
    return fundId;
  });
  return fundDetail(ctx, id);
}

/**
 * Changes a fund. Once bids have been sent the rules they were judged by — the cap, the criteria
 * and their weights — are locked (409 naming them); the pot may grow but never drop below what
 * has been committed.
 */
export function updateFund(ctx: ServiceContext, fundId: string, body: FundInput): Fund {
  authorize(ctx.actor, { action: 'fund.manage' });
  // Changes the pot: a second database must lock the fund row here (see unitOfWork).
  unitOfWork(ctx.db, (tx) => {
    const before = fundOr404(tx, fundId);
    checkCode(tx, body.code, fundId);
    checkPriorities(tx, body.priorityIds);
    const locked = rulesLocked(tx, fundId);
    if (locked) {
      const fields: Record<string, string> = {};
      if (body.capPence !== before.capPence)
        fields.capPence = 'Bids have been sent, so the largest grant cannot change';
      const current = criteriaOf(tx, fundId);
      const same =
        current.length === body.criteria.length &&
        current.every((c, i) => c.title === body.criteria[i]?.title && c.weight === body.criteria[i]?.weight);
      if (!same) fields.criteria = 'Bids have been sent, so the criteria and their weights cannot change';
      if (Object.keys(fields).length > 0) {
        throw conflict(
          'Bids have been sent to this fund, so the rules they are judged by cannot change',
          fields,
        );
      }
    }
    const refusal = potChangeRefusal(body.potPence, potTotalsOf(tx, fundId).committedPence);
    if (refusal) throw conflict(refusal, { potPence: refusal });
    const { potChangeReason, ...changes } = body;
    const noReason = potChangeReasonProblem(before.potPence, body.potPence, potChangeReason);
    if (noReason) throw badRequest(noReason, { potChangeReason: noReason });
    updateFundRow(tx, fundId, changes);
    if (locked) rewordCriteria(tx, fundId, body.criteria);
    else replaceCriteria(tx, fundId, body.criteria);
    replacePriorities(tx, fundId, body.priorityIds);
    if (body.potPence !== before.potPence) {
      // Public money moved: the trail keeps how much, and why, in its own entry.
      ctx.audit(tx, {
        action: 'fund.pot_changed',
        entityType: 'fund',
        entityId: fundId,
        before: { potPence: before.potPence },
        after: { potPence: body.potPence },
        reason: potChangeReason ?? null,
      });
    }
    ctx.audit(tx, { action: 'fund.changed', entityType: 'fund', entityId: fundId, before, after: changes });
  });
  return fundDetail(ctx, fundId);
}
