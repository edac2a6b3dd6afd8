import {
  type Attachment,
  type AttachmentKind,
  type AuditAction,
  BID_SECTIONS,
  type BidStatus,
  type ChangesAsked,
  type EligibilityAnswers,
  isoToLondonLocal,
  type Screening,
  type SectionKey,
  type SectionState,
  sectionSchema,
} from '@cf/shared';
import { and, asc, desc, eq, gt, gte, inArray, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import {
  assessorConflicts,
  assignments,
  attachments,
  auditEvents,
  bidSections,
  bidSectionVersions,
  bids,
  funds,
  organisations,
  referenceCounters,
  scoreSets,
  screenings,
  users,
} from '../../db/schema/index.js';
import { formatReference } from './rules.js';

export type BidRow = typeof bids.$inferSelect;

export function getBidRow(q: Queryable, bidId: string): BidRow | undefined {
  return q.select().from(bids).where(eq(bids.id, bidId)).get();
}

const summaryColumns = {
  bid: bids,
  fundName: funds.name,
  closesAt: funds.closesAt,
  organisationName: organisations.name,
};

export interface BidListRow {
  bid: BidRow;
  fundName: string;
  closesAt: string;
  organisationName: string;
}

export interface BidFilter {
  organisationIds?: string[];
  status?: BidStatus;
  fundId?: string;
  bidIds?: string[];
  /** Only bids of funds that close after this time (ISO): funds still taking bids. */
  fundClosesAfter?: string;
}

function bidConditions(filter: BidFilter): SQL | undefined {
  return and(
    filter.organisationIds ? inArray(bids.organisationId, filter.organisationIds) : undefined,
    filter.status ? eq(bids.status, filter.status) : undefined,
    filter.fundId ? eq(bids.fundId, filter.fundId) : undefined,
    filter.bidIds ? inArray(bids.id, filter.bidIds) : undefined,
    filter.fundClosesAfter ? gt(funds.closesAt, filter.fundClosesAfter) : undefined,
  );
}

/**
 * Bids with their fund and group, newest change first (the id breaks ties, so pages never
 * overlap); all of them, or one page (`window`).
 */
export function listBidRows(
  q: Queryable,
  filter: BidFilter,
  window?: { offset: number; limit: number },
): BidListRow[] {
  const query = q
    .select(summaryColumns)
    .from(bids)
    .innerJoin(funds, eq(funds.id, bids.fundId))
    .innerJoin(organisations, eq(organisations.id, bids.organisationId))
    .where(bidConditions(filter))
    .orderBy(desc(bids.updatedAt), asc(bids.id));
  return window ? query.limit(window.limit).offset(window.offset).all() : query.all();
}

/** How many bids match the filter. */
export function countBids(q: Queryable, filter: BidFilter): number {
  return (
    q
      .select({ count: sql<number>`count(*)` })
      .from(bids)
      .innerJoin(funds, eq(funds.id, bids.fundId))
      .where(bidConditions(filter))
      .get()?.count ?? 0
  );
}

/** Bids of a fund in some statuses, in reference order. */
export function bidsOfFund(q: Queryable, fundId: string, statuses: readonly BidStatus[]): BidRow[] {
  return q
    .select()
    .from(bids)
    .where(and(eq(bids.fundId, fundId), inArray(bids.status, [...statuses])))
    .all()
    .sort((a, b) => (a.reference ?? '').localeCompare(b.reference ?? ''));
}

export function organisationName(q: Queryable, organisationId: string): string {
  return (
    q
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, organisationId))
      .get()?.name ?? ''
  );
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

