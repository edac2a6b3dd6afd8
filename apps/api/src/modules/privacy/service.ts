import {
  type AnonymiseResult,
  auditSentence,
  DEFAULT_RETENTION_MONTHS,
  londonLocalToIso,
  londonToday,
  type PersonalData,
  type RetentionBody,
  type RetentionSetting,
  retentionWords,
} from '@cf/shared';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { ServiceContext } from '../../lib/context.js';
import { notFound } from '../../lib/errors.js';
import { authorize, requireActor } from '../access/policy.js';
import {
  accountOf,
  auditEventsOf,
  bidsStartedBy,
  claimRemoval,
  conflictsDeclaredBy,
  evidenceUploadedBy,
  expiredClosedGrants,
  groupsWithContact,
  invitationsOf,
  mailTo,
  membershipsOf,
  offersAcceptedBy,
  readRetention,
  removeContactIfGroupIsDone,
  removeGrantPersonalData,
  reportsSentBy,
  rolesOf,
  scoreSetsOf,
  secondFactorOf,
  sessionsOf,
  writeRetention,
} from './repository.js';
import { monthsBefore } from './rules.js';

// ─── Retention (decision 0026) ────────────────────────────────────────────────────────────────

/** How long closed grants keep personal data: public, for the privacy notice. */
export function retentionSetting(ctx: ServiceContext): RetentionSetting {
  const row = readRetention(ctx.db);
  const months = row?.months ?? DEFAULT_RETENTION_MONTHS;
  return { months, isDefault: !row, words: retentionWords(months), updatedAt: row?.updatedAt ?? null };
}

/** An admin sets the retention period; audited with the period before and after. */
export function setRetention(ctx: ServiceContext, body: RetentionBody): RetentionSetting {
  const actor = requireActor(ctx.actor);
  authorize(actor, { action: 'retention.manage' });
  unitOfWork(ctx.db, (tx) => {
    const before = readRetention(tx)?.months ?? DEFAULT_RETENTION_MONTHS;
    if (before === body.months && readRetention(tx)) return;
    writeRetention(tx, body.months, ctx.clock.now().toISOString(), actor.id);
    ctx.audit(tx, {
      action: 'system.retention_changed',
      entityType: 'system',
      before: { months: before },
      after: { months: body.months },
    });
  });
  return retentionSetting(ctx);
}

/**
 * The anonymising job (decision 0026): removes the personal data of every closed grant (completed,
 * declined, ended early) that closed longer ago than the retention period before `today` (a London
 * date, YYYY-MM-DD), and each such group's main contact once nothing of the group is live. Keeps
 * amounts, dates, the group's name, the project's title and description, payments, bank records
 * and the audit trail whole, so the financial record and the open data do not change.
 *
 * Idempotent: each grant is claimed in personal_data_removals before anything is removed, inside
 * one unit of work (BEGIN IMMEDIATE), so running it twice, or two copies at once, removes and
 * audits each grant once; a second run finds nothing to do. The daily scheduled-job runner calls
 * it with the service's own context (no actor: the audit trail says "The service").
 */
export function anonymiseExpired(ctx: ServiceContext, today: string): AnonymiseResult {
  return unitOfWork(ctx.db, (tx) => {
    const months = readRetention(tx)?.months ?? DEFAULT_RETENTION_MONTHS;
    const closedBefore = monthsBefore(today, months);
    const cutoff = londonLocalToIso(`${closedBefore}T00:00`);
    const now = ctx.clock.now().toISOString();
    const done: string[] = [];
    for (const grant of expiredClosedGrants(tx, cutoff)) {
      if (!claimRemoval(tx, grant.id, months, now)) continue;
      removeGrantPersonalData(tx, grant);
      const contactRemoved = removeContactIfGroupIsDone(tx, grant.organisationId, cutoff);
      ctx.audit(tx, {
        action: 'grant.personal_data_removed',
        entityType: 'grant',
        entityId: grant.id,
        after: { months, closedBefore, contactRemoved },
      });
      done.push(grant.id);
    }
    return { today, closedBefore, grantIds: done };
  });
}

