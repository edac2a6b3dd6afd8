import type { FieldErrors, FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, isApiError } from './api-client';

/** One line of the GOV.UK error summary. */
export interface ErrorItem {
  /** The id of the field to jump to. */
  href?: string;
  text: string;
}

/** Field errors of a react-hook-form form, flattened in the order the fields appear on the page. */
export function errorItems(
  errors: FieldErrors,
  order: string[],
  idFor: (path: string) => string = defaultId,
): ErrorItem[] {
  const flat: Record<string, string> = {};
  const walk = (node: unknown, prefix: string) => {
    if (!node || typeof node !== 'object') return;
    const maybe = node as { message?: unknown; type?: unknown };
    if (typeof maybe.message === 'string' && typeof maybe.type === 'string') {
      flat[prefix || '_'] = maybe.message;
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'ref' || key === 'root') continue;
      walk(value, prefix ? `${prefix}.${key}` : key);
    }
  };
  walk(errors, '');
  const root = (errors as { root?: { message?: string } }).root?.message;
  const ordered = Object.keys(flat).sort((a, b) => rank(order, a) - rank(order, b));
  const items = ordered.map((path) => ({ href: idFor(path), text: flat[path] ?? '' }));
  return root ? [{ text: root }, ...items] : items;
}

function rank(order: string[], path: string): number {
  const index = order.findIndex((name) => path === name || path.startsWith(`${name}.`));
  return index === -1 ? order.length : index;
}

/** Field "budgetLines.2.cost" has the id "budgetLines-2-cost". */
export function defaultId(path: string): string {
  return path.replaceAll('.', '-');
}

/**
 * Puts the API's field messages on the form's fields. Fields the form does not have, and an error
 * without fields, go to the form as a whole ("root"), shown at the top of the error summary.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: string[],
): void {
  if (!isApiError(error)) {
    setError('root' as Path<T>, { type: 'server', message: 'Sorry, something went wrong. Try again.' });
    return;
  }
  let placed = 0;
  for (const [path, message] of Object.entries(error.fields)) {
    if (fields.some((name) => path === name || path.startsWith(`${name}.`))) {
      setError(path as Path<T>, { type: 'server', message });
      placed++;
    }
  }
  if (placed === 0 || placed < Object.keys(error.fields).length) {
    setError('root' as Path<T>, { type: 'server', message: error.message });
  }
}

/** The API's field paths renamed to the form's (e.g. lines.0.costPence → lines.0.cost). */
export function renameErrorFields(error: unknown, rename: (apiPath: string) => string): unknown {
  if (!isApiError(error)) return error;
  return new ApiError(
    error.status,
    error.code,
    error.message,
    Object.fromEntries(Object.entries(error.fields).map(([path, message]) => [rename(path), message])),
  );
}
