import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSqlFunctions } from '../../../src/db/client.js';
import { unitOfWork } from '../../../src/db/unit-of-work.js';
import { getGrantRow, insertMoneyReturn } from '../../../src/modules/grants/repository.js';
import { moveGrant } from '../../../src/modules/grants/service.js';
import { apiRoot } from '../../../src/paths.js';
import { DEMO_AWARDS_TOTAL_PENCE } from '../../../src/seed/demo-assessment.js';
import { buildTestApp, contextAs, type TestApp } from '../../support/app.js';
import { signedIn } from '../../support/client.js';
import { auditSince, lastAuditId } from '../../support/database.js';

describe('a grant is its own record', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const grants = () =>
    t.app.db.all<{
      id: string;
      status: string;
      amount: number;
      bidStatus: string;
      priority: string | null;
      wards: string;
    }>(
      sql`select g.id, g.status, a.amount_pence as amount, b.status as "bidStatus",
                 g.main_priority_id as priority, g.ward_ids as wards
          from grants g join awards a on a.id = g.award_id join bids b on b.id = g.bid_id`,
    );

  it('follows every demo award: offered or (once accepted) in delivery or completed, for the awarded bid, placed by its priority and wards', () => {
    const rows = grants();
    expect(rows).toHaveLength(19);
    expect(rows.reduce((sum, g) => sum + g.amount, 0)).toBe(DEMO_AWARDS_TOTAL_PENCE);
    // demo-money.ts: 14 offers accepted since the panel, one of them since completed (demo-reports.ts);
    // five still offered (four drafts, one issued).
    expect(rows.filter((g) => g.status === 'in_delivery')).toHaveLength(13);
    expect(rows.filter((g) => g.status === 'completed')).toHaveLength(1);
    expect(rows.filter((g) => g.status === 'offered')).toHaveLength(5);
    for (const grant of rows) {
      expect(grant.bidStatus).toBe('awarded');
      expect(grant.priority).not.toBeNull();
      expect(JSON.parse(grant.wards).length).toBeGreaterThan(0);
    }
  });

  it('moves only as GRANT_TRANSITIONS allow, each move audited with where it came from', () => {
    const [first] = grants();
    const grant = getGrantRow(t.app.db, first?.id ?? '');
    if (!grant) throw new Error('No demo grant');
    const ctx = contextAs(t, 'officer@demo.test');
    const since = lastAuditId(t.app);
    const accepted = unitOfWork(t.app.db, (tx) => moveGrant(ctx, tx, grant, 'accept'));
    expect(accepted.status).toBe('in_delivery');
    expect(getGrantRow(t.app.db, grant.id)?.status).toBe('in_delivery');
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({
        action: 'grant.accepted',
        entityType: 'grant',
        entityId: grant.id,
        after: { status: 'in_delivery' },
      }),
    ]);
    expect(
      t.app.db.get<{ before: string }>(sql`select before from audit_events where id > ${since} limit 1`)
        ?.before,
    ).toBe('{"status":"offered"}');
    expect(() => unitOfWork(t.app.db, (tx) => moveGrant(ctx, tx, accepted, 'decline'))).toThrow(
      expect.objectContaining({
        code: 'invalid_state',
        message: 'This grant is in delivery, so it cannot be declined',
      }),
    );
    expect(getGrantRow(t.app.db, grant.id)?.status).toBe('in_delivery');
  });

  it('counts money returned in every figure of the budget: less committed, more available, to the penny', async () => {
    const finance = await signedIn(t.app, 'finance@demo.test');
    const fundId = t.app.db.get<{ id: string }>(sql`select id from funds where code = 'PCF'`)?.id ?? '';
    const before = (await finance.get(`/api/funds/${fundId}/budget`)).json();
    const [grant] = t.app.db.all<{ id: string; amount: number; priority: string }>(
      sql`select g.id, a.amount_pence as amount, g.main_priority_id as priority
          from grants g join awards a on a.id = g.award_id where g.fund_id = ${fundId} and g.status = 'offered' limit 1`,
    );
    if (!grant) throw new Error('No demo grant to return money from');
    insertMoneyReturn(t.app.db, {
      grantId: grant.id,
      fundId,
      amountPence: 123_45,
      reason: 'Unspent: the venue was free',
      recordedBy: null,
      at: t.clock.now().toISOString(),
    });
    const after = (await finance.get(`/api/funds/${fundId}/budget`)).json();
    expect(after).toMatchObject({
      committedPence: before.committedPence - 123_45,
      returnedPence: before.returnedPence + 123_45,
      availablePence: before.availablePence + 123_45,
      awardsCount: before.awardsCount,
    });
    const slice = (budget: typeof before, id: string) =>
      budget.byPriority.find((p: { id: string }) => p.id === id).committedPence;
    expect(slice(after, grant.priority)).toBe(slice(before, grant.priority) - 123_45);
    const wardTotal = (budget: typeof before) =>
      budget.byWard.reduce((sum: number, w: { committedPence: number }) => sum + w.committedPence, 0);
    expect(wardTotal(after)).toBe(after.committedPence);
  });
});

