import { z } from 'zod';

/**
 * Dates and times travel as ISO 8601 strings: instants in UTC ("2019-09-30T16:00:00.000Z") and
 * calendar dates as "2019-09-30". Deadlines are set and shown in Europe/London, whatever the
 * server's or the browser's time zone.
 */
export const IsoDateTime = z.iso.datetime({ offset: true, message: 'Enter a date and time' });
export type IsoDateTime = z.infer<typeof IsoDateTime>;
export const IsoDate = z.iso.date({ message: 'Enter a real date' });
export type IsoDate = z.infer<typeof IsoDate>;

export const LONDON = 'Europe/London';

const partsFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function londonParts(instant: Date): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of partsFormatter.formatToParts(instant)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return out;
}

/** Minutes London is ahead of UTC at that instant (0 in winter, 60 in summer). */
export function londonOffsetMinutes(instant: Date): number {
  const p = londonParts(instant);
  const asUtc = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * A wall-clock date and time in London ("2019-09-30T17:00") as a UTC ISO instant.
 * Times that do not exist (the hour skipped in March) move forward an hour, as clocks do.
 */
export function londonLocalToIso(local: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) throw new RangeError(`Expected YYYY-MM-DDTHH:MM, got ${local}`);
  const [, y, mo, d, h, mi, s] = match;
  const naive = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  // Two passes settle on the right offset either side of a clock change.
  let guess = naive - londonOffsetMinutes(new Date(naive)) * 60_000;
  guess = naive - londonOffsetMinutes(new Date(guess)) * 60_000;
  return new Date(guess).toISOString();
}

/** Today's date in London, as YYYY-MM-DD: deadlines set as dates (scores due by) are London dates. */
export function londonToday(now: Date = new Date()): string {
  return isoToLondonLocal(now.toISOString()).slice(0, 10);
}

/** A UTC instant as London wall-clock "YYYY-MM-DDTHH:MM", for a datetime form field. */
export function isoToLondonLocal(iso: string): string {
  const p = londonParts(new Date(iso));
  const two = (n: number | undefined) => String(n ?? 0).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

const dateFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const timeFormatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
});

/** "30 September 2019" (GOV.UK style), for an ISO date or instant. */
export function formatDate(iso: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return dateFormatter.format(date);
}

/** "5pm on 30 September 2019" / "5:30pm on …" (GOV.UK style), in London time. */
export function formatDateTime(iso: string): string {
  const instant = new Date(iso);
  const time = timeFormatter.format(instant).replace(':00', '').replace(/\s/g, '').toLowerCase();
  const label = time === '12am' ? 'midnight' : time === '12pm' ? 'midday' : time;
  return `${label} on ${dateFormatter.format(instant)}`;
}
