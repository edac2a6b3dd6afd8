import { CSRF_COOKIE, CSRF_HEADER, ErrorEnvelope } from '@cf/shared';
import type { z } from 'zod';

/** An error answered by the API, in its envelope: status, code, message and field messages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** The CSRF cookie is set by any API response; get one first if this browser has none yet. */
export async function csrfToken(): Promise<string> {
  const existing = readCookie(CSRF_COOKIE);
  if (existing) return existing;
  await fetch('/api/health', { credentials: 'same-origin' });
  return readCookie(CSRF_COOKIE) ?? '';
}

export interface RequestOptions<S extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** The shared schema of the answer: the answer is checked against the contract. */
  schema?: S;
  signal?: AbortSignal | undefined;
  /** Extra request headers, e.g. an Idempotency-Key that makes sending a payment request again safe. */
  headers?: Record<string, string>;
}

/**
 * The one way the web app talks to the API: JSON in and out, the CSRF header on every change,
 * errors as ApiError with the envelope's field messages.
 */
export async function api<S extends z.ZodType = z.ZodUnknown>(
  path: string,
  options: RequestOptions<S> = {},
): Promise<z.output<S>> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
  if (method !== 'GET') headers[CSRF_HEADER] = await csrfToken();
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    // A change that never reached the service says plainly that it did not happen (decision 0021).
    throw new ApiError(
      0,
      'network_error',
      method === 'GET'
        ? 'We could not reach the service. Check your connection and try again.'
        : 'This was not saved or sent: we could not reach the service. Check your connection and try again.',
    );
  }
  if (response.status === 204) return undefined as z.output<S>;
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ErrorEnvelope.safeParse(data);
    if (parsed.success) {
      const { code, message, fields } = parsed.data.error;
      throw new ApiError(response.status, code, message, fields);
    }
    throw new ApiError(response.status, 'internal_error', 'Sorry, something went wrong. Try again later.');
  }
  return (options.schema ? options.schema.parse(data) : data) as z.output<S>;
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
