// The fuzzing covers every route: a route added without callers, in a tag no fuzz file takes, or
// with a schema keyword the generators do not know fails here (decision 0031).
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../support/app.js';
import { Client } from '../support/client.js';
import { requestsFor } from './support/requests.js';
import { callersOf, FILE_OF_TAG, NOT_FUZZED, type Operation, operationsOf } from './support/routes.js';
import { captureState, differences, writtenSince } from './support/state.js';
import { fuzzValue, SCHEMA_KEYWORDS, type Schema, toJson, validValue } from './support/values.js';

function keywordsOf(schema: unknown, found: Set<string>): void {
  if (!schema || typeof schema !== 'object') return;
  if (Array.isArray(schema)) {
    for (const item of schema) keywordsOf(item, found);
    return;
  }
  const s = schema as Record<string, unknown>;
  for (const key of Object.keys(s)) found.add(key);
  for (const sub of Object.values((s.properties as Record<string, unknown>) ?? {})) keywordsOf(sub, found);
  for (const key of ['items', 'additionalProperties', 'propertyNames', 'anyOf', 'oneOf'])
    keywordsOf(s[key], found);
}

describe('the fuzzing covers every route', () => {
  let t: TestApp;
  let operations: Operation[];
  beforeAll(async () => {
    t = await buildTestApp();
    operations = operationsOf((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json());
  });
  afterAll(async () => t.close());

  it('finds the routes in the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThan(100);
  });

  it('has a fuzz file for every tag and callers for every route (or a reason to leave it out)', () => {
    const untagged = operations
      .filter((o) => FILE_OF_TAG[o.tag] === undefined)
      .map((o) => `${o.tag}: ${o.id}`);
    expect(untagged).toEqual([]);
    const withoutCallers = operations.filter((o) => !NOT_FUZZED[o.id] && !callersOf(o)).map((o) => o.id);
    expect(withoutCallers).toEqual([]);
    const ids = new Set(operations.map((o) => o.id));
    expect(Object.keys(NOT_FUZZED).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('knows every JSON Schema keyword the request schemas use', () => {
    const found = new Set<string>();
    for (const o of operations) {
      keywordsOf(o.body, found);
      for (const p of o.parameters) keywordsOf(p.schema, found);
    }
    expect([...found].filter((k) => !SCHEMA_KEYWORDS.has(k))).toEqual([]);
  });

  it('generates values the schemas accept, and values they refuse', () => {
    // A small check of the generators themselves: a uuid, a date, an enum, a bounded integer.
    const schema: Schema = {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' },
        on: { type: 'string', format: 'date' },
        kind: { type: 'string', enum: ['a', 'b'] },
        n: { type: 'integer', minimum: 1, maximum: 5 },
      },
      required: ['id', 'on', 'kind', 'n'],
      additionalProperties: false,
    };
    const samples = fc.sample(validValue(schema), { numRuns: 50, seed: 1 }) as Record<string, unknown>[];
    for (const v of samples) {
      expect(v.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(v.on).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(['a', 'b']).toContain(v.kind);
      expect(v.n).toBeGreaterThanOrEqual(1);
      expect(v.n).toBeLessThanOrEqual(5);
    }
    const around = fc.sample(fuzzValue(schema), { numRuns: 300, seed: 1 }).map((v) => toJson(v));
    expect(around.some((text) => text.includes('"__proto__"'))).toBe(true);
    expect(around.some((text) => text.length > 100_000)).toBe(true);
    expect(around.some((text) => text.startsWith('[[[[') || text.includes('{"a":{"a":{"a":'))).toBe(true);
  });

  it('sends bodies that are not JSON and the wrong content types to routes with a body', () => {
    const route = operations.find((o) => o.id === 'POST /api/bids');
    if (!route) throw new Error('No POST /api/bids');
    const requests = fc.sample(requestsFor(route, ['applicant'], {}), { numRuns: 400, seed: 1 });
    expect(requests.some((r) => r.headers['content-type'] === 'text/plain')).toBe(true);
    expect(requests.some((r) => r.payload === '{')).toBe(true);
    expect(requests.some((r) => r.payload === undefined)).toBe(true);
    expect(requests.some((r) => (r.payload?.length ?? 0) > 1_048_576)).toBe(true);
  });

  it('notices a changed row or a new file, and not what a refusal is meant to write', async () => {
    const before = captureState(t.app);
    // A failed sign-in: an audit row and a failure counted, both expected of a refusal.
    const refused = await new Client(t.app, '10.9.9.3').post('/api/auth/login', {
      email: 'applicant@demo.test',
      password: 'not the password',
    });
    expect(refused.statusCode).toBe(401);
    expect(differences(before, captureState(t.app))).toEqual([]);
    const quiet = captureState(t.app);
    expect(writtenSince(t.app, quiet)).toBe(false);
    t.app.db.run(sql`update wards set name = name || '.' where rowid = (select min(rowid) from wards)`);
    expect(writtenSince(t.app, quiet)).toBe(true);
    expect(differences(before, captureState(t.app)).join()).toMatch(/^wards: 23 rows → 23/);
    t.app.files.saveSync(Buffer.from('a file'));
    expect(differences(before, captureState(t.app)).join('\n')).toMatch(/\(uploaded files\)/);
  });
});
