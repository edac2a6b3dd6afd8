import { createHash } from 'node:crypto';
import {
  ATTACHMENT_KINDS,
  type Attachment,
  type AttachmentKind,
  type AuditAction,
  addDays,
  BID_MOVE_AUDIT,
  BID_SECTIONS,
  BID_STATUS_LABELS,
  BID_TO_DO_WORDS,
  type BidAction,
  type BidDetail,
  type BidSort,
  type BidStatus,
  type BidSummary,
  type BidToDo,
  budgetTotalPence,
  type CaseRef,
  type ChangesAsked,
  can,
  DRAFT_LIMIT_MESSAGE,
  documentLimitProblem,
  draftSectionSchema,
  ELIGIBILITY_QUESTIONS,
  eligibilityProblems,
  formatDateTime,
  fundRuleProblems,
  fundStatusAt,
  isMember,
  issuesToFields,
  londonLocalToIso,
  londonToday,
  MAX_DRAFTS_PER_GROUP_PER_FUND,
  nextBidStatus,
  type PageInfo,
  type PageRequest,
  type Permission,
  pageWindow,
  pence,
  REMINDER_DAYS_BEFORE,
  type ReturnBidBody,
  reportToDoWords,
  requiredAttachmentKinds,
  type SaveSectionBody,
  type Screening,
  type ScreeningBody,
  type SectionKey,
  type SectionState,
  type StartBidBody,
  sectionSchema,
  type TimelineEvent,
  transitionRefusal,
  wardChoiceProblems,
} from '@cf/shared';
import type { z } from 'zod';
import type { Queryable } from '../../db/client.js';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { Actor, ServiceContext } from '../../lib/context.js';
import { badRequest, conflict, invalidState, notFound } from '../../lib/errors.js';
import { found } from '../../lib/found.js';
import { authorize, requireActor } from '../access/policy.js';
import { cleanFilename } from '../attachments/rules.js';
import { fundRules, getFundRow } from '../funds/repository.js';
import { getGrantOfBid, offersWaitingFor, reportsWaitingFor } from '../grants/repository.js';
import { mailTemplates } from '../mail/templates.js';
import { unknownNeedIds } from '../needs/repository.js';
import { mailGroupMembers, memberIds } from '../organisations/service.js';
import { cityWideWardIds, unknownWardIds } from '../reference/repository.js';
import {
  attachmentFiles,
  attachmentList,
  type BidListRow,
  type BidRow,
  bidEvents,
  closeAssessment,
  countBids,
  deleteAttachment,
  documentTotals,
  draftCount,
  getAttachmentRow,
  getBidRow,
  groupConflicts,
  insertAttachment,
  insertBid,
  insertScreening,
  isAssessorOf,
  latestScreening,
  listBidRows,
  nextReference,
  sectionRow,
  sectionStates,
  sectionVersion,
  updateBidSummary,
  userName,
  validSectionData,
  validSectionDataOfFund,
  writeBidStatus,
  writeSection,
} from './repository.js';
import { changedFields, nextAction, repeatedDocuments, sameFileRefusal, submitProblems } from './rules.js';

export type ReturnBidInput = z.output<typeof ReturnBidBody>;

// ─── Finding a bid the actor may see or change ─────────────────────────────────────────────────

/**
 * A bid that does not exist gets the same answer as another group's bid (AccessDenied with
 * `hide`), so the answer never tells anyone that an id belongs to someone else's bid.
 */
export function bidOr404(q: Queryable, bidId: string): BidRow {
  const bid = getBidRow(q, bidId);
  if (!bid) throw notFound();
  return bid;
}

/** The bid, if the actor may see it; otherwise 404 (never 403: other groups' bids do not exist for you). */
export function readableBid(q: Queryable, actor: Actor, bidId: string): BidRow {
  const bid = bidOr404(q, bidId);
  authorize(actor, { action: 'bid.read', bid }, { hide: true });
  return bid;
}

/**
 * Whether the actor may know the bid exists: they may read it, or they are (or were) given it to
 * assess. Anyone else is refused exactly as for an id that does not exist.
 */
function mayKnowOf(q: Queryable, actor: Actor, bid: BidRow): boolean {
  return can(actor, { action: 'bid.read', bid }) || isAssessorOf(q, actor.id, bid.id);
}

/** The bid as the access policy weighs staff work on it: with who has declared a conflict with its group. */
export function caseOf(q: Queryable, bid: BidRow): CaseRef {
  return caseWith(bid, groupConflicts(q, bid.organisationId));
}

