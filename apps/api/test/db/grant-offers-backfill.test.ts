// The migration that brings offers in gives every grant made before it a purpose and the default
// payment schedule (decision 0022). Proved on the demo's 19 grants: their schedules taken away,
// the migration's own statements run again, and each grant must come back 80/20 to the penny.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultSchedule } from '@cf/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoot } from '../../src/paths.js';
import { DEMO_AWARDS_COUNT, DEMO_AWARDS_TOTAL_PENCE } from '../../src/seed/demo-assessment.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { onPostgresSuite } from '../support/postgres.js';

/** The statements of the offers migration that fill in grants made before it. */
function backfillStatements(): string[] {
  const folder = join(apiRoot(), 'drizzle');
  const file = readdirSync(folder).find((name) => name.endsWith('_grant_offers.sql'));
  if (!file) throw new Error('No grant offers migration');
  return readFileSync(join(folder, file), 'utf8')
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => /^(--[^\n]*\n)*\s*(UPDATE grants SET purpose|INSERT INTO grant_instalments)/.test(s));
}

// SQLite only: replays SQLite's own migration history; PostgreSQL's migrations start from today's tables (decision 0035).
describe.skipIf(onPostgresSuite)('the migration that brings grant offers in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const schedules = () =>
    t.app.db.all<{ grantId: string; award: number; position: number; trigger: string; amount: number }>(
      sql`select g.id as "grantId", a.amount_pence as award, i.position, i.trigger, i.amount_pence as amount
          from grants g join awards a on a.id = g.award_id
          left join grant_instalments i on i.grant_id = g.id order by g.id, i.position`,
    );

  it('gives each of the demo’s 19 grants its purpose and an 80/20 schedule adding up to £215,000', () => {
    expect(backfillStatements()).toHaveLength(3);
    const purposes = t.app.db.all<{ id: string; purpose: string }>(sql`select id, purpose from grants`);
    // As a database from before offers holds them: no schedules, no purposes.
    t.app.db.run(sql`delete from grant_instalments`);
    t.app.db.run(sql`update grants set purpose = ''`);
    for (const statement of backfillStatements()) t.app.db.run(sql.raw(statement));

    const rows = schedules();
    const grants = new Map<
      string,
      { award: number; instalments: { trigger: string; amountPence: number }[] }
    >();
    for (const row of rows) {
      const grant = grants.get(row.grantId) ?? { award: row.award, instalments: [] };
      grant.instalments.push({ trigger: row.trigger, amountPence: row.amount });
      grants.set(row.grantId, grant);
    }
    expect(grants.size).toBe(DEMO_AWARDS_COUNT);
    for (const grant of grants.values()) {
      expect(grant.instalments).toEqual(defaultSchedule(grant.award));
      expect(grant.instalments.map((i) => i.trigger)).toEqual(['acceptance', 'final_report']);
    }
    expect(rows.reduce((sum, r) => sum + r.amount, 0)).toBe(DEMO_AWARDS_TOTAL_PENCE);
    // The purpose is the bid's summary, as the demo seeds it.
    expect(t.app.db.all<{ id: string; purpose: string }>(sql`select id, purpose from grants`)).toEqual(
      purposes,
    );
    expect(purposes.every((p) => p.purpose.length > 0)).toBe(true);

    // Run twice, it adds nothing.
    for (const statement of backfillStatements()) t.app.db.run(sql.raw(statement));
    expect(schedules()).toHaveLength(rows.length);
  });
});
