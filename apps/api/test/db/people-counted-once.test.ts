// The migration that stops asking "How many people will take part?" twice keeps every answer.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { registerSqlFunctions } from '../../src/db/client.js';
import { apiRoot } from '../../src/paths.js';

describe('the migration that asks how many people take part once', () => {
  it('keeps every number: Outcomes keeps its own or takes the one from “Who will benefit”, which no longer holds it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cf-migration-'));
    try {
      // Every migration before this one.
      const source = join(apiRoot(), 'drizzle');
      const before = join(dir, 'before');
      mkdirSync(join(before, 'meta'), { recursive: true });
      const journal = JSON.parse(readFileSync(join(source, 'meta', '_journal.json'), 'utf8'));
      const at = journal.entries.findIndex((e: { tag: string }) => e.tag.endsWith('_people_counted_once'));
      expect(at).toBeGreaterThan(0);
      const older = journal.entries.slice(0, at);
      for (const entry of older)
        copyFileSync(join(source, `${entry.tag}.sql`), join(before, `${entry.tag}.sql`));
      writeFileSync(join(before, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: older }));

      const sqlite = new Database(join(dir, 'old.sqlite'));
      // The app's SQL functions, which the audit chain's migration calls (decision 0026).
      registerSqlFunctions(sqlite);
      sqlite.pragma('foreign_keys = ON');
      const db = drizzle({ client: sqlite });
      migrate(db, { migrationsFolder: before });
      const exec = (text: string) => sqlite.prepare(text).run();
      exec(`insert into users (id, email, name, status) values ('u', 'a@test', 'Amina', 'active')`);
      exec(`insert into wards (id, name, position) values ('w1', 'Park', 1)`);
      exec(
        `insert into organisations (id, name, type, address_line_1, town, postcode, ward_id, contact_name, contact_email)
         values ('g', 'Group', 'community_group', '1 Road', 'Peterborough', 'PE1 1AA', 'w1', 'A', 'a@test')`,
      );
      exec(
        `insert into funds (id, name, code, pot_pence, cap_pence, opens_at, closes_at, delivery_starts_on, delivery_ends_on)
         values ('f', 'Fund', 'PCF', 1000000, 500000, '2019-01-01', '2019-06-01', '2019-07-01', '2020-03-31')`,
      );
      for (const id of ['sent', 'partly', 'started']) {
        exec(
          `insert into bids (id, fund_id, organisation_id, status, eligibility, created_by, updated_at)
           values ('${id}', 'f', 'g', 'draft', '{}', 'u', '2019-05-20')`,
        );
      }
      const section = (bid: string, key: string, data: string, complete = 1) =>
        exec(
          `insert into bid_sections (bid_id, section, data, complete, version, updated_by, updated_at)
           values ('${bid}', '${key}', '${data}', ${complete}, 1, 'u', '2019-05-01')`,
        );
      const benefit = (n: number) => `{"wardIds":["w1"],"peopleCount":${n},"communities":"Neighbours"}`;
      // Both answered (a sent bid): Outcomes keeps its own number.
      section('sent', 'beneficiaries', benefit(80));
      section('sent', 'outcomes', '{"participants":75,"events":10}');
      // Outcomes started without the number: it is filled in.
      section('partly', 'beneficiaries', benefit(40), 0);
      section('partly', 'outcomes', '{"events":4}', 0);
      // Outcomes not started: it starts as a draft with the number.
      section('started', 'beneficiaries', benefit(12), 0);

      migrate(db, { migrationsFolder: source });
      const data = (bid: string, key: string) =>
        sqlite
          .prepare<[string, string], { data: string; complete: number; version: number }>(
            'select data, complete, version from bid_sections where bid_id = ? and section = ?',
          )
          .get(bid, key);
      for (const bid of ['sent', 'partly', 'started']) {
        expect(JSON.parse(data(bid, 'beneficiaries')?.data ?? '{}')).toEqual({
          wardIds: ['w1'],
          communities: 'Neighbours',
        });
      }
      expect(JSON.parse(data('sent', 'outcomes')?.data ?? '')).toEqual({ participants: 75, events: 10 });
      expect(JSON.parse(data('partly', 'outcomes')?.data ?? '')).toEqual({ events: 4, participants: 40 });
      expect(data('started', 'outcomes')).toMatchObject({ complete: 0, version: 1 });
      expect(JSON.parse(data('started', 'outcomes')?.data ?? '')).toEqual({ participants: 12 });
      const version = sqlite
        .prepare(`select data from bid_section_versions where bid_id = 'started' and section = 'outcomes'`)
        .get() as { data: string } | undefined;
      expect(JSON.parse(version?.data ?? '')).toEqual({ participants: 12 });
      sqlite.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
