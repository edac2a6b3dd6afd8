import {
  can,
  formatDateTime,
  GROUP_LIMIT_MESSAGE,
  hasRole,
  LAST_MEMBER_MESSAGE,
  MAX_GROUPS_PER_PERSON,
  type Me,
  type OrganisationDetail,
} from '@cf/shared';
import type { Queryable } from '../../db/client.js';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { MailMessage, ServiceContext } from '../../lib/context.js';
import { badRequest, conflict, notFound, rateLimited } from '../../lib/errors.js';
import { found } from '../../lib/found.js';
import { type Actor, authorize, requireActor } from '../access/policy.js';
import { loadActor, toMe } from '../auth/repository.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { mailToSince } from '../mail/repository.js';
import { dayBefore, INVITATION_KINDS, invitationLimit } from '../mail/rules.js';
import { mailTemplates, type Recipient } from '../mail/templates.js';
import { unknownWardIds } from '../reference/repository.js';
import {
  accountExists,
  deleteMembership,
  getOrganisationDetail,
  getOrganisationRow,
  grantApplicantRole,
  groupCountOf,
  groupInvitationsSentBy,
  groupMembers,
  insertGroupInvitation,
  insertMembership,
  insertOrganisation,
  isMemberOf,
  markGroupInvitationAccepted,
  memberByEmail,
  openGroupInvitation,
  personOf,
  type RegisterOrganisationInput,
  type UpdateOrganisationInput,
  updateOrganisationRow,
} from './repository.js';

const INVITATION_DAYS = 14;
/** Group invitations one member may send in a day (each email carries their name and the group's). */
export const GROUP_INVITATIONS_PER_DAY = 10;
const EXPIRED = 'This invitation link has expired or has already been used';

/** Queues one email to each active member of a group, inside the caller's unit of work. */
export function mailGroupMembers(
  ctx: ServiceContext,
  tx: Queryable,
  organisationId: string,
  message: (member: Recipient) => MailMessage,
): void {
  for (const member of groupMembers(tx, organisationId)) ctx.mail(tx, message(member));
}

/**
 * Queues one email to everyone who speaks for a group, inside the caller's unit of work: the main
 * contact on the group's record (who may have no account at all) and each active member, each
 * address once, whatever its case. For what the group must hear whoever is signed up: decisions.
 */
export function mailGroup(
  ctx: ServiceContext,
  tx: Queryable,
  organisationId: string,
  message: (recipient: Recipient) => MailMessage,
): void {
  for (const recipient of groupRecipients(tx, organisationId)) ctx.mail(tx, message(recipient));
}

/** Who `mailGroup` writes to: the group's main contact first, then its active members; each address once. */
export function groupRecipients(q: Queryable, organisationId: string): Recipient[] {
  const group = getOrganisationRow(q, organisationId);
  const contact = group ? [{ name: group.contactName, email: group.contactEmail }] : [];
  const seen = new Set<string>();
  return [...contact, ...groupMembers(q, organisationId)].flatMap(({ name, email }) => {
    const address = email.trim().toLowerCase();
    if (address === '' || seen.has(address)) return [];
    seen.add(address);
    return [{ name, email: address }];
  });
}

/** The ids of a group's active members. */
export function memberIds(q: Queryable, organisationId: string): Set<string> {
  return new Set(groupMembers(q, organisationId).map((m) => m.id));
}

/** Refuses one more group to someone who already belongs to as many as one person may (409). */
function checkGroupLimit(q: Queryable, userId: string): void {
  if (groupCountOf(q, userId) >= MAX_GROUPS_PER_PERSON) throw conflict(GROUP_LIMIT_MESSAGE);
}

function detail(ctx: ServiceContext, organisationId: string): OrganisationDetail {
  return found(getOrganisationDetail(ctx.db, organisationId, ctx.clock.now()), 'group');
}

