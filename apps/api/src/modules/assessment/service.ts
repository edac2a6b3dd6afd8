import {
  type AssessmentOverview,
  BID_MOVE_AUDIT,
  can,
  type DeclarationBody,
  hasRole,
  isMember,
  nextBidStatus,
  type ScoreSetBody,
  type ScreeningBody,
  transitionRefusal,
} from '@cf/shared';
import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Queryable } from '../../db/client.js';
import {
  assessorConflicts,
  assignments,
  bids,
  funds,
  organisations,
  scoreSets,
  scores,
  screenings,
  userRoles,
  users,
} from '../../db/schema/index.js';
import { badRequest, conflict, forbidden, invalidState, notFound } from '../../lib/errors.js';
import { type Actor, authorize } from '../access/policy.js';
import { recordAudit } from '../audit/repository.js';
import { type BidRow, getBidRow, groupMembers } from '../bids/repository.js';
import { bidLink } from '../bids/service.js';
import { enqueueMail } from '../mail/repository.js';
import { assignmentBar, criteriaOf, fundAssessors, LIVE, listAssignments } from './repository.js';

type Tx = Queryable;

function bidOr404(q: Queryable, bidId: string): BidRow {
  const bid = getBidRow(q, bidId);
  if (!bid) throw notFound('There is no such bid');
  return bid;
}

function fundOf(q: Queryable, fundId: string) {
  const fund = q.select().from(funds).where(eq(funds.id, fundId)).get();
  if (!fund) throw notFound('There is no such fund');
  return fund;
}

function move(
  tx: Tx,
  request: FastifyRequest,
  bid: BidRow,
  action: Parameters<typeof nextBidStatus>[1],
  now: Date,
  reason?: string,
) {
  const next = nextBidStatus(bid.status, action);
  if (!next) throw invalidState(transitionRefusal(bid.status, action));
  tx.update(bids).set({ status: next, updatedAt: now.toISOString() }).where(eq(bids.id, bid.id)).run();
  request.audit(tx, {
    action: BID_MOVE_AUDIT[action],
    entityType: 'bid',
    entityId: bid.id,
    before: { status: bid.status },
    after: { status: next },
    reason: reason ?? null,
  });
  return next;
}

// ─── Screening ──────────────────────────────────────────────────────────────────────────────

export function screenBid(
  app: FastifyInstance,
  request: FastifyRequest,
  actor: Actor,
  bidId: string,
  body: ScreeningBody,
): void {
  const now = app.clock.now();
  app.db.transaction(
    (tx) => {
      const bid = bidOr404(tx, bidId);
      authorize(actor, { action: 'bid.screen', bid }, { hide: !can(actor, { action: 'bid.read', bid }) });
      const action = body.decision === 'eligible' ? 'mark_eligible' : 'mark_ineligible';
      const reason = body.decision === 'ineligible' ? body.reason : undefined;
      move(tx, request, bid, action, now, reason);
      tx.insert(screenings)
        .values({
          bidId,
          decision: body.decision,
          documentsValid: body.checks.documentsValid,
          groupVerified: body.checks.groupVerified,
          reason: reason ?? null,
          screenedBy: actor.id,
          screenedAt: now.toISOString(),
        })
        .run();
      if (body.decision === 'ineligible') {
        emailGroupMembers(tx, bid, now, {
          kind: 'bid_ineligible',
          subject: `Your bid ${bid.reference ?? ''} cannot go forward`,
          body: [
            `We have checked your bid “${bid.title ?? 'your project'}” and, unfortunately, it is not eligible for this fund.`,
            '',
            'The reason:',
            reason ?? '',
            '',
            'If you have questions, or would like help with a future bid, email communitiesfund@peterborough.gov.uk or call 01733 747474.',
          ],
          link: bidLink(app, bid.id),
        });
      }
    },
    { behavior: 'immediate' },
  );
}

