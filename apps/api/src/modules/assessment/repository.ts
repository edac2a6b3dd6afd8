import type { Assignment, AssignmentStatus, Recommendation, ReopenRequest, ScoreSet } from '@cf/shared';
import { TO_DO_STATUSES, weightedTotal } from '@cf/shared';
import { and, asc, eq, gte, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Queryable } from '../../db/client.js';
import {
  assessorConflicts,
  assignments,
  bids,
  fundCriteria,
  funds,
  memberships,
  organisations,
  reopenRequests,
  scoreSets,
  scores,
  userRoles,
  users,
} from '../../db/schema/index.js';

export const LIVE: AssignmentStatus[] = ['awaiting_declaration', 'scoring', 'submitted'];

/**
 * "The assignment is live", written out rather than bound as parameters, so SQLite can use the
 * partial index `assignments_live`, whose condition is the same words (decision 0021).
 */
const isLive = sql`${assignments.status} in ('awaiting_declaration', 'scoring', 'submitted')`;

export interface AssignmentFilter {
  bidIds?: string[];
  assessorId?: string;
  fundId?: string;
  /** Only bids of these funds (an empty list: none). */
  fundIds?: string[];
  assignmentId?: string;
  statuses?: AssignmentStatus[];
}

function assignmentConditions(filter: AssignmentFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    filter.bidIds ? inArray(assignments.bidId, filter.bidIds) : undefined,
    filter.assessorId ? eq(assignments.assessorId, filter.assessorId) : undefined,
    filter.fundId ? eq(bids.fundId, filter.fundId) : undefined,
    filter.fundIds ? inArray(bids.fundId, filter.fundIds) : undefined,
    filter.assignmentId ? eq(assignments.id, filter.assignmentId) : undefined,
    filter.statuses ? inArray(assignments.status, filter.statuses) : undefined,
  ];
  return and(...conditions);
}

/** How many assignments match the filter. */
export function countAssignments(q: Queryable, filter: AssignmentFilter): number {
  return (
    q
      .select({ count: sql<number>`count(*)` })
      .from(assignments)
      .innerJoin(bids, eq(bids.id, assignments.bidId))
      .where(assignmentConditions(filter))
      .get()?.count ?? 0
  );
}

/**
 * The assessor's order (issue 9, item 8): still to do before done; in each, the nearest scoring
 * deadline first and funds without one last; then by bid reference.
 */
const TO_DO_FIRST: SQL[] = [
  sql`case when ${inArray(assignments.status, [...TO_DO_STATUSES])} then 0 else 1 end`,
  sql`case when ${funds.scoresDueOn} is null then 1 else 0 end`,
  asc(funds.scoresDueOn),
];

/**
 * Assignments as the API shows them, by bid reference then assessor (the id breaks ties, so pages
 * never overlap), or with `toDoFirst` in the assessor's order (to do, nearest deadline first): all
 * of them, or one page (`window`). `showConflictNature` for officers only.
 */
export function listAssignments(
  q: Queryable,
  filter: AssignmentFilter,
  showConflictNature: boolean,
  window?: { offset: number; limit: number },
  order: 'byBid' | 'toDoFirst' = 'byBid',
): Assignment[] {
  const query = q
    .select({
      assignment: assignments,
      fundId: bids.fundId,
      fundName: funds.name,
      reference: bids.reference,
      title: bids.title,
      organisationName: organisations.name,
      assessorName: users.name,
      scoresDueOn: funds.scoresDueOn,
    })
    .from(assignments)
    .innerJoin(bids, eq(bids.id, assignments.bidId))
    .innerJoin(funds, eq(funds.id, bids.fundId))
    .innerJoin(organisations, eq(organisations.id, bids.organisationId))
    .innerJoin(users, eq(users.id, assignments.assessorId))
    .where(assignmentConditions(filter))
    .orderBy(
      ...(order === 'toDoFirst' ? TO_DO_FIRST : []),
      asc(bids.reference),
      asc(users.name),
      asc(assignments.id),
    );
  return (window ? query.limit(window.limit).offset(window.offset) : query).all().map((row) => ({
    id: row.assignment.id,
    bidId: row.assignment.bidId,
    fundId: row.fundId,
    fundName: row.fundName,
    bidReference: row.reference,
    bidTitle: row.title,
    organisationName: row.organisationName,
    assessorId: row.assignment.assessorId,
    assessorName: row.assessorName,
    status: row.assignment.status,
    assignedAt: row.assignment.assignedAt,
    declaredAt: row.assignment.declaredAt,
    scoresDueOn: row.scoresDueOn,
    conflictNature: showConflictNature ? row.assignment.conflictNature : null,
  }));
}