/** caseOf, with the group's conflicts already read (groupConflictsInFund: a fund's bids at once). */
export function caseWith(
  bid: { organisationId: string; fundId: string },
  conflicts: readonly { userId: string }[],
): CaseRef {
  return {
    organisationId: bid.organisationId,
    fundId: bid.fundId,
    conflictedUserIds: conflicts.map((c) => c.userId),
  };
}

/**
 * The bid, for staff work on it (screening, returning, assigning, reopening, moderating, deciding):
 * refused with 403 by the permission (which refuses members of the group and anyone conflicted
 * with it), or, for someone who may not know the bid exists, with exactly the 404 an unknown id
 * gets, so the answer never tells them the id is someone else's bid.
 */
export function bidToWorkOn(
  q: Queryable,
  actor: Actor,
  bidId: string,
  permission: (bid: CaseRef) => Permission,
): BidRow {
  const bid = bidOr404(q, bidId);
  authorize(actor, permission(caseOf(q, bid)), { hide: !mayKnowOf(q, actor, bid) });
  return bid;
}

/** The bid, if the actor may change it: members only; staff who can read it get 403. */
function editableBid(q: Queryable, actor: Actor, bidId: string): BidRow {
  const bid = bidOr404(q, bidId);
  authorize(actor, { action: 'bid.edit', bid }, { hide: !can(actor, { action: 'bid.read', bid }) });
  return bid;
}

/** The bid, if the actor may change it and it is still a draft. */
function draftBid(q: Queryable, actor: Actor, bidId: string): BidRow {
  const bid = editableBid(q, actor, bidId);
  if (bid.status === 'draft') return bid;
  const when = bid.submittedAt ? ` on ${formatDateTime(bid.submittedAt)}` : '';
  throw invalidState(
    bid.status === 'submitted'
      ? `This bid was sent${when} and can no longer be changed. Contact the grants team if something needs correcting.`
      : `This bid is ${BID_STATUS_LABELS[bid.status].toLowerCase()} and can no longer be changed`,
  );
}

/** The address of a bid's page, for emails. */
export function bidLink(ctx: ServiceContext, bidId: string): string {
  return `${ctx.publicUrl}/bids/${bidId}`;
}

// ─── The one way a bid moves ───────────────────────────────────────────────────────────────────

/**
 * Moves a bid by one of BID_TRANSITIONS, inside the caller's unit of work: checks the move is
 * allowed from where the bid stands (else 409 naming its state), writes the new status with what
 * goes along with it, and records the move in the audit trail in the words of BID_MOVE_AUDIT.
 * The only code that changes `bids.status` (test/architecture.test.ts checks it).
 */
export function moveBid(
  ctx: ServiceContext,
  tx: Queryable,
  bid: BidRow,
  action: BidAction,
  options: {
    reason?: string | null;
    /** More to record about the move, beside the new status. */
    after?: Record<string, unknown>;
    /** What changes along with the status. */
    along?: {
      reference?: string;
      submittedAt?: string;
      returnMessage?: string | null;
      changesAsked?: ChangesAsked | null;
    };
    /** Put before the refusal, e.g. the bid's reference in a batch of panel decisions. */
    refusalPrefix?: string;
    /** The service itself moved the bid (the last score set came in), not the person acting. */
    bySystem?: boolean;
  } = {},
): BidRow {
  const next = nextBidStatus(bid.status, action);
  if (!next) throw invalidState(`${options.refusalPrefix ?? ''}${transitionRefusal(bid.status, action)}`);
  const at = ctx.clock.now().toISOString();
  writeBidStatus(tx, bid.id, next, at, options.along);
  ctx.audit(
    tx,
    {
      action: BID_MOVE_AUDIT[action],
      entityType: 'bid',
      entityId: bid.id,
      before: { status: bid.status },
      after: { status: next, ...options.after },
      reason: options.reason ?? null,
    },
    options.bySystem ? { actorId: null } : undefined,
  );
  return { ...bid, ...options.along, status: next, updatedAt: at };
}

// ─── Reading bids ──────────────────────────────────────────────────────────────────────────────

function toSummary(row: BidListRow, actor: Actor): BidSummary {
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
    amountAwardedPence: row.amountAwardedPence === null ? null : pence(row.amountAwardedPence),
    createdAt: bid.createdAt,
    updatedAt: bid.updatedAt,
    submittedAt: bid.submittedAt,
    closesAt: row.closesAt,
    returnMessage: bid.returnMessage,
    changesAsked: bid.changesAsked ?? { sections: [], documents: [] },
    nextAction: nextAction(
      { ...bid, closesAt: row.closesAt },
      isMember(actor, bid.organisationId) ? 'group' : 'staff',
    ),
  };
}