export function emailGroupMembers(
  tx: Tx,
  bid: BidRow,
  now: Date,
  message: { kind: string; subject: string; body: string[]; link: string },
): void {
  for (const member of groupMembers(tx, bid.organisationId)) {
    enqueueMail(
      tx,
      {
        to: member.email,
        kind: message.kind,
        subject: message.subject.replace(/\s+/g, ' ').trim(),
        body: [
          `Dear ${member.name},`,
          '',
          ...message.body,
          '',
          `See your bid: ${message.link}`,
          '',
          'Communities Fund team, Peterborough City Council',
        ].join('\n'),
      },
      now,
    );
  }
}

// ─── Assignment ─────────────────────────────────────────────────────────────────────────────

function assignOne(
  tx: Tx,
  app: FastifyInstance,
  request: FastifyRequest,
  actor: Actor,
  bid: BidRow,
  assessorId: string,
  now: Date,
): void {
  const bar = assignmentBar(tx, bid, assessorId);
  if (bar) throw conflict(bar, { assessorId: bar });
  tx.insert(assignments)
    .values({ bidId: bid.id, assessorId, assignedBy: actor.id, assignedAt: now.toISOString() })
    .run();
  request.audit(tx, {
    action: 'assessment.assigned',
    entityType: 'bid',
    entityId: bid.id,
    after: { assessorId },
  });
  if (bid.status === 'eligible') move(tx, request, { ...bid }, 'start_assessment', now);
  const assessor = tx
    .select({ email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, assessorId))
    .get();
  if (assessor) {
    const base = app.config.PUBLIC_URL ?? `http://localhost:${app.config.PORT}`;
    enqueueMail(
      tx,
      {
        to: assessor.email,
        kind: 'assessment_assigned',
        subject: `A bid to assess: ${bid.reference ?? bid.title ?? ''}`.trim(),
        body: [
          `Dear ${assessor.name},`,
          '',
          `You have been asked to assess the bid ${bid.reference ?? ''} “${bid.title ?? ''}”.`,
          '',
          'First tell us whether you have any conflict of interest with the group. Then you can read the bid and score it.',
          '',
          `Your bids to assess: ${base}/assess`,
        ].join('\n'),
      },
      now,
    );
  }
}

export function assign(
  app: FastifyInstance,
  request: FastifyRequest,
  actor: Actor,
  bidId: string,
  assessorId: string,
): void {
  const now = app.clock.now();
  app.db.transaction(
    (tx) => {
      const bid = bidOr404(tx, bidId);
      authorize(actor, { action: 'assessment.manage', fund: fundOf(tx, bid.fundId) });
      if (bid.status !== 'eligible' && bid.status !== 'in_assessment') {
        throw invalidState(
          `Only eligible bids can be given to assessors; ${transitionRefusal(bid.status, 'start_assessment').replace('This bid', 'this bid')}`,
        );
      }
      assignOne(tx, app, request, actor, bid, assessorId, now);
    },
    { behavior: 'immediate' },
  );
}

