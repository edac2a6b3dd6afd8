import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';

/**
 * A react-hook-form resolver that validates with a schema from @cf/shared — the same schema the
 * API uses — after turning what the form holds (text in inputs) into what the API takes (numbers,
 * pence, ISO dates). Error paths are turned back into the form's field names.
 */
export function sharedResolver<TForm extends FieldValues, TOut = unknown>(
  schema: () => z.ZodType,
  toApi: (values: TForm) => unknown,
  toFormPath: (apiPath: string) => string = (path) => path,
): Resolver<TForm, unknown, TOut> {
  return async (values) => {
    const result = schema().safeParse(toApi(values));
    if (result.success) return { values: result.data as TOut, errors: {} };
    const errors: Record<string, unknown> = {};
    for (const issue of result.error.issues) {
      const path = toFormPath(issue.path.map(String).join('.')) || 'root';
      setError(errors, path.split('.'), { type: issue.code, message: issue.message });
    }
    return { values: {}, errors: errors as FieldErrors<TForm> };
  };
}

function setError(
  target: Record<string, unknown>,
  path: string[],
  error: { type: string; message: string },
): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    if (target[head] === undefined) target[head] = error;
    return;
  }
  const next = target[head];
  if (next === undefined || (typeof next === 'object' && next !== null && 'message' in next)) {
    target[head] = /^\d+$/.test(rest[0] ?? '') ? [] : {};
  }
  setError(target[head] as Record<string, unknown>, rest, error);
}

/** Text from an input: empty (or only spaces) is "not answered". */
export function text(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** A whole number typed in an input ("1,200" allowed). Not a number becomes NaN, which the schema explains. */
export function wholeNumber(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const cleaned = value.replaceAll(',', '').trim();
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const emptyDate: DateParts = { day: '', month: '', year: '' };

/** GOV.UK date input parts as "YYYY-MM-DD"; a part missing gives an invalid date the schema refuses. */
export function isoDate(parts: DateParts | undefined): string | undefined {
  if (!parts) return undefined;
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (day === '' && month === '' && year === '') return undefined;
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return 'not-a-date';
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

export function dateParts(iso: unknown): DateParts {
  if (typeof iso !== 'string') return emptyDate;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return emptyDate;
  return { year: match[1] ?? '', month: String(Number(match[2])), day: String(Number(match[3])) };
}
