import {
  type GrantOfferFilter,
  type GrantStatus,
  type Instalment,
  type PotAward,
  REPORT_EDITABLE,
  type ReportDue,
  type ReportKind,
  type ReportStatus,
} from '@cf/shared';
import {
  aliasedTable,
  and,
  asc,
  desc,
  eq,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  type SQL,
  sql,
  sum,
} from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import {
  assessorConflicts,
  awards,
  bidSections,
  bids,
  funds,
  grantConditions,
  grantInstalments,
  grantReports,
  grants,
  moneyReturns,
  organisations,
  users,
} from '../../db/schema/index.js';

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
    purpose: string;
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
      purpose: grant.purpose,
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

/**
 * A fund's pot with the sums the pot position starts from, each one aggregate read from a covering
 * index (awards_fund_amount, money_returns_fund_amount), never the fund's grants row by row: what a
 * decision or a change of the pot needs (issue 12). Undefined for no such fund.
 */
export function fundPotSums(
  q: Queryable,
  fundId: string,
): { potPence: number; awardedPence: number; returnedPence: number } | undefined {
  const fund = q.select({ potPence: funds.potPence }).from(funds).where(eq(funds.id, fundId)).get();
  if (!fund) return undefined;
  const awarded = q
    .select({ total: sql<number>`coalesce(sum(${awards.amountPence}), 0)` })
    .from(awards)
    .where(eq(awards.fundId, fundId))
    .get();
  const returned = q
    .select({ total: sql<number>`coalesce(sum(${moneyReturns.amountPence}), 0)` })
    .from(moneyReturns)
    .where(eq(moneyReturns.fundId, fundId))
    .get();
  return {
    potPence: fund.potPence,
    awardedPence: Number(awarded?.total ?? 0),
    returnedPence: Number(returned?.total ?? 0),
  };
}

// ─── The offer (issue 10, decision 0022) ─────────────────────────────────────────────────────

/** One section's answers of a bid (a bid cannot change after its decision, so the grant reads them). */
export function bidAnswers(q: Queryable, bidId: string, section: string): Record<string, unknown> | null {
  return (
    q
      .select({ data: bidSections.data })
      .from(bidSections)
      .where(and(eq(bidSections.bidId, bidId), eq(bidSections.section, section as never)))
      .get()?.data ?? null
  );
}

export function fundStandardConditions(
  q: Queryable,
  fundId: string,
): { text: string; beforeFirstPayment: boolean }[] {
  return (
    q.select({ list: funds.standardConditions }).from(funds).where(eq(funds.id, fundId)).get()?.list ?? []
  );
}

/** Who has declared a conflict of interest with the group (they do no staff work on its grant). */
export function conflictedWith(q: Queryable, organisationId: string): string[] {
  return q
    .select({ userId: assessorConflicts.assessorId })
    .from(assessorConflicts)
    .where(eq(assessorConflicts.organisationId, organisationId))
    .all()
    .map((r) => r.userId);
}

export function replaceInstalments(q: Queryable, grantId: string, instalments: readonly Instalment[]): void {
  q.delete(grantInstalments).where(eq(grantInstalments.grantId, grantId)).run();
  if (instalments.length === 0) return;
  q.insert(grantInstalments)
    .values(
      instalments.map((i, index) => ({
        grantId,
        position: index + 1,
        trigger: i.trigger,
        amountPence: i.amountPence,
      })),
    )
    .run();
}

// ─── The reporting schedule (issue 11, decision 0024) ───────────────────────────────────────

/** The grant's reports as its schedule holds them (a row per report, made with the grant). */
export function insertReportsDue(
  q: Queryable,
  grantId: string,
  reports: readonly ReportDue[],
  at: string,
): void {
  if (reports.length === 0) return;
  q.insert(grantReports)
    .values(
      reports.map((r) => ({
        grantId,
        kind: r.kind,
        dueOn: r.dueOn,
        status: 'not_started' as const,
        updatedAt: at,
      })),
    )
    .run();
}

/** The grant's reports due, mid-point first. */
export function reportsDueOf(q: Queryable, grantId: string): ReportDue[] {
  return q
    .select({ kind: grantReports.kind, dueOn: grantReports.dueOn })
    .from(grantReports)
    .where(eq(grantReports.grantId, grantId))
    .orderBy(asc(grantReports.dueOn))
    .all();
}

