import {
  type AuditAction,
  BID_STATUS_LABELS,
  type BidAction,
  type BidDetail,
  budgetTotalPence,
  can,
  draftSectionSchema,
  ELIGIBILITY_QUESTIONS,
  eligibilityProblems,
  formatDateTime,
  formatPence,
  fundRuleProblems,
  fundStatusAt,
  isMember,
  issuesToFields,
  nextBidStatus,
  requiredAttachmentKinds,
  type SaveSectionBody,
  type SectionKey,
  type SectionState,
  type StartBidBody,
  sectionSchema,
  type TimelineEvent,
  transitionRefusal,
} from '@cf/shared';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Queryable } from '../../db/client.js';
import {
  auditEvents,
  bidSections,
  bidSectionVersions,
  bids,
  funds,
  needs,
  organisations,
  users,
  wards,
} from '../../db/schema/index.js';
import { badRequest, conflict, invalidState, notFound } from '../../lib/errors.js';
import { type Actor, authorize } from '../access/policy.js';
import { latestScreening } from '../assessment/repository.js';
import { enqueueMail } from '../mail/repository.js';
import {
  attachmentList,
  type BidRow,
  fundRulesFor,
  getBidRow,
  getBidSummary,
  groupMembers,
  nextReference,
  sectionRow,
  sectionStates,
  sectionVersion,
} from './repository.js';
import { submitProblems } from './rules.js';

/**
 * A bid that does not exist gets the same answer as another group's bid (see AccessDenied with
 * `hide`), so the answer never tells anyone that an id belongs to someone else's bid.
 */
const noSuchBid = () => notFound();

/** The bid, if the actor may see it; otherwise 404 (never 403: other groups' bids do not exist for you). */
export function readableBid(q: Queryable, actor: Actor, bidId: string): BidRow {
  const bid = getBidRow(q, bidId);
  if (!bid) throw noSuchBid();
  authorize(actor, { action: 'bid.read', bid }, { hide: true });
  return bid;
}

/** The bid, if the actor may change it: members only; staff who can read it get 403. */
function editableBid(q: Queryable, actor: Actor, bidId: string): BidRow {
  const bid = getBidRow(q, bidId);
  if (!bid) throw noSuchBid();
  authorize(actor, { action: 'bid.edit', bid }, { hide: !can(actor, { action: 'bid.read', bid }) });
  return bid;
}

/** For documents: the actor may change the bid and it is still a draft. */
export function editableBidForFiles(q: Queryable, actor: Actor, bidId: string): BidRow {
  const bid = editableBid(q, actor, bidId);
  requireDraft(bid);
  return bid;
}

function requireDraft(bid: BidRow): void {
  if (bid.status === 'draft') return;
  const when = bid.submittedAt ? ` on ${formatDateTime(bid.submittedAt)}` : '';
  throw invalidState(
    bid.status === 'submitted'
      ? `This bid was sent${when} and can no longer be changed. Contact the grants team if something needs correcting.`
      : `This bid is ${BID_STATUS_LABELS[bid.status].toLowerCase()} and can no longer be changed`,
  );
}

function transition(bid: BidRow, action: BidAction) {
  const next = nextBidStatus(bid.status, action);
  if (!next) throw invalidState(transitionRefusal(bid.status, action));
  return next;
}

export function bidDetail(q: Queryable, actor: Actor, bid: BidRow, now: Date): BidDetail {
  const summary = getBidSummary(q, actor, bid.id);
  if (!summary) throw notFound('There is no such bid');
  const sections = sectionStates(q, bid.id);
  const files = attachmentList(q, bid.id);
  const member = isMember(actor, bid.organisationId);
  const problems = submitProblems({
    status: bid.status,
    eligibility: bid.eligibility,
    sections: new Map(sections.map((s) => [s.key, { data: s.data ?? {}, complete: s.complete }])),
    attachmentKinds: files.map((f) => f.kind),
    fund: fundRulesFor(q, bid.fundId),
    now,
  });
  return {
    ...summary,
    eligibility: bid.eligibility,
    sections,
    attachments: files,
    requiredAttachments: requiredAttachmentKinds(bid.eligibility),
    submitProblems: bid.status === 'draft' ? problems : [],
    permissions: {
      edit: member && bid.status === 'draft',
      submit: member && bid.status === 'draft' && problems.length === 0,
      withdraw: member && nextBidStatus(bid.status, 'withdraw') !== null,
      return: can(actor, { action: 'bid.return', bid }) && nextBidStatus(bid.status, 'return') !== null,
      screen: can(actor, { action: 'bid.screen', bid }) && bid.status === 'submitted',
    },
    screening: member ? null : latestScreening(q, bid.id),
  };
}

