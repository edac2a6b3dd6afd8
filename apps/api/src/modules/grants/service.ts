import {
  type AcceptOfferBody,
  answerRefusal,
  type CaseRef,
  ConditionBody,
  can,
  type DeclineOfferBody,
  defaultOfferDeadline,
  defaultSchedule,
  type EndGrantBody,
  firstPaymentBlockers,
  formatDate,
  GRANT_MOVE_AUDIT,
  type GrantAction,
  type GrantDetail,
  type GrantList,
  type GrantListQuery,
  type GrantSummary,
  grantTransitionRefusal,
  isOfferOverdue,
  londonToday,
  nextGrantStatus,
  OfferChangeBody,
  type OutcomeTargets,
  offerChangeRefusal,
  offerState,
  type PotPosition,
  pageWindow,
  potPosition,
  REPORT_KIND_LABELS,
  type ReportDue,
  reportDueProblems,
  reportingSchedule,
  scheduleProblems,
} from '@cf/shared';
import type { z } from 'zod';
import type { Queryable } from '../../db/client.js';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { ServiceContext } from '../../lib/context.js';
import { badRequest, conflict, invalidState, notFound } from '../../lib/errors.js';
import { authorize, requireActor } from '../access/policy.js';
import { mailTemplates } from '../mail/templates.js';
import { mailGroup } from '../organisations/service.js';
import {
  bidAnswers,
  conditionsOf,
  conflictedWith,
  countGrants,
  fundLedger,
  fundPotSums,
  fundStandardConditions,
  type GrantFilter,
  type GrantRow,
  type GrantView,
  getGrantRow,
  getGrantView,
  insertGrant,
  insertMoneyReturn,
  insertReportsDue,
  instalmentsOf,
  listGrantViews,
  markConditionMet,
  replaceInstalments,
  replaceOwnConditions,
  reportsDueOf,
  writeGrantStatus,
  writeOffer,
  writeReportDue,
} from './repository.js';

/**
 * An award becomes a grant, offered to the group (PRODUCT.md section 3). Called inside the panel's
 * unit of work, with the award it follows from and where the bid counts in the budget.
 */
export function grantFromAward(
  ctx: ServiceContext,
  tx: Queryable,
  award: {
    awardId: string;
    bidId: string;
    fundId: string;
    organisationId: string;
    amountPence: number;
    mainPriorityId: string | null;
    wardIds: string[];
  },
): GrantRow {
  // The offer starts as a draft: the bid's summary as its purpose, the default schedule, the
  // fund's standard conditions (copied, so a later change of the fund's list changes no offer).
  const about = bidAnswers(tx, award.bidId, 'about');
  const purpose = String(about?.summary ?? about?.title ?? '').trim();
  const grant = insertGrant(tx, { ...award, purpose, at: ctx.clock.now().toISOString() });
  replaceInstalments(tx, grant.id, defaultSchedule(award.amountPence));
  replaceOwnConditions(tx, grant.id, fundStandardConditions(tx, award.fundId), { standard: true });
  // The reports the grant owes, from the project's delivery dates (decision 0024).
  const timetable = bidAnswers(tx, award.bidId, 'timetable');
  insertReportsDue(tx, grant.id, scheduleOf(award.amountPence, timetable), grant.createdAt);
  ctx.audit(tx, {
    action: 'grant.offered',
    entityType: 'grant',
    entityId: grant.id,
    after: {
      status: grant.status,
      bidId: award.bidId,
      awardId: award.awardId,
      amountPence: award.amountPence,
    },
  });
  return grant;
}

/** The reports an award asks for, from the bid's delivery dates (none when it has no dates). */
function scheduleOf(awardPence: number, timetable: Record<string, unknown> | null): ReportDue[] {
  return typeof timetable?.startDate === 'string' && typeof timetable?.endDate === 'string'
    ? reportingSchedule(awardPence, { startDate: timetable.startDate, endDate: timetable.endDate })
    : [];
}

/**
 * The one way a grant moves: checked against GRANT_TRANSITIONS, written, and recorded in the audit
 * trail with where it came from and why. Refused moves name the grant's current state (409).
 */