/** People who may assess a fund: active, with an assessor role for every fund or for this one. */
export function fundAssessors(q: Queryable, fundId: string) {
  return q
    .select({ id: users.id, name: users.name, fundId: userRoles.fundId })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(
      and(
        eq(userRoles.role, 'assessor'),
        eq(users.status, 'active'),
        or(isNull(userRoles.fundId), eq(userRoles.fundId, fundId)),
      ),
    )
    .orderBy(asc(users.name))
    .all()
    .filter((row, index, all) => all.findIndex((r) => r.id === row.id) === index)
    .map((row) => ({ id: row.id, name: row.name, fundOnly: row.fundId !== null }));
}

/**
 * Why this person may not assess this bid, or null if they may: not an assessor for the fund, a
 * member of the group, a declared conflict with the group, or already on the bid.
 */
export function assignmentBar(
  q: Queryable,
  bid: { id: string; fundId: string; organisationId: string },
  assessorId: string,
): string | null {
  if (!fundAssessors(q, bid.fundId).some((a) => a.id === assessorId))
    return 'This person is not an assessor for this fund';
  const member = q
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.userId, assessorId), eq(memberships.organisationId, bid.organisationId)))
    .get();
  if (member) return 'This assessor is a member of the group that made the bid';
  const conflict = q
    .select({ nature: assessorConflicts.nature })
    .from(assessorConflicts)
    .where(
      and(
        eq(assessorConflicts.assessorId, assessorId),
        eq(assessorConflicts.organisationId, bid.organisationId),
      ),
    )
    .get();
  if (conflict) return 'This assessor has declared a conflict of interest with the group';
  const live = q
    .select({ id: assignments.id })
    .from(assignments)
    .where(and(eq(assignments.bidId, bid.id), eq(assignments.assessorId, assessorId), isLive))
    .get();
  if (live) return 'This assessor is already assigned to the bid';
  return null;
}

/**
 * assignmentBar for every bid of a fund and every person in its assessor pool, in two queries
 * (decision 0021): who of the pool may be given the bid — not a member of its group, no declared
 * conflict with it, not already live on it. `conflicted` are the group's conflicted people
 * (groupConflictsInFund) and `liveOn` the assessors live on the bid, both read once for the fund.
 */
export function assignableOfFund(
  q: Queryable,
  fundId: string,
  pool: readonly { id: string }[],
): (bid: { id: string; organisationId: string }) => string[] {
  const poolIds = pool.map((a) => a.id);
  const key = (userId: string, organisationId: string) => `${userId} ${organisationId}`;
  const groupsOfFund = q
    .selectDistinct({ id: bids.organisationId })
    .from(bids)
    .where(eq(bids.fundId, fundId));
  const barred = new Set(
    [
      ...q
        .select({ userId: memberships.userId, organisationId: memberships.organisationId })
        .from(memberships)
        .where(and(inArray(memberships.userId, poolIds), inArray(memberships.organisationId, groupsOfFund)))
        .all(),
      ...q
        .select({ userId: assessorConflicts.assessorId, organisationId: assessorConflicts.organisationId })
        .from(assessorConflicts)
        .where(
          and(
            inArray(assessorConflicts.assessorId, poolIds),
            inArray(assessorConflicts.organisationId, groupsOfFund),
          ),
        )
        .all(),
    ].map((row) => key(row.userId, row.organisationId)),
  );
  const live = new Set(
    q
      .select({ bidId: assignments.bidId, assessorId: assignments.assessorId })
      .from(bids)
      .innerJoin(assignments, and(eq(assignments.bidId, bids.id), isLive))
      .where(eq(bids.fundId, fundId))
      .all()
      .map((row) => key(row.assessorId, row.bidId)),
  );
  return (bid) =>
    poolIds.filter((id) => !barred.has(key(id, bid.organisationId)) && !live.has(key(id, bid.id)));
}