/** The kind and fingerprint (SHA-256) of each of a bid's documents: which files are the same file. */
export function attachmentFiles(q: Queryable, bidId: string): { kind: AttachmentKind; sha256: string }[] {
  return q
    .select({ kind: attachments.kind, sha256: attachments.sha256 })
    .from(attachments)
    .where(eq(attachments.bidId, bidId))
    .orderBy(asc(attachments.uploadedAt))
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

export function insertBid(
  q: Queryable,
  bid: {
    fundId: string;
    organisationId: string;
    eligibility: EligibilityAnswers;
    createdBy: string;
    at: string;
  },
): string {
  return q
    .insert(bids)
    .values({
      fundId: bid.fundId,
      organisationId: bid.organisationId,
      eligibility: bid.eligibility,
      createdBy: bid.createdBy,
      createdAt: bid.at,
      updatedAt: bid.at,
    })
    .returning({ id: bids.id })
    .get().id;
}

/**
 * The only write of a bid's status (with what changes along with it: the reference and time it
 * was sent, the officer's message when returned). bids/service.ts `moveBid` is its only caller.
 */
export function writeBidStatus(
  q: Queryable,
  bidId: string,
  status: BidStatus,
  at: string,
  along: {
    reference?: string;
    submittedAt?: string;
    returnMessage?: string | null;
    changesAsked?: ChangesAsked | null;
  } = {},
): void {
  q.update(bids)
    .set({ status, updatedAt: at, ...along })
    .where(eq(bids.id, bidId))
    .run();
}

/**
 * The bid's copy of its title and amount, kept in step with the "about" and "budget" sections, and
 * the changes the officer asked for that are still to do.
 */
export function updateBidSummary(
  q: Queryable,
  bidId: string,
  changes: {
    updatedAt: string;
    title?: string | null;
    amountRequestedPence?: number;
    changesAsked?: ChangesAsked | null;
  },
): void {
  q.update(bids).set(changes).where(eq(bids.id, bidId)).run();
}

/** Saves a section's answers as its next version, keeping every version. */
export function writeSection(
  q: Queryable,
  section: {
    bidId: string;
    key: SectionKey;
    data: Record<string, unknown>;
    complete: boolean;
    version: number;
    savedBy: string;
    at: string;
  },
): void {
  const values = {
    data: section.data,
    complete: section.complete,
    version: section.version,
    updatedBy: section.savedBy,
    updatedAt: section.at,
  };
  if (section.version > 1) {
    q.update(bidSections)
      .set(values)
      .where(and(eq(bidSections.bidId, section.bidId), eq(bidSections.section, section.key)))
      .run();
  } else {
    q.insert(bidSections)
      .values({ bidId: section.bidId, section: section.key, ...values })
      .run();
  }
  q.insert(bidSectionVersions)
    .values({
      bidId: section.bidId,
      section: section.key,
      version: section.version,
      data: section.data,
      savedBy: section.savedBy,
      savedAt: section.at,
    })
    .run();
}

export function userName(q: Queryable, userId: string): string | null {
  return q.select({ name: users.name }).from(users).where(eq(users.id, userId)).get()?.name ?? null;
}

/** The answers of one section, if they pass its schema (else null). */
export function validSectionData(
  q: Queryable,
  bidId: string,
  section: SectionKey,
): Record<string, unknown> | null {
  const row = sectionRow(q, bidId, section);
  const parsed = sectionSchema(section).safeParse(row?.data);
  return parsed.success ? (parsed.data as Record<string, unknown>) : null;
}

/** How many documents a bid has, and their size in all (bytes). */
export function documentTotals(q: Queryable, bidId: string): { count: number; bytes: number } {
  const row = q
    .select({ count: sql<number>`count(*)`, bytes: sql<number>`coalesce(sum(${attachments.sizeBytes}), 0)` })
    .from(attachments)
    .where(eq(attachments.bidId, bidId))
    .get();
  return { count: row?.count ?? 0, bytes: row?.bytes ?? 0 };
}

/** How many drafts a group has for a fund. */
export function draftCount(q: Queryable, organisationId: string, fundId: string): number {
  return (
    q
      .select({ count: sql<number>`count(*)` })
      .from(bids)
      .where(and(eq(bids.organisationId, organisationId), eq(bids.fundId, fundId), eq(bids.status, 'draft')))
      .get()?.count ?? 0
  );
}

export function getAttachmentRow(q: Queryable, bidId: string, attachmentId: string) {
  return q
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.bidId, bidId)))
    .get();
}

export function insertAttachment(
  q: Queryable,
  file: {
    bidId: string;
    kind: AttachmentKind;
    filename: string;
    storedName: string;
    contentType: string;
    sizeBytes: number;
    sha256: string;
    uploadedBy: string;
  },
): string {
  return q.insert(attachments).values(file).returning({ id: attachments.id }).get().id;
}

