import type { ErrorCode } from '@cf/shared';

/**
 * An error the API means to send: status, code and a message written for the person using the
 * service. The error handler turns it into the error envelope.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string, fields?: Record<string, string>) =>
  new HttpError(400, 'validation_failed', message, fields);
export const unauthenticated = (message = 'Sign in to continue') =>
  new HttpError(401, 'unauthenticated', message);
export const forbidden = (message = 'You do not have permission to do that') =>
  new HttpError(403, 'forbidden', message);
export const notFound = (message = 'Page not found') => new HttpError(404, 'not_found', message);
export const conflict = (message: string, fields?: Record<string, string>) =>
  new HttpError(409, 'conflict', message, fields);
export const invalidState = (message: string) => new HttpError(409, 'invalid_state', message);
