import {
  type AssessmentOverview,
  type AssessorView,
  type AssignmentPage,
  type AssignmentStatus,
  type AutoAssignPlan,
  type AutoAssignResult,
  can,
  caseRefOf,
  type DeclarationBody,
  formatDateTime,
  fundsLimitedTo,
  hasRole,
  isBeforeDecision,
  isBehindDeadline,
  isMember,
  londonToday,
  type PageRequest,
  pageWindow,
  pence,
  type ReopenAnswerBody,
  type ReopenRequest,
  type ScoreSet,
  type ScoreSetBody,
  scoreSetProblems,
  TO_DO_STATUSES,
  transitionRefusal,
} from '@cf/shared';
import type { Queryable } from '../../db/client.js';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { Actor, ServiceContext } from '../../lib/context.js';
import { badRequest, conflict, forbidden, invalidState, notFound } from '../../lib/errors.js';
import { found } from '../../lib/found.js';
import { authorize, requireActor } from '../access/policy.js';
import {
  attachmentList,
  type BidRow,
  bidsOfFund,
  bidsOfFundWithGroup,
  getAttachmentRow,
  getBidRow,
  groupConflictsInFund,
  organisationName,
  sectionStates,
} from '../bids/repository.js';
import { bidPlace, bidToWorkOn, caseOf, moveBid } from '../bids/service.js';
import { criteriaOf } from '../funds/repository.js';
import { fundOr404 } from '../funds/service.js';
import { mailTemplates } from '../mail/templates.js';
import { wardNames } from '../reference/repository.js';
import {
  type AssignmentRow,
  activeOfficers,
  assignableOfFund,
  assignmentBar,
  closeReopenRequest,
  countAssignments,
  fundAssessors,
  getAssignmentRow,
  groupForAssessors,
  hasConflictWith,
  insertAssignment,
  insertReopenRequest,
  LIVE,
  latestReopenRequest,
  listAssignments,
  liveAssignmentStatuses,
  liveAssignmentsOnGroup,
  officersApartFrom,
  openReopenRequest,
  openReopenRequestsOfFund,
  personContact,
  recordConflict,
  reopenRequestById,
  reopenScoreSet,
  scoreSetFor,
  scoreSetRow,
  setAsideScoreSet,
  setAssignmentStatus,
  writeScoreSet,
} from './repository.js';
import { partition, planAssignments } from './rules.js';

const bidOr404 = (q: Queryable, bidId: string): BidRow => found(getBidRow(q, bidId), 'bid');

const NO_LONGER_ASSESSOR = 'You are no longer an assessor for this fund';
const NO_LONGER_ASSESSING = 'You are no longer assessing this bid';
const OWN_GROUP = 'You are a member of the group that made this bid, so you cannot assess it';

// ─── Assignment ─────────────────────────────────────────────────────────────────────────────

function assignOne(
  ctx: ServiceContext,
  tx: Queryable,
  actor: Actor,
  bid: BidRow,
  assessorId: string,
): BidRow {
  const bar = assignmentBar(tx, bid, assessorId);
  if (bar) throw conflict(bar, { assessorId: bar });
  insertAssignment(tx, {
    bidId: bid.id,
    assessorId,
    assignedBy: actor.id,
    assignedAt: ctx.clock.now().toISOString(),
  });
  ctx.audit(tx, {
    action: 'assessment.assigned',
    entityType: 'bid',
    entityId: bid.id,
    after: { assessorId },
  });
  const moved = bid.status === 'eligible' ? moveBid(ctx, tx, bid, 'start_assessment') : bid;
  const assessor = personContact(tx, assessorId);
  if (assessor) {
    ctx.mail(
      tx,
      mailTemplates.assessmentAssigned(assessor, {
        reference: bid.reference,
        title: bid.title,
        link: `${ctx.publicUrl}/assess`,
      }),
    );
  }
  return moved;
}

/** An officer gives a bid to an assessor (never one from the group or with a declared conflict). */
export function assign(ctx: ServiceContext, bidId: string, assessorId: string) {
  const actor = requireActor(ctx.actor);
  unitOfWork(ctx.db, (tx) => {
    const bid = bidToWorkOn(tx, actor, bidId, (ref) => ({ action: 'assessment.manage', bid: ref }));
    if (bid.status !== 'eligible' && bid.status !== 'in_assessment') {
      throw invalidState(
        `Only eligible bids can be given to assessors; ${transitionRefusal(bid.status, 'start_assessment').replace('This bid', 'this bid')}`,
      );
    }
    assignOne(ctx, tx, actor, bid, assessorId);
  });
  return listAssignments(ctx.db, { bidIds: [bidId] }, true);
}

