import {
  type Me,
  type PageInfo,
  type PageRequest,
  pageWindow,
  type Role,
  type UserSummary,
} from '@cf/shared';
import type { Queryable } from '../../db/client.js';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { ServiceContext } from '../../lib/context.js';
import { badRequest, conflict, notFound, rateLimited } from '../../lib/errors.js';
import { authorize, requireActor } from '../access/policy.js';
import { closeUnconfirmedAccount } from '../accounts/service.js';
import { hashPassword } from '../auth/passwords.js';
import { loadActor, toMe } from '../auth/repository.js';
import {
  type Client,
  checkNewPassword,
  createSession,
  endAllSessions,
  removeSecondFactor,
} from '../auth/service.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { mailToSince } from '../mail/repository.js';
import { dayBefore, INVITATION_KINDS, invitationLimit } from '../mail/rules.js';
import { mailTemplates } from '../mail/templates.js';
import {
  acceptInvitationOf,
  countUsers,
  deleteRoleGrant,
  findRoleGrant,
  fundExists,
  getRoleGrant,
  getUserSummary,
  hasPassword,
  holderOf,
  insertInvitation,
  insertInvitedUser,
  insertRoleGrant,
  isEmailVerified,
  listUserSummaries,
  openInvitation,
  revokeInvitations,
  setUserStatus,
  staffInvitationsSentBy,
} from './repository.js';

const INVITATION_DAYS = 7;
/** Staff invitations one admin may send in a day. */
export const STAFF_INVITATIONS_PER_DAY = 20;
const INVITATION_GONE = 'This invitation link has expired or has already been used';

function mustGetUser(q: Queryable, userId: string): UserSummary {
  const user = getUserSummary(q, userId);
  if (!user) throw notFound('There is no such user');
  return user;
}

function checkFundLimit(q: Queryable, role: string, fundId: string | null): void {
  if (fundId === null) return;
  if (role !== 'assessor')
    throw badRequest('Check the role', { fundId: 'Only an assessor role can be limited to one fund' });
  if (!fundExists(q, fundId)) {
    throw badRequest('Check the fund', { fundId: 'Choose a fund from the list' });
  }
}

// Admin: invite staff, grant and revoke roles, disable and enable users. Every change is audited.

/** One page of every user with their roles, by name. */
export function listUsers(ctx: ServiceContext, page: PageRequest): { users: UserSummary[] } & PageInfo {
  authorize(ctx.actor, { action: 'users.manage' });
  return {
    users: listUserSummaries(ctx.db, undefined, pageWindow(page)),
    page: page.page,
    pageSize: page.pageSize,
    total: countUsers(ctx.db),
  };
}

export function getUser(ctx: ServiceContext, userId: string): UserSummary {
  authorize(ctx.actor, { action: 'users.manage' });
  return mustGetUser(ctx.db, userId);
}

/** Creates a member of staff with one role and emails them a link to set their password. */
export function inviteUser(
  ctx: ServiceContext,
  body: { name: string; email: string; role: Role; fundId: string | null },
): UserSummary {
  authorize(ctx.actor, { action: 'users.manage' });
  const { name, email, role, fundId } = body;
  const userId = unitOfWork(ctx.db, (tx) => {
    const holder = holderOf(tx, email);
    if (holder?.status === 'active' && holder.emailVerifiedAt === null) {
      // Someone registered the address but never proved it is theirs: the invitation takes it back.
      closeUnconfirmedAccount(
        ctx,
        tx,
        holder.id,
        'A staff invitation was sent to its email address, which the account had never confirmed',
      );
    } else if (holder) {
      throw conflict('There is already a user with this email address', {
        email: 'There is already a user with this email address',
      });
    }
    checkFundLimit(tx, role, fundId);
    const id = insertInvitedUser(tx, { email, name });
    insertRoleGrant(tx, { userId: id, role, fundId });
    sendInvitation(ctx, tx, { userId: id, email, name, role, fundId });
    ctx.audit(tx, {
      action: 'user.invited',
      entityType: 'user',
      entityId: id,
      after: { email, name, role, fundId },
    });
    return id;
  });
  return mustGetUser(ctx.db, userId);
}

/**
 * Emails a staff invitation with a new one-time link (7 days), inside the caller's unit of work,
 * within the day's limits on invitations per admin and per address.
 */
