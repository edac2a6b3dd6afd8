import { EMAIL_VERIFICATION_DAYS, PASSWORD_RESET_MINUTES } from '@cf/shared';
import type { Queryable } from '../../db/client.js';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { ServiceContext } from '../../lib/context.js';
import { badRequest, conflict, notFound, rateLimited } from '../../lib/errors.js';
import { requireActor } from '../access/policy.js';
import { hashPassword } from '../auth/passwords.js';
import type { ThrottleLimits } from '../auth/rules.js';
import {
  type Client,
  checkNewPassword,
  confirmPassword,
  endAllSessions,
  endOtherSessions,
} from '../auth/service.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { mailToSince } from '../mail/repository.js';
import { dayBefore } from '../mail/rules.js';
import { mailTemplates } from '../mail/templates.js';
import {
  type AccountTokenPurpose,
  closeAccountRow,
  findAccountByEmail,
  findAccountById,
  insertAccountToken,
  insertApplicant,
  openAccountToken,
  setEmail,
  setEmailVerified,
  setPasswordHash,
  useUpAccountTokens,
} from './repository.js';

// Account basics: creating an account and confirming its address (decision 0014).

const DAY_MS = 86_400_000;
/** Confirmation emails one account may be sent in a day (the first one and resends). */
export const VERIFICATION_EMAILS_PER_DAY = 5;
/** "Someone tried to register with your address" emails one address gets in a day, at most. */
const REGISTRATION_NOTICES_PER_DAY = 3;
export const LINK_GONE = 'This link has expired or has already been used';

/** Stores a new one-time link for an account (only its hash) and returns the token for the email. */
export function issueAccountToken(
  ctx: ServiceContext,
  tx: Queryable,
  link: { userId: string; purpose: AccountTokenPurpose; email: string; validForMs: number },
): string {
  const token = newToken();
  const now = ctx.clock.now();
  insertAccountToken(tx, {
    tokenHash: hashToken(token),
    userId: link.userId,
    purpose: link.purpose,
    email: link.email,
    expiresAt: new Date(now.getTime() + link.validForMs).toISOString(),
    createdAt: now.toISOString(),
  });
  return token;
}

/** Emails a new link to confirm the account's address; any earlier link stops working. */
function sendVerification(ctx: ServiceContext, tx: Queryable, userId: string, email: string): void {
  useUpAccountTokens(tx, userId, ctx.clock.now(), 'verify_email');
  const token = issueAccountToken(ctx, tx, {
    userId,
    purpose: 'verify_email',
    email,
    validForMs: EMAIL_VERIFICATION_DAYS * DAY_MS,
  });
  ctx.mail(
    tx,
    mailTemplates.emailVerification(
      { email },
      { link: `${ctx.publicUrl}/confirm-email/${token}`, days: EMAIL_VERIFICATION_DAYS, userId },
    ),
  );
}

/**
 * A community group member creates their own account. It starts unconfirmed (it can sign in, but
 * do nothing) and an emailed link confirms the address. The answer is the same whether or not the
 * address already has an account, and nobody is signed in either way: the owner of an existing
 * account is told by email that someone tried, and how to sign in or reset their password.
 */
export async function registerApplicant(
  ctx: ServiceContext,
  body: { name: string; email: string; password: string },
): Promise<{ email: string }> {
  const { name, email, password } = body;
  checkNewPassword(password);
  // Hashed whether or not the address has an account, so both answers take as long.
  const passwordHash = await hashPassword(password);
  const now = ctx.clock.now();
  unitOfWork(ctx.db, (tx) => {
    const existing = findAccountByEmail(tx, email);
    if (existing) {
      if (
        mailToSince(tx, email, ['registration_attempt'], dayBefore(now)).length < REGISTRATION_NOTICES_PER_DAY
      ) {
        ctx.mail(
          tx,
          mailTemplates.registrationAttempt(
            { email },
            { signInLink: `${ctx.publicUrl}/sign-in`, resetLink: `${ctx.publicUrl}/forgotten-password` },
          ),
        );
      }
      ctx.audit(
        tx,
        { action: 'user.registration_attempted', entityType: 'user', entityId: existing.id },
        { actorId: null },
      );
      return;
    }
    const userId = insertApplicant(tx, { email, name, passwordHash });
    // Nobody is signed in: the new applicant is the actor of their own registration.
    ctx.audit(
      tx,
      {
        action: 'user.registered',
        entityType: 'user',
        entityId: userId,
        after: { email, name, role: 'applicant' },
      },
      { actorId: userId },
    );
    sendVerification(ctx, tx, userId, email);
  });
  return { email };
}

