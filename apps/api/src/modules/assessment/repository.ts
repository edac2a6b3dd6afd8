import type { Assignment, AssignmentStatus, ScoreSet, Screening } from '@cf/shared';
import { weightedTotal } from '@cf/shared';
import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import {
  assessorConflicts,
  assignments,
  bids,
  fundCriteria,
  funds,
  memberships,
  organisations,
  scoreSets,
  scores,
  screenings,
  userRoles,
  users,
} from '../../db/schema/index.js';

export const LIVE: AssignmentStatus[] = ['awaiting_declaration', 'scoring', 'submitted'];

export function latestScreening(q: Queryable, bidId: string): Screening | null {
  const row = q
    .select({ screening: screenings, name: users.name })
    .from(screenings)
    .innerJoin(users, eq(users.id, screenings.screenedBy))
    .where(eq(screenings.bidId, bidId))
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

export function criteriaOf(q: Queryable, fundId: string) {
  return q
    .select()
    .from(fundCriteria)
    .where(eq(fundCriteria.fundId, fundId))
    .orderBy(asc(fundCriteria.position))
    .all();
}

/** Assignments as the API shows them; `showConflictNature` for officers only. */
export function listAssignments(
  q: Queryable,
  filter: {
    bidIds?: string[];
    assessorId?: string;
    fundId?: string;
    assignmentId?: string;
    statuses?: AssignmentStatus[];
  },
  showConflictNature: boolean,
): Assignment[] {
  const conditions: (SQL | undefined)[] = [
    filter.bidIds ? inArray(assignments.bidId, filter.bidIds) : undefined,
    filter.assessorId ? eq(assignments.assessorId, filter.assessorId) : undefined,
    filter.fundId ? eq(bids.fundId, filter.fundId) : undefined,
    filter.assignmentId ? eq(assignments.id, filter.assignmentId) : undefined,
    filter.statuses ? inArray(assignments.status, filter.statuses) : undefined,
  ];
  return q
    .select({
      assignment: assignments,
      fundId: bids.fundId,
      fundName: funds.name,
      reference: bids.reference,
      title: bids.title,
      organisationName: organisations.name,
      assessorName: users.name,
    })
    .from(assignments)
    .innerJoin(bids, eq(bids.id, assignments.bidId))
    .innerJoin(funds, eq(funds.id, bids.fundId))
    .innerJoin(organisations, eq(organisations.id, bids.organisationId))
    .innerJoin(users, eq(users.id, assignments.assessorId))
    .where(and(...conditions))
    .orderBy(asc(bids.reference), asc(users.name))
    .all()
    .map((row) => ({
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
    .where(
      and(
        eq(assignments.bidId, bid.id),
        eq(assignments.assessorId, assessorId),
        inArray(assignments.status, LIVE),
      ),
    )
    .get();
  if (live) return 'This assessor is already assigned to the bid';
  return null;
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
  return toScoreSet(q, row.set, row.assessorName, criteriaOf(q, row.fundId));
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
  };
}
