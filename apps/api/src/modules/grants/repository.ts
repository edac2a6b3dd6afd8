import type { GrantStatus, PotAward } from '@cf/shared';
import { eq, sql, sum } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { awards, funds, grants, moneyReturns } from '../../db/schema/index.js';

export type GrantRow = typeof grants.$inferSelect;

export function insertGrant(
  q: Queryable,
  grant: {
    awardId: string;
    bidId: string;
    fundId: string;
    organisationId: string;
    mainPriorityId: string | null;
    wardIds: string[];
    at: string;
  },
): GrantRow {
  return q
    .insert(grants)
    .values({
      awardId: grant.awardId,
      bidId: grant.bidId,
      fundId: grant.fundId,
      organisationId: grant.organisationId,
      mainPriorityId: grant.mainPriorityId,
      wardIds: grant.wardIds,
      status: 'offered',
      createdAt: grant.at,
      updatedAt: grant.at,
    })
    .returning()
    .get();
}

export function getGrantRow(q: Queryable, grantId: string): GrantRow | undefined {
  return q.select().from(grants).where(eq(grants.id, grantId)).get();
}

export function getGrantOfBid(q: Queryable, bidId: string): GrantRow | undefined {
  return q.select().from(grants).where(eq(grants.bidId, bidId)).get();
}

/** The only write of a grant's status; grants/service.ts `moveGrant` is its only caller. */
export function writeGrantStatus(q: Queryable, grantId: string, status: GrantStatus, at: string): void {
  q.update(grants).set({ status, updatedAt: at }).where(eq(grants.id, grantId)).run();
}

/**
 * Records money coming back to the pot from a grant (the database refuses more than its award).
 * `kind` (decision 0023): `declined` for an offer turned down, `released` (the default) for award
 * money that will never be paid; money a group pays back is recorded by payments/service.ts.
 */
export function insertMoneyReturn(
  q: Queryable,
  entry: {
    grantId: string;
    fundId: string;
    amountPence: number;
    reason: string;
    recordedBy: string | null;
    at: string;
    kind?: 'declined' | 'released';
  },
): void {
  q.insert(moneyReturns)
    .values({
      grantId: entry.grantId,
      fundId: entry.fundId,
      kind: entry.kind ?? 'released',
      amountPence: entry.amountPence,
      reason: entry.reason,
      recordedBy: entry.recordedBy,
      recordedAt: entry.at,
    })
    .run();
}

/**
 * What the pot rules need of a fund, in two queries whatever its size: its pot, and each grant's
 * award, money returned, main priority and wards.
 */
export function fundLedger(
  q: Queryable,
  fundId: string,
): { potPence: number; awards: PotAward[] } | undefined {
  const fund = q.select({ potPence: funds.potPence }).from(funds).where(eq(funds.id, fundId)).get();
  if (!fund) return undefined;
  const returned = q
    .select({ grantId: moneyReturns.grantId, total: sum(moneyReturns.amountPence).as('total') })
    .from(moneyReturns)
    .where(eq(moneyReturns.fundId, fundId))
    .groupBy(moneyReturns.grantId)
    .as('returned');
  const rows = q
    .select({
      amountPence: awards.amountPence,
      returnedPence: sql<number>`coalesce(${returned.total}, 0)`,
      mainPriorityId: grants.mainPriorityId,
      wardIds: grants.wardIds,
    })
    .from(grants)
    .innerJoin(awards, eq(awards.id, grants.awardId))
    .leftJoin(returned, eq(returned.grantId, grants.id))
    .where(eq(grants.fundId, fundId))
    .orderBy(awards.awardedAt)
    .all();
  return {
    potPence: fund.potPence,
    awards: rows.map((r) => ({ ...r, returnedPence: Number(r.returnedPence) })),
  };
}