/**
 * One page of the actor's groups' bids; for grants staff, of every bid matching the filters: a
 * fund, a status, a round, words to find; in the order asked for.
 */
export function listBids(
  ctx: ServiceContext,
  query: {
    status?: BidStatus | undefined;
    fundId?: string | undefined;
    round?: number | undefined;
    q?: string | undefined;
    sort?: BidSort | undefined;
  } & PageRequest,
): { bids: BidSummary[] } & PageInfo {
  const actor = requireActor(ctx.actor);
  const all = can(actor, { action: 'bid.list_all' });
  const filter = {
    ...(all ? {} : { organisationIds: actor.organisationIds }),
    ...(query.status ? { status: query.status } : {}),
    ...(query.fundId ? { fundId: query.fundId } : {}),
    ...(query.round === undefined ? {} : { round: query.round }),
    ...(query.q === undefined ? {} : { search: query.q }),
  };
  const rows = listBidRows(ctx.db, filter, pageWindow(query), query.sort ?? 'updated');
  return {
    bids: rows.map((row) => toSummary(row, actor)),
    page: query.page,
    pageSize: query.pageSize,
    total: countBids(ctx.db, filter),
  };
}

/** At most this many things to do are listed: more than a group could have (drafts are limited). */
const TO_DO_LIMIT = 50;

/**
 * What the actor's groups must do about their bids, soonest deadline first: drafts to finish and
 * send, and returned bids to change, while their fund still takes bids (after it closes neither can
 * be sent, so there is nothing the group can do). Staff who belong to no group have nothing here.
 */
export function bidsToDo(ctx: ServiceContext): BidToDo[] {
  const actor = requireActor(ctx.actor);
  if (actor.organisationIds.length === 0) return [];
  const rows = listBidRows(
    ctx.db,
    {
      organisationIds: actor.organisationIds,
      status: 'draft',
      fundClosesAfter: ctx.clock.now().toISOString(),
    },
    { offset: 0, limit: TO_DO_LIMIT },
  );
  return rows
    .map((row): BidToDo => {
      const kind = row.bid.returnMessage === null ? 'send' : 'change';
      return {
        kind,
        what: BID_TO_DO_WORDS[kind],
        dueAt: row.closesAt,
        bid: toSummary(row, actor),
        grantId: null,
        reportId: null,
      };
    })
    .concat(offersToAnswer(ctx, actor), reportsToSend(ctx, actor))
    .sort(
      (a, b) =>
        Date.parse(a.dueAt) - Date.parse(b.dueAt) ||
        (a.kind === b.kind ? 0 : a.kind === 'change' ? -1 : 1) ||
        b.bid.updatedAt.localeCompare(a.bid.updatedAt),
    );
}

/** Offers the actor's groups may accept or decline now (issued, deadline not passed): by the end of the deadline's day. */
function offersToAnswer(ctx: ServiceContext, actor: Actor): BidToDo[] {
  const offers = offersWaitingFor(ctx.db, actor.organisationIds, londonToday(ctx.clock.now()));
  if (offers.length === 0) return [];
  const rows = listBidRows(ctx.db, { bidIds: offers.map((o) => o.bidId) });
  return offers.flatMap((offer) => {
    const row = rows.find((r) => r.bid.id === offer.bidId);
    if (!row || offer.offerDeadline === null) return [];
    return [
      {
        kind: 'offer' as const,
        what: BID_TO_DO_WORDS.offer,
        dueAt: londonLocalToIso(`${offer.offerDeadline}T23:59`),
        bid: toSummary(row, actor),
        grantId: offer.id,
        reportId: null,
      },
    ];
  });
}

/**
 * Monitoring reports the actor's groups must see to (issue 11): returned for changes, overdue, or due
 * within the reminder window — the same window as the reminder email (REMINDER_DAYS_BEFORE).
 */
function reportsToSend(ctx: ServiceContext, actor: Actor): BidToDo[] {
  const today = londonToday(ctx.clock.now());
  const reports = reportsWaitingFor(ctx.db, actor.organisationIds, addDays(today, REMINDER_DAYS_BEFORE));
  if (reports.length === 0) return [];
  const rows = listBidRows(ctx.db, { bidIds: reports.map((r) => r.bidId) });
  return reports.flatMap((report) => {
    const row = rows.find((r) => r.bid.id === report.bidId);
    if (!row) return [];
    return [
      {
        kind: 'report' as const,
        what: reportToDoWords(report, today),
        dueAt: londonLocalToIso(`${report.dueOn}T23:59`),
        bid: toSummary(row, actor),
        grantId: report.grantId,
        reportId: report.id,
      },
    ];
  });
}