/** Moves a report's due date (an officer, while the offer is a draft: no report is started yet). */
export function writeReportDue(q: Queryable, grantId: string, report: ReportDue, at: string): void {
  q.update(grantReports)
    .set({ dueOn: report.dueOn, updatedAt: at })
    .where(and(eq(grantReports.grantId, grantId), eq(grantReports.kind, report.kind)))
    .run();
}

export function instalmentsOf(q: Queryable, grantId: string) {
  return q
    .select({
      position: grantInstalments.position,
      trigger: grantInstalments.trigger,
      amountPence: grantInstalments.amountPence,
    })
    .from(grantInstalments)
    .where(eq(grantInstalments.grantId, grantId))
    .orderBy(asc(grantInstalments.position))
    .all();
}

/**
 * Sets the conditions of a draft offer: the standard ones stay, the grant's own are replaced by
 * these. Nothing is met on a draft, so nothing ticked is lost.
 */
export function replaceOwnConditions(
  q: Queryable,
  grantId: string,
  conditions: readonly { text: string; beforeFirstPayment: boolean }[],
  options: { standard?: boolean } = {},
): void {
  const standard = options.standard ?? false;
  q.delete(grantConditions)
    .where(and(eq(grantConditions.grantId, grantId), eq(grantConditions.standard, standard)))
    .run();
  if (conditions.length === 0) return;
  const last =
    q
      .select({ max: sql<number | null>`max(${grantConditions.position})` })
      .from(grantConditions)
      .where(eq(grantConditions.grantId, grantId))
      .get()?.max ?? 0;
  q.insert(grantConditions)
    .values(
      conditions.map((c, index) => ({
        grantId,
        position: last + index + 1,
        text: c.text,
        beforeFirstPayment: c.beforeFirstPayment,
        standard,
      })),
    )
    .run();
}

export function conditionsOf(q: Queryable, grantId: string) {
  return q
    .select({
      id: grantConditions.id,
      text: grantConditions.text,
      beforeFirstPayment: grantConditions.beforeFirstPayment,
      standard: grantConditions.standard,
      metAt: grantConditions.metAt,
      metByName: users.name,
    })
    .from(grantConditions)
    .leftJoin(users, eq(users.id, grantConditions.metBy))
    .where(eq(grantConditions.grantId, grantId))
    .orderBy(desc(grantConditions.standard), asc(grantConditions.position))
    .all();
}

export function markConditionMet(q: Queryable, conditionId: string, by: string, at: string): void {
  q.update(grantConditions).set({ metAt: at, metBy: by }).where(eq(grantConditions.id, conditionId)).run();
}

/** Writes the offer's own columns (never the status: moveGrant writes that). */
export function writeOffer(
  q: Queryable,
  grantId: string,
  values: Partial<
    Pick<
      GrantRow,
      | 'purpose'
      | 'offerDeadline'
      | 'offerVersion'
      | 'issuedAt'
      | 'issuedBy'
      | 'acceptedAt'
      | 'acceptedBy'
      | 'acceptedName'
      | 'acceptedRole'
      | 'declineReason'
      | 'endReason'
    >
  > & { updatedAt: string },
): void {
  q.update(grants).set(values).where(eq(grants.id, grantId)).run();
}

export interface GrantFilter {
  fundId?: string | undefined;
  status?: GrantStatus | undefined;
  offer?: GrantOfferFilter | undefined;
  /** Only these groups' grants (a group member's list). */
  organisationIds?: readonly string[] | undefined;
  /** The London date today, for "overdue". */
  today: string;
}

function grantConditionsSql(filter: GrantFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [
    filter.fundId ? eq(grants.fundId, filter.fundId) : undefined,
    filter.status ? eq(grants.status, filter.status) : undefined,
    filter.organisationIds ? inArray(grants.organisationId, [...filter.organisationIds]) : undefined,
  ];
  // The same rules as "offerState" and isOfferOverdue in packages/shared/src/offers.ts.
  if (filter.offer === 'to_issue') parts.push(eq(grants.status, 'offered'), isNull(grants.issuedAt));
  if (filter.offer === 'overdue') {
    parts.push(
      eq(grants.status, 'offered'),
      isNotNull(grants.issuedAt),
      isNotNull(grants.offerDeadline),
      lt(grants.offerDeadline, filter.today),
    );
  }
  return and(...parts);
}