/** Confirms an account's address with the emailed link (no sign-in needed: the link is the proof). */
export function confirmEmail(ctx: ServiceContext, token: string): { email: string } {
  const now = ctx.clock.now();
  return unitOfWork(ctx.db, (tx) => {
    const link = openAccountToken(tx, hashToken(token), 'verify_email', now);
    const user = link && findAccountById(tx, link.userId);
    // A link for an address the account no longer has confirms nothing.
    if (!link || user?.status !== 'active' || user.email !== link.email) throw notFound(LINK_GONE);
    useUpAccountTokens(tx, user.id, now, 'verify_email');
    if (user.emailVerifiedAt === null) {
      setEmailVerified(tx, user.id, now);
      ctx.audit(
        tx,
        {
          action: 'user.email_verified',
          entityType: 'user',
          entityId: user.id,
          after: { email: user.email },
        },
        { actorId: user.id },
      );
    }
    return { email: user.email };
  });
}

/** Sends the signed-in person a new link to confirm their address (at most 5 a day). */
export function resendVerification(ctx: ServiceContext): { email: string } {
  const actor = requireActor(ctx.actor);
  const now = ctx.clock.now();
  return unitOfWork(ctx.db, (tx) => {
    const user = findAccountById(tx, actor.id);
    if (!user || user.emailVerifiedAt !== null) throw conflict('Your email address is already confirmed.');
    const sent = mailToSince(tx, user.email, ['email_verification'], dayBefore(now));
    if (sent.length >= VERIFICATION_EMAILS_PER_DAY) {
      const oldest = Date.parse(sent[0] ?? now.toISOString());
      throw rateLimited(
        `We have sent you ${VERIFICATION_EMAILS_PER_DAY} emails today. Use the link in the newest one, or try again tomorrow.`,
        Math.max(1, Math.ceil((oldest + DAY_MS - now.getTime()) / 1000)),
      );
    }
    sendVerification(ctx, tx, user.id, user.email);
    return { email: user.email };
  });
}

/**
 * Closes an account that never confirmed its address, so the address can be given to someone who
 * can prove it is theirs (a staff invitation). Its sessions end and its links stop working; the
 * account keeps its history but can never sign in again. Inside the caller's unit of work.
 */
export function closeUnconfirmedAccount(
  ctx: ServiceContext,
  tx: Queryable,
  userId: string,
  reason: string,
): void {
  const user = findAccountById(tx, userId);
  if (!user || user.emailVerifiedAt !== null)
    throw conflict('Only an account whose address is not confirmed can be closed');
  const now = ctx.clock.now();
  const sessionsEnded = endAllSessions(tx, userId);
  useUpAccountTokens(tx, userId, now);
  const placeholder = closeAccountRow(tx, userId);
  ctx.audit(tx, {
    action: 'user.closed',
    entityType: 'user',
    entityId: userId,
    before: { email: user.email, status: user.status },
    after: { email: placeholder, status: 'closed', sessionsEnded },
    reason,
  });
}

// A forgotten password.

/** Reset emails one address gets in an hour, at most; more requests get the same answer, and no email. */
const RESET_EMAILS_PER_HOUR = 3;

/**
 * Emails a link to choose a new password (30 minutes, single use), if the address has an active
 * account. The answer is the same whether or not it has one; so is the time taken, near enough.
 */
export function requestPasswordReset(ctx: ServiceContext, email: string): { email: string } {
  const now = ctx.clock.now();
  unitOfWork(ctx.db, (tx) => {
    const user = findAccountByEmail(tx, email);
    // Invited staff set their first password through their invitation; disabled accounts stay shut.
    if (user?.status !== 'active') return;
    const anHourAgo = new Date(now.getTime() - 3_600_000).toISOString();
    if (mailToSince(tx, email, ['password_reset'], anHourAgo).length >= RESET_EMAILS_PER_HOUR) return;
    useUpAccountTokens(tx, user.id, now, 'reset_password');
    const token = issueAccountToken(ctx, tx, {
      userId: user.id,
      purpose: 'reset_password',
      email,
      validForMs: PASSWORD_RESET_MINUTES * 60_000,
    });
    ctx.mail(
      tx,
      mailTemplates.passwordReset(
        { email },
        {
          link: `${ctx.publicUrl}/reset-password/${token}`,
          minutes: PASSWORD_RESET_MINUTES,
          userId: user.id,
        },
      ),
    );
    ctx.audit(
      tx,
      { action: 'user.password_reset_requested', entityType: 'user', entityId: user.id },
      { actorId: null },
    );
  });
  return { email };
}

