import { z } from 'zod';

/**
 * Money is an integer number of pence everywhere: database, API and types. Never floats.
 * The brand stops a plain number (pounds, a count) being passed where pence are meant.
 */
export const Pence = z.int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).brand<'Pence'>();
export type Pence = z.infer<typeof Pence>;

/** A non-negative amount of money, e.g. a pot, a cap, an amount requested. */
export const PenceAmount = z.int().min(0).max(Number.MAX_SAFE_INTEGER).brand<'Pence'>();

/** Marks a known-integer number of pence (e.g. a database value) as Pence. */
export function pence(value: number): Pence {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`Money must be a whole number of pence, got ${value}`);
  }
  return value as Pence;
}

/** Whole pounds to pence: `pounds(20_000)` is 2,000,000 pence (£20,000). */
export function pounds(value: number): Pence {
  return pence(value * 100);
}

const groupedPounds = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0, useGrouping: true });

/**
 * The one formatter for money shown to people, in GOV.UK's style: whole pounds without pence
 * (`1175000` → `£11,750`), pence when there are any, always two figures (`1175050` → `£11,750.50`).
 * Integer arithmetic only, so no rounding surprises. Machine-readable exports (CSV, open data) keep
 * their own plain numbers and never use this.
 */
export function formatPence(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const wholePounds = Math.floor(abs / 100);
  const pennies = abs % 100;
  const poundsText = `${sign}£${groupedPounds.format(wholePounds)}`;
  return pennies === 0 ? poundsText : `${poundsText}.${String(pennies).padStart(2, '0')}`;
}

/**
 * What a bid asks for, as people read it: "Not given yet" while a draft's budget adds up to nothing
 * (a bid is never sent asking for £0), otherwise the amount.
 */
export function formatAmountAsked(value: number): string {
  return value === 0 ? 'Not given yet' : formatPence(value);
}

const POUNDS_PATTERN = /^£?\s*((?:\d{1,3}(?:,\d{3})+)|\d+)(?:\.(\d{1,2}))?$/;

/**
 * Parses what a person types as an amount in pounds — "1234", "1,234.5", "£1,234.56" — into pence.
 * Returns null for anything else (negative, more than two decimal places, letters, bad commas).
 */
export function parsePounds(input: string): Pence | null {
  const match = POUNDS_PATTERN.exec(input.trim());
  if (!match) return null;
  const whole = (match[1] ?? '').replaceAll(',', '');
  const fraction = (match[2] ?? '').padEnd(2, '0');
  if (whole.length > 13) return null; // beyond any grant, and beyond safe integers once in pence
  return pence(Number(whole) * 100 + Number(fraction));
}

/** Pence as the plain "1234.56" a form field shows when editing an existing amount. */
export function penceToPoundsInput(value: number): string {
  const abs = Math.abs(value);
  const text = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return value < 0 ? `-${text}` : text;
}

/**
 * A form field holding pounds as text, validated and turned into pence. The same schema runs in the
 * browser (react-hook-form) and on the server, so both give the same message.
 */
export const PoundsInput = z
  .string()
  .trim()
  .min(1, 'Enter an amount in pounds, like 1,250 or 1250.50')
  .transform((text, ctx) => {
    const value = parsePounds(text);
    if (value === null) {
      ctx.addIssue({
        code: 'custom',
        message: 'Enter an amount in pounds and pence, like 1,250 or 1250.50',
      });
      return z.NEVER;
    }
    return value;
  });
