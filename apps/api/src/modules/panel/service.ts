import { Readable } from 'node:stream';
import {
  awardRefusal,
  type BidResult,
  can,
  criterionResults,
  type DecisionInput,
  type PanelCheck,
  pence,
} from '@cf/shared';
import type { Queryable } from '../../db/client.js';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { Actor, ServiceContext } from '../../lib/context.js';
import { csvChunks } from '../../lib/csv.js';
import { badRequest, conflict, notFound, withFieldPrefix } from '../../lib/errors.js';
import { authorize, requireActor } from '../access/policy.js';
import { conflictCountsOfFund, scoreSetsOfFund } from '../assessment/repository.js';
import { type BidRow, getBidRow, groupConflictsInFund, organisationName } from '../bids/repository.js';
import {
  bidLink,
  bidPlace,
  bidPlacesOfFund,
  bidToWorkOn,
  caseOf,
  caseWith,
  moveBid,
} from '../bids/service.js';
import { criteriaOf } from '../funds/repository.js';
import { fundOr404 } from '../funds/service.js';
import { grantFromAward, potTotalsOf } from '../grants/service.js';
import { mailTemplates } from '../mail/templates.js';
import { groupRecipients, mailGroup } from '../organisations/service.js';
import {
  bidsWithGroup,
  insertAward,
  insertDecision,
  insertModerationNote,
  insertPanel,
  latestDecisionsOfFund,
  moderationNotesOfFund,
  priorityNames,
  wardNameMap,
} from './repository.js';
import { byRank, decisionRows, meanScore, scoreMatrixRows } from './rules.js';

/** Bids the panel looks at: in assessment, scored, deferred, and those already decided. */
const RESULT_STATUSES = ['in_assessment', 'scored', 'deferred', 'awarded', 'rejected'] as const;

/**
 * The fund's results as the reader may see them: for a bid of the reader's own group, or of a group
 * they declared a conflict with, the scores, comments and moderation notes are withheld.
 */
