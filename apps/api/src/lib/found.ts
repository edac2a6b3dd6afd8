import { notFound } from './errors.js';

/** The value, or a 404 saying what was not found. */
export function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw notFound(`There is no such ${what}`);
  return value;
}
