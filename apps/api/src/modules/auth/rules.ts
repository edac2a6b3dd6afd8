import { SESSION_ABSOLUTE_HOURS, SESSION_IDLE_MINUTES } from '@cf/shared';

/** The name of the session cookie. */
export const SESSION_COOKIE = 'sid';
export const IDLE_MS = SESSION_IDLE_MINUTES * 60_000;
export const ABSOLUTE_MS = SESSION_ABSOLUTE_HOURS * 3_600_000;
/** Don't write "last seen" on every request; a minute's precision is plenty for a 30-minute limit. */
const TOUCH_AFTER_MS = 60_000;

/** How long someone has, after their password, to enter the code from their app. */
export const AWAITING_SECOND_FACTOR_MS = 10 * 60_000;

/**
 * Why a session has ended at `now` (ms): 12 hours since sign-in, 30 minutes idle, or (between the
 * password and the second factor) 10 minutes without the code; null if live.
 */
export function sessionEndReason(
  session: { createdAt: number; lastSeenAt: number; awaitingSecondFactor?: boolean },
  now: number,
): 'idle' | 'absolute' | null {
  if (now - session.createdAt >= ABSOLUTE_MS) return 'absolute';
  if (session.awaitingSecondFactor && now - session.createdAt >= AWAITING_SECOND_FACTOR_MS) return 'absolute';
  if (now - session.lastSeenAt >= IDLE_MS) return 'idle';
  return null;
}

/** Wrong second-factor codes allowed per person in the sign-in window, before a wait. */
export const SECOND_FACTOR_MAX_FAILURES = 5;
export const secondFactorKey = (userId: string) => `second-factor:${userId}`;

/** Whether a live session's "last seen" is old enough to be worth writing again. */
export function isStale(lastSeenAt: number, now: number): boolean {
  return now - lastSeenAt >= TOUCH_AFTER_MS;
}

/**
 * Failed sign-ins are limited three ways (decision 0014):
 * - per account and address, a hard limit (`perPair` in `windowMs`): one place guessing at one
 *   account must stop, whatever it does next;
 * - per address, a hard limit (`perAddress` in `windowMs`): one place guessing at many accounts;
 * - per account across every address, a limit that only slows: after ACCOUNT_FREE_FAILURES in
 *   ACCOUNT_WINDOW_MS, one attempt per ACCOUNT_SPACING_MS. A stranger cannot keep the owner out
 *   for longer than that, and guesses stay within Cyber Essentials (at most 10 in 5 minutes,
 *   whatever the number of addresses): `mostChecksInAccountWindow()` is 9.
 */
export interface ThrottleLimits {
  perPair: number;
  perAddress: number;
  windowMs: number;
}

/** Per account, across all addresses: failures counted over 5 minutes (Cyber Essentials' window). */
export const ACCOUNT_WINDOW_MS = 5 * 60_000;
/** Failures in that window before the account is slowed. */
export const ACCOUNT_FREE_FAILURES = 5;
/** Once slowed, an attempt only this long after the account's last failure. */
export const ACCOUNT_SPACING_MS = 60_000;

/**
 * The most passwords the per-account limit lets anyone check in any ACCOUNT_WINDOW_MS: the free
 * failures, then one per spacing while they are still in the window.
 */
export function mostChecksInAccountWindow(
  free = ACCOUNT_FREE_FAILURES,
  spacingMs = ACCOUNT_SPACING_MS,
  windowMs = ACCOUNT_WINDOW_MS,
): number {
  return free + Math.ceil(windowMs / spacingMs) - 1;
}

/**
 * How long (ms) the account must wait before its next attempt, given when its failures of the
 * last ACCOUNT_WINDOW_MS happened; 0 when it may try now.
 */
export function accountWaitMs(failureTimes: number[], now: number): number {
  if (failureTimes.length < ACCOUNT_FREE_FAILURES) return 0;
  return Math.max(0, Math.max(...failureTimes) + ACCOUNT_SPACING_MS - now);
}

/** The settings the sign-in limits come from (config, validated at start). */
export function throttleLimits(config: {
  LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: number;
  LOGIN_MAX_FAILURES_PER_ADDRESS: number;
  LOGIN_WINDOW_MINUTES: number;
}): ThrottleLimits {
  return {
    perPair: config.LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS,
    perAddress: config.LOGIN_MAX_FAILURES_PER_ADDRESS,
    windowMs: config.LOGIN_WINDOW_MINUTES * 60_000,
  };
}

export const accountKey = (email: string) => `account:${email.toLowerCase()}`;
export const addressKey = (ip: string) => `address:${ip}`;
export const pairKey = (email: string, ip: string) => `pair:${email.toLowerCase()}|${ip}`;

/** Whole seconds to wait for a wait in milliseconds; 0 when there is nothing to wait for. */
export function waitSeconds(waitMs: number): number {
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
}

/** What a throttled person is told, in whole minutes. */
export function signInWaitMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `Too many attempts to sign in. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`;
}