function submitCheck(q: Queryable, bid: BidRow, now: Date) {
  const sections = sectionStates(q, bid.id);
  return submitProblems({
    status: bid.status,
    eligibility: bid.eligibility,
    sections: new Map(sections.map((s) => [s.key, { data: s.data ?? {}, complete: s.complete }])),
    attachmentKinds: attachmentList(q, bid.id).map((a) => a.kind),
    repeatedDocuments: repeatedDocuments(
      requiredAttachmentKinds(bid.eligibility),
      attachmentFiles(q, bid.id),
    ),
    cityWideWardIds: cityWideWardIds(q),
    fund: fundRules(q, bid.fundId),
    changesAsked: bid.changesAsked,
    now,
  });
}

/** A bid with every section, its documents, what stops it being sent, and what the actor may do. */
export function bidDetail(ctx: ServiceContext, bidId: string): BidDetail {
  const actor = requireActor(ctx.actor);
  const bid = readableBid(ctx.db, actor, bidId);
  const [row] = listBidRows(ctx.db, { bidIds: [bid.id] });
  if (!row) throw notFound('There is no such bid');
  const member = isMember(actor, bid.organisationId);
  const problems = submitCheck(ctx.db, bid, ctx.clock.now());
  return {
    ...toSummary(row, actor),
    eligibility: bid.eligibility,
    sections: sectionStates(ctx.db, bid.id),
    attachments: attachmentList(ctx.db, bid.id),
    requiredAttachments: requiredAttachmentKinds(bid.eligibility),
    submitProblems: bid.status === 'draft' ? problems : [],
    permissions: {
      edit: member && bid.status === 'draft',
      submit: member && bid.status === 'draft' && problems.length === 0,
      withdraw: member && nextBidStatus(bid.status, 'withdraw') !== null,
      return:
        can(actor, { action: 'bid.return', bid: caseOf(ctx.db, bid) }) &&
        nextBidStatus(bid.status, 'return') !== null,
      screen: can(actor, { action: 'bid.screen', bid: caseOf(ctx.db, bid) }) && bid.status === 'submitted',
      assign:
        (bid.status === 'eligible' || bid.status === 'in_assessment') &&
        can(actor, { action: 'assessment.manage', bid: caseOf(ctx.db, bid) }),
    },
    // The officer's check is for grants staff, not for the group.
    screening: member ? null : latestScreening(ctx.db, bid.id, bid.submittedAt),
    grantId: getGrantOfBid(ctx.db, bid.id)?.id ?? null,
  };
}

/** The bid's main priority and wards, as its answers give them: where it counts in the budget. */
export function bidPlace(q: Queryable, bidId: string): { mainPriorityId: string | null; wardIds: string[] } {
  return placeOf(validSectionData(q, bidId, 'priorities'), validSectionData(q, bidId, 'beneficiaries'));
}

function placeOf(
  priorities: Record<string, unknown> | null | undefined,
  beneficiaries: Record<string, unknown> | null | undefined,
): { mainPriorityId: string | null; wardIds: string[] } {
  return {
    mainPriorityId: typeof priorities?.mainPriorityId === 'string' ? priorities.mainPriorityId : null,
    wardIds: Array.isArray(beneficiaries?.wardIds) ? (beneficiaries.wardIds as string[]) : [],
  };
}

/** bidPlace for each of a fund's bids (or only these of it), in two queries (decision 0021). */
export function bidPlacesOfFund(
  q: Queryable,
  fundId: string,
  bidIds?: readonly string[],
): (bidId: string) => { mainPriorityId: string | null; wardIds: string[] } {
  const priorities = validSectionDataOfFund(q, fundId, 'priorities', bidIds);
  const beneficiaries = validSectionDataOfFund(q, fundId, 'beneficiaries', bidIds);
  return (bidId) => placeOf(priorities.get(bidId), beneficiaries.get(bidId));
}

const TIMELINE_WORDS: Partial<Record<AuditAction, string>> = {
  'bid.started': 'Bid started',
  'bid.submitted': 'Bid sent',
  'bid.resubmitted': 'Bid sent again after changes',
  'bid.returned': 'Returned to the group for changes',
  'bid.withdrawn': 'Bid withdrawn',
  'bid.mark_eligible': 'Checked by the grants team: the group can apply',
  'bid.mark_ineligible': 'Checked by the grants team: not eligible',
  'bid.start_assessment': 'Sent to the panel’s assessors',
  'bid.complete_scoring': 'Assessed by the panel’s assessors',
  'bid.reopen_scoring': 'Assessment reopened',
  'bid.awarded': 'Grant awarded',
  'bid.rejected': 'Not funded',
  'bid.deferred': 'Deferred to a later panel',
};

