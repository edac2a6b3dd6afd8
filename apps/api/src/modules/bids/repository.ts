import {
  type Attachment,
  BID_SECTIONS,
  type BidSummary,
  type FundRules,
  isMember,
  isoToLondonLocal,
  pence,
  type SectionKey,
  type SectionState,
} from '@cf/shared';
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import {
  attachments,
  bidSections,
  bidSectionVersions,
  bids,
  fundPriorities,
  funds,
  memberships,
  organisations,
  referenceCounters,
  users,
} from '../../db/schema/index.js';
import type { Actor } from '../access/policy.js';
import { formatReference, nextAction } from './rules.js';

export type BidRow = typeof bids.$inferSelect;

export function getBidRow(q: Queryable, bidId: string): BidRow | undefined {
  return q.select().from(bids).where(eq(bids.id, bidId)).get();
}

export function fundRulesFor(q: Queryable, fundId: string) {
  const fund = q.select().from(funds).where(eq(funds.id, fundId)).get();
  if (!fund) throw new Error(`Fund ${fundId} is missing`);
  const priorityIds = q
    .select({ id: fundPriorities.priorityId })
    .from(fundPriorities)
    .where(eq(fundPriorities.fundId, fundId))
    .all()
    .map((p) => p.id);
  const rules: FundRules & { opensAt: string; closesAt: string; code: string; name: string } = {
    capPence: fund.capPence,
    deliveryStartsOn: fund.deliveryStartsOn,
    deliveryEndsOn: fund.deliveryEndsOn,
    priorityIds,
    opensAt: fund.opensAt,
    closesAt: fund.closesAt,
    code: fund.code,
    name: fund.name,
  };
  return rules;
}

const summaryColumns = {
  bid: bids,
  fundName: funds.name,
  closesAt: funds.closesAt,
  organisationName: organisations.name,
};

function toSummary(
  row: { bid: BidRow; fundName: string; closesAt: string; organisationName: string },
  actor: Actor,
): BidSummary {
  const { bid } = row;
  return {
    id: bid.id,
    fundId: bid.fundId,
    fundName: row.fundName,
    organisationId: bid.organisationId,
    organisationName: row.organisationName,
    reference: bid.reference,
    title: bid.title,
    status: bid.status,
    amountRequestedPence: pence(bid.amountRequestedPence),
    createdAt: bid.createdAt,
    updatedAt: bid.updatedAt,
    submittedAt: bid.submittedAt,
    closesAt: row.closesAt,
    returnMessage: bid.returnMessage,
    nextAction: nextAction(
      { ...bid, closesAt: row.closesAt },
      isMember(actor, bid.organisationId) ? 'group' : 'staff',
    ),
  };
}

/** Bids as a list: the actor's groups' bids, or (staff) every bid matching the filters. */
export function listBidSummaries(
  q: Queryable,
  actor: Actor,
  filter: { organisationIds?: string[]; status?: string; fundId?: string; bidIds?: string[] },
): BidSummary[] {
  const conditions: (SQL | undefined)[] = [
    filter.organisationIds ? inArray(bids.organisationId, filter.organisationIds) : undefined,
    filter.status ? eq(bids.status, filter.status as BidRow['status']) : undefined,
    filter.fundId ? eq(bids.fundId, filter.fundId) : undefined,
    filter.bidIds ? inArray(bids.id, filter.bidIds) : undefined,
  ];
  return q
    .select(summaryColumns)
    .from(bids)
    .innerJoin(funds, eq(funds.id, bids.fundId))
    .innerJoin(organisations, eq(organisations.id, bids.organisationId))
    .where(and(...conditions))
    .orderBy(desc(bids.updatedAt))
    .all()
    .map((row) => toSummary(row, actor));
}

export function getBidSummary(q: Queryable, actor: Actor, bidId: string): BidSummary | undefined {
  return listBidSummaries(q, actor, { bidIds: [bidId] })[0];
}

export function sectionStates(q: Queryable, bidId: string): SectionState[] {
  const rows = q
    .select({ section: bidSections, updatedByName: users.name })
    .from(bidSections)
    .leftJoin(users, eq(users.id, bidSections.updatedBy))
    .where(eq(bidSections.bidId, bidId))
    .all();
  return BID_SECTIONS.map(({ key, title }) => {
    const row = rows.find((r) => r.section.section === key);
    return {
      key,
      title,
      data: row?.section.data ?? null,
      complete: row?.section.complete ?? false,
      version: row?.section.version ?? 0,
      updatedAt: row?.section.updatedAt ?? null,
      updatedByName: row?.updatedByName ?? null,
    };
  });
}

export function sectionRow(q: Queryable, bidId: string, section: SectionKey) {
  return q
    .select()
    .from(bidSections)
    .where(and(eq(bidSections.bidId, bidId), eq(bidSections.section, section)))
    .get();
}

export function sectionVersion(q: Queryable, bidId: string, section: SectionKey, version: number) {
  return q
    .select()
    .from(bidSectionVersions)
    .where(
      and(
        eq(bidSectionVersions.bidId, bidId),
        eq(bidSectionVersions.section, section),
        eq(bidSectionVersions.version, version),
      ),
    )
    .get();
}

export function attachmentList(q: Queryable, bidId: string): Attachment[] {
  return q
    .select({
      id: attachments.id,
      kind: attachments.kind,
      filename: attachments.filename,
      contentType: attachments.contentType,
      sizeBytes: attachments.sizeBytes,
      uploadedAt: attachments.uploadedAt,
      uploadedByName: users.name,
    })
    .from(attachments)
    .innerJoin(users, eq(users.id, attachments.uploadedBy))
    .where(eq(attachments.bidId, bidId))
    .orderBy(asc(attachments.uploadedAt))
    .all();
}

/** Active members of a group, for emails. */
export function groupMembers(q: Queryable, organisationId: string) {
  return q
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(users.status, 'active')))
    .all();
}

/** The next reference for a fund, numbered within the year (London time) it is first sent. */
export function nextReference(q: Queryable, fundId: string, code: string, now: Date): string {
  const year = Number(isoToLondonLocal(now.toISOString()).slice(0, 4));
  const counter = q
    .select()
    .from(referenceCounters)
    .where(and(eq(referenceCounters.fundId, fundId), eq(referenceCounters.year, year)))
    .get();
  const number = (counter?.last ?? 0) + 1;
  if (counter) {
    q.update(referenceCounters)
      .set({ last: number })
      .where(and(eq(referenceCounters.fundId, fundId), eq(referenceCounters.year, year)))
      .run();
  } else {
    q.insert(referenceCounters).values({ fundId, year, last: number }).run();
  }
  return formatReference(code, year, number);
}
