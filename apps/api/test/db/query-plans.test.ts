// The staff pages that matter at panel time must not grow with the square of a fund's bids
// (decision 0021): each reads a fund in a fixed number of queries, whatever its size, and every
// query reaches the big tables through an index. Read from the statements the services really
// run, with SQLite's own EXPLAIN QUERY PLAN.
import type { ScoreSetBody } from '@cf/shared';
import type { Database, Statement } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/lib/context.js';
import { assessmentOverview, myAssignments, saveScores } from '../../src/modules/assessment/service.js';
import { auditTrail } from '../../src/modules/audit/service.js';
import { insertSession, loadActor } from '../../src/modules/auth/repository.js';
import { sessionOf } from '../../src/modules/auth/service.js';
import { hashToken } from '../../src/modules/auth/tokens.js';
import { listBids } from '../../src/modules/bids/service.js';
import { fundBudget } from '../../src/modules/funds/service.js';
import { listGrants } from '../../src/modules/grants/service.js';
import { decideBid, fundResults, resultsCsv } from '../../src/modules/panel/service.js';
import { fundGrantsMoney, fundPayments } from '../../src/modules/payments/service.js';
import { createServiceContext } from '../../src/plugins/app/context.js';
import { scoreSetBody } from '../builders/assessment.js';
import { buildFund } from '../builders/scale.js';
import { buildTestApp, contextAs, type TestApp } from '../support/app.js';
import { userIdOf } from '../support/database.js';
import { onPostgresSuite } from '../support/postgres.js';

interface Executed {
  sql: string;
  params: unknown[];
}

/**
 * Records every statement run on the database while `work` runs, with its parameters: through the
 * statements' own methods, so a statement prepared once before (and kept) is recorded too.
 */
async function recording(sqlite: Database, work: () => unknown): Promise<Executed[]> {
  const executed: Executed[] = [];
  const statements = Object.getPrototypeOf(sqlite.prepare('select 1')) as Record<string, unknown>;
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  for (const key of ['all', 'get', 'run', 'iterate']) {
    const original = statements[key] as (...args: unknown[]) => unknown;
    originals.set(key, original);
    statements[key] = function (this: Statement, ...args: unknown[]) {
      executed.push({ sql: this.source, params: args });
      return original.apply(this, args);
    };
  }
  try {
    const answer = await work();
    const stream = (answer as { stream?: NodeJS.ReadableStream } | undefined)?.stream;
    if (stream) for await (const _ of stream as AsyncIterable<unknown>);
  } finally {
    for (const [key, original] of originals) statements[key] = original;
  }
  return executed;
}