export function scoreSetFor(q: Queryable, assignmentId: string): ScoreSet | null {
  const row = q
    .select({ set: scoreSets, assessorName: users.name, fundId: bids.fundId })
    .from(scoreSets)
    .innerJoin(users, eq(users.id, scoreSets.assessorId))
    .innerJoin(bids, eq(bids.id, scoreSets.bidId))
    .where(eq(scoreSets.assignmentId, assignmentId))
    .get();
  if (!row) return null;
  return toScoreSet(q, row.set, row.assessorName, fundWeights(q, row.fundId));
}

export function toScoreSet(
  q: Queryable,
  set: typeof scoreSets.$inferSelect,
  assessorName: string,
  criteria: { id: string; weight: number }[],
): ScoreSet {
  const entries = q
    .select({ criterionId: scores.criterionId, score: scores.score, comment: scores.comment })
    .from(scores)
    .where(eq(scores.scoreSetId, set.id))
    .all();
  return scoreSetOf(set, assessorName, criteria, entries);
}

function scoreSetOf(
  set: typeof scoreSets.$inferSelect,
  assessorName: string,
  criteria: { id: string; weight: number }[],
  entries: { criterionId: string; score: number | null; comment: string | null }[],
): ScoreSet {
  return {
    id: set.id,
    assignmentId: set.assignmentId,
    assessorName,
    status: set.status,
    version: set.version,
    scores: entries,
    recommendation: set.recommendation,
    overallComment: set.overallComment,
    total: weightedTotal(criteria, entries),
    submittedAt: set.submittedAt,
    setAsideAt: set.setAsideAt,
    setAsideReason: set.setAsideReason,
  };
}

/** The weight of each of a fund's criteria, for weighted totals. */
function fundWeights(q: Queryable, fundId: string) {
  return q
    .select({ id: fundCriteria.id, weight: fundCriteria.weight })
    .from(fundCriteria)
    .where(eq(fundCriteria.fundId, fundId))
    .orderBy(asc(fundCriteria.position))
    .all();
}

export type AssignmentRow = typeof assignments.$inferSelect;

export function getAssignmentRow(q: Queryable, assignmentId: string): AssignmentRow | undefined {
  return q.select().from(assignments).where(eq(assignments.id, assignmentId)).get();
}

export function insertAssignment(
  q: Queryable,
  assignment: { bidId: string; assessorId: string; assignedBy: string; assignedAt: string },
): void {
  q.insert(assignments).values(assignment).run();
}

export function setAssignmentStatus(
  q: Queryable,
  assignmentId: string,
  status: AssignmentStatus,
  declared?: { declaredAt: string; conflictNature?: string },
): void {
  q.update(assignments)
    .set({ status, ...declared })
    .where(eq(assignments.id, assignmentId))
    .run();
}

/** The statuses of a bid's live assignments (not removed, no conflict). */
export function liveAssignmentStatuses(q: Queryable, bidId: string): AssignmentStatus[] {
  return q
    .select({ status: assignments.status })
    .from(assignments)
    .where(and(eq(assignments.bidId, bidId), isLive))
    .all()
    .map((a) => a.status);
}

/** The assessor's live assignments (not yet ended) on a group's bids, with where each bid stands. */
export function liveAssignmentsOnGroup(q: Queryable, assessorId: string, organisationId: string) {
  return q
    .select({
      id: assignments.id,
      bidId: assignments.bidId,
      reference: bids.reference,
      bidStatus: bids.status,
    })
    .from(assignments)
    .innerJoin(bids, eq(bids.id, assignments.bidId))
    .where(and(eq(assignments.assessorId, assessorId), eq(bids.organisationId, organisationId), isLive))
    .all();
}

/** Whether the person has declared a conflict of interest with the group. */
export function hasConflictWith(q: Queryable, userId: string, organisationId: string): boolean {
  return (
    q
      .select({ nature: assessorConflicts.nature })
      .from(assessorConflicts)
      .where(
        and(eq(assessorConflicts.assessorId, userId), eq(assessorConflicts.organisationId, organisationId)),
      )
      .get() !== undefined
  );
}

