// The bench's ceiling (apps/api/bench/ceiling.ts) replays the SQL recorded from the product for a
// request. Its figures mean something only if the replay does the product's work: the same rows,
// and the session looked up from each request's own cookie.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCeilingDatabase, type Plan, planRunner } from '../../bench/ceiling.js';
import { recordPlans } from '../../bench/record.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/client.js';
import { onPostgresSuite } from '../support/postgres.js';

/** The ids a statement's result holds, in order: the `id` of each row, or a raw row's first value. */
function idsOf(result: unknown): unknown[] {
  if (!Array.isArray(result)) return [];
  return result.map((row) => (Array.isArray(row) ? row[0] : (row as { id?: unknown } | undefined)?.id));
}

/** Whether a statement found anything: a row, or a list with rows in it. */
function found(result: unknown): boolean {
  return Array.isArray(result) ? result.length > 0 : result !== undefined && result !== null;
}

// SQLite only: the ceiling replays SQLite's SQL on the bench's SQLite file (decision 0036); the bench
// compares PostgreSQL separately (bench/postgres.ts, decision 0035).
describe.skipIf(onPostgresSuite)('the bench ceiling', () => {
  let t: TestApp;
  let cookie: string;
  let plan: Plan;
  let productIds: string[];

  beforeAll(async () => {
    t = await buildTestApp();
    const applicant = await signedIn(t.app, 'applicant@demo.test');
    cookie = applicant.jar.header() ?? '';
    const answer = await applicant.get('/api/bids?page=1&pageSize=25');
    expect(answer.statusCode).toBe(200);
    productIds = (answer.json().bids as { id: string }[]).map((b) => b.id);
    [plan] = (await recordPlans(
      join(t.dir, 'test.sqlite'),
      [{ name: 'my-bids', path: '/api/bids?page=1&pageSize=25', cookie }],
      { clock: t.clock },
    )) as [Plan];
  });
  afterAll(async () => t?.close());

  it("returns the rows of the applicant's bid list the product answers with, in its order", () => {
    expect(productIds.length).toBeGreaterThan(0);
    const sqlite = openCeilingDatabase(join(t.dir, 'test.sqlite'));
    try {
      const results = planRunner(sqlite, plan)(cookie);
      expect(results.map(idsOf)).toContainEqual(productIds);
    } finally {
      sqlite.close();
    }
  });

  it('looks the session up from the request’s own cookie, so a stranger’s request finds none', () => {
    const session = plan.statements.findIndex((s) => s.params.some((p) => 'cookie' in p && p.sha256));
    expect(session).toBeGreaterThanOrEqual(0);
    const sqlite = openCeilingDatabase(join(t.dir, 'test.sqlite'));
    try {
      const run = planRunner(sqlite, plan);
      expect(found(run(cookie)[session])).toBe(true);
      expect(found(run(cookie.replace(/sid=[^;]+/, 'sid=not-a-session'))[session])).toBe(false);
    } finally {
      sqlite.close();
    }
  });
});