/** The statements prepared (compiled by SQLite) while `work` runs. */
function preparing(sqlite: Database, work: () => unknown): string[] {
  const prepared: string[] = [];
  const prepare = sqlite.prepare;
  sqlite.prepare = function (this: Database, source: string) {
    prepared.push(source);
    return prepare.call(this, source);
  } as Database['prepare'];
  try {
    work();
  } finally {
    sqlite.prepare = prepare;
  }
  return prepared;
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

// SQLite only: SQLite's query plans (EXPLAIN QUERY PLAN) and statement counts on better-sqlite3: PostgreSQL plans its own way (decision 0035).
describe.skipIf(onPostgresSuite)('the panel-time staff pages at scale', () => {
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

// Issue 12: the per-request path, the writes that used to scan, and the lists, at scale. Stricter
// than the pages above: reading a big table through the whole of an index (`SCAN t USING INDEX`)
// counts as reading it whole, as does sorting a whole table to answer a page.

/** Everything that grows with the bids or the people, for the stricter checks below. */
const GROWING = [...BIG_TABLES, 'user_roles', 'sessions', 'score_set_history', 'mail_outbox'];

/** Plan lines that read a growing table whole (with or without an index), or sort a whole one. */
function wholeReads(sqlite: Database, executed: Executed[]): string[] {
  const found: string[] = [];
  for (const { sql: source, params } of executed) {
    if (!/^\s*(select|with)/i.test(source)) continue;
    const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...(params as never[])) as {
      detail: string;
    }[];
    // Reading the newest rows of a table by its integer key, a few at most, reads no more than those.
    const newest = /order by "(\w+)"\."id" (asc|desc) limit \?$/.exec(source)?.[1];
    const sorts = plan.some(({ detail }) => /USE TEMP B-TREE/.test(detail));
    const scans = plan.filter(({ detail }) => {
      const scan = /^SCAN (\w+)/.exec(detail);
      if (!scan || !GROWING.includes(scan[1] as string)) return false;
      return !(scan[1] === newest && detail === `SCAN ${newest}` && !sorts);
    });
    for (const { detail } of scans) found.push(`${detail}  ←  ${source}`);
    // A sort over rows that were found by a scan of a growing table sorts that whole table.
    if (scans.length > 0) {
      for (const { detail } of plan) {
        if (/USE TEMP B-TREE FOR ORDER BY/.test(detail)) found.push(`${detail}  ←  ${source}`);
      }
    }
  }
  return found;
}

/**
 * Plan lines that read every row of a fund from a growing table (not just an index's entries for an
 * aggregate): a write on one bid should read that bid, and the fund only through covering indexes.
 */
function fundWideRowReads(sqlite: Database, executed: Executed[]): string[] {
  const found: string[] = [];
  for (const { sql: source, params } of executed) {
    if (!/^\s*(select|with)/i.test(source)) continue;
    const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...(params as never[])) as {
      detail: string;
    }[];
    for (const { detail } of plan) {
      const search = /^SEARCH (\w+)(?: AS \w+)? USING INDEX \w+ \(fund_id=\?\)$/.exec(detail);
      if (search && GROWING.includes(search[1] as string)) found.push(`${detail}  ←  ${source}`);
    }
  }
  return found;
}

describe.skipIf(onPostgresSuite)('the hot paths at scale (issue 12)', () => {
  let t: TestApp;
  let sqlite: Database;
  let small: string;
  let large: string;
  let officer: ServiceContext;

  beforeAll(async () => {
    t = await buildTestApp();
    sqlite = (t.app.db as unknown as { $client: Database }).$client;
    small = t.app.db.transaction((tx) => buildFund(tx, 40));
    large = t.app.db.transaction((tx) => buildFund(tx, 160));
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

  const fundOf = (count: number) => (count === 40 ? small : large);
  /** Staff who have used the second factor (contextAs holds no staff roles). */
  const staffContext = (email: string) =>
    createServiceContext({
      db: t.app.db,
      clock: t.clock,
      publicUrl: t.app.config.publicUrl,
      actor: loadActor(t.app.db, userIdOf(t.app, email), { secondFactorUsed: true }),
    });

  /** One of a fund's bids in this status, not yet used by a test. */
  const used = new Set<string>();
  function bidIn(count: number, status: string): { id: string; amountRequestedPence: number } {
    const rows = sqlite
      .prepare(
        'select id, amount_requested_pence as "amountRequestedPence" from bids where fund_id = ? and status = ? order by reference',
      )
      .all(fundOf(count), status) as { id: string; amountRequestedPence: number }[];
    const row = rows.find((r) => !used.has(r.id));
    if (!row) throw new Error(`No ${status} bid left in the fund of ${count}`);
    used.add(row.id);
    return row;
  }

  /** An assignment still being scored, with its assessor, on a bid whose other sets are all in. */
  function lastScoringAssignment(count: number): { id: string; email: string } {
    const row = sqlite
      .prepare(
        `select a.id, u.email from assignments a join users u on u.id = a.assessor_id join bids b on b.id = a.bid_id
         where b.fund_id = ? and b.status = 'in_assessment' and a.status = 'scoring'
           and (select count(*) from assignments o where o.bid_id = a.bid_id and o.status = 'scoring') = 1
           and a.id not in (${[...used].map(() => '?').join(',') || "''"})
         limit 1`,
      )
      .get(fundOf(count), ...used) as { id: string; email: string } | undefined;
    if (!row) throw new Error(`No assignment left to score in the fund of ${count}`);
    used.add(row.id);
    return row;
  }

  function submitLastScores(count: number) {
    const assignment = lastScoringAssignment(count);
    const criteria = sqlite
      .prepare('select id from fund_criteria where fund_id = ? order by position')
      .all(fundOf(count)) as { id: string }[];
    const ctx = contextAs(t, assignment.email);
    return () =>
      saveScores(
        ctx,
        assignment.id,
        scoreSetBody(
          criteria,
          criteria.map(() => 3),
          { baseVersion: 1 },
        ) as ScoreSetBody,
      );
  }

  function award(count: number) {
    const bid = bidIn(count, 'scored');
    return () =>
      decideBid(officer, bid.id, {
        panelDate: '2019-05-20',
        decision: { outcome: 'award', amountPence: bid.amountRequestedPence },
      });
  }

  /** A member of one of the fund's groups (the builder makes five assessors members). */
  const memberOf = (count: number) => contextAs(t, `bench-assessor-${count}-0@bench.test`);
  const assessorOf = (count: number) => contextAs(t, `bench-assessor-${count}-7@bench.test`);

  const actions: [string, (count: number) => () => unknown][] = [
    [
      'loading the signed-in person (every request)',
      (count) => () => loadActor(t.app.db, userIdOf(t.app, `bench-assessor-${count}-7@bench.test`)),
    ],
    ['submitting the last score set of a bid', submitLastScores],
    ['awarding a bid', award],
    [
      "a group's own bids",
      (count) => {
        const member = memberOf(count);
        return () => listBids(member, { page: 1, pageSize: 25 });
      },
    ],
    [
      'the staff bid list filtered by status',
      (count) => () => listBids(officer, { fundId: fundOf(count), status: 'scored', page: 2, pageSize: 5 }),
    ],
    [
      // Words found anywhere in a reference, title or group name: through the search index, not by
      // reading every bid of every fund (LIKE '%…%' can use no ordinary index).
      'the staff bid list searched across every fund',
      () => () => listBids(officer, { q: 'Choir', page: 1, pageSize: 25 }),
    ],
    [
      'the staff bid list searched within a fund, in title order',
      (count) => () =>
        listBids(officer, { fundId: fundOf(count), q: 'garden', sort: 'title', page: 1, pageSize: 5 }),
    ],
    [
      "an assessor's bids to assess",
      (count) => {
        const assessor = assessorOf(count);
        return () => myAssignments(assessor, { page: 2, pageSize: 5 });
      },
    ],
    ['the budget', (count) => () => fundBudget(officer, fundOf(count))],
    [
      'the grants list of a fund',
      (count) => () => listGrants(officer, { fundId: fundOf(count), page: 2, pageSize: 5 }),
    ],
    ["a fund's payments ledger", (count) => () => fundPayments(officer, fundOf(count), {})],
    ["a fund's grants with their money", (count) => () => fundGrantsMoney(officer, fundOf(count))],
    [
      'the audit trail',
      () => {
        const admin = staffContext('admin@demo.test');
        return () => auditTrail(admin, {});
      },
    ],
    [
      "the audit trail of one person's actions",
      () => {
        const admin = staffContext('admin@demo.test');
        return () => auditTrail(admin, { person: 'officer@demo.test' });
      },
    ],
  ];

  for (const [name, prepare] of actions) {
    it(`${name} takes the same number of queries for four times the bids`, async () => {
      const few = await recording(sqlite, prepare(40));
      const many = await recording(sqlite, prepare(160));
      // The same statements, whatever the length of a list of ids in one of them.
      const shapes = (executed: Executed[]) => executed.map((e) => e.sql.replace(/\(\?(, \?)*\)/g, '(?…)'));
      expect(shapes(many)).toEqual(shapes(few));
    });

    it(`${name} reads no growing table whole`, async () => {
      const executed = await recording(sqlite, prepare(160));
      expect(wholeReads(sqlite, executed)).toEqual([]);
    });
  }

  it('loading the signed-in person takes two queries: the person with their roles, then their groups', async () => {
    const userId = userIdOf(t.app, 'bench-assessor-160-0@bench.test');
    const executed = await recording(sqlite, () => loadActor(t.app.db, userId));
    expect(executed).toHaveLength(2);
  });

  it('a signed-in request reads its session and person with statements prepared once, not per request', async () => {
    const token = 'a-session-token-for-the-query-plan-test';
    const now = t.clock.now();
    insertSession(t.app.db, {
      id: hashToken(token),
      userId: userIdOf(t.app, 'bench-assessor-160-0@bench.test'),
      at: now.getTime(),
      ip: null,
      userAgent: null,
    });
    expect(sessionOf(t.app.db, token, now).state).toBe('active');
    // The session, the person with their roles, their groups; nothing compiled again.
    expect(preparing(sqlite, () => sessionOf(t.app.db, token, now))).toEqual([]);
    const executed = await recording(sqlite, () => sessionOf(t.app.db, token, now));
    expect(executed).toHaveLength(3);
    expect(wholeReads(sqlite, executed)).toEqual([]);
  });

  it("the budget sums the fund's bids and payments from covering indexes, never their rows", async () => {
    const executed = await recording(sqlite, () => fundBudget(officer, large));
    // What remains row by row is the fund's grants: each award is split across its wards to the penny.
    const rows = fundWideRowReads(sqlite, executed).filter((line) => !line.startsWith('SEARCH grants '));
    expect(rows).toEqual([]);
    const sums = executed.filter((e) => /^\s*select\s+(coalesce\()?sum\(/i.test(e.sql));
    for (const { sql: source, params } of sums) {
      const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...(params as never[])) as {
        detail: string;
      }[];
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING COVERING INDEX/);
    }
    expect(sums.length).toBeGreaterThanOrEqual(2);
  });

  for (const [name, prepare] of actions.slice(1, 3)) {
    it(`${name} reads the rows of its bid, not every row of the fund`, async () => {
      const executed = await recording(sqlite, prepare(160));
      expect(fundWideRowReads(sqlite, executed)).toEqual([]);
    });
  }
});
