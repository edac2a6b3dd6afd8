// Checks on refusals: the error envelope with nothing leaked, and nothing changed by the request.
import { ErrorCode, ErrorEnvelope } from '@cf/shared';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { z } from 'zod';
import type { App } from '../../src/app.js';
import { auditSince, lastAuditId, refusalCount, snapshotDatabase } from './database.js';

/**
 * The error envelope of PRODUCT.md section 10, strictly: nothing but `error`, and in it nothing but
 * code, message and (when present, non-empty) fields.
 */
const StrictErrorEnvelope = z.strictObject({
  error: z.strictObject({
    code: ErrorCode,
    message: z.string().min(1),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof StrictErrorEnvelope>['error'];

/** What a stack trace or an internal detail looks like in a body. */
const LEAK_PATTERN = /\bat [\w.<>]+ \(|\.ts:\d+|\.js:\d+|node_modules|"stack"|FST_|SQLITE_/;

/**
 * Checks a response is an error in the envelope with this status (and code, when given), with no
 * stack trace or internal detail, and returns the error for further checks.
 */
export function expectError(response: LightMyRequestResponse, status: number, code?: ErrorCode): ErrorBody {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.body).not.toMatch(LEAK_PATTERN);
  const body: unknown = response.json();
  // The contract's own schema, and a stricter one: no keys beyond those it names.
  expect(ErrorEnvelope.safeParse(body).success, response.body).toBe(true);
  const parsed = StrictErrorEnvelope.safeParse(body);
  expect(parsed.error?.issues ?? [], response.body).toEqual([]);
  const error = parsed.data?.error;
  if (!error) throw new Error(`Not an error envelope: ${response.body}`);
  if (code) expect(error.code).toBe(code);
  if (error.fields) expect(Object.keys(error.fields).length).toBeGreaterThan(0);
  return error;
}

/**
 * Sends a request that must be refused with this status (and code, when given) and change nothing:
 * every table as it was, and in the audit trail nothing new but, at most, the one refusal a refused
 * signed-in caller leaves (an access.denied row, or one more on the count of the row already open
 * for the same refusal this minute). Returns the error.
 */
export async function refusedChangingNothing(
  app: App,
  send: () => Promise<LightMyRequestResponse>,
  status: number,
  code?: ErrorCode,
): Promise<ErrorBody> {
  const since = lastAuditId(app);
  const refusalsBefore = refusalCount(app);
  const { audit_events: _before, ...before } = snapshotDatabase(app);
  const error = expectError(await send(), status, code);
  const { audit_events: _after, ...after } = snapshotDatabase(app);
  expect(after).toEqual(before);
  const audited = auditSince(app, since).map((e) => e.action);
  expect(audited.length).toBeLessThanOrEqual(1);
  expect(audited.filter((action) => action !== 'access.denied')).toEqual([]);
  // Each refusal counts once: on a new row, or on the row already open for it this minute.
  const refused = refusalCount(app) - refusalsBefore;
  expect(refused).toBeLessThanOrEqual(1);
  if (audited.length === 1) expect(refused).toBe(1);
  if (refused === 1) expect([403, 404]).toContain(status);
  return error;
}