/** Register a community group; the person registering becomes its first member and an applicant. */
export function registerOrganisation(
  ctx: ServiceContext,
  body: RegisterOrganisationInput,
): OrganisationDetail {
  const actor = requireActor(ctx.actor);
  authorize(actor, { action: 'organisation.register' });
  const id = unitOfWork(ctx.db, (tx) => {
    if (unknownWardIds(tx, [body.wardId]).length > 0) {
      throw badRequest('Check the ward', { wardId: 'Choose a ward from the list' });
    }
    checkGroupLimit(tx, actor.id);
    const organisationId = insertOrganisation(tx, body);
    insertMembership(tx, actor.id, organisationId);
    // Joining a group makes you an applicant, if you were not one already.
    if (!hasRole(actor, 'applicant')) grantApplicantRole(tx, actor.id);
    ctx.audit(tx, {
      action: 'organisation.registered',
      entityType: 'organisation',
      entityId: organisationId,
      after: { ...body },
    });
    return organisationId;
  });
  return detail(ctx, id);
}

/** A group, its members and open invitations: members and grants staff only (others: 404). */
export function organisationDetail(ctx: ServiceContext, organisationId: string): OrganisationDetail {
  const actor = requireActor(ctx.actor);
  authorize(actor, { action: 'organisation.read', organisation: { id: organisationId } }, { hide: true });
  return detail(ctx, organisationId);
}

/**
 * Checks the actor may manage the group (its members only). Staff who may read the group are
 * refused with 403; anyone else gets the 404 an unknown group gets, so group ids cannot be probed.
 */
function authorizeManage(actor: Actor, organisationId: string): void {
  const organisation = { id: organisationId };
  authorize(
    actor,
    { action: 'organisation.manage', organisation },
    { hide: !can(actor, { action: 'organisation.read', organisation }) },
  );
}

/**
 * A member changes the group's details, from the version they opened: a change from an older
 * version is refused (409) naming who changed them, never an overwrite. Audited with before and after.
 */
export function updateOrganisation(
  ctx: ServiceContext,
  organisationId: string,
  body: UpdateOrganisationInput,
): OrganisationDetail {
  const actor = requireActor(ctx.actor);
  authorizeManage(actor, organisationId);
  const now = ctx.clock.now().toISOString();
  unitOfWork(ctx.db, (tx) => {
    const current = getOrganisationRow(tx, organisationId);
    if (!current) throw notFound('There is no such group');
    if (current.version !== body.version) {
      const who = (current.updatedBy && personOf(tx, current.updatedBy)?.name) || 'Someone in your group';
      const when = current.updatedAt ? ` at ${formatDateTime(current.updatedAt)}` : '';
      throw conflict(
        `${who} changed these details${when}, after you opened them. Your changes have not been saved. ` +
          'Reload the page to see their changes, then make yours again.',
      );
    }
    if (unknownWardIds(tx, [body.wardId]).length > 0) {
      throw badRequest('Check the ward', { wardId: 'Choose a ward from the list' });
    }
    const { version, ...details } = body;
    updateOrganisationRow(tx, organisationId, details, { version: version + 1, by: actor.id, at: now });
    const {
      id: _id,
      createdAt: _created,
      updatedAt: _updatedAt,
      updatedBy: _updatedBy,
      version: before,
      ...was
    } = current;
    ctx.audit(tx, {
      action: 'organisation.updated',
      entityType: 'organisation',
      entityId: organisationId,
      before: { ...was, version: before },
      after: { ...details, version: version + 1 },
    });
  });
  return detail(ctx, organisationId);
}

/**
 * A member removes someone from the group, or leaves it (removing themselves). Their access to the
 * group's bids ends with the next request (who belongs is read afresh each time). The last active
 * member cannot leave (409): a group always has someone to answer for its bids. Audited; someone
 * removed by another member is told by email.
 */
export function removeMember(ctx: ServiceContext, organisationId: string, userId: string): void {
  const actor = requireActor(ctx.actor);
  authorizeManage(actor, organisationId);
  const leaving = userId === actor.id;
  unitOfWork(ctx.db, (tx) => {
    const organisation = getOrganisationRow(tx, organisationId);
    if (!organisation) throw notFound('There is no such group');
    if (!isMemberOf(tx, organisationId, userId)) throw notFound('This person is not a member of your group');
    const others = groupMembers(tx, organisationId).filter((m) => m.id !== userId);
    if (others.length === 0) throw conflict(LAST_MEMBER_MESSAGE);
    deleteMembership(tx, organisationId, userId);
    ctx.audit(tx, {
      action: leaving ? 'organisation.member_left' : 'organisation.member_removed',
      entityType: 'organisation',
      entityId: organisationId,
      after: { userId },
    });
    const person = personOf(tx, userId);
    if (!leaving && person) {
      ctx.mail(
        tx,
        mailTemplates.groupMemberRemoved(person, { groupName: organisation.name, removedByName: actor.name }),
      );
    }
  });
}

