import { z } from 'zod';

/** Words as a person counts them: runs of non-space characters. */
export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/u).length;
}

/**
 * Required text with a word limit, as GOV.UK character count shows it ("You have 12 words
 * remaining"). `what` completes "Enter …" and "… must be N words or fewer".
 */
export function wordLimited(maxWords: number, what: string) {
  const capital = what.charAt(0).toUpperCase() + what.slice(1);
  return z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(maxWords * 20, `${capital} is too long: use ${maxWords} words or fewer`)
    .refine((text) => countWords(text) <= maxWords, `${capital} must be ${maxWords} words or fewer`);
}

/** Required text with a character limit. */
export function charLimited(maxChars: number, what: string) {
  const capital = what.charAt(0).toUpperCase() + what.slice(1);
  return z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(maxChars, `${capital} must be ${maxChars} characters or fewer`);
}

/** A whole number someone types in a form (RHF passes it as a number, or NaN when it is not one). */
export function wholeNumber(what: string, options: { min?: number; max?: number } = {}) {
  const min = options.min ?? 0;
  const max = options.max ?? 1_000_000;
  return z
    .number({
      error: (issue) =>
        issue.input === undefined ? `Enter ${what}` : `Enter ${what} as a whole number, like 25`,
    })
    .int(`Enter ${what} as a whole number, like 25`)
    .min(min, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${min} or more`)
    .max(
      max,
      `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${max.toLocaleString('en-GB')} or fewer`,
    );
}

/**
 * Characters a name may not hold: control characters (line breaks, tabs, null…), Unicode line and
 * paragraph separators, and the marks that reverse the direction of the text around them. Names go
 * into emails and onto pages, so a name must read as what it is: one line of visible text.
 */
const NOT_IN_A_NAME = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

/**
 * A person's or a group's name: required, at most `maxChars`, one line of visible text. `what`
 * completes "Enter …" ("their full name", "the name of your group").
 */
export function oneLineName(maxChars: number, what: string, capitalised = 'Name') {
  return z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(maxChars, `${capitalised} must be ${maxChars} characters or fewer`)
    .refine(
      (name) => !NOT_IN_A_NAME.test(name),
      `${capitalised} must be on one line, with no line breaks or hidden characters`,
    );
}