describe('the migration that brings in grants', () => {
  it('makes every award already made an offered grant, placed by the bid’s answers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cf-migration-'));
    try {
      // The migrations as they stood before grants: the first five.
      const source = join(apiRoot(), 'drizzle');
      const before = join(dir, 'before');
      mkdirSync(join(before, 'meta'), { recursive: true });
      const journal = JSON.parse(readFileSync(join(source, 'meta', '_journal.json'), 'utf8'));
      const older = journal.entries.filter((e: { tag: string }) => e.tag < '0005');
      for (const entry of older)
        copyFileSync(join(source, `${entry.tag}.sql`), join(before, `${entry.tag}.sql`));
      writeFileSync(join(before, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: older }));

      const sqlite = new Database(join(dir, 'old.sqlite'));
      // The app's SQL functions, which the audit chain's migration calls (decision 0026).
      registerSqlFunctions(sqlite);
      sqlite.pragma('foreign_keys = ON');
      const db = drizzle({ client: sqlite });
      migrate(db, { migrationsFolder: before });
      const exec = (text: string, ...values: unknown[]) => sqlite.prepare(text).run(...values);
      exec(`insert into users (id, email, name, status) values ('u', 'o@test', 'Officer', 'active')`);
      exec(`insert into priorities (id, name, position) values ('p', 'Young People', 1)`);
      exec(`insert into wards (id, name, position) values ('w1', 'Park', 1), ('w2', 'East', 2)`);
      exec(
        `insert into organisations (id, name, type, address_line_1, town, postcode, ward_id, contact_name, contact_email)
         values ('g', 'Group', 'community_group', '1 Road', 'Peterborough', 'PE1 1AA', 'w1', 'A', 'a@test')`,
      );
      exec(
        `insert into funds (id, name, code, pot_pence, cap_pence, opens_at, closes_at, delivery_starts_on, delivery_ends_on)
         values ('f', 'Fund', 'PCF', 1000000, 500000, '2019-01-01', '2019-06-01', '2019-07-01', '2020-03-31')`,
      );
      exec(
        `insert into bids (id, fund_id, organisation_id, status, amount_requested_pence, eligibility, created_by, updated_at)
         values ('b', 'f', 'g', 'awarded', 400000, '{}', 'u', '2019-05-20')`,
      );
      exec(
        `insert into bid_sections (bid_id, section, data, complete, version, updated_by, updated_at) values
         ('b', 'priorities', '{"mainPriorityId":"p","otherPriorityIds":[]}', 1, 1, 'u', '2019-05-01'),
         ('b', 'beneficiaries', '{"wardIds":["w1","w2"],"peopleCount":40,"communities":"x"}', 1, 1, 'u', '2019-05-01')`,
      );
      exec(
        `insert into decisions (id, bid_id, fund_id, outcome, amount_pence, decided_by, decided_at)
         values ('d', 'b', 'f', 'award', 400000, 'u', '2019-05-20T10:00:00.000Z')`,
      );
      exec(
        `insert into awards (id, bid_id, fund_id, decision_id, amount_pence, awarded_at)
         values ('a', 'b', 'f', 'd', 400000, '2019-05-20T10:00:00.000Z')`,
      );

      migrate(db, { migrationsFolder: source });
      const rows = sqlite.prepare('select * from grants').all();
      expect(rows).toEqual([
        expect.objectContaining({
          id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
          award_id: 'a',
          bid_id: 'b',
          fund_id: 'f',
          organisation_id: 'g',
          status: 'offered',
          main_priority_id: 'p',
          ward_ids: '["w1","w2"]',
          created_at: '2019-05-20T10:00:00.000Z',
        }),
      ]);
      // And the pot rule now counts it: the award stands, the next one must fit beside it.
      expect(() =>
        exec(
          `insert into awards (id, bid_id, fund_id, decision_id, amount_pence, awarded_at)
           values ('a2', 'b', 'f', 'd', 700000, '2019-05-20')`,
        ),
      ).toThrow(/overdraw/);
      sqlite.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
