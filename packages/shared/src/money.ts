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

/** Whole pounds to pence: `pounds(20_000)` is £20,000.00. */
export function pounds(value: number): Pence {
  return pence(value * 100);
}

const groupedPounds = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0, useGrouping: true });

export interface FormatPenceOptions {
  /** Leave out ".00" when the amount is whole pounds (for headline figures such as a pot). */
  omitZeroPence?: boolean;
}

/**
 * The one formatter for money shown to people: `123456` → `£1,234.56` (en-GB).
 * Integer arithmetic only, so no rounding surprises.
 */
export function formatPence(value: number, options: FormatPenceOptions = {}): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const wholePounds = Math.floor(abs / 100);
  const pennies = abs % 100;
  const poundsText = `${sign}£${groupedPounds.format(wholePounds)}`;
  if (options.omitZeroPence && pennies === 0) return poundsText;
  return `${poundsText}.${String(pennies).padStart(2, '0')}`;
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