/**
 * Who would assess which of a fund's eligible or in-assessment bids, up to `perBid` live assessors
 * each, balancing the load: the bids the actor may give out (not their group's, no conflict with
 * it), those they may not, and the plan for each bid they may.
 */
function planFor(tx: Queryable, actor: Actor, fundId: string, perBid: number) {
  authorize(actor, { action: 'assessment.manage', fund: fundOr404(tx, fundId) });
  const pool = fundAssessors(tx, fundId);
  // Bids of the officer's own group, or of a group they declared a conflict with, are not theirs to give out.
  const [candidates, skipped] = partition(bidsOfFund(tx, fundId, ['eligible', 'in_assessment']), (bid) =>
    can(actor, { action: 'assessment.manage', bid: caseOf(tx, bid) }),
  );
  const assignable = assignableOfFund(tx, fundId, pool);
  const plans = planAssignments({
    assessors: pool,
    currentLoad: listAssignments(tx, { fundId, statuses: ['awaiting_declaration', 'scoring'] }, false).map(
      (a) => a.assessorId,
    ),
    bids: candidates.map((bid) => ({
      id: bid.id,
      reference: bid.reference,
      needed: perBid - listAssignments(tx, { bidIds: [bid.id], statuses: LIVE }, false).length,
      allowed: assignable(bid),
    })),
  });
  return { pool, candidates, skipped, plans };
}

/**
 * What an automatic assignment would do, changing nothing and emailing no one: who would assess
 * each bid, the bids short of assessors, and those the officer may not give out.
 */
export function checkAutoAssign(ctx: ServiceContext, fundId: string, perBid: number): AutoAssignPlan {
  const actor = requireActor(ctx.actor);
  const { pool, candidates, skipped, plans } = planFor(ctx.db, actor, fundId, perBid);
  const names = new Map(pool.map((a) => [a.id, a.name]));
  const bids = plans.flatMap((plan) => {
    const bid = candidates.find((b) => b.id === plan.bidId);
    if (!bid || plan.needed <= 0) return [];
    return [
      {
        bidId: bid.id,
        reference: bid.reference,
        title: bid.title,
        organisationName: organisationName(ctx.db, bid.organisationId),
        assessors: plan.chosen.map((id) => ({ id, name: names.get(id) ?? '' })),
        needed: plan.needed,
        short: plan.chosen.length < plan.needed,
      },
    ];
  });
  return {
    bids: bids.sort((a, b) => (a.reference ?? '').localeCompare(b.reference ?? '')),
    assigned: bids.reduce((sum, b) => sum + b.assessors.length, 0),
    short: bids.filter((b) => b.short).map((b) => b.reference ?? b.bidId),
    skipped: skipped.map((bid) => bid.reference ?? bid.id),
  };
}