/** Gives every eligible or in-assessment bid of a fund up to `perBid` live assessors, balancing the load. */
export function autoAssign(
  app: FastifyInstance,
  request: FastifyRequest,
  actor: Actor,
  fundId: string,
  perBid: number,
) {
  const now = app.clock.now();
  return app.db.transaction(
    (tx) => {
      const fund = fundOf(tx, fundId);
      authorize(actor, { action: 'assessment.manage', fund });
      const pool = fundAssessors(tx, fundId);
      const load = new Map(pool.map((a) => [a.id, 0]));
      for (const a of listAssignments(tx, { fundId, statuses: ['awaiting_declaration', 'scoring'] }, false)) {
        load.set(a.assessorId, (load.get(a.assessorId) ?? 0) + 1);
      }
      const candidates = tx
        .select()
        .from(bids)
        .where(and(eq(bids.fundId, fundId), inArray(bids.status, ['eligible', 'in_assessment'])))
        .all()
        .sort((a, b) => (a.reference ?? '').localeCompare(b.reference ?? ''));
      // Plan first, then assign. The bids fewest assessors may take (say, because one is a member of
      // the group) are planned first, so the assessors who can take any bid are not used up first.
      const loadOf = (id: string) => load.get(id) ?? 0;
      const byName = new Map(pool.map((a) => [a.id, a.name]));
      const plans = candidates.map((bid) => ({
        bid,
        needed: perBid - listAssignments(tx, { bidIds: [bid.id], statuses: LIVE }, false).length,
        allowed: pool.filter((a) => assignmentBar(tx, bid, a.id) === null).map((a) => a.id),
        chosen: [] as string[],
      }));
      const mostConstrained = [...plans].sort(
        (a, b) =>
          a.allowed.length - b.allowed.length || (a.bid.reference ?? '').localeCompare(b.bid.reference ?? ''),
      );
      for (const plan of mostConstrained) {
        const ordered = [...plan.allowed].sort(
          (a, b) => loadOf(a) - loadOf(b) || (byName.get(a) ?? '').localeCompare(byName.get(b) ?? ''),
        );
        for (const assessorId of ordered.slice(0, Math.max(0, plan.needed))) {
          plan.chosen.push(assessorId);
          load.set(assessorId, loadOf(assessorId) + 1);
        }
      }
      // Then even the load out: move a planned bid from a busier assessor to one with at least two
      // fewer who may take it, until no such move is left (each move narrows the spread).
      for (let moved = true; moved; ) {
        moved = false;
        for (const plan of plans) {
          const busiest = [...plan.chosen].sort((a, b) => loadOf(b) - loadOf(a))[0];
          const idlest = plan.allowed
            .filter((id) => !plan.chosen.includes(id))
            .sort((a, b) => loadOf(a) - loadOf(b))[0];
          if (busiest === undefined || idlest === undefined || loadOf(busiest) - loadOf(idlest) < 2) continue;
          plan.chosen[plan.chosen.indexOf(busiest)] = idlest;
          load.set(busiest, loadOf(busiest) - 1);
          load.set(idlest, loadOf(idlest) + 1);
          moved = true;
        }
      }
      let made = 0;
      const short: string[] = [];
      for (const plan of plans) {
        let bid = plan.bid;
        for (const assessorId of plan.chosen) {
          assignOne(tx, app, request, actor, bid, assessorId, now);
          bid = getBidRow(tx, bid.id) ?? bid;
          made++;
        }
        if (plan.chosen.length < plan.needed) short.push(bid.reference ?? bid.id);
      }
      return { assigned: made, short };
    },
    { behavior: 'immediate' },
  );
}

export function unassign(
  app: FastifyInstance,
  request: FastifyRequest,
  actor: Actor,
  assignmentId: string,
): void {
  const now = app.clock.now();
  app.db.transaction(
    (tx) => {
      const row = tx.select().from(assignments).where(eq(assignments.id, assignmentId)).get();
      if (!row) throw notFound('There is no such assignment');
      const bid = bidOr404(tx, row.bidId);
      authorize(actor, { action: 'assessment.manage', fund: fundOf(tx, bid.fundId) });
      if (row.status === 'submitted')
        throw invalidState('This assessor has already submitted scores. Reopen them instead.');
      if (row.status === 'removed' || row.status === 'conflict')
        throw invalidState('This assessor is no longer on the bid');
      tx.update(assignments).set({ status: 'removed' }).where(eq(assignments.id, assignmentId)).run();
      request.audit(tx, {
        action: 'assessment.unassigned',
        entityType: 'bid',
        entityId: bid.id,
        before: { assessorId: row.assessorId },
      });
      completeScoringIfDone(tx, request, bid.id, now);
    },
    { behavior: 'immediate' },
  );
}

// ─── Conflicts ──────────────────────────────────────────────────────────────────────────────