export function moveGrant(
  ctx: ServiceContext,
  tx: Queryable,
  grant: GrantRow,
  action: GrantAction,
  options: { reason?: string | null } = {},
): GrantRow {
  const next = nextGrantStatus(grant.status, action);
  if (!next) throw invalidState(grantTransitionRefusal(grant.status, action));
  const at = ctx.clock.now().toISOString();
  writeGrantStatus(tx, grant.id, next, at);
  ctx.audit(tx, {
    action: GRANT_MOVE_AUDIT[action],
    entityType: 'grant',
    entityId: grant.id,
    before: { status: grant.status },
    after: { status: next },
    reason: options.reason ?? null,
  });
  return { ...grant, status: next, updatedAt: at };
}

/**
 * Where a fund's pot stands now (packages/shared/src/pot.ts does the sums). Read it inside the
 * unit of work that spends from the pot, so nothing changes between the check and the write.
 */
export function potOf(
  q: Queryable,
  fundId: string,
  order: { priorityIds?: readonly string[]; wardIds?: readonly string[] } = {},
): PotPosition {
  const ledger = fundLedger(q, fundId);
  if (!ledger) throw notFound();
  return potPosition(ledger.potPence, ledger.awards, order);
}

/**
 * What a fund has committed (awards less money returned) and still has available: the pot position's
 * totals alone, from two indexed sums rather than every grant of the fund (issue 12). Read it inside
 * the unit of work that spends from the pot, as potOf.
 */
export function potTotalsOf(
  q: Queryable,
  fundId: string,
): { committedPence: number; availablePence: number } {
  const sums = fundPotSums(q, fundId);
  if (!sums) throw notFound();
  const committedPence = Number(sums.awardedPence) - Number(sums.returnedPence);
  return { committedPence, availablePence: sums.potPence - committedPence };
}

// ─── The offer (issue 10, decision 0022) ─────────────────────────────────────────────────────

function today(ctx: ServiceContext): string {
  return londonToday(ctx.clock.now());
}

function grantOr404(q: Queryable, grantId: string): GrantRow {
  const grant = getGrantRow(q, grantId);
  if (!grant) throw notFound();
  return grant;
}

/** The grant as the access policy weighs staff work on it: its group, fund and who is conflicted. */
function caseOfGrant(q: Queryable, grant: GrantRow): CaseRef {
  return {
    organisationId: grant.organisationId,
    fundId: grant.fundId,
    conflictedUserIds: conflictedWith(q, grant.organisationId),
  };
}

/** The grant, if the actor may read it; anyone else is answered as for a grant that does not exist. */
function readableGrant(ctx: ServiceContext, q: Queryable, grantId: string): GrantRow {
  const actor = requireActor(ctx.actor);
  const grant = grantOr404(q, grantId);
  authorize(actor, { action: 'grant.read', grant }, { hide: true });
  return grant;
}

/** The grant, for an officer's work on its offer: 404 to those who may not read it, 403 to other readers. */
function grantToWorkOn(ctx: ServiceContext, q: Queryable, grantId: string): GrantRow {
  const grant = readableGrant(ctx, q, grantId);
  authorize(ctx.actor, { action: 'grant.offer', grant: caseOfGrant(q, grant) });
  return grant;
}

/** The grant, for its group to answer the offer: 404 to outsiders, 403 to staff (they never answer for a group). */
function grantToAnswer(ctx: ServiceContext, q: Queryable, grantId: string): GrantRow {
  const grant = readableGrant(ctx, q, grantId);
  authorize(ctx.actor, { action: 'grant.accept', grant });
  return grant;
}

function toGrantSummary(view: GrantView, day: string): GrantSummary {
  const { grant } = view;
  return {
    id: grant.id,
    bidId: grant.bidId,
    reference: view.reference,
    title: view.title,
    fundId: grant.fundId,
    fundName: view.fundName,
    organisationId: grant.organisationId,
    organisationName: view.organisationName,
    awardPence: view.awardPence as GrantSummary['awardPence'],
    status: grant.status,
    offerState: offerState(grant),
    offerDeadline: grant.offerDeadline,
    overdue: isOfferOverdue(grant, day),
    createdAt: grant.createdAt,
  };
}

function outcomeTargets(q: Queryable, bidId: string): OutcomeTargets | null {
  const outcomes = bidAnswers(q, bidId, 'outcomes');
  if (!outcomes) return null;
  const n = (key: string) => (typeof outcomes[key] === 'number' ? (outcomes[key] as number) : 0);
  return {
    participants: n('participants'),
    events: n('events'),
    volunteers: n('volunteers'),
    peopleMeeting: n('peopleMeeting'),
  };
}