function openResetLink(ctx: ServiceContext, q: Queryable, token: string) {
  const link = openAccountToken(q, hashToken(token), 'reset_password', ctx.clock.now());
  const user = link && findAccountById(q, link.userId);
  if (!link || user?.status !== 'active' || user.email !== link.email) throw notFound(LINK_GONE);
  return { link, user };
}

/** Who a reset link is for, or 404 when it no longer works. */
export function passwordResetInfo(ctx: ServiceContext, token: string): { email: string } {
  return { email: openResetLink(ctx, ctx.db, token).user.email };
}

/**
 * Sets a new password from a reset link (the rules of registration). Every session of the account
 * ends; the owner is told; the link proved the address, so an unconfirmed one is confirmed.
 */
export async function resetPassword(
  ctx: ServiceContext,
  body: { token: string; password: string },
): Promise<void> {
  checkNewPassword(body.password);
  // Check the link before the (deliberately slow) hashing, so a bad link costs us nothing.
  openResetLink(ctx, ctx.db, body.token);
  const passwordHash = await hashPassword(body.password);
  const now = ctx.clock.now();
  unitOfWork(ctx.db, (tx) => {
    const { user } = openResetLink(ctx, tx, body.token);
    setPasswordHash(tx, user.id, passwordHash);
    if (user.emailVerifiedAt === null) setEmailVerified(tx, user.id, now);
    useUpAccountTokens(tx, user.id, now, 'reset_password');
    const sessionsEnded = endAllSessions(tx, user.id);
    ctx.mail(
      tx,
      mailTemplates.passwordChanged(
        { email: user.email },
        { resetLink: `${ctx.publicUrl}/forgotten-password` },
      ),
    );
    // Nobody is signed in: the owner, who opened the link, is the actor.
    ctx.audit(
      tx,
      { action: 'user.password_reset', entityType: 'user', entityId: user.id, after: { sessionsEnded } },
      { actorId: user.id },
    );
  });
}

// Signed in: one's own password, sessions and email address.

const WRONG_CURRENT = 'Your current password is not right. Enter it again.';

async function requireCurrentPassword(
  ctx: ServiceContext,
  actor: { id: string; email: string },
  password: string,
  client: Client,
  limits: ThrottleLimits,
): Promise<void> {
  if (!(await confirmPassword(ctx, actor, password, client, limits))) {
    throw badRequest('Check your current password', { currentPassword: WRONG_CURRENT });
  }
}

/** Changes the signed-in person's password; every other session of theirs ends, this one stays. */
export async function changePassword(
  ctx: ServiceContext,
  body: { currentPassword: string; password: string },
  client: Client & { sessionToken: string | undefined },
  limits: ThrottleLimits,
): Promise<void> {
  const actor = requireActor(ctx.actor);
  checkNewPassword(body.password);
  await requireCurrentPassword(ctx, actor, body.currentPassword, client, limits);
  const passwordHash = await hashPassword(body.password);
  unitOfWork(ctx.db, (tx) => {
    setPasswordHash(tx, actor.id, passwordHash);
    const sessionsEnded = endOtherSessions(tx, actor.id, client.sessionToken);
    ctx.mail(
      tx,
      mailTemplates.passwordChanged(
        { email: actor.email },
        { resetLink: `${ctx.publicUrl}/forgotten-password` },
      ),
    );
    ctx.audit(tx, {
      action: 'user.password_changed',
      entityType: 'user',
      entityId: actor.id,
      after: { sessionsEnded },
    });
  });
}