function ownAssignment(tx: Tx, actor: Actor, assignmentId: string) {
  const row = tx.select().from(assignments).where(eq(assignments.id, assignmentId)).get();
  // Someone else's assignment does not exist, as far as you are concerned.
  if (!row || !can(actor, { action: 'assessment.act', assignment: row })) {
    if (row) authorize(actor, { action: 'assessment.act', assignment: row }, { hide: true });
    throw notFound('There is no such assignment');
  }
  const bid = bidOr404(tx, row.bidId);
  // An assessor whose role for the fund has been taken away stops assessing at once.
  if (!hasRole(actor, 'assessor', bid.fundId)) {
    throw forbidden('You are no longer an assessor for this fund');
  }
  // Nobody assesses their own group's bid (PRODUCT.md section 4, rule 5), even one they joined after being assigned it.
  if (isMember(actor, bid.organisationId)) {
    throw forbidden('You are a member of the group that made this bid, so you cannot assess it');
  }
  return row;
}

export function declare(
  app: FastifyInstance,
  request: FastifyRequest,
  actor: Actor,
  assignmentId: string,
  body: DeclarationBody,
): void {
  const now = app.clock.now();
  app.db.transaction(
    (tx) => {
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
        tx.update(assignments)
          .set({ status: 'scoring', declaredAt: now.toISOString() })
          .where(eq(assignments.id, assignmentId))
          .run();
        request.audit(tx, { action: 'assessment.no_conflict_declared', entityType: 'bid', entityId: bid.id });
        return;
      }
      tx.update(assignments)
        .set({ status: 'conflict', declaredAt: now.toISOString(), conflictNature: body.nature })
        .where(eq(assignments.id, assignmentId))
        .run();
      tx.insert(assessorConflicts)
        .values({
          assessorId: actor.id,
          organisationId: bid.organisationId,
          nature: body.nature,
          declaredAt: now.toISOString(),
          bidId: bid.id,
        })
        .onConflictDoNothing()
        .run();
      request.audit(tx, {
        action: 'assessment.conflict_declared',
        entityType: 'bid',
        entityId: bid.id,
        after: { assessorId: actor.id },
        reason: body.nature,
      });
      // The conflict is with the group (PRODUCT.md section 4, rule 5): it also takes the assessor off
      // any other of the group's bids they have not yet submitted scores for.
      const alsoOff = tx
        .select({ id: assignments.id, bidId: assignments.bidId, reference: bids.reference })
        .from(assignments)
        .innerJoin(bids, eq(bids.id, assignments.bidId))
        .where(
          and(
            eq(assignments.assessorId, actor.id),
            eq(bids.organisationId, bid.organisationId),
            inArray(assignments.status, ['awaiting_declaration', 'scoring']),
          ),
        )
        .all();
      for (const other of alsoOff) {
        tx.update(assignments)
          .set({ status: 'conflict', declaredAt: now.toISOString(), conflictNature: body.nature })
          .where(eq(assignments.id, other.id))
          .run();
        request.audit(tx, {
          action: 'assessment.conflict_declared',
          entityType: 'bid',
          entityId: other.bidId,
          after: { assessorId: actor.id, declaredOn: bid.id },
          reason: body.nature,
        });
      }
      // Tell the grants officers, so they can reassign the bid.
      const officers = tx
        .select({ email: users.email, name: users.name })
        .from(userRoles)
        .innerJoin(users, eq(users.id, userRoles.userId))
        .where(and(eq(userRoles.role, 'officer'), eq(users.status, 'active')))
        .all();
      const base = app.config.PUBLIC_URL ?? `http://localhost:${app.config.PORT}`;
      for (const officer of officers) {
        enqueueMail(
          tx,
          {
            to: officer.email,
            kind: 'conflict_declared',
            subject: `Conflict of interest declared on ${bid.reference ?? 'a bid'}: reassign it`,
            body: [
              `Dear ${officer.name},`,
              '',
              `${actor.name} has declared a conflict of interest with the bid ${bid.reference ?? ''} “${bid.title ?? ''}” and has been taken off it.`,
              ...(alsoOff.length > 0
                ? [
                    `The conflict is with the group, so they have also been taken off: ${alsoOff.map((o) => o.reference ?? o.bidId).join(', ')}.`,
                  ]
                : []),
              '',
              `Please assign another assessor: ${base}/funds/${bid.fundId}/assessment`,
            ].join('\n'),
          },
          now,
        );
      }
      completeScoringIfDone(tx, request, bid.id, now);
      for (const other of alsoOff) completeScoringIfDone(tx, request, other.bidId, now);
    },
    { behavior: 'immediate' },
  );
}

