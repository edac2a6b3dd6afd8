// The staff pages that matter at panel time must not grow with the square of a fund's bids
// (decision 0021): each reads a fund in a fixed number of queries, whatever its size, and every
// query reaches the big tables through an index. Read from the statements the services really
// run, with SQLite's own EXPLAIN QUERY PLAN.
import type { Database, Statement } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/lib/context.js';
import { assessmentOverview, myAssignments } from '../../src/modules/assessment/service.js';
import { loadActor } from '../../src/modules/auth/repository.js';
import { listBids } from '../../src/modules/bids/service.js';
import { fundBudget } from '../../src/modules/funds/service.js';
import { fundResults, resultsCsv } from '../../src/modules/panel/service.js';
import { createServiceContext } from '../../src/plugins/app/context.js';
import { buildFund } from '../builders/scale.js';
import { buildTestApp, contextAs, type TestApp } from '../support/app.js';
import { userIdOf } from '../support/database.js';

interface Executed {
  sql: string;
  params: unknown[];
}

/** Records every statement run on the database while `work` runs, with its parameters. */
async function recording(sqlite: Database, work: () => unknown): Promise<Executed[]> {
  const executed: Executed[] = [];
  const prepare = sqlite.prepare;
  sqlite.prepare = function (this: Database, source: string) {
    const statement = prepare.call(this, source) as Statement;
    const proxy: Statement = new Proxy(statement, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (key === 'all' || key === 'get' || key === 'run' || key === 'iterate') {
            executed.push({ sql: source, params: args });
          }
          const answer = value.apply(target, args);
          return answer === target ? proxy : answer;
        };
      },
    });
    return proxy;
  } as Database['prepare'];
  try {
    const answer = await work();
    const stream = (answer as { stream?: NodeJS.ReadableStream } | undefined)?.stream;
    if (stream) for await (const _ of stream as AsyncIterable<unknown>);
  } finally {
    sqlite.prepare = prepare;
  }
  return executed;
}

/** Tables that grow with the bids: never read whole where an index should be used. */
const BIG_TABLES = [
  'bids',
  'bid_sections',
  'organisations',
  'assignments',
  'score_sets',
  'scores',
  'decisions',
  'awards',
  'grants',
  'moderation_notes',
  'assessor_conflicts',
  'memberships',
  'audit_events',
];

/** The plan lines that read a big table whole, row by row, with no index. */
function wholeTableScans(sqlite: Database, executed: Executed[]): string[] {
  const found: string[] = [];
  for (const { sql: source, params } of executed) {
    if (!/^\s*select/i.test(source)) continue;
    const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...(params as never[])) as {
      detail: string;
    }[];
    for (const { detail } of plan) {
      const scan = /^SCAN (\w+)(?: AS \w+)?$/.exec(detail);
      if (scan && BIG_TABLES.includes(scan[1] as string)) found.push(`${detail}  ←  ${source}`);
    }
  }
  return found;
}

describe('the panel-time staff pages at scale', () => {
  let t: TestApp;
  let sqlite: Database;
  let officer: ServiceContext;
  let small: string;
  let large: string;

  beforeAll(async () => {
    t = await buildTestApp();
    sqlite = (t.app.db as unknown as { $client: Database }).$client;
    small = t.app.db.transaction((tx) => buildFund(tx, 40));
    large = t.app.db.transaction((tx) => buildFund(tx, 160));
    // As a signed-in officer who has used the second factor (contextAs holds no staff roles).
    officer = createServiceContext({
      db: t.app.db,
      clock: t.clock,
      publicUrl: t.app.config.publicUrl,
      actor: loadActor(t.app.db, userIdOf(t.app, 'officer@demo.test'), { secondFactorUsed: true }),
    });
  });
  afterAll(async () => {
    await t.close();
  });

  /** An assessor of the fund of this many bids (buildFund makes 30), with bids on every page. */
  const assessorOf = (count: number) => contextAs(t, `bench-assessor-${count}-7@bench.test`);

  const pages: [string, (ctx: ServiceContext, fundId: string, count: number) => unknown][] = [
    ['the results', (ctx, fundId) => fundResults(ctx, fundId)],
    ['the assessment overview', (ctx, fundId) => assessmentOverview(ctx, fundId)],
    ['the scores CSV', (ctx, fundId) => resultsCsv(ctx, fundId, 'scores')],
    ['the decisions CSV', (ctx, fundId) => resultsCsv(ctx, fundId, 'decisions')],
    ['the budget', (ctx, fundId) => fundBudget(ctx, fundId)],
    ['the staff bid list', (ctx, fundId) => listBids(ctx, { fundId, page: 2, pageSize: 25 })],
    ['the staff bid list of every fund', (ctx) => listBids(ctx, { page: 3, pageSize: 25 })],
    [
      "an assessor's bids to assess",
      (_ctx, _fundId, count) => myAssignments(assessorOf(count), { page: 2, pageSize: 5 }),
    ],
  ];

  for (const [name, read] of pages) {
    it(`${name} takes the same number of queries for four times the bids`, async () => {
      const few = await recording(sqlite, () => read(officer, small, 40));
      const many = await recording(sqlite, () => read(officer, large, 160));
      expect(many.length).toBe(few.length);
    });

    it(`${name} reads no big table whole`, async () => {
      const executed = await recording(sqlite, () => read(officer, large, 160));
      expect(wholeTableScans(sqlite, executed)).toEqual([]);
    });
  }
});
