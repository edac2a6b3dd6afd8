import {
  type BidResult,
  can,
  criterionResults,
  type DecisionInput,
  formatPence,
  nextBidStatus,
  pence,
  sectionSchema,
  transitionRefusal,
} from '@cf/shared';
import { and, asc, desc, eq, inArray, sql, sum } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Queryable } from '../../db/client.js';
import {
  assignments,
  awards,
  bidSections,
  bids,
  decisions,
  funds,
  moderationNotes,
  organisations,
  panels,
  priorities,
  scoreSets,
  users,
  wards,
} from '../../db/schema/index.js';
import { badRequest, conflict, invalidState, notFound } from '../../lib/errors.js';
import { type Actor, authorize } from '../access/policy.js';
import { criteriaOf, toScoreSet } from '../assessment/repository.js';
import { emailGroupMembers } from '../assessment/service.js';
import { type BidRow, getBidRow } from '../bids/repository.js';
import { bidLink } from '../bids/service.js';

/** Bids the panel looks at: in assessment, scored, deferred, and those already decided. */
export const RESULT_STATUSES = ['in_assessment', 'scored', 'deferred', 'awarded', 'rejected'] as const;

function sectionData(q: Queryable, bidId: string, section: 'priorities' | 'beneficiaries') {
  const row = q
    .select({ data: bidSections.data })
    .from(bidSections)
    .where(and(eq(bidSections.bidId, bidId), eq(bidSections.section, section)))
    .get();
  const parsed = sectionSchema(section).safeParse(row?.data);
  return parsed.success ? (parsed.data as Record<string, unknown>) : null;
}

/** The bid's main priority and wards, as its answers give them. */
export function bidPlace(q: Queryable, bidId: string): { mainPriorityId: string | null; wardIds: string[] } {
  const prio = sectionData(q, bidId, 'priorities');
  const who = sectionData(q, bidId, 'beneficiaries');
  return {
    mainPriorityId: typeof prio?.mainPriorityId === 'string' ? prio.mainPriorityId : null,
    wardIds: Array.isArray(who?.wardIds) ? (who.wardIds as string[]) : [],
  };
}

export function bidResults(q: Queryable, fundId: string, filter: { bidIds?: string[] } = {}): BidResult[] {
  const fund = q.select().from(funds).where(eq(funds.id, fundId)).get();
  if (!fund) throw notFound('There is no such fund');
  const criteria = criteriaOf(q, fundId);
  const rows = q
    .select({ bid: bids, organisationName: organisations.name })
    .from(bids)
    .innerJoin(organisations, eq(organisations.id, bids.organisationId))
    .where(
      and(
        eq(bids.fundId, fundId),
        inArray(bids.status, [...RESULT_STATUSES]),
        filter.bidIds ? inArray(bids.id, filter.bidIds) : undefined,
      ),
    )
    .all();
  const priorityNames = new Map(
    q
      .select()
      .from(priorities)
      .all()
      .map((p) => [p.id, p.name]),
  );
  const wardNames = new Map(
    q
      .select()
      .from(wards)
      .all()
      .map((w) => [w.id, w.name]),
  );
  const results = rows.map(({ bid, organisationName }) => {
    const sets = q
      .select({ set: scoreSets, assessorName: users.name })
      .from(scoreSets)
      .innerJoin(users, eq(users.id, scoreSets.assessorId))
      .innerJoin(assignments, eq(assignments.id, scoreSets.assignmentId))
      .where(and(eq(scoreSets.bidId, bid.id), inArray(assignments.status, ['scoring', 'submitted'])))
      .orderBy(asc(users.name))
      .all()
      .map(({ set, assessorName }) => toScoreSet(q, set, assessorName, criteria));
    const complete = sets.filter((s) => s.status === 'submitted');
    const { criteria: perCriterion, moderationFlag } = criterionResults(
      criteria,
      complete,
      fund.moderationThreshold,
    );
    const meanScore =
      complete.length === 0
        ? null
        : Math.round((complete.reduce((sum, s) => sum + s.total, 0) / complete.length) * 10) / 10;
    const place = bidPlace(q, bid.id);
    const notes = q
      .select({ note: moderationNotes.note, byName: users.name, at: moderationNotes.createdAt })
      .from(moderationNotes)
      .innerJoin(users, eq(users.id, moderationNotes.createdBy))
      .where(eq(moderationNotes.bidId, bid.id))
      .orderBy(asc(moderationNotes.createdAt))
      .all();
    const conflicts = q
      .select({ id: assignments.id })
      .from(assignments)
      .where(and(eq(assignments.bidId, bid.id), eq(assignments.status, 'conflict')))
      .all().length;
    const decision = q
      .select()
      .from(decisions)
      .where(eq(decisions.bidId, bid.id))
      // The newest decision; of two made at the same instant (a deferral, then the award), the later one.
      .orderBy(desc(decisions.decidedAt), desc(sql`rowid`))
      .limit(1)
      .get();
    return {
      bidId: bid.id,
      reference: bid.reference,
      title: bid.title,
      organisationName,
      status: bid.status,
      amountRequestedPence: pence(bid.amountRequestedPence),
      mainPriorityId: place.mainPriorityId,
      mainPriority: place.mainPriorityId ? (priorityNames.get(place.mainPriorityId) ?? null) : null,
      wardIds: place.wardIds,
      wards: place.wardIds.map((id) => wardNames.get(id) ?? ''),
      completeSets: complete.length,
      meanScore,
      criteria: perCriterion,
      moderationFlag,
      moderationNotes: notes,
      conflictsDeclared: conflicts,
      scoreSets: sets,
      decision: decision
        ? {
            outcome: decision.outcome,
            amountPence: decision.amountPence === null ? null : pence(decision.amountPence),
            reason: decision.reason,
            decidedAt: decision.decidedAt,
          }
        : null,
    };
  });
  // Ranked: highest mean score first; unscored last; ties by reference.
  return results.sort(
    (a, b) =>
      (b.meanScore ?? -1) - (a.meanScore ?? -1) || (a.reference ?? '').localeCompare(b.reference ?? ''),
  );
}

