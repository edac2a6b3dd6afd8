/** Tries before a message is marked failed for good. */
export const MAX_ATTEMPTS = 8;
/** How long a worker's claim on a message lasts: longer than any one send may take. */
export const LOCK_MS = 60_000;

/** 30 s, 1 min, 2 min… capped at an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}