export function recordConflict(
  q: Queryable,
  conflict: { assessorId: string; organisationId: string; nature: string; declaredAt: string; bidId: string },
): void {
  q.insert(assessorConflicts).values(conflict).onConflictDoNothing().run();
}

/** What an assessor may know of a group: its kind and public registered number, not its people. */
export function groupForAssessors(q: Queryable, organisationId: string) {
  return (
    q
      .select({ type: organisations.type, registeredNumber: organisations.registeredNumber })
      .from(organisations)
      .where(eq(organisations.id, organisationId))
      .get() ?? null
  );
}

/** Active grants officers, to be told when a bid needs another assessor. */
export function activeOfficers(q: Queryable) {
  return q
    .select({ email: users.email, name: users.name })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, 'officer'), eq(users.status, 'active')))
    .all();
}

export function personContact(q: Queryable, userId: string) {
  return q.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId)).get();
}

export function scoreSetRow(q: Queryable, assignmentId: string) {
  return q.select().from(scoreSets).where(eq(scoreSets.assignmentId, assignmentId)).get();
}

/** Saves an assessor's scores: the set (created if new) and one row per criterion scored. */
export function writeScoreSet(
  q: Queryable,
  set: {
    existingId: string | undefined;
    assignmentId: string;
    bidId: string;
    assessorId: string;
    scores: { criterionId: string; score?: number | undefined; comment?: string | undefined }[];
    recommendation: Recommendation | null;
    overallComment: string | null;
    version: number;
    submit: boolean;
    at: string;
  },
): string {
  const setId =
    set.existingId ??
    q
      .insert(scoreSets)
      .values({
        assignmentId: set.assignmentId,
        bidId: set.bidId,
        assessorId: set.assessorId,
        updatedAt: set.at,
        version: 0,
      })
      .returning({ id: scoreSets.id })
      .get().id;
  for (const entry of set.scores) {
    const values = { score: entry.score ?? null, comment: entry.comment || null };
    q.insert(scores)
      .values({ scoreSetId: setId, criterionId: entry.criterionId, ...values })
      .onConflictDoUpdate({ target: [scores.scoreSetId, scores.criterionId], set: values })
      .run();
  }
  q.update(scoreSets)
    .set({
      recommendation: set.recommendation,
      overallComment: set.overallComment,
      version: set.version,
      updatedAt: set.at,
      status: set.submit ? 'submitted' : 'draft',
      submittedAt: set.submit ? set.at : null,
    })
    .where(eq(scoreSets.id, setId))
    .run();
  return setId;
}

/**
 * Sets a score set aside: withdrawn (its assessor declared a conflict with the group) or closed (the
 * bid went back to the group). Its scores stay, for the record; it never counts again.
 */
export function setAsideScoreSet(
  q: Queryable,
  assignmentId: string,
  status: 'withdrawn' | 'closed',
  at: string,
  reason: string,
): boolean {
  return (
    q
      .update(scoreSets)
      .set({ status, setAsideAt: at, setAsideReason: reason, updatedAt: at })
      .where(eq(scoreSets.assignmentId, assignmentId))
      .run().changes > 0
  );
}

/** Reopens submitted scores: the set goes back to draft. */
export function reopenScoreSet(q: Queryable, assignmentId: string, at: string): void {
  q.update(scoreSets)
    .set({ status: 'draft', submittedAt: null, updatedAt: at })
    .where(eq(scoreSets.assignmentId, assignmentId))
    .run();
}

// ─── A fund's bids at once (decision 0021) ───────────────────────────────────────────────────────
// The panel's results read every bid of a fund: these read it in a fixed number of queries,
// whatever its size, each through an index, rather than a few queries per bid.

/** Bids of a fund (or only these of it): the condition the grouped reads below share. */
function bidsOf(fundId: string, bidIds?: readonly string[]): SQL | undefined {
  return and(eq(bids.fundId, fundId), bidIds ? inArray(bids.id, [...bidIds]) : undefined);
}

