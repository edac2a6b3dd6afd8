import type { Me } from '@cf/shared';
import type { Queryable } from '../../db/client.js';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { ServiceContext } from '../../lib/context.js';
import { badRequest, forbidden, rateLimited, unauthenticated } from '../../lib/errors.js';
import { type Actor, requireActor } from '../access/policy.js';
import { dummyPasswordHash, verifyPassword, weakPasswordReason } from './passwords.js';
import {
  countFailuresSince,
  deleteFailures,
  deleteFailuresBefore,
  deleteFailuresOfKey,
  deleteSession,
  deleteSessionsBefore,
  deleteSessionsOfUser,
  deleteSessionsOfUserExcept,
  failureAtSince,
  failureTimesSince,
  findUserByEmail,
  getSession,
  insertFailures,
  insertSession,
  loadActor,
  passwordHashOf,
  setLastSignIn,
  toMe,
  touchSession,
} from './repository.js';
import {
  ABSOLUTE_MS,
  ACCOUNT_WINDOW_MS,
  accountKey,
  accountWaitMs,
  addressKey,
  IDLE_MS,
  isStale,
  pairKey,
  sessionEndReason,
  signInWaitMessage,
  type ThrottleLimits,
  waitSeconds,
} from './rules.js';
import { hashToken, newToken } from './tokens.js';

/** Who is asking, as HTTP knows them: their address, their browser and the session cookie they hold. */
export interface Client {
  ip: string;
  userAgent?: string | undefined;
}

// Sessions.