/**
 * Steps whose reason is the assessment's own business (why scoring was reopened): shown only to
 * those who may read the bid's scores. Every other reason on the timeline is one the group is told
 * (why it was returned, found not eligible, turned down, awarded less), so anyone who may read the
 * bid may read it.
 */
const ASSESSMENT_REASONS: ReadonlySet<AuditAction> = new Set(['bid.reopen_scoring']);

/**
 * The bid's story from the audit trail: the moves that matter to the group, oldest first. Everyone
 * who may read the bid sees every step; the group sees "Grants team" for staff; only those who may
 * read the scores (officers and admins standing apart from the group) see the assessment's own
 * reasons. Finance, who see money and not assessment, see what the group sees, with names.
 */
export function bidTimeline(ctx: ServiceContext, bidId: string): TimelineEvent[] {
  const actor = requireActor(ctx.actor);
  const bid = readableBid(ctx.db, actor, bidId);
  const rows = bidEvents(ctx.db, bid.id, Object.keys(TIMELINE_WORDS) as AuditAction[]);
  const member = isMember(actor, bid.organisationId);
  const readsAssessment = can(actor, { action: 'results.read', bid: caseOf(ctx.db, bid) });
  const groupIds = memberIds(ctx.db, bid.organisationId);
  return rows.map(({ event, actorName }) => ({
    at: event.at,
    what: TIMELINE_WORDS[event.action] ?? event.action,
    // Groups see "Grants team" for what council staff did (never an assessor's name); staff see names.
    by:
      member && !(event.actorId && groupIds.has(event.actorId))
        ? 'Grants team'
        : (actorName ?? 'Grants team'),
    // The assessment's reasons stay with those who read the scores; the rest are the group's to read.
    detail: ASSESSMENT_REASONS.has(event.action) && !readsAssessment ? null : event.reason,
  }));
}

// ─── Writing a bid ─────────────────────────────────────────────────────────────────────────────

/** Starts a bid for one of the actor's groups, with the eligibility answers. */
export function startBid(ctx: ServiceContext, body: StartBidBody): BidDetail {
  const actor = requireActor(ctx.actor);
  const now = ctx.clock.now();
  const bidId = unitOfWork(ctx.db, (tx) => {
    const fund = getFundRow(tx, body.fundId);
    if (!fund || !can(actor, { action: 'fund.read', fund })) throw notFound('There is no such fund');
    // Not a member, or no such group: the same answer, so group ids cannot be probed.
    authorize(actor, { action: 'bid.create', organisation: { id: body.organisationId } });
    const status = fundStatusAt(fund, now);
    if (status !== 'open') {
      throw invalidState(
        status === 'closed'
          ? `This fund closed at ${formatDateTime(fund.closesAt)}`
          : `This fund opens at ${formatDateTime(fund.opensAt)}`,
      );
    }
    if (draftCount(tx, body.organisationId, fund.id) >= MAX_DRAFTS_PER_GROUP_PER_FUND) {
      throw conflict(DRAFT_LIMIT_MESSAGE, { organisationId: DRAFT_LIMIT_MESSAGE });
    }
    const problems = eligibilityProblems(body.eligibility);
    if (problems.length > 0) {
      const fields: Record<string, string> = {};
      for (const id of problems) {
        const question = ELIGIBILITY_QUESTIONS.find((q) => q.id === id);
        fields[`eligibility.${id}`] = question?.whyNo ?? 'This answer means your group cannot apply yet';
      }
      throw badRequest('Your group cannot apply to this fund yet', fields);
    }
    const id = insertBid(tx, {
      fundId: fund.id,
      organisationId: body.organisationId,
      eligibility: body.eligibility,
      createdBy: actor.id,
      at: now.toISOString(),
    });
    ctx.audit(tx, {
      action: 'bid.started',
      entityType: 'bid',
      entityId: id,
      after: {
        status: 'draft',
        fundId: fund.id,
        organisationId: body.organisationId,
        eligibility: body.eligibility,
      },
    });
    return id;
  });
  return bidDetail(ctx, bidId);
}

/** Checks ids a section refers to: wards, needs in the project bank. */
function referenceProblems(
  q: Queryable,
  key: SectionKey,
  data: Record<string, unknown>,
): Record<string, string> {
  const problems: Record<string, string> = {};
  const ids = (value: unknown) =>
    Array.isArray(value) ? [...new Set(value.filter((v): v is string => typeof v === 'string'))] : [];
  if (key === 'beneficiaries') {
    if (unknownWardIds(q, ids(data.wardIds)).length > 0) problems.wardIds = 'Choose wards from the list';
    else Object.assign(problems, wardChoiceProblems(data, cityWideWardIds(q)));
  }
  if (key === 'evidence' && unknownNeedIds(q, ids(data.needIds)).length > 0) {
    problems.needIds = 'Choose needs from the project bank';
  }
  return problems;
}