/**
 * The score sets of a fund's bids, by bid: those whose assessor is still on the bid (scoring or
 * submitted), and those withdrawn by a late conflict since the bid was last sent (shown, never
 * counted); each list by assessor name.
 */
export function scoreSetsOfFund(
  q: Queryable,
  fundId: string,
  criteria: { id: string; weight: number }[],
  bidIds?: readonly string[],
): Map<string, { live: ScoreSet[]; withdrawn: ScoreSet[] }> {
  const rows = q
    .select({
      set: scoreSets,
      assessorName: users.name,
      assignmentStatus: assignments.status,
      sentAt: bids.submittedAt,
    })
    .from(bids)
    .innerJoin(scoreSets, eq(scoreSets.bidId, bids.id))
    .innerJoin(users, eq(users.id, scoreSets.assessorId))
    .innerJoin(assignments, eq(assignments.id, scoreSets.assignmentId))
    .where(
      and(
        bidsOf(fundId, bidIds),
        or(
          inArray(assignments.status, ['scoring', 'submitted']),
          and(
            eq(scoreSets.status, 'withdrawn'),
            or(isNull(bids.submittedAt), gte(scoreSets.setAsideAt, bids.submittedAt)),
          ),
        ),
      ),
    )
    .orderBy(asc(users.name))
    .all();
  const entries = new Map<string, { criterionId: string; score: number | null; comment: string | null }[]>();
  for (const entry of q
    .select({
      scoreSetId: scores.scoreSetId,
      criterionId: scores.criterionId,
      score: scores.score,
      comment: scores.comment,
    })
    .from(bids)
    .innerJoin(scoreSets, eq(scoreSets.bidId, bids.id))
    .innerJoin(scores, eq(scores.scoreSetId, scoreSets.id))
    .where(bidsOf(fundId, bidIds))
    .orderBy(asc(scores.scoreSetId), asc(scores.criterionId))
    .all()) {
    const { scoreSetId, ...rest } = entry;
    const list = entries.get(scoreSetId);
    if (list) list.push(rest);
    else entries.set(scoreSetId, [rest]);
  }
  const byBid = new Map<string, { live: ScoreSet[]; withdrawn: ScoreSet[] }>();
  for (const { set, assessorName, assignmentStatus, sentAt } of rows) {
    const lists = byBid.get(set.bidId) ?? { live: [], withdrawn: [] };
    byBid.set(set.bidId, lists);
    const scoreSet = scoreSetOf(set, assessorName, criteria, entries.get(set.id) ?? []);
    if (assignmentStatus === 'scoring' || assignmentStatus === 'submitted') lists.live.push(scoreSet);
    const sinceSent = sentAt === null || (set.setAsideAt !== null && set.setAsideAt >= sentAt);
    if (set.status === 'withdrawn' && sinceSent) lists.withdrawn.push(scoreSet);
  }
  return byBid;
}

/** How many assessors declared a conflict on each of a fund's bids (bids with none are left out). */
export function conflictCountsOfFund(
  q: Queryable,
  fundId: string,
  bidIds?: readonly string[],
): Map<string, number> {
  return new Map(
    q
      .select({ bidId: assignments.bidId, count: sql<number>`count(*)` })
      .from(bids)
      .innerJoin(assignments, and(eq(assignments.bidId, bids.id), eq(assignments.status, 'conflict')))
      .where(bidsOf(fundId, bidIds))
      .groupBy(assignments.bidId)
      .all()
      .map((row) => [row.bidId, row.count]),
  );
}
// ─── Requests to reopen submitted scores ─────────────────────────────────────────────────────

const answeredBy = alias(users, 'answered_by_user');

