import type { ErrorCode } from '@cf/shared';

/** Every code a service may refuse with; `internal_error` is only ever the error handler's. */
export type DomainErrorCode = Exclude<ErrorCode, 'internal_error'>;

/**
 * A refusal the service means: a code, a message written for the person using the service, and,
 * for their input, a message per field path (paths into what the service was given, e.g.
 * `decisions.2.amountPence`). Services know nothing of HTTP: the error handler
 * (plugins/app/errors.ts) is the one place that turns a code into a status.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    /** For `rate_limited`: how long to wait. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badRequest = (message: string, fields?: Record<string, string>) =>
  new DomainError('validation_failed', message, fields);
export const unauthenticated = (message = 'Sign in to continue', fields?: Record<string, string>) =>
  new DomainError('unauthenticated', message, fields);
export const forbidden = (message = 'You do not have permission to do that') =>
  new DomainError('forbidden', message);
export const notFound = (message = 'Page not found') => new DomainError('not_found', message);
/** Someone else changed it first, or it clashes with something that exists. */
export const conflict = (message: string, fields?: Record<string, string>) =>
  new DomainError('conflict', message, fields);
/** Not allowed from where the record stands now (PRODUCT.md section 3: name the current state). */
export const invalidState = (message: string) => new DomainError('invalid_state', message);
export const tooLarge = (message: string, fields?: Record<string, string>) =>
  new DomainError('payload_too_large', message, fields);
export const unsupportedType = (message: string, fields?: Record<string, string>) =>
  new DomainError('unsupported_media_type', message, fields);
export const rateLimited = (message: string, retryAfterSeconds?: number) =>
  new DomainError('rate_limited', message, undefined, retryAfterSeconds);

/** Every field path of an error, moved under a prefix: `amountPence` → `decisions.2.amountPence`. */
export function withFieldPrefix(error: unknown, prefix: string): unknown {
  if (!(error instanceof DomainError) || !error.fields || prefix === '') return error;
  const fields = Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [`${prefix}${k}`, v]));
  return new DomainError(error.code, error.message, fields, error.retryAfterSeconds);
}