/** What the fund has committed: the sum of its awards (less money returned, once that exists). */
export function committedPence(q: Queryable, fundId: string): number {
  const row = q
    .select({ total: sum(awards.amountPence) })
    .from(awards)
    .where(eq(awards.fundId, fundId))
    .get();
  return Number(row?.total ?? 0);
}

type Decision = DecisionInput & { bidId: string };

/**
 * Records one panel decision inside the caller's immediate transaction. The pot is read and
 * written in the same transaction, so two decisions can never both spend the last pound.
 * Throws (rolling everything back) if the decision is not allowed.
 */
function decideOne(
  tx: Queryable,
  app: FastifyInstance,
  request: FastifyRequest,
  actor: Actor,
  decision: Decision,
  context: { fundId: string; panelId: string | null; now: Date; path: string },
): void {
  const bid = getBidRow(tx, decision.bidId);
  if (!bid || bid.fundId !== context.fundId) {
    throw badRequest('That bid is not in this fund', {
      [`${context.path}bidId`]: 'Choose a bid from this fund',
    });
  }
  authorize(actor, { action: 'panel.decide', fund: { id: bid.fundId, published: true }, bid });
  const action = decision.outcome === 'award' ? 'award' : decision.outcome === 'reject' ? 'reject' : 'defer';
  const next = nextBidStatus(bid.status, action);
  if (!next)
    throw invalidState(
      `${bid.reference ? `${bid.reference}: ` : ''}${transitionRefusal(bid.status, action)}`,
    );
  const stamp = context.now.toISOString();
  let amount: number | null = null;
  let reason: string | null = null;
  if (decision.outcome === 'award') {
    amount = decision.amountPence;
    const fund = tx.select().from(funds).where(eq(funds.id, bid.fundId)).get();
    if (!fund) throw notFound('There is no such fund');
    if (amount > bid.amountRequestedPence) {
      throw badRequest('The award is more than the group asked for', {
        [`${context.path}amountPence`]: `The award cannot be more than the ${formatPence(bid.amountRequestedPence)} asked for`,
      });
    }
    if (amount > fund.capPence) {
      throw badRequest('The award is more than the largest grant', {
        [`${context.path}amountPence`]: `The award cannot be more than the largest grant, ${formatPence(fund.capPence)}`,
      });
    }
    if (amount < bid.amountRequestedPence && !decision.reason) {
      throw badRequest('Give a reason for a partial award', {
        [`${context.path}reason`]: 'Say why the award is less than the amount asked for',
      });
    }
    const available = fund.potPence - committedPence(tx, fund.id);
    if (amount > available) {
      throw conflict(
        `This would overdraw the fund: only ${formatPence(available)} is still available${bid.reference ? ` for ${bid.reference}` : ''}`,
        { [`${context.path}amountPence`]: `Only ${formatPence(available)} is still available` },
      );
    }
    reason = decision.reason ?? null;
  } else if (decision.outcome === 'reject') {
    reason = decision.feedback;
  } else {
    reason = decision.reason ?? null;
  }

  const decisionId = tx
    .insert(decisions)
    .values({
      bidId: bid.id,
      fundId: bid.fundId,
      panelId: context.panelId,
      outcome: decision.outcome,
      amountPence: amount,
      reason,
      decidedBy: actor.id,
      decidedAt: stamp,
    })
    .returning({ id: decisions.id })
    .get().id;
  if (decision.outcome === 'award' && amount !== null) {
    tx.insert(awards)
      .values({ bidId: bid.id, fundId: bid.fundId, decisionId, amountPence: amount, awardedAt: stamp })
      .run();
  }
  tx.update(bids).set({ status: next, updatedAt: stamp }).where(eq(bids.id, bid.id)).run();
  request.audit(tx, {
    action: `bid.${action === 'defer' ? 'deferred' : action === 'award' ? 'awarded' : 'rejected'}`,
    entityType: 'bid',
    entityId: bid.id,
    before: { status: bid.status },
    after: { status: next, amountPence: amount, decisionId, panelId: context.panelId },
    reason,
  });
  notifyGroup(tx, app, bid, decision, amount, reason, context.now);
}

