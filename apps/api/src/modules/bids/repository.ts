import {
  type Attachment,
  type AttachmentKind,
  type AuditAction,
  BID_SECTIONS,
  type BidSort,
  type BidStatus,
  type ChangesAsked,
  type EligibilityAnswers,
  isoToLondonLocal,
  type Screening,
  type SectionKey,
  type SectionState,
  sectionSchema,
} from '@cf/shared';
import { and, asc, desc, eq, gte, inArray, type SQL, sql } from 'drizzle-orm';
import { onPostgres, type Queryable } from '../../db/client.js';
import {
  assessorConflicts,
  assignments,
  attachments,
  auditEvents,
  awards,
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

/** A bid as lists show it: everything but its eligibility answers, which no list reads. */
const listColumns = {
  id: bids.id,
  fundId: bids.fundId,
  organisationId: bids.organisationId,
  reference: bids.reference,
  status: bids.status,
  title: bids.title,
  amountRequestedPence: bids.amountRequestedPence,
  returnMessage: bids.returnMessage,
  changesAsked: bids.changesAsked,
  createdBy: bids.createdBy,
  createdAt: bids.createdAt,
  updatedAt: bids.updatedAt,
  submittedAt: bids.submittedAt,
};

export type BidListBid = Omit<BidRow, 'eligibility'>;

export interface BidListRow {
  bid: BidListBid;
  fundName: string;
  closesAt: string;
  organisationName: string;
  /** The award, once the panel has made one. */
  amountAwardedPence: number | null;
}

export interface BidFilter {
  organisationIds?: string[];
  status?: BidStatus;
  fundId?: string;
  bidIds?: string[];
  /** The year the bid was first sent, as its reference says (PCF-2019-0042: 2019). */
  round?: number;
  /** Words in the reference, title or group name, in any case (ASCII letters folded). */
  search?: string;
  /** Only bids of funds that close after this time (ISO): funds still taking bids. */
  fundClosesAfter?: string;
}

/** A LIKE pattern that finds the words as they are: % and _ are not wildcards here. */
function containing(words: string): string {
  return `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Bids whose reference, title or group name holds the words, in any case. On SQLite, three
 * characters or more are found through the trigram index `bid_search` (migration 0030, decision
 * 0033), whatever the number of bids; one or two characters, which that index cannot look up, by
 * reading the bids. On PostgreSQL the LIKE below (said ILIKE there) uses the pg_trgm indexes on the
 * same three columns (drizzle-pg/0002_bid_search.sql).
 */
function holdingWords(words: string, postgres: boolean): SQL {
  if (!postgres && [...words].length >= 3) {
    const phrase = `"${words.replace(/"/g, '""')}"`;
    return sql`${bids}.rowid in (select rowid from bid_search where bid_search match ${phrase})`;
  }
  const pattern = containing(words);
  return sql`(${bids.reference} like ${pattern} escape '\\' or ${bids.title} like ${pattern} escape '\\' or ${bids.organisationId} in (select ${organisations.id} from ${organisations} where ${organisations.name} like ${pattern} escape '\\'))`;
}

function bidConditions(filter: BidFilter, postgres: boolean): SQL | undefined {
  return and(
    filter.organisationIds ? inArray(bids.organisationId, filter.organisationIds) : undefined,
    filter.status ? eq(bids.status, filter.status) : undefined,
    filter.fundId ? eq(bids.fundId, filter.fundId) : undefined,
    filter.bidIds ? inArray(bids.id, filter.bidIds) : undefined,
    filter.round === undefined ? undefined : sql`${bids.reference} like ${`%-${filter.round}-%`}`,
    filter.search === undefined ? undefined : holdingWords(filter.search, postgres),
    filter.fundClosesAfter
      ? sql`${bids.fundId} in (select ${funds.id} from ${funds} where ${funds.closesAt} > ${filter.fundClosesAfter})`
      : undefined,
  );
}

/** Each order ends with the id, so pages never overlap; empty references and titles go last. */
function bidOrder(sort: BidSort): SQL[] {
  switch (sort) {
    case 'reference':
      return [sql`${bids.reference} is null`, asc(bids.reference), asc(bids.id)];
    case 'title':
      return [sql`${bids.title} is null`, sql`${bids.title} collate nocase`, asc(bids.id)];
    case 'group':
      return [sql`${organisations.name} collate nocase`, asc(bids.id)];
    case 'requested':
      return [desc(bids.amountRequestedPence), asc(bids.id)];
    case 'updated':
      return [desc(bids.updatedAt), asc(bids.id)];
  }
}