/** Starts a session for a user inside the caller's transaction; returns the token for the cookie. */
export function createSession(
  q: Queryable,
  userId: string,
  now: Date,
  meta: { ip?: string | undefined; userAgent?: string | undefined },
): string {
  const token = newToken();
  insertSession(q, {
    id: hashToken(token),
    userId,
    at: now.getTime(),
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

export function endSession(q: Queryable, token: string): void {
  deleteSession(q, hashToken(token));
}

export function endAllSessions(q: Queryable, userId: string): number {
  return deleteSessionsOfUser(q, userId);
}

/** Ends every session of a user but the one this token holds (none, without a token). */
export function endOtherSessions(q: Queryable, userId: string, keepToken: string | undefined): number {
  return keepToken
    ? deleteSessionsOfUserExcept(q, userId, hashToken(keepToken))
    : deleteSessionsOfUser(q, userId);
}

/** Removes sessions past either limit; run from time to time so the table stays small. */
export function purgeExpiredSessions(q: Queryable, now: Date): number {
  const t = now.getTime();
  return deleteSessionsBefore(q, t - IDLE_MS, t - ABSOLUTE_MS);
}

export type SessionCheck =
  | { ok: true; userId: string }
  | { ok: false; reason: 'unknown' | 'idle' | 'absolute' };

/**
 * Checks a cookie's token: known, within 30 minutes of the last request and 12 hours of sign-in.
 * A session past either limit is deleted. A live one has its "last seen" moved on. Runs on every
 * request with a cookie, so it takes no write lock up front: each write stands on its own.
 */
export function checkSession(q: Queryable, token: string, now: Date): SessionCheck {
  const id = hashToken(token);
  const row = getSession(q, id);
  if (!row) return { ok: false, reason: 'unknown' };
  const t = now.getTime();
  const reason = sessionEndReason(row, t);
  if (reason) {
    deleteSession(q, id);
    return { ok: false, reason };
  }
  if (isStale(row.lastSeenAt, t)) touchSession(q, id, t);
  return { ok: true, userId: row.userId };
}

/** The signed-in person a session cookie stands for, or null when it stands for nobody now. */
export function actorOfSession(q: Queryable, token: string, now: Date): Actor | null {
  const check = checkSession(q, token, now);
  return check.ok ? loadActor(q, check.userId) : null;
}

// Throttling failed sign-ins.

/** The keys one attempt is counted under: the account, the account from this address, the address. */
export function throttleKeys(email: string, ip: string) {
  return { account: accountKey(email), pair: pairKey(email, ip), address: addressKey(ip) };
}
export type ThrottleKeys = ReturnType<typeof throttleKeys>;

/**
 * Whether a password may be checked now (rules.ts: a hard limit per account and address and per
 * address, and a per-account limit that only slows). Past a limit, the attempt is refused until
 * the failures that caused it age out — never a lockout: refused attempts are not counted, so
 * nobody can keep an account shut by guessing at it.
 * Returns the seconds to wait, or 0 when the password may be checked.
 */
export function retryAfterSeconds(
  q: Queryable,
  keys: ThrottleKeys,
  limits: ThrottleLimits,
  now: Date,
): number {
  const t = now.getTime();
  const since = t - limits.windowMs;
  let waitMs = accountWaitMs(failureTimesSince(q, keys.account, t - ACCOUNT_WINDOW_MS), t);
  for (const [key, limit] of [
    [keys.pair, limits.perPair],
    [keys.address, limits.perAddress],
  ] as const) {
    const failures = countFailuresSince(q, key, since);
    if (failures < limit) continue;
    // The failure whose ageing-out brings the count back under the limit.
    const oldest = failureAtSince(q, key, since, failures - limit) ?? t;
    waitMs = Math.max(waitMs, oldest + limits.windowMs - t);
  }
  return waitSeconds(waitMs);
}

/**
 * Checks the limits and counts this attempt as a failure in one step, before the slow password
 * check: otherwise guesses sent in parallel all pass the check before any failure is recorded,
 * and the limits do not hold. Throws 429 past a limit; returns the failure rows, which
 * `forgiveAttempt` takes back when the password was right.
 */
export function countPasswordAttempt(
  ctx: ServiceContext,
  keys: ThrottleKeys,
  limits: ThrottleLimits,
): number[] {
  const attemptAt = ctx.clock.now();
  const { wait, failureIds } = unitOfWork(ctx.db, (tx) => {
    const seconds = retryAfterSeconds(tx, keys, limits, attemptAt);
    return {
      wait: seconds,
      failureIds:
        seconds > 0 ? [] : insertFailures(tx, [keys.account, keys.pair, keys.address], attemptAt.getTime()),
    };
  });
  if (wait > 0) throw rateLimited(signInWaitMessage(wait), wait);
  return failureIds;
}

/**
 * The password was right: this attempt was no guess, and this address's failures at this account
 * were the owner's. The account's other failures stay until they age out, so the per-account limit
 * holds whoever signs in (the address's, too: others may share it).
 */
export function forgiveAttempt(q: Queryable, keys: ThrottleKeys, failureIds: number[]): void {
  deleteFailures(q, failureIds);
  deleteFailuresOfKey(q, keys.pair);
}

/** Failed sign-ins past every window are only clutter. */
export function purgeOldFailures(q: Queryable, windowMs: number, now: Date): void {
  deleteFailuresBefore(q, now.getTime() - Math.max(windowMs, ACCOUNT_WINDOW_MS));
}

// Passwords.

/** Refuses a new password that is too easy to guess (its length the shared schema checks). */
export function checkNewPassword(password: string): void {
  const weak = weakPasswordReason(password);
  if (weak) throw badRequest('Choose a different password', { password: weak });
}

/**
 * Checks a signed-in person's password again before a change to their account (their password,
 * their email address). Counted with sign-in attempts, so a stolen session cannot guess the
 * password faster than a sign-in could; 429 past the limits. False when it is wrong.
 */
export async function confirmPassword(
  ctx: ServiceContext,
  user: { id: string; email: string },
  password: string,
  client: Client,
  limits: ThrottleLimits,
): Promise<boolean> {
  const keys = throttleKeys(user.email, client.ip);
  const failureIds = countPasswordAttempt(ctx, keys, limits);
  const ok = await verifyPassword(passwordHashOf(ctx.db, user.id) ?? (await dummyPasswordHash()), password);
  if (ok) forgiveAttempt(ctx.db, keys, failureIds);
  else ctx.audit(ctx.db, { action: 'auth.sign_in_failed', entityType: 'user', entityId: user.id });
  return ok;
}

// Signing in and out.

const WRONG_CREDENTIALS = 'Enter a correct email address and password';

/** Makes the stand-in hash now, so the first unknown email does not take longer than the rest. */
export async function prepareSignIn(): Promise<void> {
  await dummyPasswordHash();
}

/**
 * Signs a person in with email and password, ending any session their browser had before.
 * Returns the new session's token (for the cookie) and who they are.
 */
export async function signIn(
  ctx: ServiceContext,
  credentials: { email: string; password: string },
  client: Client & { previousToken?: string | undefined },
  limits: ThrottleLimits,
): Promise<{ token: string; me: Me }> {
  const { email, password } = credentials;
  const keys = throttleKeys(email, client.ip);
  const failureIds = countPasswordAttempt(ctx, keys, limits);

  const user = findUserByEmail(ctx.db, email);
  // Always verify a hash, so an unknown email takes as long as a wrong password.
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  const now = ctx.clock.now();

  if (!user?.passwordHash || !ok) {
    // The failure was recorded with the attempt, above.
    ctx.audit(ctx.db, { action: 'auth.sign_in_failed', entityType: 'user', entityId: user?.id ?? null });
    throw unauthenticated(WRONG_CREDENTIALS, { email: WRONG_CREDENTIALS });
  }
  if (user.status !== 'active') {
    // The password was right: not a guess, and saying why reveals nothing to a guesser.
    forgiveAttempt(ctx.db, keys, failureIds);
    throw forbidden('Your account has been disabled. Contact the grants team for help.');
  }

  const token = unitOfWork(ctx.db, (tx) => {
    // A new token at every sign-in; any session this browser had before ends.
    if (client.previousToken) endSession(tx, client.previousToken);
    forgiveAttempt(tx, keys, failureIds);
    setLastSignIn(tx, user.id, now);
    // Nobody is signed in yet: the user is the actor of their own sign-in.
    ctx.audit(tx, { action: 'auth.signed_in', entityType: 'user', entityId: user.id }, { actorId: user.id });
    return createSession(tx, user.id, now, client);
  });
  const actor = loadActor(ctx.db, user.id);
  if (!actor) throw forbidden('Your account cannot sign in.');
  return { token, me: toMe(ctx.db, actor) };
}

/** Ends the session a cookie holds, if any; the caller clears the cookie. */
export function signOut(ctx: ServiceContext, token: string | undefined): void {
  if (!token) return;
  unitOfWork(ctx.db, (tx) => {
    endSession(tx, token);
    if (ctx.actor) ctx.audit(tx, { action: 'auth.signed_out', entityType: 'user', entityId: ctx.actor.id });
  });
}

/** The signed-in user with roles and organisations, or a 401. */
export function whoAmI(ctx: ServiceContext): Me {
  return toMe(ctx.db, requireActor(ctx.actor));
}
