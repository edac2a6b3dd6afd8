// Lengths of time and date arithmetic for tests that move the clock or set dates.

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** A date (yyyy-mm-dd) some days after another. */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
