import type { Me, SecondFactorSetup } from '@cf/shared';
import type { Queryable } from '../../db/client.js';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { ServiceContext } from '../../lib/context.js';
import { badRequest, conflict, forbidden, rateLimited, unauthenticated } from '../../lib/errors.js';
import { type Actor, requireActor } from '../access/policy.js';
import { dummyPasswordHash, verifyPassword, weakPasswordReason } from './passwords.js';
import {
  confirmSecondFactor,
  countFailuresSince,
  deleteFailures,
  deleteFailuresBefore,
  deleteFailuresOfKey,
  deleteOtherSessions,
  deleteSecondFactor,
  deleteSession,
  deleteSessionsBefore,
  deleteSessionsOfUser,
  deleteSessionsOfUserExcept,
  failureAtSince,
  failureTimesSince,
  findUserByEmail,
  getSecondFactor,
  getSession,
  insertFailures,
  insertSession,
  loadActor,
  markSessionSecondFactor,
  passwordHashOf,
  replaceRecoveryCodes,
  setLastSignIn,
  toMe,
  touchSession,
  unusedRecoveryCodes,
  useRecoveryCode,
  useStep,
  writeUnconfirmedSecondFactor,
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
  SECOND_FACTOR_MAX_FAILURES,
  secondFactorKey,
  sessionEndReason,
  signInWaitMessage,
  type ThrottleLimits,
  waitSeconds,
} from './rules.js';
import { hashToken, newToken } from './tokens.js';
import {
  formatRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUri,
  qrCodeSvg,
  stepOfCode,
} from './totp.js';

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
  secondFactor: { awaiting?: boolean; usedAt?: number } = {},
): string {
  const token = newToken();
  insertSession(q, {
    id: hashToken(token),
    userId,
    at: now.getTime(),
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    awaitingSecondFactor: secondFactor.awaiting ?? false,
    secondFactorAt: secondFactor.usedAt ?? null,
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
  | { ok: true; userId: string; awaitingSecondFactor: boolean; secondFactorUsed: boolean }
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
  return {
    ok: true,
    userId: row.userId,
    awaitingSecondFactor: row.awaitingSecondFactor,
    secondFactorUsed: row.secondFactorAt !== null,
  };
}

/**
 * What a session cookie stands for now: a signed-in person; someone between their password and
 * their second factor, who can do nothing else yet; or nobody (the cookie should go).
 */
export function sessionOf(
  q: Queryable,
  token: string,
  now: Date,
): { state: 'active'; actor: Actor } | { state: 'awaiting_second_factor' } | { state: 'none' } {
  const check = checkSession(q, token, now);
  if (!check.ok) return { state: 'none' };
  if (check.awaitingSecondFactor) return { state: 'awaiting_second_factor' };
  const actor = loadActor(q, check.userId, { secondFactorUsed: check.secondFactorUsed });
  return actor ? { state: 'active', actor } : { state: 'none' };
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
  return waitSeconds(
    Math.max(
      accountWaitMs(failureTimesSince(q, keys.account, t - ACCOUNT_WINDOW_MS), t),
      limitWaitMs(q, keys.pair, limits.perPair, limits.windowMs, t),
      limitWaitMs(q, keys.address, limits.perAddress, limits.windowMs, t),
    ),
  );
}

/**
 * How long (ms) until a key is back under its limit of failures in a sliding window: until the
 * failure whose ageing-out brings the count under the limit. 0 when it is under already.
 */
function limitWaitMs(q: Queryable, key: string, limit: number, windowMs: number, t: number): number {
  const since = t - windowMs;
  const failures = countFailuresSince(q, key, since);
  if (failures < limit) return 0;
  const oldest = failureAtSince(q, key, since, failures - limit) ?? t;
  return oldest + windowMs - t;
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
): Promise<{ token: string; me: Me } | { token: string; secondFactor: 'totp' }> {
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

  // Someone with an authenticator app set up gives its code next; until then the session is good
  // for nothing else (PRODUCT.md section 10).
  const awaiting = getSecondFactor(ctx.db, user.id)?.confirmedAt != null;
  const token = unitOfWork(ctx.db, (tx) => {
    // A new token at every sign-in; any session this browser had before ends.
    if (client.previousToken) endSession(tx, client.previousToken);
    forgiveAttempt(tx, keys, failureIds);
    // Nobody is signed in yet: the user is the actor of their own sign-in.
    if (awaiting) {
      ctx.audit(
        tx,
        { action: 'auth.password_accepted', entityType: 'user', entityId: user.id },
        { actorId: user.id },
      );
    } else {
      setLastSignIn(tx, user.id, now);
      ctx.audit(
        tx,
        { action: 'auth.signed_in', entityType: 'user', entityId: user.id },
        { actorId: user.id },
      );
    }
    return createSession(tx, user.id, now, client, { awaiting });
  });
  if (awaiting) return { token, secondFactor: 'totp' };
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

// The staff second factor (totp.ts; PRODUCT.md sections 9 and 10).

const WRONG_CODE = 'Enter the code shown in your authenticator app now, or an unused recovery code';
const USED_CODE = 'That code has just been used. Wait for your app to show a new code, then enter it';

/**
 * The second step of signing in: a code from the authenticator app (each accepted once), or a
 * recovery code (each works once). Ends the waiting session and starts a new one (a new token)
 * that has used the second factor. Wrong codes are throttled per person.
 */
export function completeSignIn(
  ctx: ServiceContext,
  code: string,
  client: Client & { token: string | undefined },
  limits: ThrottleLimits,
): { token: string; me: Me } {
  const now = ctx.clock.now();
  const waiting = client.token ? getSession(ctx.db, hashToken(client.token)) : undefined;
  if (!client.token || !waiting?.awaitingSecondFactor || sessionEndReason(waiting, now.getTime()) !== null) {
    throw unauthenticated('Sign in with your email address and password first');
  }
  const userId = waiting.userId;
  const key = secondFactorKey(userId);
  const factor = getSecondFactor(ctx.db, userId);
  const result = unitOfWork(ctx.db, (tx) => {
    const wait = waitSeconds(
      limitWaitMs(tx, key, SECOND_FACTOR_MAX_FAILURES, limits.windowMs, now.getTime()),
    );
    if (wait > 0) return { kind: 'wait', wait } as const;
    let method: 'app' | 'recovery code' | null = null;
    if (factor?.confirmedAt != null && /^\d{6}$/.test(code)) {
      const step = stepOfCode(factor.secret, code, now);
      // A right code already used is refused (replay), but it is not a guess: it does not count
      // towards the wait, and the person is told to use the next code.
      if (step !== null && !useStep(tx, userId, step)) {
        ctx.audit(
          tx,
          {
            action: 'auth.second_factor_failed',
            entityType: 'user',
            entityId: userId,
            reason: 'code already used',
          },
          { actorId: userId },
        );
        return { kind: 'used' } as const;
      }
      if (step !== null) method = 'app';
    } else if (useRecoveryCode(tx, userId, hashToken(code), now.getTime())) {
      method = 'recovery code';
    }
    if (method === null) {
      insertFailures(tx, [key], now.getTime());
      ctx.audit(
        tx,
        { action: 'auth.second_factor_failed', entityType: 'user', entityId: userId },
        { actorId: userId },
      );
      return { kind: 'wrong' } as const;
    }
    endSession(tx, client.token ?? '');
    deleteFailuresOfKey(tx, key);
    setLastSignIn(tx, userId, now);
    ctx.audit(
      tx,
      {
        action: 'auth.signed_in',
        entityType: 'user',
        entityId: userId,
        after: {
          secondFactor: method,
          recoveryCodesLeft: method === 'recovery code' ? unusedRecoveryCodes(tx, userId) : undefined,
        },
      },
      { actorId: userId },
    );
    return { kind: 'ok', token: createSession(tx, userId, now, client, { usedAt: now.getTime() }) } as const;
  });
  if (result.kind === 'wait') throw rateLimited(signInWaitMessage(result.wait), result.wait);
  if (result.kind === 'wrong') throw unauthenticated(WRONG_CODE, { code: WRONG_CODE });
  if (result.kind === 'used') throw unauthenticated(USED_CODE, { code: USED_CODE });
  const actor = loadActor(ctx.db, userId, { secondFactorUsed: true });
  if (!actor) throw forbidden('Your account cannot sign in.');
  return { token: result.token, me: toMe(ctx.db, actor) };
}

/** Staff set up an authenticator app: a new secret, as text and as a QR code to scan. */
export async function startSecondFactorSetup(ctx: ServiceContext): Promise<SecondFactorSetup> {
  const actor = requireActor(ctx.actor);
  if (actor.secondFactor === 'not_needed') throw forbidden('Only staff accounts use a second factor');
  if (actor.secondFactor === 'done' || getSecondFactor(ctx.db, actor.id)?.confirmedAt != null) {
    throw conflict(
      'You have already set up an authenticator app. Ask an administrator to reset it if you have lost it.',
    );
  }
  const secret = newTotpSecret();
  unitOfWork(ctx.db, (tx) => writeUnconfirmedSecondFactor(tx, actor.id, secret, ctx.clock.now().getTime()));
  const uri = otpauthUri(secret, actor.email);
  return { secret, otpauthUri: uri, qrSvg: await qrCodeSvg(uri) };
}

/**
 * Confirms the app with a code from it: from now on this person signs in with it. This session
 * counts as having used it; every other session of theirs ends. Returns ten recovery codes, shown
 * this once and stored only as hashes.
 */
export function confirmSecondFactorSetup(
  ctx: ServiceContext,
  code: string,
  sessionToken: string | undefined,
): { me: Me; recoveryCodes: string[] } {
  const actor = requireActor(ctx.actor);
  const now = ctx.clock.now();
  const codes = newRecoveryCodes();
  unitOfWork(ctx.db, (tx) => {
    const factor = getSecondFactor(tx, actor.id);
    if (!factor) throw conflict('Start setting up your authenticator app first');
    if (factor.confirmedAt !== null) throw conflict('You have already set up an authenticator app');
    const step = stepOfCode(factor.secret, code, now);
    if (step === null) {
      throw badRequest('That code is not right', {
        code: 'Enter the 6-digit code your authenticator app shows now',
      });
    }
    confirmSecondFactor(tx, actor.id, now.getTime(), step);
    replaceRecoveryCodes(tx, actor.id, codes.map(hashToken));
    const sessionId = hashToken(sessionToken ?? '');
    markSessionSecondFactor(tx, sessionId, now.getTime());
    deleteOtherSessions(tx, actor.id, sessionId);
    ctx.audit(tx, { action: 'user.second_factor_enrolled', entityType: 'user', entityId: actor.id });
  });
  const updated = loadActor(ctx.db, actor.id, { secondFactorUsed: true });
  if (!updated) throw forbidden('Your account cannot sign in.');
  return { me: toMe(ctx.db, updated), recoveryCodes: codes.map(formatRecoveryCode) };
}

/**
 * Takes away someone's authenticator app (a lost phone): their recovery codes go too and every
 * session of theirs ends; they set up a new app when they next sign in. Returns whether they had one.
 */
export function removeSecondFactor(tx: Queryable, userId: string): boolean {
  const had = deleteSecondFactor(tx, userId);
  endAllSessions(tx, userId);
  return had;
}

/** Whether a user has a confirmed authenticator app. */
export function hasSecondFactor(q: Queryable, userId: string): boolean {
  return getSecondFactor(q, userId)?.confirmedAt != null;
}
