import { writeFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';
import type { Client } from '../support/client.js';
import { EXPECTATIONS, expectedFor, type Outcome } from './matrix.expectations.js';
import {
  BODIES,
  CALLERS,
  type Caller,
  clientFor,
  type DemoRecords,
  fill,
  MEMBER_OF,
  matrixRecords,
  sees,
  type Target,
  targetsFor,
  unknownParams,
} from './matrix.records.js';

/**
 * The access matrix (issue 12 item 4, decision 0030): every route in the OpenAPI document, asked by
 * every kind of caller — nobody, a staff member half signed in, each role — about a record of the
 * caller's own group and one of another group, each answer checked against the class declared in
 * matrix.expectations.ts. A route without a declaration fails the test: adding a route means saying
 * who may use it.
 *
 * Reads are GETs; writes carry an empty JSON object (or nothing, for DELETE). A caller who may not
 * use the route must be refused (401, 403 or 404) whatever the body; one who may must never be.
 */

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

interface Route {
  method: Method;
  path: string;
  key: string;
}

/** What kind of answer a response is: allowed (2xx/3xx, or a refusal about the input or the state), or which refusal. */
function classOf(response: LightMyRequestResponse): Outcome | `${number}` {
  const status = response.statusCode;
  if (status === 401 || status === 403 || status === 404) return status;
  if (status < 400 || [400, 409, 413, 415, 422].includes(status)) return 'ok';
  return `${status}`;
}

async function send(
  client: Client,
  route: Route,
  url: string,
  body: unknown,
): Promise<LightMyRequestResponse> {
  switch (route.method) {
    case 'get':
      return client.get(url);
    case 'delete':
      return client.delete(url);
    default:
      return client.request(route.method.toUpperCase() as 'POST' | 'PUT' | 'PATCH', url, { body });
  }
}

/** The refusal Fastify gives when a body fails the route's schema (plugins/app/errors.ts). */
function schemaRefused(response: LightMyRequestResponse): boolean {
  return response.statusCode === 400 && response.body.includes('There is a problem with what you entered');
}

/** The query a read needs to be a read at all (its required parameters). */
const QUERIES: Record<string, string> = { 'GET /api/monitoring/reports': '?state=overdue' };

/** Reads first, then writes, and deletions last, so nothing a write removes is missed by a read. */
const ORDER: Record<Method, number> = { get: 0, post: 1, put: 1, patch: 1, delete: 2 };

describe('the access matrix: every route × every caller × own and another group’s records', () => {
  let t: TestApp;
  let routes: Route[];
  let records: DemoRecords;
  const clients = new Map<Caller, Client>();
  /** Every route the server answers under /api/, to check the OpenAPI document leaves none out. */
  const registered = new Set<string>();

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    for (const key of routesServed(t.app.printRoutes({ commonPrefix: false }))) registered.add(key);
    const openapi = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(openapi.paths).flatMap(([path, operations]) =>
      METHODS.filter((m) => m in operations).map((method) => ({
        method,
        path,
        key: `${method.toUpperCase()} ${path}`,
      })),
    );
    records = await matrixRecords(t.app);
    for (const caller of CALLERS) clients.set(caller, await clientFor(t.app, caller));
  });
  afterAll(async () => t?.close());

  it('declares an expectation for every route in the OpenAPI document, and for no other', () => {
    const documented = new Set(routes.map((r) => r.key));
    const undeclared = [...documented].filter((key) => !(key in EXPECTATIONS));
    const stale = Object.keys(EXPECTATIONS).filter((key) => !documented.has(key));
    expect({ undeclared, stale }).toEqual({ undeclared: [], stale: [] });
    expect(routes.length).toBeGreaterThan(100);
  });

  it('finds every route the server answers in the OpenAPI document (none hidden from the matrix)', () => {
    const documented = new Set(routes.map((r) => r.key));
    // The document itself, and the docs pages the swagger plugin serves.
    const notDocumented = [...registered].filter(
      (key) => !documented.has(key) && key !== 'GET /api/openapi.json' && !key.startsWith('GET /api/docs'),
    );
    expect(notDocumented).toEqual([]);
    expect(registered.size).toBeGreaterThan(routes.length);
  });

  it('answers every caller as declared', { timeout: 120_000 }, async () => {
    const mismatches: string[] = [];
    // What every cell answered, written to a file when ACCESS_MATRIX_DUMP names one (for reviewing).
    const observed: { route: string; record: string; caller: Caller; status: number }[] = [];
    let cells = 0;
    let leakChecks = 0;
    const sorted = [...routes].sort((a, b) => ORDER[a.method] - ORDER[b.method]);
    for (const route of sorted) {
      const declared = EXPECTATIONS[route.key];
      if (!declared) continue; // the test above names it
      for (const target of targetsFor(route.path, records)) {
        const url = fill(route.path, target.params) + (QUERIES[route.key] ?? '');
        const makeBody = BODIES[route.key];
        const body = makeBody ? makeBody(records, target) : {};
        for (const caller of CALLERS) {
          const expected = expectedFor(declared, caller, target.label, relationOf(caller, target));
          const client = clients.get(caller) as Client;
          const response = await send(client, route, url, body);
          const got = classOf(response);
          cells += 1;
          observed.push({ route: route.key, record: target.label, caller, status: response.statusCode });
          if (makeBody && schemaRefused(response)) {
            mismatches.push(
              `${route.key} [${target.label}] as ${caller}: the matrix's body fails the schema: ${response.body.slice(0, 200)}`,
            );
          } else if (got !== expected) {
            mismatches.push(
              `${route.key} [${target.label}] as ${caller}: expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 160)}`,
            );
          }
          // Whoever cannot see the record must be answered exactly as about an id nothing has.
          const relation = relationOf(caller, target);
          if (target.label !== '-' && !sees(caller, route.path, target, relation)) {
            const unknownUrl = fill(route.path, unknownParams(target)) + (QUERIES[route.key] ?? '');
            const notThere = await send(client, route, unknownUrl, body);
            leakChecks += 1;
            if (notThere.statusCode !== response.statusCode || notThere.body !== response.body) {
              mismatches.push(
                `${route.key} [${target.label}] as ${caller}: tells the record exists — ${response.statusCode} ${response.body.slice(0, 100)} where an unknown id gets ${notThere.statusCode} ${notThere.body.slice(0, 100)}`,
              );
            }
            // Nor may a body the schema refuses: checked before anything is looked up, it must be
            // answered the same about their record as about no record at all.
            if (makeBody) {
              const mine = await send(client, route, url, {});
              const none = await send(client, route, unknownUrl, {});
              leakChecks += 1;
              if (mine.statusCode !== none.statusCode || mine.body !== none.body) {
                mismatches.push(
                  `${route.key} [${target.label}] as ${caller}, empty body: tells the record exists — ${mine.statusCode} ${mine.body.slice(0, 100)} where an unknown id gets ${none.statusCode} ${none.body.slice(0, 100)}`,
                );
              }
            }
          }
          // Signing out (or out everywhere) ends the caller's session: sign them in again.
          if (declared.endsSession) clients.set(caller, await clientFor(t.app, caller));
        }
      }
    }
    if (process.env.ACCESS_MATRIX_DUMP)
      writeFileSync(process.env.ACCESS_MATRIX_DUMP, JSON.stringify(observed, null, 1));
    expect(
      mismatches,
      `${mismatches.length} mismatches in ${cells} cells and ${leakChecks} checks against an unknown id:\n${mismatches.join('\n')}`,
    ).toEqual([]);
    expect(cells).toBeGreaterThan(routes.length * CALLERS.length);
    expect(leakChecks).toBeGreaterThan(500);
  });
});

/**
 * Every method and path the server answers under /api/, from Fastify's own route tree (one line a
 * node: `├── /api/bids (GET, HEAD, POST)`, children indented four characters a level).
 */
function routesServed(tree: string): string[] {
  const stack: string[] = [];
  const keys: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!match) continue;
    stack.length = (match[1] ?? '').length / 4;
    stack.push(match[2] ?? '');
    const path = stack.join('').replace(/:(\w+)/g, '{$1}');
    for (const method of (match[3] ?? '').split(', ')) {
      if (method && method !== 'HEAD' && path.startsWith('/api/')) keys.push(`${method} ${path}`);
    }
  }
  return keys;
}

/** Whether the record is the caller's own (their group's, or theirs) or someone else's. */
function relationOf(caller: Caller, target: Target): 'own' | 'other' {
  if (target.group !== undefined && MEMBER_OF[caller] === target.group) return 'own';
  if (target.user !== undefined && target.user === caller) return 'own';
  return 'other';
}