function sendInvitation(
  ctx: ServiceContext,
  tx: Queryable,
  to: { userId: string; email: string; name: string; role: Role; fundId: string | null },
): void {
  const now = ctx.clock.now();
  const since = dayBefore(now);
  const limit = invitationLimit(
    {
      bySender: ctx.actor ? staffInvitationsSentBy(tx, ctx.actor.id, since) : [],
      toAddress: mailToSince(tx, to.email, INVITATION_KINDS, since),
      perSender: STAFF_INVITATIONS_PER_DAY,
      address: to.email,
    },
    now,
  );
  if (limit) throw rateLimited(limit.message, limit.retryAfterSeconds);
  const token = newToken();
  insertInvitation(tx, {
    tokenHash: hashToken(token),
    userId: to.userId,
    invitedBy: ctx.actor?.id ?? null,
    expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
    createdAt: now.toISOString(),
  });
  ctx.mail(
    tx,
    mailTemplates.staffInvitation(
      { email: to.email, name: to.name },
      {
        role: to.role,
        fundId: to.fundId,
        link: `${ctx.publicUrl}/invitation/${token}`,
        days: INVITATION_DAYS,
      },
    ),
  );
}

const ACCEPTED_ALREADY = 'This person has already accepted their invitation';
const CLOSED = 'This account is closed: it can never be used again';

/** Someone whose staff invitation may still be resent or cancelled: invited, never accepted. */
function unacceptedInvitee(tx: Queryable, userId: string): UserSummary {
  const user = mustGetUser(tx, userId);
  if (user.status === 'closed') throw conflict(CLOSED);
  if (isEmailVerified(tx, userId) || hasPassword(tx, userId)) throw conflict(ACCEPTED_ALREADY);
  return user;
}

/**
 * Sends a staff invitation again, with a new link: the links sent before stop working at once
 * (a lost or forwarded email opens nothing). Audited.
 */
export function resendInvitation(ctx: ServiceContext, userId: string): UserSummary {
  const actor = requireActor(ctx.actor);
  authorize(actor, { action: 'users.manage' });
  unitOfWork(ctx.db, (tx) => {
    const user = unacceptedInvitee(tx, userId);
    if (user.status === 'disabled') {
      throw conflict('This account is disabled. Enable it before sending the invitation again.');
    }
    const role = user.roles.find((r) => r.role !== 'applicant') ?? user.roles[0];
    if (!role) throw conflict('This person has no role to invite them to. Add a role first.');
    const revoked = revokeInvitations(tx, userId, ctx.clock.now().toISOString());
    sendInvitation(ctx, tx, {
      userId,
      email: user.email,
      name: user.name,
      role: role.role,
      fundId: role.fundId,
    });
    ctx.audit(tx, {
      action: 'user.invitation_resent',
      entityType: 'user',
      entityId: userId,
      after: { email: user.email, role: role.role, fundId: role.fundId, linksStopped: revoked },
    });
  });
  return mustGetUser(ctx.db, userId);
}

/**
 * Cancels a staff invitation: its links stop working and the account, never used, is closed, so
 * its address can be invited again (as the right person, or with another role). Audited.
 */
export function cancelInvitation(ctx: ServiceContext, userId: string): UserSummary {
  const actor = requireActor(ctx.actor);
  authorize(actor, { action: 'users.manage' });
  unitOfWork(ctx.db, (tx) => {
    const user = unacceptedInvitee(tx, userId);
    const revoked = revokeInvitations(tx, userId, ctx.clock.now().toISOString());
    ctx.audit(tx, {
      action: 'user.invitation_cancelled',
      entityType: 'user',
      entityId: userId,
      before: { email: user.email, status: user.status },
      after: { linksStopped: revoked },
    });
    closeUnconfirmedAccount(ctx, tx, userId, 'The staff invitation was cancelled');
  });
  return mustGetUser(ctx.db, userId);
}

/** Grants a role; an assessor role may be limited to one fund. */
export function grantRole(
  ctx: ServiceContext,
  userId: string,
  body: { role: Role; fundId: string | null },
): UserSummary {
  authorize(ctx.actor, { action: 'users.manage' });
  const { role, fundId } = body;
  unitOfWork(ctx.db, (tx) => {
    const user = mustGetUser(tx, userId);
    checkFundLimit(tx, role, fundId);
    if (role !== 'applicant' && !isEmailVerified(tx, userId)) {
      throw conflict(
        user.status === 'invited'
          ? 'This person has not accepted their invitation, so they have not confirmed their email address yet. Add more roles after they accept it.'
          : 'This person has not confirmed their email address yet, so they cannot be given a staff role. Ask them to open the link in the email we sent them first.',
      );
    }
    if (findRoleGrant(tx, userId, role, fundId)) throw conflict('This user already has that role');
    const grantId = insertRoleGrant(tx, { userId, role, fundId });
    ctx.audit(tx, {
      action: 'user.role_granted',
      entityType: 'user',
      entityId: userId,
      after: { grantId, role, fundId },
    });
  });
  return mustGetUser(ctx.db, userId);
}