/**
 * Saves one section: complete (checked in full, with the fund's rules) or as a draft. A save from
 * an older version than the one stored is a conflict (409) naming who changed what, never an
 * overwrite.
 */
export function saveSection(
  ctx: ServiceContext,
  bidId: string,
  key: SectionKey,
  body: SaveSectionBody,
): SectionState {
  const actor = requireActor(ctx.actor);
  const now = ctx.clock.now();
  return unitOfWork(ctx.db, (tx) => {
    const bid = draftBid(tx, actor, bidId);
    const current = sectionRow(tx, bidId, key);
    const currentVersion = current?.version ?? 0;
    if (body.baseVersion !== currentVersion) {
      const base =
        body.baseVersion === 0 ? {} : (sectionVersion(tx, bidId, key, body.baseVersion)?.data ?? {});
      const changed = changedFields(base, current?.data ?? {});
      const by = current ? userName(tx, current.updatedBy) : null;
      const who = `${by ?? 'Someone in your group'} at ${current ? formatDateTime(current.updatedAt) : 'an unknown time'}`;
      const fields: Record<string, string> = {};
      for (const field of changed) fields[field] = `Changed by ${who}`;
      throw conflict(
        `${who.replace(/ at /, ' saved this section at ')}, after you opened it. Your changes have not been saved. ` +
          'Copy anything you want to keep, then reload the page to see their version.',
        fields,
      );
    }

    const schema = body.complete ? sectionSchema(key) : draftSectionSchema(key);
    const parsed = schema.safeParse(body.data);
    if (!parsed.success)
      throw badRequest('There is a problem with your answers', issuesToFields(parsed.error.issues));
    const data = parsed.data as Record<string, unknown>;
    const problems = {
      ...referenceProblems(tx, key, data),
      ...(body.complete ? fundRuleProblems(key, data, fundRules(tx, bid.fundId)) : {}),
    };
    if (Object.keys(problems).length > 0) throw badRequest('There is a problem with your answers', problems);

    const version = currentVersion + 1;
    const stamp = now.toISOString();
    writeSection(tx, { bidId, key, data, complete: body.complete, version, savedBy: actor.id, at: stamp });
    const changes: Parameters<typeof updateBidSummary>[2] = { updatedAt: stamp };
    if (key === 'about')
      changes.title = typeof data.title === 'string' && data.title !== '' ? data.title : null;
    if (key === 'budget') {
      const lines = Array.isArray(data.lines) ? (data.lines as { costPence?: unknown }[]) : [];
      changes.amountRequestedPence = budgetTotalPence({
        lines: lines.map((l) => ({
          costPence: Number.isSafeInteger(l.costPence) ? (l.costPence as number) : 0,
        })),
      });
    }
    // A section the officer asked to change is done once it is saved complete again.
    if (body.complete && bid.changesAsked?.sections.includes(key)) {
      changes.changesAsked = without(bid.changesAsked, { section: key });
    }
    updateBidSummary(tx, bidId, changes);
    ctx.audit(tx, {
      action: 'bid.section_saved',
      entityType: 'bid',
      entityId: bidId,
      after: { section: key, version, complete: body.complete },
    });
    const state = sectionStates(tx, bidId).find((s) => s.key === key);
    if (!state) throw new Error('Saved section vanished');
    return state;
  });
}

/**
 * Sends the bid: every section complete, the documents uploaded, within the cap, before the fund
 * closes. It gets its reference the first time (kept if it is returned and sent again) and the
 * group is emailed.
 */
export function submitBid(ctx: ServiceContext, bidId: string): BidDetail {
  const actor = requireActor(ctx.actor);
  const now = ctx.clock.now();
  unitOfWork(ctx.db, (tx) => {
    const bid = editableBid(tx, actor, bidId);
    const resubmitted = bid.reference !== null;
    const action = resubmitted ? 'resubmit' : 'submit';
    if (!nextBidStatus(bid.status, action)) throw invalidState(transitionRefusal(bid.status, action));
    const problems = submitCheck(tx, bid, now);
    const closed = problems.find((p) => p.section === 'bid');
    if (closed) throw invalidState(closed.message);
    if (problems.length > 0) {
      const fields: Record<string, string> = {};
      for (const p of problems) fields[p.section] ??= p.message;
      throw badRequest('Your bid is not ready to send yet', fields);
    }
    const fund = fundRules(tx, bid.fundId);
    const reference = bid.reference ?? nextReference(tx, bid.fundId, fund.code, now);
    moveBid(ctx, tx, bid, action, {
      after: { reference, amountRequestedPence: bid.amountRequestedPence },
      along: { reference, submittedAt: now.toISOString(), returnMessage: null, changesAsked: null },
    });
    mailGroupMembers(ctx, tx, bid.organisationId, (member) =>
      mailTemplates.bidSubmitted(member, {
        reference,
        title: bid.title,
        link: bidLink(ctx, bidId),
        fundName: fund.name,
        amountRequestedPence: bid.amountRequestedPence,
      }),
    );
  });
  return bidDetail(ctx, bidId);
}