function results(q: Queryable, reader: Actor | null, fundId: string, bidIds?: string[]): BidResult[] {
  const fund = fundOr404(q, fundId);
  const criteria = criteriaOf(q, fundId);
  const priorities = priorityNames(q);
  const wards = wardNameMap(q);
  // Every figure below is read for the whole fund in one or two grouped queries, each through an
  // index, never a few queries per bid: the page costs in proportion to its bids (decision 0021).
  const conflictsOf = groupConflictsInFund(q, fundId, bidIds);
  const setsOf = scoreSetsOfFund(q, fundId, criteria, bidIds);
  const placeOf = bidPlacesOfFund(q, fundId, bidIds);
  const decisionOf = latestDecisionsOfFund(q, fundId, bidIds);
  const notesOf = moderationNotesOfFund(q, fundId, bidIds);
  const conflictCounts = conflictCountsOfFund(q, fundId, bidIds);
  return bidsWithGroup(q, fundId, RESULT_STATUSES, bidIds)
    .map(({ bid, organisationName }) => {
      const conflicts = conflictsOf.get(bid.organisationId) ?? [];
      const withheld = !can(reader, { action: 'results.read', bid: caseWith(bid, conflicts) });
      // The sets that count, and beside them those withdrawn by a late conflict (shown, never counted).
      const found = setsOf.get(bid.id);
      const sets = withheld || !found ? [] : [...found.live, ...found.withdrawn];
      const complete = sets.filter((s) => s.status === 'submitted');
      const { criteria: perCriterion, moderationFlag } = criterionResults(
        criteria,
        complete,
        fund.moderationThreshold,
      );
      const place = placeOf(bid.id);
      const decision = decisionOf.get(bid.id);
      return {
        bidId: bid.id,
        reference: bid.reference,
        title: bid.title,
        organisationId: bid.organisationId,
        organisationName,
        status: bid.status,
        amountRequestedPence: pence(bid.amountRequestedPence),
        mainPriorityId: place.mainPriorityId,
        mainPriority: place.mainPriorityId ? (priorities.get(place.mainPriorityId) ?? null) : null,
        wardIds: place.wardIds,
        wards: place.wardIds.map((id) => wards.get(id) ?? ''),
        completeSets: complete.length,
        meanScore: meanScore(complete.map((s) => s.total)),
        criteria: perCriterion,
        moderationFlag,
        moderationNotes: withheld ? [] : (notesOf.get(bid.id) ?? []),
        conflictsDeclared: conflictCounts.get(bid.id) ?? 0,
        conflicts,
        withheld,
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
    })
    .sort(byRank);
}

/** Scored bids ranked by mean weighted score, with spread, moderation flags and decisions (officers). */
export function fundResults(ctx: ServiceContext, fundId: string): BidResult[] {
  authorize(ctx.actor, { action: 'results.read', fund: fundOr404(ctx.db, fundId) });
  return results(ctx.db, ctx.actor, fundId);
}

/** The score matrix or the decisions as CSV, for the panel papers. */
export function resultsCsv(
  ctx: ServiceContext,
  fundId: string,
  kind: 'scores' | 'decisions',
): { filename: string; stream: Readable } {
  const fund = fundOr404(ctx.db, fundId);
  authorize(ctx.actor, { action: 'results.read', fund });
  const ranked = results(ctx.db, ctx.actor, fund.id);
  const rows = kind === 'scores' ? scoreMatrixRows(ranked) : decisionRows(ranked);
  // Read whole before the answer starts (a refusal or an error is still a proper error answer), then sent a piece at a time.
  return { filename: `${fund.code}-${kind}.csv`, stream: Readable.from(csvChunks(rows)) };
}

/** An officer records a moderation note on a bid. */
export function addModerationNote(ctx: ServiceContext, bidId: string, note: string): BidResult[] {
  const actor = requireActor(ctx.actor);
  const bid = unitOfWork(ctx.db, (tx) => {
    const row = bidToWorkOn(tx, actor, bidId, (ref) => ({ action: 'assessment.manage', bid: ref }));
    insertModerationNote(tx, { bidId, note, createdBy: actor.id, createdAt: ctx.clock.now().toISOString() });
    ctx.audit(tx, { action: 'assessment.moderation_note', entityType: 'bid', entityId: bidId, reason: note });
    return row;
  });
  return results(ctx.db, actor, bid.fundId, [bid.id]);
}

type Decision = DecisionInput & { bidId: string };

const MOVE_OF = { award: 'award', reject: 'reject', defer: 'defer' } as const;

/**
 * Records one panel decision inside the caller's unit of work. The pot is read and written in the
 * same transaction, so two decisions can never both spend the last pound. Field paths in errors
 * are the decision's own (`amountPence`); the caller puts them under the decision's place.
 */
function decideOne(
  ctx: ServiceContext,
  tx: Queryable,
  actor: Actor,
  decision: Decision,
  panelId: string,
  fundId: string,
): void {
  const bid = getBidRow(tx, decision.bidId);
  if (!bid || bid.fundId !== fundId) {
    throw badRequest('That bid is not in this fund', { bidId: 'Choose a bid from this fund' });
  }
  authorize(actor, { action: 'panel.decide', bid: caseOf(tx, bid) });
  const decisionId = crypto.randomUUID();
  const amount = decision.outcome === 'award' ? decision.amountPence : null;
  const reason = decision.outcome === 'reject' ? decision.feedback : (decision.reason ?? null);
  // Checked first: a bid already decided, or not yet scored, is refused naming where it stands.
  moveBid(ctx, tx, bid, MOVE_OF[decision.outcome], {
    reason,
    refusalPrefix: bid.reference ? `${bid.reference}: ` : '',
    after: { amountPence: amount, decisionId, panelId },
  });
  if (amount !== null) {
    const fund = fundOr404(tx, bid.fundId);
    // Spends from the pot: a second database must lock the fund row here (see unitOfWork).
    const refusal = awardRefusal({
      amountPence: amount,
      requestedPence: bid.amountRequestedPence,
      capPence: fund.capPence,
      availablePence: potTotalsOf(tx, fund.id).availablePence,
      reason,
      reference: bid.reference,
    });
    if (refusal) {
      const fields = { [refusal.field]: refusal.fieldMessage };
      throw refusal.rule === 'overdraws'
        ? conflict(refusal.message, fields)
        : badRequest(refusal.message, fields);
    }
  }
  const decidedAt = ctx.clock.now().toISOString();
  insertDecision(tx, {
    id: decisionId,
    bidId: bid.id,
    fundId: bid.fundId,
    panelId,
    outcome: decision.outcome,
    amountPence: amount,
    reason,
    decidedBy: actor.id,
    decidedAt,
  });
  if (amount !== null) {
    const awardId = insertAward(tx, {
      bidId: bid.id,
      fundId: bid.fundId,
      decisionId,
      amountPence: amount,
      awardedAt: decidedAt,
    });
    grantFromAward(ctx, tx, {
      awardId,
      bidId: bid.id,
      fundId: bid.fundId,
      organisationId: bid.organisationId,
      amountPence: amount,
      ...bidPlace(tx, bid.id),
    });
  }
  notifyGroup(ctx, tx, bid, decision, amount, reason);
}

function notifyGroup(
  ctx: ServiceContext,
  tx: Queryable,
  bid: BidRow,
  decision: Decision,
  amount: number | null,
  reason: string | null,
): void {
  const about = { reference: bid.reference, title: bid.title, link: bidLink(ctx, bid.id) };
  // A decision reaches the group's main contact as well as its members (who may be none).
  mailGroup(ctx, tx, bid.organisationId, (member) => {
    if (decision.outcome === 'award' && amount !== null) {
      return mailTemplates.bidAwarded(member, {
        ...about,
        amountPence: amount,
        requestedPence: bid.amountRequestedPence,
        reason,
      });
    }
    if (decision.outcome === 'reject')
      return mailTemplates.bidRejected(member, { ...about, feedback: reason ?? '' });
    return mailTemplates.bidDeferred(member, { ...about, reason });
  });
}

type PanelInput = { fundId: string; panelDate: string; minutes?: string | undefined; decisions: Decision[] };

/**
 * Records a panel's decisions inside the caller's unit of work, all or nothing: one refused
 * decision refuses the batch (its field paths name the decision: `decisions.2.amountPence`).
 */
function recordDecisions(ctx: ServiceContext, tx: Queryable, actor: Actor, input: PanelInput): void {
  const fund = fundOr404(tx, input.fundId);
  authorize(actor, { action: 'panel.decide', fund });
  const seen = new Set<string>();
  input.decisions.forEach((d, index) => {
    if (seen.has(d.bidId)) {
      throw badRequest('Each bid can be decided once', {
        [`decisions.${index}.bidId`]: 'This bid is in the list twice',
      });
    }
    seen.add(d.bidId);
  });
  const panelId = insertPanel(tx, {
    fundId: fund.id,
    panelDate: input.panelDate,
    minutes: input.minutes || null,
    createdBy: actor.id,
  });
  ctx.audit(tx, {
    action: 'panel.held',
    entityType: 'fund',
    entityId: fund.id,
    after: { panelId, panelDate: input.panelDate, decisions: input.decisions.length },
  });
  const single = input.decisions.length === 1;
  input.decisions.forEach((decision, index) => {
    try {
      decideOne(ctx, tx, actor, decision, panelId, fund.id);
    } catch (error) {
      throw withFieldPrefix(error, single ? '' : `decisions.${index}.`);
    }
  });
}

/**
 * A panel's decisions as one batch, with the date and minutes: all or nothing, so one refused
 * decision refuses the batch (its field paths name the decision: `decisions.2.amountPence`).
 */
export function decide(ctx: ServiceContext, input: PanelInput): BidResult[] {
  const actor = requireActor(ctx.actor);
  unitOfWork(ctx.db, (tx) => recordDecisions(ctx, tx, actor, input));
  return results(
    ctx.db,
    actor,
    input.fundId,
    input.decisions.map((d) => d.bidId),
  );
}

/** Thrown to roll a check's unit of work back, carrying what the check found. */
class CheckedOnly extends Error {
  constructor(readonly check: PanelCheck) {
    super('A check records nothing');
  }
}

/**
 * What a panel's decisions would do, before anything is recorded or anyone emailed: the batch is
 * recorded exactly as `decide` records it, in a unit of work that is then rolled back, so it is
 * refused for the same reasons with the same fields, and says who each group's email would reach
 * and what the pot would be left with. Nothing is written, audited or emailed.
 */
export function checkDecisions(ctx: ServiceContext, input: PanelInput): PanelCheck {
  const actor = requireActor(ctx.actor);
  // The emails the decisions would send stay here; the unit of work's rollback takes the rest.
  const quiet: ServiceContext = { ...ctx, mail: () => undefined };
  try {
    unitOfWork(ctx.db, (tx) => {
      const availablePence = potTotalsOf(tx, input.fundId).availablePence;
      recordDecisions(quiet, tx, actor, input);
      throw new CheckedOnly({
        decisions: input.decisions.map((decision) => {
          const bid = getBidRow(tx, decision.bidId);
          if (!bid) throw notFound('There is no such bid');
          const outcome = decision.outcome;
          return {
            bidId: bid.id,
            reference: bid.reference,
            title: bid.title,
            organisationName: organisationName(tx, bid.organisationId),
            outcome,
            amountRequestedPence: pence(bid.amountRequestedPence),
            amountPence: outcome === 'award' ? pence(decision.amountPence) : null,
            reason: (outcome === 'reject' ? decision.feedback : decision.reason) || null,
            emailTo: groupRecipients(tx, bid.organisationId),
          };
        }),
        availablePence: pence(availablePence),
        availableAfterPence: pence(potTotalsOf(tx, input.fundId).availablePence),
      });
    });
  } catch (error) {
    if (error instanceof CheckedOnly) return error.check;
    throw error;
  }
  throw new Error('A check of panel decisions came back without an answer');
}

/** One decision on one bid, outside a batch (its own panel record, dated). */
export function decideBid(
  ctx: ServiceContext,
  bidId: string,
  input: { panelDate: string; decision: DecisionInput },
): BidResult[] {
  const actor = requireActor(ctx.actor);
  // Refuse people who may not decide before looking the bid up, so they learn nothing about it.
  authorize(actor, { action: 'panel.decide' });
  const bid = getBidRow(ctx.db, bidId);
  if (!bid) throw notFound('There is no such bid');
  return decide(ctx, {
    fundId: bid.fundId,
    panelDate: input.panelDate,
    decisions: [{ ...input.decision, bidId }],
  });
}