export function deleteAttachment(q: Queryable, attachmentId: string): void {
  q.delete(attachments).where(eq(attachments.id, attachmentId)).run();
}

export function insertScreening(
  q: Queryable,
  screening: {
    bidId: string;
    decision: 'eligible' | 'ineligible';
    documentsValid: boolean;
    groupVerified: boolean;
    reason: string | null;
    screenedBy: string;
    screenedAt: string;
  },
): void {
  q.insert(screenings).values(screening).run();
}

/**
 * The newest eligibility check of the bid as it was last sent (`sentAt`): a check from before the
 * bid was returned and sent again is of a different bid, and does not stand.
 */
export function latestScreening(q: Queryable, bidId: string, sentAt: string | null): Screening | null {
  const row = q
    .select({ screening: screenings, name: users.name })
    .from(screenings)
    .innerJoin(users, eq(users.id, screenings.screenedBy))
    .where(and(eq(screenings.bidId, bidId), sentAt === null ? undefined : gte(screenings.screenedAt, sentAt)))
    // Newest first; rowid breaks a tie between two checks in the same millisecond.
    .orderBy(desc(screenings.screenedAt), desc(sql`"screenings"."rowid"`))
    .limit(1)
    .get();
  if (!row) return null;
  return {
    decision: row.screening.decision,
    documentsValid: row.screening.documentsValid,
    groupVerified: row.screening.groupVerified,
    reason: row.screening.reason,
    screenedByName: row.name,
    screenedAt: row.screening.screenedAt,
  };
}

/** The audit events of a bid with these actions, oldest first, with the name of who acted. */
export function bidEvents(q: Queryable, bidId: string, actions: readonly AuditAction[]) {
  return q
    .select({ event: auditEvents, actorName: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(
      and(
        eq(auditEvents.entityType, 'bid'),
        eq(auditEvents.entityId, bidId),
        inArray(auditEvents.action, [...actions]),
      ),
    )
    .orderBy(asc(auditEvents.id))
    .all();
}

/** Whether the person is, or was, given the bid to assess (so they know it exists). */
export function isAssessorOf(q: Queryable, userId: string, bidId: string): boolean {
  return (
    q
      .select({ id: assignments.id })
      .from(assignments)
      .where(and(eq(assignments.bidId, bidId), eq(assignments.assessorId, userId)))
      .get() !== undefined
  );
}

/**
 * The people who have declared a conflict of interest with a group, by name. Read here, beside the
 * bid, because a conflict binds the person in every role: no staff work on the group's bids.
 */
export function groupConflicts(q: Queryable, organisationId: string): { userId: string; name: string }[] {
  return q
    .select({ userId: assessorConflicts.assessorId, name: users.name })
    .from(assessorConflicts)
    .innerJoin(users, eq(users.id, assessorConflicts.assessorId))
    .where(eq(assessorConflicts.organisationId, organisationId))
    .orderBy(asc(users.name))
    .all();
}

/**
 * Ends the bid's assessment when it goes back to the group for changes: its live assignments are
 * closed and their score sets set aside (kept, never counted again), so the bid is assessed afresh
 * when it is sent again. The one write to assessment records outside the assessment module: the
 * bid's return is the bid's move, and assessment is built on bids, not under it. Returns how many
 * assignments were closed.
 */
export function closeAssessment(q: Queryable, bidId: string, at: string, reason: string): number {
  const closed = q
    .update(assignments)
    .set({ status: 'closed' })
    .where(
      and(
        eq(assignments.bidId, bidId),
        inArray(assignments.status, ['awaiting_declaration', 'scoring', 'submitted']),
      ),
    )
    .returning({ id: assignments.id })
    .all()
    .map((a) => a.id);
  if (closed.length > 0) {
    q.update(scoreSets)
      .set({ status: 'closed', setAsideAt: at, setAsideReason: reason, updatedAt: at })
      .where(inArray(scoreSets.assignmentId, closed))
      .run();
  }
  return closed.length;
}