// ─── Scoring ────────────────────────────────────────────────────────────────────────────────

/** Moves a bid to "scored" once enough assessors have submitted and nobody is still scoring. */
export function completeScoringIfDone(tx: Tx, request: FastifyRequest, bidId: string, now: Date): void {
  const bid = getBidRow(tx, bidId);
  if (bid?.status !== 'in_assessment') return;
  const fund = fundOf(tx, bid.fundId);
  const live = tx
    .select({ status: assignments.status })
    .from(assignments)
    .where(and(eq(assignments.bidId, bidId), inArray(assignments.status, LIVE)))
    .all();
  const submitted = live.filter((a) => a.status === 'submitted').length;
  if (submitted < fund.minAssessors || submitted !== live.length) return;
  const next = nextBidStatus(bid.status, 'complete_scoring');
  if (!next) return;
  tx.update(bids).set({ status: next, updatedAt: now.toISOString() }).where(eq(bids.id, bid.id)).run();
  // The service moves the bid on by itself once the last scores are in: the system is the actor,
  // not whichever assessor happened to submit last.
  recordAudit(tx, {
    actorId: null,
    action: 'bid.complete_scoring',
    entityType: 'bid',
    entityId: bid.id,
    before: { status: bid.status },
    after: { status: next, scoreSets: submitted },
    at: now.toISOString(),
    ip: request.ip,
  });
}

export function saveScores(
  app: FastifyInstance,
  request: FastifyRequest,
  actor: Actor,
  assignmentId: string,
  body: ScoreSetBody,
) {
  const now = app.clock.now();
  return app.db.transaction(
    (tx) => {
      const row = ownAssignment(tx, actor, assignmentId);
      if (row.status === 'awaiting_declaration')
        throw invalidState('Tell us whether you have a conflict of interest before scoring');
      if (row.status === 'conflict' || row.status === 'removed') {
        throw forbidden('You are no longer assessing this bid');
      }
      if (row.status === 'submitted') {
        throw invalidState(
          'You have already submitted your scores. Ask the grants officer to reopen them if something needs changing.',
        );
      }
      const bid = bidOr404(tx, row.bidId);
      const criteria = criteriaOf(tx, bid.fundId);
      const existing = tx.select().from(scoreSets).where(eq(scoreSets.assignmentId, assignmentId)).get();
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
        criteria.forEach((criterion, index) => {
          const entry = body.scores.find((s) => s.criterionId === criterion.id);
          if (entry?.score === undefined) fields[`criteria.${index}.score`] = `Score “${criterion.title}”`;
          if (!entry?.comment) fields[`criteria.${index}.comment`] = `Add a comment on “${criterion.title}”`;
        });
        if (!body.recommendation) fields.recommendation = 'Choose your recommendation';
        if (Object.keys(fields).length > 0) {
          throw badRequest(
            'Score and comment on every criterion, and choose a recommendation, before you submit',
            fields,
          );
        }
      }
      const stamp = now.toISOString();
      let setId = existing?.id;
      if (!setId) {
        setId = tx
          .insert(scoreSets)
          .values({ assignmentId, bidId: bid.id, assessorId: actor.id, updatedAt: stamp, version: 0 })
          .returning({ id: scoreSets.id })
          .get().id;
      }
      for (const entry of body.scores) {
        tx.insert(scores)
          .values({
            scoreSetId: setId,
            criterionId: entry.criterionId,
            score: entry.score ?? null,
            comment: entry.comment || null,
          })
          .onConflictDoUpdate({
            target: [scores.scoreSetId, scores.criterionId],
            set: { score: entry.score ?? null, comment: entry.comment || null },
          })
          .run();
      }
      tx.update(scoreSets)
        .set({
          recommendation: body.recommendation ?? null,
          overallComment: body.overallComment || null,
          version: version + 1,
          updatedAt: stamp,
          status: body.submit ? 'submitted' : 'draft',
          submittedAt: body.submit ? stamp : null,
        })
        .where(eq(scoreSets.id, setId))
        .run();
      if (body.submit) {
        tx.update(assignments).set({ status: 'submitted' }).where(eq(assignments.id, assignmentId)).run();
        request.audit(tx, {
          action: 'assessment.scores_submitted',
          entityType: 'bid',
          entityId: bid.id,
          after: { assignmentId },
        });
        completeScoringIfDone(tx, request, bid.id, now);
      }
      return setId;
    },
    { behavior: 'immediate' },
  );
}