function notifyGroup(
  tx: Queryable,
  app: FastifyInstance,
  bid: BidRow,
  decision: Decision,
  amount: number | null,
  reason: string | null,
  now: Date,
): void {
  const title = `“${bid.title ?? 'your project'}”`;
  const link = bidLink(app, bid.id);
  if (decision.outcome === 'award' && amount !== null) {
    const partial = amount < bid.amountRequestedPence;
    emailGroupMembers(tx, bid, now, {
      kind: 'bid_awarded',
      subject: `Good news: your bid ${bid.reference ?? ''} has been awarded ${formatPence(amount)}`,
      body: [
        `The panel has awarded ${formatPence(amount)} to your bid ${title}.`,
        ...(partial
          ? [
              '',
              `This is less than the ${formatPence(bid.amountRequestedPence)} you asked for, because: ${reason ?? ''}`,
            ]
          : []),
        '',
        'Next, you will be asked to accept the grant offer. We will then pay the first part of the grant.',
      ],
      link,
    });
  } else if (decision.outcome === 'reject') {
    emailGroupMembers(tx, bid, now, {
      kind: 'bid_rejected',
      subject: `Your bid ${bid.reference ?? ''}: the panel’s decision`,
      body: [
        `Thank you for your bid ${title}. We are sorry to tell you that the panel has decided not to fund it.`,
        '',
        'The panel’s feedback:',
        reason ?? '',
        '',
        'The council’s free bid-writing support can help with future bids: email communitiesfund@peterborough.gov.uk.',
      ],
      link,
    });
  } else {
    emailGroupMembers(tx, bid, now, {
      kind: 'bid_deferred',
      subject: `Your bid ${bid.reference ?? ''} will go to a later panel`,
      body: [
        `The panel has not yet decided on your bid ${title}. It will be looked at again at a later panel.`,
        ...(reason ? ['', reason] : []),
      ],
      link,
    });
  }
}

export function decide(
  app: FastifyInstance,
  request: FastifyRequest,
  actor: Actor,
  input: { fundId: string; panelDate: string; minutes?: string | undefined; decisions: Decision[] },
): string {
  const now = app.clock.now();
  return app.db.transaction(
    (tx) => {
      const fund = tx.select().from(funds).where(eq(funds.id, input.fundId)).get();
      if (!fund) throw notFound('There is no such fund');
      if (!can(actor, { action: 'panel.decide', fund })) authorize(actor, { action: 'panel.decide', fund });
      const seen = new Set<string>();
      input.decisions.forEach((d, index) => {
        if (seen.has(d.bidId)) {
          throw badRequest('Each bid can be decided once', {
            [`decisions.${index}.bidId`]: 'This bid is in the list twice',
          });
        }
        seen.add(d.bidId);
      });
      const panelId = tx
        .insert(panels)
        .values({
          fundId: fund.id,
          panelDate: input.panelDate,
          minutes: input.minutes || null,
          createdBy: actor.id,
        })
        .returning({ id: panels.id })
        .get().id;
      request.audit(tx, {
        action: 'panel.held',
        entityType: 'fund',
        entityId: fund.id,
        after: { panelId, panelDate: input.panelDate, decisions: input.decisions.length },
      });
      input.decisions.forEach((decision, index) => {
        decideOne(tx, app, request, actor, decision, {
          fundId: fund.id,
          panelId,
          now,
          path: input.decisions.length === 1 && index === 0 ? '' : `decisions.${index}.`,
        });
      });
      return panelId;
    },
    { behavior: 'immediate' },
  );
}

export function addModerationNote(
  app: FastifyInstance,
  request: FastifyRequest,
  actor: Actor,
  bidId: string,
  note: string,
): void {
  app.db.transaction(
    (tx) => {
      const bid = getBidRow(tx, bidId);
      if (!bid) throw notFound('There is no such bid');
      const fund = tx.select().from(funds).where(eq(funds.id, bid.fundId)).get();
      if (!fund) throw notFound('There is no such fund');
      authorize(actor, { action: 'assessment.manage', fund });
      tx.insert(moderationNotes)
        .values({ bidId, note, createdBy: actor.id, createdAt: app.clock.now().toISOString() })
        .run();
      request.audit(tx, {
        action: 'assessment.moderation_note',
        entityType: 'bid',
        entityId: bidId,
        reason: note,
      });
    },
    { behavior: 'immediate' },
  );
}