/** A member withdraws the bid before a decision, with a reason that stays on the record. */
export function withdrawBid(ctx: ServiceContext, bidId: string, reason: string): BidDetail {
  const actor = requireActor(ctx.actor);
  unitOfWork(ctx.db, (tx) => {
    moveBid(ctx, tx, editableBid(tx, actor, bidId), 'withdraw', { reason });
  });
  return bidDetail(ctx, bidId);
}

const RETURNED_REASON = 'The bid was returned to the group for changes';

/**
 * An officer returns a sent bid to the group for changes, with a message and, when they choose, the
 * sections to answer again and the documents to upload again (kept on the bid until done); the
 * group is emailed.
 */
export function returnBid(ctx: ServiceContext, bidId: string, body: ReturnBidInput): BidDetail {
  const actor = requireActor(ctx.actor);
  const { message } = body;
  const asked: ChangesAsked = {
    // In the task list's order, whatever order they were chosen in.
    sections: BID_SECTIONS.map((s) => s.key).filter((key) => body.sections.includes(key)),
    documents: body.documents,
  };
  const changesAsked = asked.sections.length + asked.documents.length > 0 ? asked : null;
  unitOfWork(ctx.db, (tx) => {
    const bid = bidToWorkOn(tx, actor, bidId, (b) => ({ action: 'bid.return', bid: b }));
    moveBid(ctx, tx, bid, 'return', {
      reason: message,
      ...(changesAsked ? { after: { changesAsked } } : {}),
      along: { returnMessage: message, changesAsked },
    });
    // What comes back is a different bid: this round of assessment ends here, kept for the record.
    const closed = closeAssessment(tx, bid.id, ctx.clock.now().toISOString(), RETURNED_REASON);
    if (closed > 0) {
      ctx.audit(tx, {
        action: 'assessment.closed',
        entityType: 'bid',
        entityId: bid.id,
        after: { assignments: closed },
        reason: RETURNED_REASON,
      });
    }
    mailGroupMembers(ctx, tx, bid.organisationId, (member) =>
      mailTemplates.bidReturned(member, {
        reference: bid.reference,
        title: bid.title,
        link: bidLink(ctx, bidId),
        message,
        sections: asked.sections.map((key) => BID_SECTIONS.find((s) => s.key === key)?.title ?? key),
        documents: asked.documents.map((kind) => ATTACHMENT_KINDS[kind].label),
      }),
    );
  });
  return bidDetail(ctx, bidId);
}

/** The changes still asked for once one is done; null when none is left. */
function without(
  asked: ChangesAsked,
  done: { section?: SectionKey; document?: AttachmentKind },
): ChangesAsked | null {
  const left = {
    sections: asked.sections.filter((key) => key !== done.section),
    documents: asked.documents.filter((kind) => kind !== done.document),
  };
  return left.sections.length + left.documents.length > 0 ? left : null;
}

// ─── Screening: the officer's eligibility check ─────────────────────────────────────────────────

/** An officer marks a sent bid eligible, or not eligible with a reason (the group is told why). */
export function screenBid(ctx: ServiceContext, bidId: string, body: ScreeningBody): Screening {
  const actor = requireActor(ctx.actor);
  const now = ctx.clock.now();
  unitOfWork(ctx.db, (tx) => {
    const bid = bidToWorkOn(tx, actor, bidId, (b) => ({ action: 'bid.screen', bid: b }));
    const reason = body.decision === 'ineligible' ? body.reason : null;
    moveBid(ctx, tx, bid, body.decision === 'eligible' ? 'mark_eligible' : 'mark_ineligible', { reason });
    insertScreening(tx, {
      bidId,
      decision: body.decision,
      documentsValid: body.checks.documentsValid,
      groupVerified: body.checks.groupVerified,
      reason,
      screenedBy: actor.id,
      screenedAt: now.toISOString(),
    });
    // The group is told either way: the "Bid sent" page promises an email at each step.
    mailGroupMembers(ctx, tx, bid.organisationId, (member) =>
      reason === null
        ? mailTemplates.bidEligible(member, {
            reference: bid.reference,
            title: bid.title,
            link: bidLink(ctx, bidId),
          })
        : mailTemplates.bidIneligible(member, {
            reference: bid.reference,
            title: bid.title,
            link: bidLink(ctx, bidId),
            reason,
          }),
    );
  });
  return found(latestScreening(ctx.db, bidId, now.toISOString()) ?? undefined, 'screening');
}

