// The migration that brings reports in gives every grant made before it the reports of its
// reporting schedule (decision 0024). Proved on the demo's 19 grants, whose reports the demo made
// through grantFromAward: taken away, the migration's own statements run again, and each grant
// must get back exactly the reports (kinds and due dates) the code gave it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportingSchedule } from '@cf/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoot } from '../../src/paths.js';
import { DEMO_AWARDS_COUNT } from '../../src/seed/demo-assessment.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { onPostgresSuite } from '../support/postgres.js';

/** The statements of the reports migration that fill in grants made before it. */
function backfillStatements(): string[] {
  const folder = join(apiRoot(), 'drizzle');
  const file = readdirSync(folder).find((name) => name.endsWith('_reports_rules.sql'));
  if (!file) throw new Error('No reports migration');
  return readFileSync(join(folder, file), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => /^(--[^\n]*\n)*\s*INSERT INTO grant_reports/.test(s));
}

// SQLite only: replays SQLite's own migration history; PostgreSQL's migrations start from today's tables (decision 0035).
describe.skipIf(onPostgresSuite)('the migration that brings reports in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const reports = () =>
    t.app.db.all<{ grantId: string; kind: string; dueOn: string; status: string; version: number }>(
      sql`select grant_id as "grantId", kind, due_on as "dueOn", status, version from grant_reports
          order by grant_id, kind`,
    );

  it('gives each of the demo’s 19 grants the reports its schedule asks for, as the code does', () => {
    expect(backfillStatements()).toHaveLength(2);
    const madeByCode = reports();
    // Every grant has its reports, as reportingSchedule says from its award and delivery dates.
    const grants = t.app.db.all<{ id: string; award: number; data: string }>(
      sql`select g.id, a.amount_pence as award, s.data from grants g join awards a on a.id = g.award_id
          join bid_sections s on s.bid_id = g.bid_id and s.section = 'timetable'`,
    );
    expect(grants).toHaveLength(DEMO_AWARDS_COUNT);
    const expected = grants.flatMap((g) => {
      const { startDate, endDate } = JSON.parse(g.data) as { startDate: string; endDate: string };
      return reportingSchedule(g.award, { startDate, endDate }).map((r) => ({ grantId: g.id, ...r }));
    });
    const key = (r: { grantId: string; kind: string }) => `${r.grantId} ${r.kind}`;
    // The demo's monitoring story (demo-reports.ts) then moved the due dates of grants in delivery
    // and completed, as an officer agrees them: those are compared by kind, the others by date too.
    const moved = new Set(
      t.app.db
        .all<{ id: string }>(sql`select id from grants where status in ('in_delivery', 'completed')`)
        .map((g) => g.id),
    );
    expect(moved.size).toBe(14);
    const asMade = (r: { grantId: string; kind: string; dueOn: string }) => ({
      grantId: r.grantId,
      kind: r.kind,
      dueOn: moved.has(r.grantId) ? 'moved' : r.dueOn,
    });
    expect(madeByCode.map(asMade).sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      expected.map(asMade).sort((a, b) => key(a).localeCompare(key(b))),
    );
    // Both kinds appear in the demo: small awards report once, larger ones twice.
    expect(new Set(madeByCode.map((r) => r.kind))).toEqual(new Set(['mid_point', 'final']));

    // As a database from before reports holds them: none. (Demo reports the seed moved on are
    // put back as not started, which is how the migration makes them.)
    t.app.db.run(sql`delete from report_evidence`);
    t.app.db.run(sql`delete from report_reminders`);
    // Ratings are never deleted (a trigger): a database from before reports had none.
    t.app.db.run(sql`drop trigger grant_ratings_no_delete`);
    t.app.db.run(sql`delete from grant_ratings`);
    t.app.db.run(sql`delete from grant_reports`);
    for (const statement of backfillStatements()) t.app.db.run(sql.raw(statement));
    expect(reports()).toEqual(
      [...expected]
        .sort((a, b) => key(a).localeCompare(key(b)))
        .map((r) => ({
          grantId: r.grantId,
          kind: r.kind,
          dueOn: r.dueOn,
          status: 'not_started',
          version: 1,
        })),
    );

    // Run twice, it adds nothing.
    for (const statement of backfillStatements()) t.app.db.run(sql.raw(statement));
    expect(reports()).toHaveLength(madeByCode.length);
  });
});