/** Reopen requests as the API shows them, oldest first. */
function reopenRequestsWhere(q: Queryable, where: SQL | undefined): ReopenRequest[] {
  return q
    .select({
      request: reopenRequests,
      bidReference: bids.reference,
      bidTitle: bids.title,
      assessorName: users.name,
      answeredByName: answeredBy.name,
    })
    .from(reopenRequests)
    .innerJoin(bids, eq(bids.id, reopenRequests.bidId))
    .innerJoin(users, eq(users.id, reopenRequests.requestedBy))
    .leftJoin(answeredBy, eq(answeredBy.id, reopenRequests.answeredBy))
    .where(where)
    .orderBy(asc(reopenRequests.requestedAt), asc(reopenRequests.id))
    .all()
    .map((row) => ({
      id: row.request.id,
      assignmentId: row.request.assignmentId,
      bidId: row.request.bidId,
      bidReference: row.bidReference,
      bidTitle: row.bidTitle,
      assessorName: row.assessorName,
      reason: row.request.reason,
      requestedAt: row.request.requestedAt,
      status: row.request.status,
      answeredByName: row.answeredByName,
      answeredAt: row.request.answeredAt,
      answer: row.request.answer,
    }));
}

export function reopenRequestById(q: Queryable, requestId: string): ReopenRequest | undefined {
  return reopenRequestsWhere(q, eq(reopenRequests.id, requestId))[0];
}

/** The assignment's open request, if it has one. */
export function openReopenRequest(q: Queryable, assignmentId: string): ReopenRequest | undefined {
  return reopenRequestsWhere(
    q,
    and(eq(reopenRequests.assignmentId, assignmentId), eq(reopenRequests.status, 'open')),
  )[0];
}

/** The assignment's latest request, answered or not. */
export function latestReopenRequest(q: Queryable, assignmentId: string): ReopenRequest | null {
  const all = reopenRequestsWhere(q, eq(reopenRequests.assignmentId, assignmentId));
  return all.at(-1) ?? null;
}

/**
 * Open requests on a fund's bids that can still be met: the scores are still submitted and the
 * bid is still being assessed or waiting for the panel (not decided, not returned).
 */
export function openReopenRequestsOfFund(q: Queryable, fundId: string): ReopenRequest[] {
  const live = q
    .select({ id: reopenRequests.id })
    .from(reopenRequests)
    .innerJoin(assignments, eq(assignments.id, reopenRequests.assignmentId))
    .innerJoin(bids, eq(bids.id, reopenRequests.bidId))
    .where(
      and(
        eq(bids.fundId, fundId),
        eq(reopenRequests.status, 'open'),
        eq(assignments.status, 'submitted'),
        inArray(bids.status, ['in_assessment', 'scored']),
      ),
    )
    .all()
    .map((r) => r.id);
  if (live.length === 0) return [];
  return reopenRequestsWhere(q, inArray(reopenRequests.id, live));
}

export function insertReopenRequest(
  q: Queryable,
  request: { assignmentId: string; bidId: string; requestedBy: string; reason: string; requestedAt: string },
): string {
  return q.insert(reopenRequests).values(request).returning({ id: reopenRequests.id }).get().id;
}

/** Closes the assignment's open request (if any) as reopened or declined; true if one was open. */
export function closeReopenRequest(
  q: Queryable,
  assignmentId: string,
  outcome: { status: 'reopened' | 'declined'; answeredBy: string; answeredAt: string; answer?: string },
): boolean {
  return (
    q
      .update(reopenRequests)
      .set({
        status: outcome.status,
        answeredBy: outcome.answeredBy,
        answeredAt: outcome.answeredAt,
        answer: outcome.answer ?? null,
      })
      .where(and(eq(reopenRequests.assignmentId, assignmentId), eq(reopenRequests.status, 'open')))
      .run().changes > 0
  );
}

/**
 * Active grants officers who stand apart from a group (not members, no declared conflict with it):
 * those to tell about its bids' assessment.
 */
export function officersApartFrom(q: Queryable, organisationId: string) {
  const excluded = new Set([
    ...q
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(eq(memberships.organisationId, organisationId))
      .all()
      .map((r) => r.userId),
    ...q
      .select({ userId: assessorConflicts.assessorId })
      .from(assessorConflicts)
      .where(eq(assessorConflicts.organisationId, organisationId))
      .all()
      .map((r) => r.userId),
  ]);
  return q
    .select({ id: users.id, email: users.email, name: users.name })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, 'officer'), eq(users.status, 'active')))
    .orderBy(asc(users.name))
    .all()
    .filter(
      (officer, index, all) =>
        !excluded.has(officer.id) && all.findIndex((o) => o.id === officer.id) === index,
    )
    .map(({ email, name }) => ({ email, name }));
}