/** The eligibility check of a bid, for grants staff (the group sees null). */
export function bidScreening(ctx: ServiceContext, bidId: string): Screening | null {
  const actor = requireActor(ctx.actor);
  const bid = readableBid(ctx.db, actor, bidId);
  return isMember(actor, bid.organisationId) ? null : latestScreening(ctx.db, bid.id, bid.submittedAt);
}

// ─── Documents ─────────────────────────────────────────────────────────────────────────────────

/**
 * Whether the actor may add documents to the bid now. Asked before an upload is read, so nobody
 * can fill the disk with files for a bid they cannot change.
 */
export function checkCanAddDocument(ctx: ServiceContext, bidId: string): void {
  draftBid(ctx.db, requireActor(ctx.actor), bidId);
  checkDocumentLimits(ctx.db, bidId);
}

/**
 * Refuses a document the bid has no room for: one too many, or (given its size) one that takes
 * the bid's documents over their total (limits.ts in @cf/shared). 409 on the file field.
 */
function checkDocumentLimits(q: Queryable, bidId: string, adding?: number): void {
  const problem = documentLimitProblem(documentTotals(q, bidId), adding);
  if (problem) throw conflict(problem, { file: problem });
}

/** Records a stored upload against the draft bid (checked again: it may have been sent meanwhile). */
export function addDocument(
  ctx: ServiceContext,
  bidId: string,
  file: { kind: AttachmentKind; filename: string; storedName: string; contentType: string; bytes: Buffer },
): Attachment {
  const actor = requireActor(ctx.actor);
  const filename = cleanFilename(file.filename);
  const id = unitOfWork(ctx.db, (tx) => {
    const bid = draftBid(tx, actor, bidId);
    // Checked again with the file's size, in the same unit of work as the insert: two uploads at
    // once cannot both take the last place.
    checkDocumentLimits(tx, bidId, file.bytes.length);
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    // One file cannot be both documents asked for (a constitution uploaded again as the accounts).
    const repeated = sameFileRefusal(requiredAttachmentKinds(bid.eligibility), attachmentFiles(tx, bidId), {
      kind: file.kind,
      sha256,
    });
    if (repeated) throw conflict(repeated, { file: repeated });
    const attachmentId = insertAttachment(tx, {
      bidId,
      kind: file.kind,
      filename,
      storedName: file.storedName,
      contentType: file.contentType,
      sizeBytes: file.bytes.length,
      sha256,
      uploadedBy: actor.id,
    });
    // A kind of document the officer asked for again is done once a new one is uploaded.
    if (bid.changesAsked?.documents.includes(file.kind)) {
      updateBidSummary(tx, bidId, {
        updatedAt: ctx.clock.now().toISOString(),
        changesAsked: without(bid.changesAsked, { document: file.kind }),
      });
    }
    ctx.audit(tx, {
      action: 'bid.document_uploaded',
      entityType: 'bid',
      entityId: bidId,
      after: { attachmentId, kind: file.kind, filename, contentType: file.contentType },
    });
    return attachmentId;
  });
  return found(
    attachmentList(ctx.db, bidId).find((a) => a.id === id),
    'document',
  );
}

/** Removes a document from a draft bid; returns the stored file's name, for the caller to delete. */
export function removeDocument(ctx: ServiceContext, bidId: string, attachmentId: string): string {
  const actor = requireActor(ctx.actor);
  return unitOfWork(ctx.db, (tx) => {
    draftBid(tx, actor, bidId);
    const file = getAttachmentRow(tx, bidId, attachmentId);
    if (!file) throw notFound('There is no such document');
    deleteAttachment(tx, file.id);
    ctx.audit(tx, {
      action: 'bid.document_removed',
      entityType: 'bid',
      entityId: bidId,
      before: { attachmentId: file.id, kind: file.kind, filename: file.filename },
    });
    return file.storedName;
  });
}

/** A document of a bid the actor may see. */
export function documentToDownload(ctx: ServiceContext, bidId: string, attachmentId: string) {
  readableBid(ctx.db, requireActor(ctx.actor), bidId);
  const file = getAttachmentRow(ctx.db, bidId, attachmentId);
  if (!file) throw notFound('There is no such document');
  return file;
}