export function revokeRole(ctx: ServiceContext, userId: string, grantId: string): UserSummary {
  const actor = requireActor(ctx.actor);
  authorize(actor, { action: 'users.manage' });
  unitOfWork(ctx.db, (tx) => {
    const grant = getRoleGrant(tx, userId, grantId);
    if (!grant) throw notFound('This user does not have that role');
    if (userId === actor.id && grant.role === 'admin') {
      throw conflict('You cannot remove your own administrator role. Ask another administrator.');
    }
    deleteRoleGrant(tx, grantId);
    ctx.audit(tx, {
      action: 'user.role_revoked',
      entityType: 'user',
      entityId: userId,
      before: { grantId, role: grant.role, fundId: grant.fundId },
    });
  });
  return mustGetUser(ctx.db, userId);
}

/** Disables a user (they cannot sign in and their sessions end at once), or enables them again. */
export function changeUserStatus(
  ctx: ServiceContext,
  userId: string,
  change: 'disable' | 'enable',
): UserSummary {
  const actor = requireActor(ctx.actor);
  authorize(actor, { action: 'users.manage' });
  unitOfWork(ctx.db, (tx) => {
    const user = mustGetUser(tx, userId);
    if (user.status === 'closed') throw conflict('This account is closed: it can never be used again');
    if (change === 'disable') {
      if (userId === actor.id) throw conflict('You cannot disable your own account');
      if (user.status === 'disabled') throw conflict('This user is already disabled');
    } else if (user.status !== 'disabled') {
      throw conflict('This user is not disabled');
    }
    // An enabled user who never accepted their invitation goes back to "invited".
    const status = change === 'disable' ? 'disabled' : hasPassword(tx, userId) ? 'active' : 'invited';
    setUserStatus(tx, userId, status);
    const ended = change === 'disable' ? endAllSessions(tx, userId) : 0;
    ctx.audit(tx, {
      action: `user.${change}d`,
      entityType: 'user',
      entityId: userId,
      before: { status: user.status },
      after: { status, sessionsEnded: ended },
    });
  });
  return mustGetUser(ctx.db, userId);
}

/**
 * Resets a member of staff's second factor (a lost phone): their authenticator app and recovery
 * codes go, and every session of theirs ends; they set up a new app when they next sign in.
 */
export function resetSecondFactor(ctx: ServiceContext, userId: string): UserSummary {
  const actor = requireActor(ctx.actor);
  authorize(actor, { action: 'users.manage' });
  unitOfWork(ctx.db, (tx) => {
    mustGetUser(tx, userId);
    if (!removeSecondFactor(tx, userId)) throw conflict('This user has no authenticator app to reset');
    ctx.audit(tx, { action: 'user.second_factor_reset', entityType: 'user', entityId: userId });
  });
  return mustGetUser(ctx.db, userId);
}

// Invitations: no sign-in needed, the link is the key.

function pendingInvitation(ctx: ServiceContext, q: Queryable, token: string) {
  const invitation = openInvitation(q, hashToken(token), ctx.clock.now());
  if (invitation?.status !== 'invited') throw notFound(INVITATION_GONE);
  return invitation;
}

/** Who an invitation is for. */
export function invitationInfo(ctx: ServiceContext, token: string): { email: string; name: string } {
  const invitation = pendingInvitation(ctx, ctx.db, token);
  return { email: invitation.email, name: invitation.name };
}

/**
 * Accepts an invitation: sets the password and signs the new member of staff in. Returns the new
 * session's token (for the cookie) and who they are.
 */
export async function acceptInvitation(
  ctx: ServiceContext,
  body: { token: string; password: string },
  client: Client,
): Promise<{ token: string; me: Me }> {
  const { token, password } = body;
  checkNewPassword(password);
  // Check the link before the (deliberately slow) hashing, so a bad link costs us nothing.
  pendingInvitation(ctx, ctx.db, token);
  const passwordHash = await hashPassword(password);
  const now = ctx.clock.now();
  const accepted = unitOfWork(ctx.db, (tx) => {
    const invitation = pendingInvitation(ctx, tx, token);
    acceptInvitationOf(tx, invitation, passwordHash, now);
    // Nobody is signed in yet: the invited user is the actor of their own acceptance.
    ctx.audit(
      tx,
      { action: 'user.invitation_accepted', entityType: 'user', entityId: invitation.userId },
      { actorId: invitation.userId },
    );
    const sessionToken = createSession(tx, invitation.userId, now, client);
    return { sessionToken, userId: invitation.userId };
  });
  const actor = loadActor(ctx.db, accepted.userId);
  return { token: accepted.sessionToken, me: toMe(ctx.db, requireActor(actor)) };
}