/** The grant and its offer, as whoever asks may see it. */
export function grantDetail(ctx: ServiceContext, grantId: string): GrantDetail {
  const actor = requireActor(ctx.actor);
  const grant = readableGrant(ctx, ctx.db, grantId);
  const view = getGrantView(ctx.db, grant.id);
  if (!view) throw notFound();
  const day = today(ctx);
  const state = offerState(grant);
  const conditions = conditionsOf(ctx.db, grant.id);
  const reports = reportsDueOf(ctx.db, grant.id);
  const officer = can(actor, { action: 'grant.offer', grant: caseOfGrant(ctx.db, grant) });
  return {
    ...toGrantSummary(view, day),
    purpose: grant.purpose,
    version: grant.offerVersion,
    issuedAt: grant.issuedAt,
    conditions,
    instalments: instalmentsOf(ctx.db, grant.id) as GrantDetail['instalments'],
    reports,
    targets: outcomeTargets(ctx.db, grant.bidId),
    acceptance:
      grant.acceptedAt && grant.acceptedName && grant.acceptedRole
        ? { fullName: grant.acceptedName, role: grant.acceptedRole, at: grant.acceptedAt }
        : null,
    declineReason: grant.declineReason,
    endReason: grant.endReason,
    firstPaymentBlockers: firstPaymentBlockers({ status: grant.status, conditions }),
    permissions: {
      change: officer && state === 'draft',
      tickConditions: officer && (state === 'issued' || state === 'accepted'),
      end: officer && isOfferOverdue(grant, day),
      answer: can(actor, { action: 'grant.accept', grant }) && answerRefusal(grant, day) === null,
    },
  };
}

/** Grants, a page at a time: every grant for staff (by fund, status, offer), a member's groups' grants. */
export function listGrants(ctx: ServiceContext, query: z.output<typeof GrantListQuery>): GrantList {
  const actor = requireActor(ctx.actor);
  const page = { page: query.page, pageSize: query.pageSize };
  const day = today(ctx);
  const filter: GrantFilter = {
    fundId: query.fundId,
    status: query.status,
    offer: query.offer,
    today: day,
    organisationIds: can(actor, { action: 'grant.list_all' }) ? undefined : actor.organisationIds,
  };
  if (filter.organisationIds?.length === 0) return { grants: [], ...page, total: 0 };
  return {
    grants: listGrantViews(ctx.db, filter, pageWindow(page)).map((v) => toGrantSummary(v, day)),
    ...page,
    total: countGrants(ctx.db, filter),
  };
}

/**
 * An officer's changes to a draft offer: purpose, deadline, payment schedule, the grant's own
 * conditions. Refused once issued (409 naming the state), from an older version (409), or when
 * the schedule does not add up to the award (400, field by field).
 */