/**
 * Bids with their fund, group and award, in the order asked for (newest change first unless told);
 * all of them, or one page (`window`). A page is found first by the bids' ids alone (through the
 * index of its order where there is one), then only its rows are read whole (decision 0021).
 */
export function listBidRows(
  q: Queryable,
  filter: BidFilter,
  window?: { offset: number; limit: number },
  sort: BidSort = 'updated',
): BidListRow[] {
  // The group's name is joined only to sort by it: otherwise skipping to a late page walks the
  // order's index alone, never touching a row.
  const needsGroup = sort === 'group';
  const from = q.select({ id: bids.id }).from(bids);
  const ids = (needsGroup ? from.innerJoin(organisations, eq(organisations.id, bids.organisationId)) : from)
    .where(bidConditions(filter, onPostgres(q)))
    .orderBy(...bidOrder(sort));
  const pageIds = (window ? ids.limit(window.limit).offset(window.offset) : ids).all().map((row) => row.id);
  if (pageIds.length === 0) return [];
  const rows = q
    .select({
      bid: listColumns,
      fundName: funds.name,
      closesAt: funds.closesAt,
      organisationName: organisations.name,
      amountAwardedPence: awards.amountPence,
    })
    .from(bids)
    .innerJoin(funds, eq(funds.id, bids.fundId))
    .innerJoin(organisations, eq(organisations.id, bids.organisationId))
    .leftJoin(awards, eq(awards.bidId, bids.id))
    .where(inArray(bids.id, pageIds))
    .all();
  const place = new Map(pageIds.map((id, index) => [id, index]));
  return rows.sort((a, b) => (place.get(a.bid.id) ?? 0) - (place.get(b.bid.id) ?? 0));
}

/** How many bids match the filter. */
export function countBids(q: Queryable, filter: BidFilter): number {
  return (
    q
      .select({ count: sql<number>`count(*)` })
      .from(bids)
      .where(bidConditions(filter, onPostgres(q)))
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

// ─── A fund's bids at once (decision 0021) ───────────────────────────────────────────────────────

/**
 * Who has declared a conflict with each group that has a bid in the fund (or only these of its
 * bids), by name (groups with none left out).
 */
export function groupConflictsInFund(
  q: Queryable,
  fundId: string,
  bidIds?: readonly string[],
): Map<string, { userId: string; name: string }[]> {
  const rows = q
    .select({
      organisationId: assessorConflicts.organisationId,
      userId: assessorConflicts.assessorId,
      name: users.name,
    })
    .from(assessorConflicts)
    .innerJoin(users, eq(users.id, assessorConflicts.assessorId))
    .where(
      inArray(
        assessorConflicts.organisationId,
        q
          .selectDistinct({ id: bids.organisationId })
          .from(bids)
          .where(and(eq(bids.fundId, fundId), bidIds ? inArray(bids.id, [...bidIds]) : undefined)),
      ),
    )
    .orderBy(asc(users.name))
    .all();
  const byGroup = new Map<string, { userId: string; name: string }[]>();
  for (const { organisationId, ...person } of rows) {
    const list = byGroup.get(organisationId);
    if (list) list.push(person);
    else byGroup.set(organisationId, [person]);
  }
  return byGroup;
}

/** One section's answers of each of a fund's bids (or only these of it), where they are valid. */
export function validSectionDataOfFund(
  q: Queryable,
  fundId: string,
  section: SectionKey,
  bidIds?: readonly string[],
): Map<string, Record<string, unknown>> {
  const schema = sectionSchema(section);
  const found = new Map<string, Record<string, unknown>>();
  for (const row of q
    .select({ bidId: bidSections.bidId, data: bidSections.data })
    .from(bids)
    .innerJoin(bidSections, and(eq(bidSections.bidId, bids.id), eq(bidSections.section, section)))
    .where(and(eq(bids.fundId, fundId), bidIds ? inArray(bids.id, [...bidIds]) : undefined))
    .all()) {
    const parsed = schema.safeParse(row.data);
    if (parsed.success) found.set(row.bidId, parsed.data as Record<string, unknown>);
  }
  return found;
}

/** Bids of a fund in some statuses with their group's name, in reference order (as bidsOfFund). */
export function bidsOfFundWithGroup(
  q: Queryable,
  fundId: string,
  statuses: readonly BidStatus[],
): { bid: BidRow; organisationName: string }[] {
  return q
    .select({ bid: bids, organisationName: organisations.name })
    .from(bids)
    .innerJoin(organisations, eq(organisations.id, bids.organisationId))
    .where(and(eq(bids.fundId, fundId), inArray(bids.status, [...statuses])))
    .all()
    .sort((a, b) => (a.bid.reference ?? '').localeCompare(b.bid.reference ?? ''));
}