const issuer = aliasedTable(users, 'issuer');

function grantViewQuery(q: Queryable) {
  return q
    .select({
      grant: grants,
      awardPence: awards.amountPence,
      reference: bids.reference,
      title: bids.title,
      fundName: funds.name,
      organisationName: organisations.name,
      issuedByName: issuer.name,
    })
    .from(grants)
    .innerJoin(awards, eq(awards.id, grants.awardId))
    .innerJoin(bids, eq(bids.id, grants.bidId))
    .innerJoin(funds, eq(funds.id, grants.fundId))
    .innerJoin(organisations, eq(organisations.id, grants.organisationId))
    .leftJoin(issuer, eq(issuer.id, grants.issuedBy));
}
export type GrantView = ReturnType<ReturnType<typeof grantViewQuery>['all']>[number];

/** A page of grants, newest first (ties by id, so walking the pages shows each once). */
export function listGrantViews(
  q: Queryable,
  filter: GrantFilter,
  window: { offset: number; limit: number },
): GrantView[] {
  return grantViewQuery(q)
    .where(grantConditionsSql(filter))
    .orderBy(desc(grants.createdAt), asc(grants.id))
    .limit(window.limit)
    .offset(window.offset)
    .all();
}

export function countGrants(q: Queryable, filter: GrantFilter): number {
  return (
    q.select({ count: sql<number>`count(*)` }).from(grants).where(grantConditionsSql(filter)).get()?.count ??
    0
  );
}

export function getGrantView(q: Queryable, grantId: string): GrantView | undefined {
  return grantViewQuery(q).where(eq(grants.id, grantId)).get();
}

/** Offers to issue and offers overdue, fund by fund (the officer's dashboard). */
export function offerCountsByFund(
  q: Queryable,
  today: string,
): Map<string, { toIssue: number; overdue: number }> {
  const counts = new Map<string, { toIssue: number; overdue: number }>();
  for (const [offer, key] of [
    ['to_issue', 'toIssue'],
    ['overdue', 'overdue'],
  ] as const) {
    const rows = q
      .select({ fundId: grants.fundId, count: sql<number>`count(*)` })
      .from(grants)
      .where(grantConditionsSql({ offer, today }))
      .groupBy(grants.fundId)
      .all();
    for (const row of rows) {
      const entry = counts.get(row.fundId) ?? { toIssue: 0, overdue: 0 };
      entry[key] = row.count;
      counts.set(row.fundId, entry);
    }
  }
  return counts;
}

/** Issued offers of these groups whose deadline has not passed: what the groups must answer. */
export function offersWaitingFor(
  q: Queryable,
  organisationIds: readonly string[],
  today: string,
): { id: string; bidId: string; offerDeadline: string | null }[] {
  if (organisationIds.length === 0) return [];
  return q
    .select({ id: grants.id, bidId: grants.bidId, offerDeadline: grants.offerDeadline })
    .from(grants)
    .where(
      and(
        inArray(grants.organisationId, [...organisationIds]),
        eq(grants.status, 'offered'),
        isNotNull(grants.issuedAt),
        sql`${grants.offerDeadline} >= ${today}`,
      ),
    )
    .orderBy(asc(grants.offerDeadline))
    .all();
}

/**
 * Reports the groups must do something about now, for their to-do list: on grants in delivery, not
 * yet sent (or returned), and returned, or due on or before `horizon` (overdue ones included).
 */
export function reportsWaitingFor(
  q: Queryable,
  organisationIds: readonly string[],
  horizon: string,
): { id: string; grantId: string; bidId: string; kind: ReportKind; status: ReportStatus; dueOn: string }[] {
  if (organisationIds.length === 0) return [];
  return q
    .select({
      id: grantReports.id,
      grantId: grants.id,
      bidId: grants.bidId,
      kind: grantReports.kind,
      status: grantReports.status,
      dueOn: grantReports.dueOn,
    })
    .from(grantReports)
    .innerJoin(grants, eq(grants.id, grantReports.grantId))
    .where(
      and(
        inArray(grants.organisationId, [...organisationIds]),
        eq(grants.status, 'in_delivery'),
        inArray(grantReports.status, [...REPORT_EDITABLE]),
        or(eq(grantReports.status, 'returned'), lte(grantReports.dueOn, horizon)),
      ),
    )
    .orderBy(asc(grantReports.dueOn))
    .all();
}