/** An admin's "run it now": the same job, counted from today in London. */
export function anonymiseNow(ctx: ServiceContext): AnonymiseResult {
  authorize(requireActor(ctx.actor), { action: 'retention.manage' });
  return anonymiseExpired(ctx, londonToday(ctx.clock.now()));
}

// ─── Subject access: everything held about the signed-in person ──────────────────────────────

/** The most audit events one download holds (newest first); more is said in `about`. */
const AUDIT_LIMIT = 5_000;

/**
 * Everything held about the signed-in person (PRODUCT.md section 10), as plain JSON: their own
 * data, never another person's (an event someone else made about them says "someone else", not
 * who), and never a secret (no password hash, second-factor secret, recovery code, token or
 * session id; an email that held a secret link is listed without its body). Audited.
 */
export function personalData(ctx: ServiceContext): PersonalData {
  const actor = requireActor(ctx.actor);
  return unitOfWork(ctx.db, (tx) => {
    const account = accountOf(tx, actor.id);
    if (!account) throw notFound();
    const { factor, recoveryCodesLeft } = secondFactorOf(tx, actor.id);
    const events = auditEventsOf(tx, actor.id, AUDIT_LIMIT);
    const data: PersonalData = {
      about:
        'Everything the Communities Fund holds about you, as of the time below. Your group’s bids and grants belong to the group; here are the ones you started and the offers you signed. ' +
        `The audit trail lists what you did and what was done to your account, newest first, up to ${AUDIT_LIMIT.toLocaleString('en-GB')} entries.`,
      generatedAt: ctx.clock.now().toISOString(),
      account: {
        ...account,
        secondFactor: factor
          ? {
              setUpAt: new Date(factor.createdAt).toISOString(),
              confirmed: factor.confirmedAt !== null,
              recoveryCodesLeft,
            }
          : null,
      },
      roles: rolesOf(tx, actor.id).map((r) => ({ role: r.role, fund: r.fund ?? 'every fund' })),
      memberships: membershipsOf(tx, actor.id),
      invitations: invitationsOf(tx, actor.id, account.email),
      sessions: sessionsOf(tx, actor.id),
      groupsYouAreContactFor: groupsWithContact(tx, account.email),
      bidsYouStarted: bidsStartedBy(tx, actor.id),
      offersYouAccepted: offersAcceptedBy(tx, actor.id),
      reportsYouSent: reportsSentBy(tx, actor.id),
      evidenceYouUploaded: evidenceUploadedBy(tx, actor.id),
      conflictsYouDeclared: conflictsDeclaredBy(tx, actor.id),
      scoresYouGave: scoreSetsOf(tx, actor.id),
      auditTrail: events.map((e) => {
        const byYou = e.actorId === actor.id;
        const who = byYou ? 'You' : e.actorId === null ? 'The service' : 'Someone else';
        return {
          at: e.at,
          who,
          what: auditSentence(
            { action: e.action, before: null, after: null },
            {
              actor: who,
              record:
                e.entityType === 'user' && e.entityId === actor.id ? 'your account' : `a ${e.entityType}`,
            },
            () => undefined,
          ),
          action: e.action,
          // Details only where they are about you: what you did, or what was done to your account.
          ...(e.entityType === 'user' && e.entityId === actor.id ? { before: e.before, after: e.after } : {}),
          ...(byYou ? { ip: e.ip } : {}),
        };
      }),
      mailSentToYou: mailTo(tx, account.email).map((m) => ({
        subject: m.subject,
        kind: m.kind,
        status: m.status,
        sentAt: m.sentAt,
        body: m.secret ? 'This email held a private link; it is left out so it cannot be used.' : m.body,
      })),
    };
    ctx.audit(tx, { action: 'user.data_downloaded', entityType: 'user', entityId: actor.id });
    return data;
  });
}