export function changeOffer(ctx: ServiceContext, grantId: string, input: OfferChangeBody): GrantDetail {
  const body = OfferChangeBody.parse(input);
  unitOfWork(ctx.db, (tx) => {
    const grant = grantToWorkOn(ctx, tx, grantId);
    const refusal = offerChangeRefusal(offerState(grant));
    if (refusal) throw invalidState(refusal);
    if (body.version !== grant.offerVersion) {
      throw conflict('Someone changed this offer since you opened it: reload the page to see their changes', {
        version: 'This offer has changed since you opened it',
      });
    }
    const view = getGrantView(tx, grant.id);
    const award = view?.awardPence ?? 0;
    const problems = scheduleProblems(body.instalments, award);
    if (body.offerDeadline !== null && body.offerDeadline <= today(ctx)) {
      problems.offerDeadline = 'The deadline must be after today';
    }
    // The reports' due dates (decision 0024): the same reports, moved; the mid-point before the end.
    const reportsBefore = reportsDueOf(tx, grant.id);
    if (body.reports !== undefined) {
      const kinds = (list: readonly ReportDue[]) =>
        list
          .map((r) => r.kind)
          .sort()
          .join();
      if (kinds(body.reports) !== kinds(reportsBefore)) {
        problems.reports = `This grant has ${reportsBefore.length === 1 ? 'one report' : `${reportsBefore.length} reports`} to set a date for: ${reportsBefore.map((r) => REPORT_KIND_LABELS[r.kind].toLowerCase()).join(' and ')}`;
      } else {
        Object.assign(problems, reportDueProblems(body.reports, today(ctx), reportsBefore));
      }
    }
    if (Object.keys(problems).length > 0) throw badRequest('Check the offer', problems);
    const before = {
      purpose: grant.purpose,
      offerDeadline: grant.offerDeadline,
      instalments: instalmentsOf(tx, grant.id),
      conditions: conditionsOf(tx, grant.id)
        .filter((c) => !c.standard)
        .map(({ text, beforeFirstPayment }) => ({ text, beforeFirstPayment })),
      reports: reportsBefore,
    };
    const conditions = body.conditions.map((c) => ConditionBody.parse(c));
    writeOffer(tx, grant.id, {
      purpose: body.purpose,
      offerDeadline: body.offerDeadline,
      offerVersion: grant.offerVersion + 1,
      updatedAt: ctx.clock.now().toISOString(),
    });
    replaceInstalments(tx, grant.id, body.instalments);
    replaceOwnConditions(tx, grant.id, conditions);
    const at = ctx.clock.now().toISOString();
    for (const report of body.reports ?? []) writeReportDue(tx, grant.id, report, at);
    ctx.audit(tx, {
      action: 'grant.offer_changed',
      entityType: 'grant',
      entityId: grant.id,
      before,
      after: {
        purpose: body.purpose,
        offerDeadline: body.offerDeadline,
        instalments: body.instalments,
        conditions,
        reports: body.reports ?? reportsBefore,
      },
    });
  });
  return grantDetail(ctx, grantId);
}

/** Issues a draft offer to the group: its deadline fixed (28 days unless set), the group emailed. */
export function issueOffer(ctx: ServiceContext, grantId: string): GrantDetail {
  const actor = requireActor(ctx.actor);
  unitOfWork(ctx.db, (tx) => {
    const grant = grantToWorkOn(ctx, tx, grantId);
    const state = offerState(grant);
    if (state !== 'draft') {
      throw invalidState(
        state === 'issued' ? 'This offer has been issued already' : (offerChangeRefusal(state) ?? ''),
      );
    }
    const day = today(ctx);
    if (grant.offerDeadline !== null && grant.offerDeadline <= day) {
      throw invalidState('The offer’s deadline has passed: change the deadline before issuing it');
    }
    const deadline = grant.offerDeadline ?? defaultOfferDeadline(day);
    const at = ctx.clock.now().toISOString();
    writeOffer(tx, grant.id, {
      issuedAt: at,
      issuedBy: actor.id,
      offerDeadline: deadline,
      offerVersion: grant.offerVersion + 1,
      updatedAt: at,
    });
    const view = getGrantView(tx, grant.id);
    ctx.audit(tx, {
      action: 'grant.offer_issued',
      entityType: 'grant',
      entityId: grant.id,
      after: { offerDeadline: deadline, amountPence: view?.awardPence ?? null },
    });
    const link = `${ctx.publicUrl}/grants/${grant.id}`;
    mailGroup(ctx, tx, grant.organisationId, (to) =>
      mailTemplates.offerIssued(to, {
        reference: view?.reference ?? null,
        title: view?.title ?? null,
        link,
        agreementLink: `${link}/agreement`,
        amountPence: view?.awardPence ?? 0,
        deadline: formatDate(deadline),
      }),
    );
  });
  return grantDetail(ctx, grantId);
}

/** A member accepts the offer for their group: who, in what role, when; the grant goes into delivery. */
export function acceptOffer(ctx: ServiceContext, grantId: string, body: AcceptOfferBody): GrantDetail {
  const actor = requireActor(ctx.actor);
  unitOfWork(ctx.db, (tx) => {
    const grant = grantToAnswer(ctx, tx, grantId);
    const refusal = answerRefusal(grant, today(ctx));
    if (refusal) throw invalidState(refusal);
    const at = ctx.clock.now().toISOString();
    writeOffer(tx, grant.id, {
      acceptedAt: at,
      acceptedBy: actor.id,
      acceptedName: body.fullName.trim(),
      acceptedRole: body.role.trim(),
      updatedAt: at,
    });
    moveGrant(ctx, tx, grant, 'accept', {
      reason: `Accepted by ${body.fullName.trim()}, ${body.role.trim()}`,
    });
  });
  return grantDetail(ctx, grantId);
}