/** A member invites someone by email to join the group: a one-time link, valid for two weeks. */
export function inviteMember(ctx: ServiceContext, organisationId: string, email: string): OrganisationDetail {
  const actor = requireActor(ctx.actor);
  authorize(actor, { action: 'organisation.manage', organisation: { id: organisationId } }, { hide: true });
  const now = ctx.clock.now();
  const token = newToken();
  unitOfWork(ctx.db, (tx) => {
    const organisation = getOrganisationRow(tx, organisationId);
    if (!organisation) throw notFound('There is no such group');
    if (memberByEmail(tx, organisationId, email)) {
      throw conflict('This person is already a member of your group', {
        email: 'This person is already a member of your group',
      });
    }
    const since = dayBefore(now);
    const limit = invitationLimit(
      {
        bySender: groupInvitationsSentBy(tx, actor.id, since),
        toAddress: mailToSince(tx, email, INVITATION_KINDS, since),
        perSender: GROUP_INVITATIONS_PER_DAY,
        address: email,
      },
      now,
    );
    if (limit) throw rateLimited(limit.message, limit.retryAfterSeconds);
    insertGroupInvitation(tx, {
      organisationId,
      email,
      tokenHash: hashToken(token),
      invitedBy: actor.id,
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
      createdAt: now.toISOString(),
    });
    ctx.mail(
      tx,
      mailTemplates.groupInvitation(
        { email },
        {
          inviterName: actor.name,
          groupName: organisation.name,
          organisationId,
          link: `${ctx.publicUrl}/group-invitations/${token}`,
          days: INVITATION_DAYS,
        },
      ),
    );
    ctx.audit(tx, {
      action: 'organisation.member_invited',
      entityType: 'organisation',
      entityId: organisationId,
      after: { email },
    });
  });
  return detail(ctx, organisationId);
}

/** Which group an invitation is for (no sign-in needed), and whether its email has an account. */
export function groupInvitationInfo(ctx: ServiceContext, token: string) {
  const open = openGroupInvitation(ctx.db, hashToken(token), ctx.clock.now());
  if (!open) throw notFound(EXPIRED);
  return {
    organisationName: open.organisationName,
    email: open.invitation.email,
    invitedByName: open.invitedByName,
    hasAccount: accountExists(ctx.db, open.invitation.email),
  };
}

/** Join the group one was invited to, signed in with the invited email address. */
export function acceptGroupInvitation(ctx: ServiceContext, token: string): Me {
  const actor = requireActor(ctx.actor);
  authorize(actor, { action: 'organisation.join' });
  const now = ctx.clock.now();
  unitOfWork(ctx.db, (tx) => {
    const open = openGroupInvitation(tx, hashToken(token), now);
    if (!open) throw notFound(EXPIRED);
    if (open.invitation.email !== actor.email) {
      throw conflict(
        `This invitation was sent to ${open.invitation.email}. Sign in with that email address to accept it.`,
      );
    }
    const organisationId = open.invitation.organisationId;
    if (!actor.organisationIds.includes(organisationId)) {
      checkGroupLimit(tx, actor.id);
      insertMembership(tx, actor.id, organisationId);
    }
    if (!hasRole(actor, 'applicant')) grantApplicantRole(tx, actor.id);
    markGroupInvitationAccepted(tx, open.invitation.id, actor.id, now.toISOString());
    ctx.audit(tx, {
      action: 'organisation.member_joined',
      entityType: 'organisation',
      entityId: organisationId,
      after: { userId: actor.id },
    });
  });
  return toMe(
    ctx.db,
    requireActor(loadActor(ctx.db, actor.id, { secondFactorUsed: actor.secondFactor === 'done' })),
  );
}