/** A plan as bid → its assessors, sorted, leaving out bids given nobody: two plans compare equal as strings. */
function planKey(plan: readonly { bidId: string; assessorIds: readonly string[] }[]): string {
  return JSON.stringify(
    plan
      .filter((p) => p.assessorIds.length > 0)
      .map((p) => [p.bidId, [...p.assessorIds].sort()] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

const PLAN_CHANGED =
  'Who can assess, or the bids waiting for assessors, changed since you checked. Nobody has been assigned: check the new list and confirm it.';

/**
 * Gives every eligible or in-assessment bid of a fund up to `perBid` live assessors, balancing the
 * load. With the plan the officer checked, only if planning again gives exactly that plan (409
 * otherwise, nothing changed): nobody is assigned or emailed but as the officer saw.
 */
export function autoAssign(
  ctx: ServiceContext,
  fundId: string,
  perBid: number,
  checked?: readonly { bidId: string; assessorIds: readonly string[] }[],
): AutoAssignResult {
  const actor = requireActor(ctx.actor);
  return unitOfWork(ctx.db, (tx) => {
    const { candidates, skipped, plans } = planFor(tx, actor, fundId, perBid);
    if (
      checked &&
      planKey(checked) !== planKey(plans.map((p) => ({ bidId: p.bidId, assessorIds: p.chosen })))
    ) {
      throw conflict(PLAN_CHANGED);
    }
    let made = 0;
    const short: string[] = [];
    for (const plan of plans) {
      let bid = candidates.find((b) => b.id === plan.bidId);
      if (!bid) continue;
      for (const assessorId of plan.chosen) {
        bid = assignOne(ctx, tx, actor, bid, assessorId);
        made++;
      }
      if (plan.chosen.length < plan.needed) short.push(bid.reference ?? bid.id);
    }
    return { assigned: made, short, skipped: skipped.map((bid) => bid.reference ?? bid.id) };
  });
}

/** An assignment and its bid, for an officer who manages the bid's fund's assessment. */
function managedAssignment(tx: Queryable, actor: Actor, assignmentId: string) {
  const row = getAssignmentRow(tx, assignmentId);
  // An assignment that does not exist, and one the actor may not know of, get the same answer.
  if (!row) throw notFound();
  const bid = bidToWorkOn(tx, actor, row.bidId, (ref) => ({ action: 'assessment.manage', bid: ref }));
  return { row, bid };
}

/** An officer takes an assessor off a bid before they submit. */
export function unassign(ctx: ServiceContext, assignmentId: string): void {
  const actor = requireActor(ctx.actor);
  unitOfWork(ctx.db, (tx) => {
    const { row, bid } = managedAssignment(tx, actor, assignmentId);
    if (row.status === 'submitted')
      throw invalidState('This assessor has already submitted scores. Reopen them instead.');
    if (row.status === 'removed' || row.status === 'conflict')
      throw invalidState('This assessor is no longer on the bid');
    setAssignmentStatus(tx, assignmentId, 'removed');
    ctx.audit(tx, {
      action: 'assessment.unassigned',
      entityType: 'bid',
      entityId: bid.id,
      before: { assessorId: row.assessorId },
    });
    completeScoringIfDone(ctx, tx, bid.id);
  });
}

// ─── What an assessor sees ──────────────────────────────────────────────────────────────────

/**
 * One page of the bids the actor has been asked to assess, with how many are left to finish in
 * all — in the funds they still assess: losing the role ends reading.
 */
export function myAssignments(ctx: ServiceContext, page: PageRequest): AssignmentPage {
  const actor = requireActor(ctx.actor);
  const limited = fundsLimitedTo(actor, 'assessor');
  const funds = hasRole(actor, 'assessor') ? (limited === null ? {} : { fundIds: limited }) : { fundIds: [] };
  const filter = {
    assessorId: actor.id,
    statuses: ['awaiting_declaration', 'scoring', 'submitted', 'conflict'] satisfies AssignmentStatus[],
    ...funds,
  };
  return {
    assignments: listAssignments(ctx.db, filter, false, pageWindow(page), 'toDoFirst'),
    page: page.page,
    pageSize: page.pageSize,
    total: countAssignments(ctx.db, filter),
    toFinish: countAssignments(ctx.db, { ...filter, statuses: [...TO_DO_STATUSES] }),
  };
}

/**
 * One bid to assess: its answers only after the assessor declares no conflict, and never to a
 * member of the group that made it; never the person who signed the declaration.
 */
export function assessorView(ctx: ServiceContext, assignmentId: string): AssessorView {
  const actor = requireActor(ctx.actor);
  const row = getAssignmentRow(ctx.db, assignmentId);
  // Someone else's assignment is answered exactly as one that does not exist.
  if (!row) throw notFound();
  authorize(actor, { action: 'assessment.act', assignment: row }, { hide: true });
  const assignment = found(listAssignments(ctx.db, { assignmentId: row.id }, false)[0], 'assignment');
  const bid = found(getBidRow(ctx.db, row.bidId), 'bid');
  // Losing the assessor role for the fund ends reading its bids, not only scoring them.
  if (!hasRole(actor, 'assessor', bid.fundId)) throw forbidden(NO_LONGER_ASSESSOR);
  const fund = fundOr404(ctx.db, bid.fundId);
  // Never to a member of the group, nor to anyone who has declared a conflict with it (any of its bids, decided or not).
  const canRead =
    (row.status === 'scoring' || row.status === 'submitted') &&
    !isMember(actor, bid.organisationId) &&
    !hasConflictWith(ctx.db, actor.id, bid.organisationId);
  const sections = canRead
    ? sectionStates(ctx.db, bid.id)
        // The person who signed is personal data the panel does not need.
        .filter((s) => s.key !== 'declarations')
        .map((s) => ({ key: s.key, title: s.title, data: s.data }))
    : [];
  const wardIds = canRead ? bidPlace(ctx.db, bid.id).wardIds : [];
  return {
    assignment,
    fund: {
      id: fund.id,
      name: fund.name,
      capPence: pence(fund.capPence),
      deliveryEndsOn: fund.deliveryEndsOn,
      scoresDueOn: fund.scoresDueOn,
    },
    group: canRead ? groupForAssessors(ctx.db, bid.organisationId) : null,
    bid: canRead
      ? {
          amountRequestedPence: pence(bid.amountRequestedPence),
          wardNames: wardNames(ctx.db, wardIds),
          eligibility: bid.eligibility,
          // Who uploaded each document is one of the group's people: left out.
          documents: attachmentList(ctx.db, bid.id).map(({ uploadedByName: _, ...document }) => document),
          sections,
        }
      : null,
    criteria: criteriaOf(ctx.db, fund.id).map(({ id, title, description, weight, guidance }) => ({
      id,
      title,
      description,
      weight,
      guidance,
    })),
    scoreSet: canRead ? scoreSetFor(ctx.db, row.id) : null,
    reopenRequest: canRead ? latestReopenRequest(ctx.db, row.id) : null,
  };
}

/**
 * One of the supporting documents of a bid the assessor is assessing: only once they have declared
 * no conflict, only while they are on the bid (not taken off, no conflict with the group since)
 * and still hold the assessor role for the fund, and never to a member of the group.
 */
export function assessorDocument(ctx: ServiceContext, assignmentId: string, attachmentId: string) {
  const actor = requireActor(ctx.actor);
  const row = getAssignmentRow(ctx.db, assignmentId);
  // Someone else's assignment is answered exactly as one that does not exist.
  if (!row) throw notFound();
  authorize(actor, { action: 'assessment.act', assignment: row }, { hide: true });
  const bid = bidOr404(ctx.db, row.bidId);
  if (!hasRole(actor, 'assessor', bid.fundId)) throw forbidden(NO_LONGER_ASSESSOR);
  if (isMember(actor, bid.organisationId)) throw forbidden(OWN_GROUP);
  if (row.status === 'awaiting_declaration') {
    throw forbidden('Tell us whether you have a conflict of interest before you open the bid’s documents');
  }
  if (
    (row.status !== 'scoring' && row.status !== 'submitted') ||
    hasConflictWith(ctx.db, actor.id, bid.organisationId)
  ) {
    throw forbidden(NO_LONGER_ASSESSING);
  }
  const file = getAttachmentRow(ctx.db, bid.id, attachmentId);
  if (!file) throw notFound('There is no such document');
  return file;
}

// ─── Conflicts ──────────────────────────────────────────────────────────────────────────────

function ownAssignment(tx: Queryable, actor: Actor, assignmentId: string): AssignmentRow {
  const row = getAssignmentRow(tx, assignmentId);
  // Someone else's assignment does not exist, as far as you are concerned: the same answer.
  if (!row) throw notFound();
  authorize(actor, { action: 'assessment.act', assignment: row }, { hide: true });
  const bid = bidOr404(tx, row.bidId);
  // An assessor whose role for the fund has been taken away stops assessing at once.
  if (!hasRole(actor, 'assessor', bid.fundId)) throw forbidden(NO_LONGER_ASSESSOR);
  // Nobody assesses their own group's bid (PRODUCT.md section 4, rule 5), even one they joined after being assigned it.
  if (isMember(actor, bid.organisationId)) {
    throw forbidden(OWN_GROUP);
  }
  return row;
}

/** The assessor declares no conflict, or a conflict with the group (which takes them off its bids). */
export function declare(ctx: ServiceContext, assignmentId: string, body: DeclarationBody) {
  const actor = requireActor(ctx.actor);
  const now = ctx.clock.now().toISOString();
  unitOfWork(ctx.db, (tx) => {
    const row = ownAssignment(tx, actor, assignmentId);
    if (row.status !== 'awaiting_declaration') {
      throw invalidState(
        row.status === 'conflict'
          ? 'You have already declared a conflict with this bid'
          : 'You have already declared that you have no conflict',
      );
    }
    const bid = bidOr404(tx, row.bidId);
    if (!body.conflict) {
      setAssignmentStatus(tx, assignmentId, 'scoring', { declaredAt: now });
      ctx.audit(tx, { action: 'assessment.no_conflict_declared', entityType: 'bid', entityId: bid.id });
      return;
    }
    setAssignmentStatus(tx, assignmentId, 'conflict', { declaredAt: now, conflictNature: body.nature });
    recordConflict(tx, {
      assessorId: actor.id,
      organisationId: bid.organisationId,
      nature: body.nature,
      declaredAt: now,
      bidId: bid.id,
    });
    ctx.audit(tx, {
      action: 'assessment.conflict_declared',
      entityType: 'bid',
      entityId: bid.id,
      after: { assessorId: actor.id },
      reason: body.nature,
    });
    // The conflict is with the group (PRODUCT.md section 4, rule 5): it also takes the assessor off
    // every other of the group's bids not yet decided, and withdraws any scores they gave them
    // (kept, never counted). Bids already decided stay as the panel decided them.
    const alsoOff = liveAssignmentsOnGroup(tx, actor.id, bid.organisationId).filter(
      (other) => other.id !== assignmentId && isBeforeDecision(other.bidStatus),
    );
    for (const other of alsoOff) {
      setAssignmentStatus(tx, other.id, 'conflict', { declaredAt: now, conflictNature: body.nature });
      ctx.audit(tx, {
        action: 'assessment.conflict_declared',
        entityType: 'bid',
        entityId: other.bidId,
        after: { assessorId: actor.id, declaredOn: bid.id },
        reason: body.nature,
      });
      const why = `Conflict of interest declared with the group: ${body.nature}`;
      if (setAsideScoreSet(tx, other.id, 'withdrawn', now, why)) {
        ctx.audit(tx, {
          action: 'assessment.scores_withdrawn',
          entityType: 'bid',
          entityId: other.bidId,
          after: { assignmentId: other.id, assessorId: actor.id },
          reason: body.nature,
        });
      }
    }
    // Tell the grants officers, so they can reassign the bid.
    for (const officer of activeOfficers(tx)) {
      ctx.mail(
        tx,
        mailTemplates.conflictDeclared(officer, {
          assessorName: actor.name,
          reference: bid.reference,
          title: bid.title,
          alsoOff: alsoOff.map((o) => o.reference ?? o.bidId),
          link: `${ctx.publicUrl}/funds/${bid.fundId}/assessment`,
        }),
      );
    }
    completeScoringIfDone(ctx, tx, bid.id);
    for (const other of alsoOff) {
      completeScoringIfDone(ctx, tx, other.bidId);
      reopenScoringIfShort(
        ctx,
        tx,
        other.bidId,
        'A score set was withdrawn: its assessor declared a conflict',
      );
    }
  });
  return listAssignments(ctx.db, { assignmentId }, false);
}

// ─── Scoring ────────────────────────────────────────────────────────────────────────────────

/** Moves a bid to "scored" once enough assessors have submitted and nobody is still scoring. */
function completeScoringIfDone(ctx: ServiceContext, tx: Queryable, bidId: string): void {
  const bid = getBidRow(tx, bidId);
  if (bid?.status !== 'in_assessment') return;
  const fund = fundOr404(tx, bid.fundId);
  const live = liveAssignmentStatuses(tx, bidId);
  const submitted = live.filter((status) => status === 'submitted').length;
  if (submitted < fund.minAssessors || submitted !== live.length) return;
  // The service moves the bid on by itself once the last scores are in: the system is the actor,
  // not whichever assessor happened to submit last.
  moveBid(ctx, tx, bid, 'complete_scoring', { after: { scoreSets: submitted }, bySystem: true });
}

/**
 * Moves a scored (or deferred) bid back to being assessed when it no longer has the fund's minimum
 * of complete score sets, so the panel never decides on fewer. The system is the actor.
 */
function reopenScoringIfShort(ctx: ServiceContext, tx: Queryable, bidId: string, reason: string): void {
  const bid = getBidRow(tx, bidId);
  if (bid?.status !== 'scored' && bid?.status !== 'deferred') return;
  const fund = fundOr404(tx, bid.fundId);
  const submitted = liveAssignmentStatuses(tx, bidId).filter((status) => status === 'submitted').length;
  if (submitted >= fund.minAssessors) return;
  moveBid(ctx, tx, bid, 'reopen_scoring', { reason, after: { scoreSets: submitted }, bySystem: true });
}

/** The assessor saves scores, or submits them (every criterion scored and commented, a recommendation). */
export function saveScores(ctx: ServiceContext, assignmentId: string, body: ScoreSetBody): ScoreSet {
  const actor = requireActor(ctx.actor);
  unitOfWork(ctx.db, (tx) => {
    const row = ownAssignment(tx, actor, assignmentId);
    if (row.status === 'awaiting_declaration')
      throw invalidState('Tell us whether you have a conflict of interest before scoring');
    if (row.status === 'conflict' || row.status === 'removed') throw forbidden(NO_LONGER_ASSESSING);
    if (row.status === 'submitted') {
      throw invalidState(
        'You have already submitted your scores. Ask the grants officer to reopen them if something needs changing.',
      );
    }
    const bid = bidOr404(tx, row.bidId);
    const criteria = criteriaOf(tx, bid.fundId);
    const existing = scoreSetRow(tx, assignmentId);
    const version = existing?.version ?? 0;
    if (body.baseVersion !== version) {
      throw conflict(
        'These scores were saved somewhere else after you opened them (perhaps in another tab). Reload the page to see them.',
      );
    }
    const fields: Record<string, string> = {};
    body.scores.forEach((entry, index) => {
      if (!criteria.some((c) => c.id === entry.criterionId))
        fields[`scores.${index}.criterionId`] = 'This is not one of the fund’s criteria';
    });
    const seen = new Set<string>();
    body.scores.forEach((entry, index) => {
      if (seen.has(entry.criterionId))
        fields[`scores.${index}.criterionId`] = 'Each criterion can be scored once';
      seen.add(entry.criterionId);
    });
    if (Object.keys(fields).length > 0) throw badRequest('Check the criteria', fields);
    if (body.submit) {
      const missing = scoreSetProblems(criteria, body);
      if (Object.keys(missing).length > 0) {
        throw badRequest(
          'Score and comment on every criterion, and choose a recommendation, before you submit',
          missing,
        );
      }
    }
    writeScoreSet(tx, {
      existingId: existing?.id,
      assignmentId,
      bidId: bid.id,
      assessorId: actor.id,
      scores: body.scores,
      recommendation: body.recommendation ?? null,
      overallComment: body.overallComment || null,
      version: version + 1,
      submit: body.submit,
      at: ctx.clock.now().toISOString(),
    });
    if (body.submit) {
      setAssignmentStatus(tx, assignmentId, 'submitted');
      ctx.audit(tx, {
        action: 'assessment.scores_submitted',
        entityType: 'bid',
        entityId: bid.id,
        after: { assignmentId },
      });
      completeScoringIfDone(ctx, tx, bid.id);
    }
  });
  return found(scoreSetFor(ctx.db, assignmentId) ?? undefined, 'score set');
}

/**
 * Reopens submitted scores inside the caller's unit of work: the set goes back to draft, an open
 * request from the assessor is closed as met, and a bid already "scored" goes back to being assessed.
 */
function reopenWithin(
  ctx: ServiceContext,
  tx: Queryable,
  actor: Actor,
  row: AssignmentRow,
  bid: BidRow,
  reason: string,
  requestId?: string,
): void {
  if (row.status !== 'submitted') throw invalidState('Only submitted scores can be reopened');
  if (bid.status !== 'in_assessment' && bid.status !== 'scored') {
    throw invalidState(transitionRefusal(bid.status, 'reopen_scoring'));
  }
  const now = ctx.clock.now().toISOString();
  setAssignmentStatus(tx, row.id, 'scoring');
  reopenScoreSet(tx, row.id, now);
  const asked = closeReopenRequest(tx, row.id, { status: 'reopened', answeredBy: actor.id, answeredAt: now });
  ctx.audit(tx, {
    action: 'assessment.scores_reopened',
    entityType: 'bid',
    entityId: bid.id,
    after: { assignmentId: row.id, ...(requestId ? { requestId } : {}) },
    reason,
  });
  if (bid.status === 'scored') moveBid(ctx, tx, bid, 'reopen_scoring', { reason });
  const assessor = personContact(tx, row.assessorId);
  if (asked && assessor) {
    ctx.mail(
      tx,
      mailTemplates.reopenAnswered(assessor, {
        reference: bid.reference,
        title: bid.title,
        reopened: true,
        officerName: actor.name,
        reason: null,
        link: `${ctx.publicUrl}/assess/${row.id}`,
      }),
    );
  }
}

/** An officer reopens submitted scores so the assessor can change them (recorded, with a reason). */
export function reopenScores(ctx: ServiceContext, assignmentId: string, reason: string): ScoreSet {
  const actor = requireActor(ctx.actor);
  unitOfWork(ctx.db, (tx) => {
    const { row, bid } = managedAssignment(tx, actor, assignmentId);
    reopenWithin(ctx, tx, actor, row, bid, reason);
  });
  return found(scoreSetFor(ctx.db, assignmentId) ?? undefined, 'score set');
}

// ─── Asking the officer to reopen ───────────────────────────────────────────────────────────

/**
 * The assessor asks the grants officer to reopen their submitted scores, saying why: one open
 * request at a time, while the scores can still be reopened. The officers who may act on the bid
 * are emailed; the request waits on the fund's assessment page.
 */
export function requestReopen(ctx: ServiceContext, assignmentId: string, reason: string): ReopenRequest {
  const actor = requireActor(ctx.actor);
  const id = unitOfWork(ctx.db, (tx) => {
    const row = ownAssignment(tx, actor, assignmentId);
    if (row.status === 'awaiting_declaration' || row.status === 'scoring') {
      throw invalidState('Your scores are not submitted, so you can still change them yourself');
    }
    if (row.status !== 'submitted') throw forbidden(NO_LONGER_ASSESSING);
    const bid = bidOr404(tx, row.bidId);
    if (bid.status !== 'in_assessment' && bid.status !== 'scored') {
      throw invalidState(transitionRefusal(bid.status, 'reopen_scoring'));
    }
    const open = openReopenRequest(tx, assignmentId);
    if (open) {
      throw invalidState(
        `You have already asked the grants officer to reopen these scores, on ${formatDateTime(open.requestedAt)}. They will reopen them or tell you why not.`,
      );
    }
    const requestId = insertReopenRequest(tx, {
      assignmentId,
      bidId: bid.id,
      requestedBy: actor.id,
      reason,
      requestedAt: ctx.clock.now().toISOString(),
    });
    ctx.audit(tx, {
      action: 'assessment.reopen_requested',
      entityType: 'bid',
      entityId: bid.id,
      after: { assignmentId, requestId },
      reason,
    });
    for (const officer of officersApartFrom(tx, bid.organisationId)) {
      ctx.mail(
        tx,
        mailTemplates.reopenRequested(officer, {
          assessorName: actor.name,
          reference: bid.reference,
          title: bid.title,
          reason,
          link: `${ctx.publicUrl}/funds/${bid.fundId}/assessment`,
        }),
      );
    }
    return requestId;
  });
  return found(reopenRequestById(ctx.db, id), 'request');
}

/**
 * An officer answers an assessor's request: reopens the scores (recorded with the assessor's
 * reason) or declines, saying why. Either way the assessor is told.
 */
export function answerReopenRequest(
  ctx: ServiceContext,
  requestId: string,
  answer: ReopenAnswerBody,
): ReopenRequest {
  const actor = requireActor(ctx.actor);
  unitOfWork(ctx.db, (tx) => {
    const request = reopenRequestById(tx, requestId);
    if (!request) throw notFound();
    const { row, bid } = managedAssignment(tx, actor, request.assignmentId);
    if (request.status !== 'open') {
      throw invalidState(
        `This request has already been answered: ${request.status === 'reopened' ? 'the scores were reopened' : 'it was declined'}`,
      );
    }
    if (answer.decision === 'reopen') {
      reopenWithin(ctx, tx, actor, row, bid, request.reason, request.id);
      return;
    }
    closeReopenRequest(tx, row.id, {
      status: 'declined',
      answeredBy: actor.id,
      answeredAt: ctx.clock.now().toISOString(),
      answer: answer.reason,
    });
    ctx.audit(tx, {
      action: 'assessment.reopen_declined',
      entityType: 'bid',
      entityId: bid.id,
      after: { assignmentId: row.id, requestId },
      reason: answer.reason,
    });
    const assessor = personContact(tx, row.assessorId);
    if (assessor) {
      ctx.mail(
        tx,
        mailTemplates.reopenAnswered(assessor, {
          reference: bid.reference,
          title: bid.title,
          reopened: false,
          officerName: actor.name,
          reason: answer.reason,
          link: `${ctx.publicUrl}/assess/${row.id}`,
        }),
      );
    }
  });
  return found(reopenRequestById(ctx.db, requestId), 'request');
}

// ─── The officer's view of a fund's assessment ──────────────────────────────────────────────

/** Who may assess a fund (officers). */
export function assessorsOf(ctx: ServiceContext, fundId: string) {
  requireActor(ctx.actor);
  authorize(ctx.actor, { action: 'assessment.manage', fund: fundOr404(ctx.db, fundId) });
  return fundAssessors(ctx.db, fundId);
}

/** Bids to assess, who is assigned, who may be, and each assessor's load. */
export function assessmentOverview(ctx: ServiceContext, fundId: string): AssessmentOverview {
  const fund = fundOr404(ctx.db, fundId);
  authorize(ctx.actor, { action: 'assessment.manage', fund });
  // The whole fund in a fixed number of queries, grouped here by bid and assessor (decision 0021).
  const candidates = bidsOfFundWithGroup(ctx.db, fundId, ['eligible', 'in_assessment', 'scored']);
  const pool = fundAssessors(ctx.db, fundId);
  const conflictsOf = groupConflictsInFund(ctx.db, fundId);
  const assignable = assignableOfFund(ctx.db, fundId, pool);
  // Assignments closed when a bid went back to its group belong to a round of assessment that is over.
  const all = listAssignments(ctx.db, { fundId }, true).filter((a) => a.status !== 'closed');
  const byBid = groupBy(all, (a) => a.bidId);
  const byAssessor = groupBy(all, (a) => a.assessorId);
  const today = londonToday(ctx.clock.now());
  const caseOfBid = (bid: { organisationId: string }) =>
    caseRefOf(fundId, {
      organisationId: bid.organisationId,
      conflicts: conflictsOf.get(bid.organisationId) ?? [],
    });
  return {
    minAssessors: fund.minAssessors,
    // Only requests on bids the reader may work on: a conflicted officer does not read them.
    reopenRequests: openReopenRequestsOfFund(ctx.db, fundId).filter((request) => {
      const candidate = candidates.find((c) => c.bid.id === request.bidId);
      return (
        candidate !== undefined &&
        can(ctx.actor, { action: 'assessment.manage', bid: caseOfBid(candidate.bid) })
      );
    }),
    // Said, not left to be noticed: too few people may assess the fund for every bid to reach its minimum.
    shortOfAssessors: Math.max(0, fund.minAssessors - pool.length),
    bids: candidates.map(({ bid, organisationName }) => {
      const eligibleAssessorIds = assignable(bid);
      const assigned = byBid.get(bid.id) ?? [];
      return {
        bidId: bid.id,
        reference: bid.reference,
        title: bid.title,
        organisationId: bid.organisationId,
        organisationName,
        status: bid.status,
        conflicts: conflictsOf.get(bid.organisationId) ?? [],
        assignments: assigned,
        eligibleAssessorIds,
        mostAssessors: assigned.filter((a) => LIVE.includes(a.status)).length + eligibleAssessorIds.length,
      };
    }),
    assessors: pool.map((assessor) => {
      const mine = byAssessor.get(assessor.id) ?? [];
      return {
        assessorId: assessor.id,
        name: assessor.name,
        assigned: mine.filter((a) => a.status !== 'removed').length,
        awaitingDeclaration: mine.filter((a) => a.status === 'awaiting_declaration').length,
        scoring: mine.filter((a) => a.status === 'scoring').length,
        submitted: mine.filter((a) => a.status === 'submitted').length,
        conflicts: mine.filter((a) => a.status === 'conflict').length,
        behind: mine.filter((a) => isBehindDeadline(a, today)).length,
      };
    }),
  };
}

/** Items in lists by a key, each list in the order given. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
