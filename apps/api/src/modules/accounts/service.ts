import { EMAIL_VERIFICATION_DAYS } from '@cf/shared';
import type { Queryable } from '../../db/client.js';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { ServiceContext } from '../../lib/context.js';
import { conflict, notFound, rateLimited } from '../../lib/errors.js';
import { requireActor } from '../access/policy.js';
import { hashPassword } from '../auth/passwords.js';
import { checkNewPassword, endAllSessions } from '../auth/service.js';
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
  setEmailVerified,
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