/** Gives a grant's whole award back to the pot (declined, or ended before anything was paid). */
function returnWholeAward(
  ctx: ServiceContext,
  tx: Queryable,
  grant: GrantRow,
  reason: string,
  kind: 'declined' | 'released',
): void {
  const view = getGrantView(tx, grant.id);
  insertMoneyReturn(tx, {
    grantId: grant.id,
    fundId: grant.fundId,
    amountPence: view?.awardPence ?? 0,
    reason,
    recordedBy: ctx.actor?.id ?? null,
    at: ctx.clock.now().toISOString(),
    kind,
  });
}

/** A member declines the offer for their group: the grant is declined and its award goes back to the pot. */
export function declineOffer(ctx: ServiceContext, grantId: string, body: DeclineOfferBody): GrantDetail {
  unitOfWork(ctx.db, (tx) => {
    const grant = grantToAnswer(ctx, tx, grantId);
    const refusal = answerRefusal(grant, today(ctx));
    if (refusal) throw invalidState(refusal);
    const reason = body.reason.trim();
    writeOffer(tx, grant.id, { declineReason: reason, updatedAt: ctx.clock.now().toISOString() });
    const moved = moveGrant(ctx, tx, grant, 'decline', { reason });
    returnWholeAward(ctx, tx, moved, `The group declined the offer: ${reason}`, 'declined');
  });
  return grantDetail(ctx, grantId);
}

/**
 * An officer ends an offer the group did not answer by its deadline: the grant ends early and its
 * whole award goes back to the pot. Offers still within their deadline cannot be ended here.
 */
export function endOverdueOffer(ctx: ServiceContext, grantId: string, body: EndGrantBody): GrantDetail {
  unitOfWork(ctx.db, (tx) => {
    const grant = grantToWorkOn(ctx, tx, grantId);
    const day = today(ctx);
    if (!isOfferOverdue(grant, day)) {
      const state = offerState(grant);
      throw invalidState(
        state === 'issued' && grant.offerDeadline
          ? `The group has until ${formatDate(grant.offerDeadline)} to answer this offer, so it cannot be ended yet`
          : nextGrantStatus(grant.status, 'end_early') === null
            ? grantTransitionRefusal(grant.status, 'end_early')
            : `Only an offer not answered by its deadline can be ended here; this offer is ${state === 'draft' ? 'not issued yet' : state}`,
      );
    }
    const reason = body.reason.trim();
    writeOffer(tx, grant.id, { endReason: reason, updatedAt: ctx.clock.now().toISOString() });
    const moved = moveGrant(ctx, tx, grant, 'end_early', { reason });
    returnWholeAward(ctx, tx, moved, `The offer was not accepted by its deadline: ${reason}`, 'released');
  });
  return grantDetail(ctx, grantId);
}

/** An officer ticks a condition as met (who, when; audited). Once the offer is issued; never twice. */
export function conditionMet(ctx: ServiceContext, grantId: string, conditionId: string): GrantDetail {
  const actor = requireActor(ctx.actor);
  unitOfWork(ctx.db, (tx) => {
    const grant = grantToWorkOn(ctx, tx, grantId);
    const condition = conditionsOf(tx, grant.id).find((c) => c.id === conditionId);
    if (!condition) throw notFound('There is no such condition on this grant');
    const state = offerState(grant);
    if (state !== 'issued' && state !== 'accepted') {
      throw invalidState(
        state === 'draft'
          ? 'This offer has not been issued yet, so its conditions cannot be met'
          : `This offer is ${state}, so its conditions are no longer checked`,
      );
    }
    if (condition.metAt !== null) {
      throw invalidState(`This condition was ticked as met by ${condition.metByName ?? 'someone'} already`);
    }
    markConditionMet(tx, condition.id, actor.id, ctx.clock.now().toISOString());
    ctx.audit(tx, {
      action: 'grant.condition_met',
      entityType: 'grant',
      entityId: grant.id,
      after: { conditionId: condition.id, text: condition.text },
    });
  });
  return grantDetail(ctx, grantId);
}