export function reopenScores(
  app: FastifyInstance,
  request: FastifyRequest,
  actor: Actor,
  assignmentId: string,
  reason: string,
): void {
  const now = app.clock.now();
  app.db.transaction(
    (tx) => {
      const row = tx.select().from(assignments).where(eq(assignments.id, assignmentId)).get();
      if (!row) throw notFound('There is no such assignment');
      const bid = bidOr404(tx, row.bidId);
      authorize(actor, { action: 'assessment.manage', fund: fundOf(tx, bid.fundId) });
      if (row.status !== 'submitted') throw invalidState('Only submitted scores can be reopened');
      if (bid.status !== 'in_assessment' && bid.status !== 'scored') {
        throw invalidState(transitionRefusal(bid.status, 'reopen_scoring'));
      }
      tx.update(assignments).set({ status: 'scoring' }).where(eq(assignments.id, assignmentId)).run();
      tx.update(scoreSets)
        .set({ status: 'draft', submittedAt: null, updatedAt: now.toISOString() })
        .where(eq(scoreSets.assignmentId, assignmentId))
        .run();
      request.audit(tx, {
        action: 'assessment.scores_reopened',
        entityType: 'bid',
        entityId: bid.id,
        after: { assignmentId },
        reason,
      });
      if (bid.status === 'scored') move(tx, request, bid, 'reopen_scoring', now, reason);
    },
    { behavior: 'immediate' },
  );
}

// ─── The officer's view of a fund's assessment ──────────────────────────────────────────────

export function assessmentOverview(q: Queryable, fundId: string): AssessmentOverview {
  const fund = fundOf(q, fundId);
  const candidates = q
    .select()
    .from(bids)
    .where(and(eq(bids.fundId, fundId), inArray(bids.status, ['eligible', 'in_assessment', 'scored'])))
    .all()
    .sort((a, b) => (a.reference ?? '').localeCompare(b.reference ?? ''));
  const pool = fundAssessors(q, fundId);
  const all = listAssignments(q, { fundId }, true);
  return {
    minAssessors: fund.minAssessors,
    bids: candidates.map((bid) => ({
      bidId: bid.id,
      reference: bid.reference,
      title: bid.title,
      organisationName: orgName(q, bid.organisationId),
      status: bid.status,
      assignments: all.filter((a) => a.bidId === bid.id),
      eligibleAssessorIds: pool.filter((a) => assignmentBar(q, bid, a.id) === null).map((a) => a.id),
    })),
    assessors: pool.map((assessor) => {
      const mine = all.filter((a) => a.assessorId === assessor.id);
      return {
        assessorId: assessor.id,
        name: assessor.name,
        assigned: mine.filter((a) => a.status !== 'removed').length,
        awaitingDeclaration: mine.filter((a) => a.status === 'awaiting_declaration').length,
        scoring: mine.filter((a) => a.status === 'scoring').length,
        submitted: mine.filter((a) => a.status === 'submitted').length,
        conflicts: mine.filter((a) => a.status === 'conflict').length,
      };
    }),
  };
}

function orgName(q: Queryable, organisationId: string): string {
  return (
    q
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, organisationId))
      .get()?.name ?? ''
  );
}