/** Ends every session of the signed-in person, this one too (a lost phone, a shared computer). */
export function signOutEverywhere(ctx: ServiceContext): void {
  const actor = requireActor(ctx.actor);
  unitOfWork(ctx.db, (tx) => {
    const sessionsEnded = endAllSessions(tx, actor.id);
    ctx.audit(tx, {
      action: 'user.signed_out_everywhere',
      entityType: 'user',
      entityId: actor.id,
      after: { sessionsEnded },
    });
  });
}

/** Requests to change the email address one account may make in a day. */
const EMAIL_CHANGES_PER_DAY = 5;

/**
 * Starts changing the signed-in person's email address: a link to the new address (3 days, single
 * use) makes the change when it is opened; the old address is told now. The answer is the same
 * when another account holds the new address (its owner is told instead, and no link is sent).
 */
export async function requestEmailChange(
  ctx: ServiceContext,
  body: { email: string; currentPassword: string },
  client: Client,
  limits: ThrottleLimits,
): Promise<{ email: string }> {
  const actor = requireActor(ctx.actor);
  const { email } = body;
  if (email === actor.email) {
    throw badRequest('Check the new email address', { email: 'This is already your email address' });
  }
  await requireCurrentPassword(ctx, actor, body.currentPassword, client, limits);
  const now = ctx.clock.now();
  unitOfWork(ctx.db, (tx) => {
    // Every request tells the old address, so those emails count the requests.
    if (
      mailToSince(tx, actor.email, ['email_change_requested'], dayBefore(now)).length >= EMAIL_CHANGES_PER_DAY
    ) {
      throw rateLimited(
        'You have asked to change your email address too many times today. Try again tomorrow.',
      );
    }
    const holder = findAccountByEmail(tx, email);
    if (holder && !(holder.status === 'active' && holder.emailVerifiedAt === null)) {
      ctx.mail(tx, mailTemplates.emailInUse({ email }, { signInLink: `${ctx.publicUrl}/sign-in` }));
    } else {
      useUpAccountTokens(tx, actor.id, now, 'change_email');
      const token = issueAccountToken(ctx, tx, {
        userId: actor.id,
        purpose: 'change_email',
        email,
        validForMs: EMAIL_VERIFICATION_DAYS * DAY_MS,
      });
      ctx.mail(
        tx,
        mailTemplates.emailChange(
          { email },
          {
            link: `${ctx.publicUrl}/confirm-new-email/${token}`,
            days: EMAIL_VERIFICATION_DAYS,
            userId: actor.id,
          },
        ),
      );
    }
    ctx.mail(
      tx,
      mailTemplates.emailChangeRequested(
        { email: actor.email },
        { newEmail: email, resetLink: `${ctx.publicUrl}/forgotten-password` },
      ),
    );
    ctx.audit(tx, {
      action: 'user.email_change_requested',
      entityType: 'user',
      entityId: actor.id,
      after: { email },
    });
  });
  return { email };
}

/**
 * Makes an email change with the link sent to the new address (no sign-in needed: the link is the
 * proof, and confirms the new address). An account that holds the address without having
 * confirmed it gives it up; a confirmed one keeps it (409).
 */
export function confirmEmailChange(ctx: ServiceContext, token: string): { email: string } {
  const now = ctx.clock.now();
  return unitOfWork(ctx.db, (tx) => {
    const link = openAccountToken(tx, hashToken(token), 'change_email', now);
    const user = link && findAccountById(tx, link.userId);
    if (!link || user?.status !== 'active') throw notFound(LINK_GONE);
    const holder = findAccountByEmail(tx, link.email);
    if (holder && holder.id !== user.id) {
      if (holder.status === 'active' && holder.emailVerifiedAt === null) {
        closeUnconfirmedAccount(
          ctx,
          tx,
          holder.id,
          'Another account confirmed this email address with the link sent to it',
        );
      } else {
        throw conflict('There is already an account with this email address, so yours cannot change to it.');
      }
    }
    setEmail(tx, user.id, link.email, now);
    useUpAccountTokens(tx, user.id, now, 'change_email');
    useUpAccountTokens(tx, user.id, now, 'verify_email');
    ctx.mail(tx, mailTemplates.emailChanged({ email: user.email }, { newEmail: link.email }));
    ctx.audit(
      tx,
      {
        action: 'user.email_changed',
        entityType: 'user',
        entityId: user.id,
        before: { email: user.email },
        after: { email: link.email },
      },
      { actorId: user.id },
    );
    return { email: link.email };
  });
}