export function startBid(
  app: FastifyInstance,
  request: FastifyRequest,
  actor: Actor,
  body: StartBidBody,
): string {
  const now = app.clock.now();
  return app.db.transaction(
    (tx) => {
      const fund = tx.select().from(funds).where(eq(funds.id, body.fundId)).get();
      if (!fund || !can(actor, { action: 'fund.read', fund })) throw notFound('There is no such fund');
      // Not a member, or no such group: the same answer, so group ids cannot be probed.
      authorize(actor, { action: 'bid.create', organisation: { id: body.organisationId } });
      const organisation = tx
        .select()
        .from(organisations)
        .where(eq(organisations.id, body.organisationId))
        .get();
      if (!organisation) throw notFound('There is no such group');
      const status = fundStatusAt(fund, now);
      if (status !== 'open') {
        throw invalidState(
          status === 'closed'
            ? `This fund closed at ${formatDateTime(fund.closesAt)}`
            : `This fund opens at ${formatDateTime(fund.opensAt)}`,
        );
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
      const bid = tx
        .insert(bids)
        .values({
          fundId: fund.id,
          organisationId: organisation.id,
          eligibility: body.eligibility,
          createdBy: actor.id,
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
        })
        .returning({ id: bids.id })
        .get();
      request.audit(tx, {
        action: 'bid.started',
        entityType: 'bid',
        entityId: bid.id,
        after: {
          status: 'draft',
          fundId: fund.id,
          organisationId: organisation.id,
          eligibility: body.eligibility,
        },
      });
      return bid.id;
    },
    { behavior: 'immediate' },
  );
}

/** Checks ids a section refers to: wards, needs in the project bank. */
function referenceProblems(
  q: Queryable,
  key: SectionKey,
  data: Record<string, unknown>,
): Record<string, string> {
  const problems: Record<string, string> = {};
  const ids = (value: unknown) =>
    Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  if (key === 'beneficiaries') {
    const wanted = ids(data.wardIds);
    const found =
      wanted.length === 0
        ? []
        : q.select({ id: wards.id }).from(wards).where(inArray(wards.id, wanted)).all();
    if (found.length !== new Set(wanted).size) problems.wardIds = 'Choose wards from the list';
  }
  if (key === 'evidence') {
    const wanted = ids(data.needIds);
    const found =
      wanted.length === 0
        ? []
        : q.select({ id: needs.id }).from(needs).where(inArray(needs.id, wanted)).all();
    if (found.length !== new Set(wanted).size) problems.needIds = 'Choose needs from the project bank';
  }
  return problems;
}

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

export function saveSection(
  app: FastifyInstance,
  request: FastifyRequest,
  actor: Actor,
  bidId: string,
  key: SectionKey,
  body: SaveSectionBody,
): SectionState {
  const now = app.clock.now();
  return app.db.transaction(
    (tx) => {
      const bid = editableBid(tx, actor, bidId);
      requireDraft(bid);
      const current = sectionRow(tx, bidId, key);
      const currentVersion = current?.version ?? 0;
      if (body.baseVersion !== currentVersion) {
        const base =
          body.baseVersion === 0 ? {} : (sectionVersion(tx, bidId, key, body.baseVersion)?.data ?? {});
        const changed = changedFields(base, current?.data ?? {});
        const by = current
          ? tx.select({ name: users.name }).from(users).where(eq(users.id, current.updatedBy)).get()?.name
          : null;
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
      const fundRules = fundRulesFor(tx, bid.fundId);
      const problems = {
        ...referenceProblems(tx, key, data),
        ...(body.complete ? fundRuleProblems(key, data, fundRules) : {}),
      };
      if (Object.keys(problems).length > 0)
        throw badRequest('There is a problem with your answers', problems);

      const version = currentVersion + 1;
      const stamp = now.toISOString();
      if (current) {
        tx.update(bidSections)
          .set({ data, complete: body.complete, version, updatedBy: actor.id, updatedAt: stamp })
          .where(and(eq(bidSections.bidId, bidId), eq(bidSections.section, key)))
          .run();
      } else {
        tx.insert(bidSections)
          .values({
            bidId,
            section: key,
            data,
            complete: body.complete,
            version,
            updatedBy: actor.id,
            updatedAt: stamp,
          })
          .run();
      }
      tx.insert(bidSectionVersions)
        .values({ bidId, section: key, version, data, savedBy: actor.id, savedAt: stamp })
        .run();

      const changes: Partial<BidRow> = { updatedAt: stamp };
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
      tx.update(bids).set(changes).where(eq(bids.id, bidId)).run();
      request.audit(tx, {
        action: 'bid.section_saved',
        entityType: 'bid',
        entityId: bidId,
        after: { section: key, version, complete: body.complete },
      });
      const state = sectionStates(tx, bidId).find((s) => s.key === key);
      if (!state) throw new Error('Saved section vanished');
      return state;
    },
    { behavior: 'immediate' },
  );
}

function emailGroup(
  q: Queryable,
  organisationId: string,
  message: { subject: string; kind: string; body: (name: string) => string },
  now: Date,
): void {
  for (const member of groupMembers(q, organisationId)) {
    enqueueMail(
      q,
      { to: member.email, subject: message.subject, kind: message.kind, body: message.body(member.name) },
      now,
    );
  }
}

export function bidLink(app: FastifyInstance, bidId: string): string {
  return `${app.config.PUBLIC_URL ?? `http://localhost:${app.config.PORT}`}/bids/${bidId}`;
}

export function submitBid(
  app: FastifyInstance,
  request: FastifyRequest,
  actor: Actor,
  bidId: string,
): string {
  const now = app.clock.now();
  return app.db.transaction(
    (tx) => {
      const bid = editableBid(tx, actor, bidId);
      const next = transition(bid, 'submit');
      const fund = fundRulesFor(tx, bid.fundId);
      const sections = sectionStates(tx, bidId);
      const problems = submitProblems({
        status: bid.status,
        eligibility: bid.eligibility,
        sections: new Map(sections.map((s) => [s.key, { data: s.data ?? {}, complete: s.complete }])),
        attachmentKinds: attachmentList(tx, bidId).map((a) => a.kind),
        fund,
        now,
      });
      const closed = problems.find((p) => p.section === 'bid');
      if (closed) throw invalidState(closed.message);
      if (problems.length > 0) {
        const fields: Record<string, string> = {};
        for (const p of problems) fields[p.section] ??= p.message;
        throw badRequest('Your bid is not ready to send yet', fields);
      }
      const reference = bid.reference ?? nextReference(tx, bid.fundId, fund.code, now);
      const resubmitted = bid.reference !== null;
      tx.update(bids)
        .set({
          status: next,
          reference,
          submittedAt: now.toISOString(),
          updatedAt: now.toISOString(),
          returnMessage: null,
        })
        .where(eq(bids.id, bidId))
        .run();
      request.audit(tx, {
        action: resubmitted ? 'bid.resubmitted' : 'bid.submitted',
        entityType: 'bid',
        entityId: bidId,
        before: { status: bid.status },
        after: { status: next, reference, amountRequestedPence: bid.amountRequestedPence },
      });
      const title = bid.title ?? 'your project';
      emailGroup(
        tx,
        bid.organisationId,
        {
          kind: 'bid_submitted',
          subject: `We have received your bid ${reference}`,
          body: (name) =>
            [
              `Dear ${name},`,
              '',
              `Thank you. We have received your bid to the ${fund.name} for “${title}”, asking for ${formatPence(bid.amountRequestedPence)}.`,
              '',
              `Your reference is ${reference}. Use it if you contact us about your bid.`,
              '',
              'What happens next: the grants team will check that your group can apply. Then a panel will assess your bid. We will email you at each step.',
              '',
              `See your bid: ${bidLink(app, bidId)}`,
              '',
              'Communities Fund team, Peterborough City Council',
            ].join('\n'),
        },
        now,
      );
      return reference;
    },
    { behavior: 'immediate' },
  );
}

export function withdrawBid(
  app: FastifyInstance,
  request: FastifyRequest,
  actor: Actor,
  bidId: string,
  reason: string,
): void {
  const now = app.clock.now();
  app.db.transaction(
    (tx) => {
      const bid = editableBid(tx, actor, bidId);
      const next = transition(bid, 'withdraw');
      tx.update(bids).set({ status: next, updatedAt: now.toISOString() }).where(eq(bids.id, bidId)).run();
      request.audit(tx, {
        action: 'bid.withdrawn',
        entityType: 'bid',
        entityId: bidId,
        before: { status: bid.status },
        after: { status: next },
        reason,
      });
    },
    { behavior: 'immediate' },
  );
}

export function returnBid(
  app: FastifyInstance,
  request: FastifyRequest,
  actor: Actor,
  bidId: string,
  message: string,
): void {
  const now = app.clock.now();
  app.db.transaction(
    (tx) => {
      const bid = getBidRow(tx, bidId);
      if (!bid) throw noSuchBid();
      authorize(actor, { action: 'bid.return', bid }, { hide: !can(actor, { action: 'bid.read', bid }) });
      const next = transition(bid, 'return');
      tx.update(bids)
        .set({ status: next, returnMessage: message, updatedAt: now.toISOString() })
        .where(eq(bids.id, bidId))
        .run();
      request.audit(tx, {
        action: 'bid.returned',
        entityType: 'bid',
        entityId: bidId,
        before: { status: bid.status },
        after: { status: next },
        reason: message,
      });
      emailGroup(
        tx,
        bid.organisationId,
        {
          kind: 'bid_returned',
          subject: `Your bid ${bid.reference ?? ''} needs some changes`.replace('  ', ' '),
          body: (name) =>
            [
              `Dear ${name},`,
              '',
              `The grants team has looked at your bid “${bid.title ?? 'your project'}” and has asked for some changes:`,
              '',
              message,
              '',
              `You can now change your bid and send it again: ${bidLink(app, bidId)}`,
              '',
              'Communities Fund team, Peterborough City Council',
            ].join('\n'),
        },
        now,
      );
    },
    { behavior: 'immediate' },
  );
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

/** The bid's story from the audit trail: the moves that matter to the group, oldest first. */
export function bidTimeline(q: Queryable, actor: Actor, bid: BidRow): TimelineEvent[] {
  const rows = q
    .select({ event: auditEvents, actorName: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(
      and(
        eq(auditEvents.entityType, 'bid'),
        eq(auditEvents.entityId, bid.id),
        inArray(auditEvents.action, Object.keys(TIMELINE_WORDS) as AuditAction[]),
      ),
    )
    .orderBy(asc(auditEvents.id))
    .all();
  const member = isMember(actor, bid.organisationId);
  const groupIds = new Set(groupMembers(q, bid.organisationId).map((m) => m.id));
  return rows.map(({ event, actorName }) => ({
    at: event.at,
    what: TIMELINE_WORDS[event.action] ?? event.action,
    // Groups see "Grants team" for what council staff did (never an assessor's name); staff see names.
    by:
      member && !(event.actorId && groupIds.has(event.actorId))
        ? 'Grants team'
        : (actorName ?? 'Grants team'),
    // Internal reasons (reopening scores) stay internal; decisions' reasons and feedback are the group's to read.
    detail: member && event.action === 'bid.reopen_scoring' ? null : event.reason,
  }));
}
