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

export interface ThrottleLimits {
  perAccount: number;
  perAddress: number;
  windowMs: number;
}

export const accountKey = (email: string) => `account:${email.toLowerCase()}`;
export const addressKey = (ip: string) => `address:${ip}`;

/** Whole seconds to wait for a wait in milliseconds; 0 when there is nothing to wait for. */
export function waitSeconds(waitMs: number): number {
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
}

/** What a throttled person is told, in whole minutes. */
export function signInWaitMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `Too many attempts to sign in. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`;
}
