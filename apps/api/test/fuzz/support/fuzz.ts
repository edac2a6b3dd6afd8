// Runs the fuzzing of one group of routes on one app: for each route, requests from and around its
// schema, as the people who may use it (and an applicant); never a 5xx, every 4xx in the error
// envelope, and a 4xx changes nothing.
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { buildTestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import { expectError } from '../../support/errors.js';
import { type FuzzRequest, type IdPools, requestsFor } from './requests.js';
import {
  CALLER_EMAILS,
  type Caller,
  callersOf,
  FILE_OF_TAG,
  NOT_FUZZED,
  type Operation,
  operationsOf,
} from './routes.js';
import { captureState, differences, type State, uploadedFiles, writtenSince } from './state.js';

/** FUZZ_SEED and FUZZ_RUNS widen the search by hand; CI uses the fixed defaults, so it repeats. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_129);
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 32);

/** Each route its own seed from FUZZ_SEED, so adding a route does not change another's requests. */
function seedFor(id: string): number {
  let h = FUZZ_SEED | 0;
  for (const c of id) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return h;
}

/** Ids of real records for each path parameter name (never the callers' own accounts or roles). */
function idPools(app: App, member: string): IdPools {
  const groups = sql`(select organisation_id from memberships m join users u on u.id = m.user_id
                      where u.email in (${CALLER_EMAILS.applicant}, ${member}))`;
  const ids = (query: ReturnType<typeof sql>) => app.db.all<{ id: string }>(query).map((r) => r.id);
  const callerEmails = sql.join(
    Object.values(CALLER_EMAILS).map((e) => sql`${e}`),
    sql`, `,
  );
  return {
    bidId: ids(sql`select id from bids order by rowid limit 40`),
    fundId: ids(sql`select id from funds`),
    organisationId: ids(sql`select id from organisations order by rowid limit 40`),
    // The callers must stay able to sign in: fuzzing may disable or reset anyone else.
    userId: ids(sql`select id from users where email not in (${callerEmails}) order by rowid limit 40`),
    grantId: [
      ...ids(sql`select id from grants order by rowid limit 30`),
      ...ids(
        sql`select r.id from user_roles r join users u on u.id = r.user_id where u.email not in (${callerEmails}) limit 10`,
      ),
    ],
    attachmentId: ids(sql`select id from attachments order by rowid limit 30`),
    needId: ids(sql`select id from needs`),
    assignmentId: ids(sql`select id from assignments order by rowid limit 40`),
    requestId: ids(sql`select id from reopen_requests limit 20`),
    bankAccountId: ids(sql`select id from bank_accounts`),
    paymentId: ids(sql`select id from payments`),
    conditionId: ids(sql`select id from grant_conditions order by rowid limit 30`),
    wardId: ids(sql`select id from wards`),
    priorityId: ids(sql`select id from priorities`),
    anyUserId: ids(sql`select id from users order by rowid limit 40`),
    reportId: ids(sql`select id from grant_reports order by rowid limit 40`),
    evidenceId: ids(sql`select id from report_evidence limit 20`),
    'own:bidId': ids(sql`select id from bids where organisation_id in ${groups}`),
    'own:organisationId': ids(sql`select id from organisations where id in ${groups}`),
    'own:grantId': ids(sql`select id from grants where organisation_id in ${groups}`),
    'own:reportId': ids(
      sql`select r.id from grant_reports r join grants g on g.id = r.grant_id where g.organisation_id in ${groups}`,
    ),
    'own:attachmentId': ids(
      sql`select a.id from attachments a join bids b on b.id = a.bid_id where b.organisation_id in ${groups}`,
    ),
    'own:evidenceId': ids(
      sql`select e.id from report_evidence e join grant_reports r on r.id = e.report_id
          join grants g on g.id = r.grant_id where g.organisation_id in ${groups}`,
    ),
  };
}

/** A member of a group whose grant has monitoring reports (the demo has several). */
function memberEmail(app: App): string {
  const row = app.db.get<{ email: string }>(
    sql`select u.email from users u
        join memberships m on m.user_id = u.id
        join grants g on g.organisation_id = m.organisation_id
        join grant_reports r on r.grant_id = g.id
        order by u.email limit 1`,
  );
  if (!row) throw new Error('The demo has no member of a group with reports');
  return row.email;
}

function describeRequest(request: FuzzRequest): string {
  const payload =
    request.payload === undefined
      ? '(no body)'
      : request.payload.length > 400
        ? `${request.payload.slice(0, 400)}… (${request.payload.length} characters)`
        : request.payload;
  const url =
    request.url.length > 300 ? `${request.url.slice(0, 300)}… (${request.url.length})` : request.url;
  return `${request.caller}: ${request.method} ${url}\nheaders ${JSON.stringify(request.headers)}\nbody ${payload}`;
}

/** The routes of one fuzz file, and how many requests each gets. */
export async function fuzzFile(file: (typeof FILE_OF_TAG)[string]): Promise<void> {
  const t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000000' });
  afterAll(async () => t.close());
  const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const operations = operationsOf(document).filter((o) => FILE_OF_TAG[o.tag] === file && !NOT_FUZZED[o.id]);

  const clients = new Map<Caller, Client>();
  const member = memberEmail(t.app);
  async function clientFor(caller: Caller): Promise<Client> {
    const known = clients.get(caller);
    if (known) return known;
    let client: Client;
    if (caller === 'anonymous') {
      // Its own address, so its failed sign-ins never throttle the callers' own.
      client = new Client(t.app, '10.9.9.1');
    } else if (caller === 'halfSigned') {
      client = new Client(t.app, '10.9.9.2');
      // Refused after too many wrong codes, it stays an anonymous client: still a caller to fuzz with.
      await client.loginWithPassword(CALLER_EMAILS.halfSigned);
    } else {
      client = await signedIn(t.app, caller === 'member' ? member : CALLER_EMAILS[caller]);
    }
    clients.set(caller, client);
    // Signing in writes (a session, the audit trail): the next request's "before" is taken after it.
    state = undefined;
    return client;
  }

  let state: State | undefined;
  /** With FUZZ_STATS=true, how each route answered (to see that requests get past validation). */
  const statuses = new Map<number, number>();
  const refusedFields = new Map<string, number>();
  async function send(request: FuzzRequest): Promise<void> {
    const client = await clientFor(request.caller);
    const before = state ?? captureState(t.app);
    state = undefined;
    let response: LightMyRequestResponse;
    try {
      response = await client.request(request.method, request.url, {
        headers: request.headers,
        rawBody: request.payload,
      });
    } catch (error) {
      throw new Error(`The request threw: ${String(error)}\n${describeRequest(request)}`);
    }
    const status = response.statusCode;
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    // Signed out by the request (or a session the fuzzing ended): sign in again for the next one.
    if (status === 401 && request.caller !== 'anonymous') clients.delete(request.caller);
    expect(status, `${describeRequest(request)}\n→ ${response.body.slice(0, 500)}`).toBeLessThan(500);
    expect(Object.keys(Object.prototype), 'Object.prototype polluted').toEqual([]);
    if (status < 400) return;
    const error = expectError(response, status);
    for (const field of Object.keys(error.fields ?? {}))
      refusedFields.set(field, (refusedFields.get(field) ?? 0) + 1);
    // Nothing written and the same files: the state is the one before (the common case, checked fast).
    const filesBefore = before.tables['(uploaded files)']?.rows ?? [];
    if (!writtenSince(t.app, before) && uploadedFiles(t.app).join('\n') === filesBefore.join('\n')) {
      state = before;
      return;
    }
    const after = captureState(t.app);
    const changed = differences(before, after);
    if (changed.length > 0) {
      throw new Error(
        `A refused request (${status}) changed data:\n${changed.join('\n')}\n${describeRequest(request)}\n→ ${response.body.slice(0, 300)}`,
      );
    }
    state = after;
  }

  describe(`fuzzing ${file} routes (FUZZ_SEED=${FUZZ_SEED}, FUZZ_RUNS=${FUZZ_RUNS})`, () => {
    for (const operation of operations) {
      const callers = callersOf(operation);
      it(operation.id, async () => {
        if (!callers)
          throw new Error(`No callers declared for ${operation.id} (test/fuzz/support/routes.ts)`);
        state = undefined;
        statuses.clear();
        refusedFields.clear();
        const arbitrary = requestsFor(operation, callers, idPools(t.app, member));
        const seed = seedFor(operation.id);
        const details = await fc.check(
          fc.asyncProperty(arbitrary, async (request) => send(request)),
          { seed, numRuns: runsFor(operation) },
        );
        if (process.env.FUZZ_STATS === 'true') {
          const counts = [...statuses].sort(([a], [b]) => a - b).map(([k, v]) => `${k}×${v}`);
          const fields = [...refusedFields].sort(([, a], [, b]) => b - a).slice(0, 6);
          console.info(
            `${operation.id}: ${counts.join(' ')}; fields refused: ${fields.map(([f, n]) => `${f}×${n}`).join(' ')}`,
          );
        }
        if (details.failed) {
          const counterexample = details.counterexample?.[0];
          throw new Error(
            [
              `${operation.id} failed after ${details.numRuns} requests (${details.numShrinks} shrinks).`,
              `Reproduce: FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${FUZZ_RUNS} (route seed ${seed}, path "${details.counterexamplePath}")`,
              counterexample ? `Smallest request found:\n${describeRequest(counterexample)}` : '',
              String(
                details.errorInstance instanceof Error
                  ? details.errorInstance.message
                  : details.errorInstance,
              ),
            ].join('\n'),
          );
        }
      });
    }
  });
}

/** Routes with input get the full count; those with none only their garbage bodies and extra queries. */
function runsFor(operation: Operation): number {
  const hasInput = operation.body !== undefined || operation.parameters.length > 0;
  return hasInput ? FUZZ_RUNS : Math.max(3, Math.ceil(FUZZ_RUNS / 4));
}
