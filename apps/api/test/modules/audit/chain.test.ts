// The audit trail's hash chain (decision 0026): every event links to the one before it; the check
// names the first event that was changed or the one after a deleted event; the migration fills the
// chain for events written before it; `pnpm audit:verify` prints the same.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHash } from '../../../src/db/audit-chain.js';
import { onPostgres, openDatabase } from '../../../src/db/client.js';
import { unitOfWork } from '../../../src/db/unit-of-work.js';
import { recordAudit } from '../../../src/modules/audit/repository.js';
import { verifyAuditChain } from '../../../src/modules/audit/service.js';
import { apiRoot } from '../../../src/paths.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { signedIn } from '../../support/client.js';

const run = promisify(execFile);

/** The database's own refusal, wherever drizzle wraps it. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    const messages: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
    return messages.join(' / ');
  }
  return 'no error';
}

/** Tampering as someone with the database file would: triggers dropped, in the sqlite3 shell's SQL. */
/** Changes the trail behind the product's back, as someone with the database's keys could. */
function tamper(t: TestApp, statements: string): void {
  if (onPostgres(t.app.db)) {
    t.app.db.run(
      sql.raw(
        `ALTER TABLE audit_events DISABLE TRIGGER USER; ${statements} ALTER TABLE audit_events ENABLE TRIGGER USER;`,
      ),
    );
    return;
  }
  const sqlite = new Database(join(t.dir, 'test.sqlite'));
  sqlite.exec(`DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete; ${statements}`);
  sqlite.close();
}

describe('the audit hash chain', () => {
  let t: TestApp;
  const count = () => t.app.db.get<{ n: number }>(sql`select count(*) as n from audit_events`).n;

  beforeEach(async () => {
    t = await buildTestApp();
    await signedIn(t.app, 'officer@demo.test');
  });
  afterEach(async () => t.close());

  it('holds on the demo data and after real requests: every event links to the one before it', () => {
    const check = verifyAuditChain(t.app.db);
    expect(check).toEqual({
      ok: true,
      events: count(),
      brokenAt: null,
      problem: null,
      message: `ok, ${count()} events`,
    });
    expect(count()).toBeGreaterThan(100);
    const [first, second] = t.app.db.all<{ id: number; prev_hash: string | null; hash: string }>(
      sql`select id, prev_hash, hash from audit_events order by id limit 2`,
    );
    expect(first?.prev_hash).toBeNull();
    expect(second?.prev_hash).toBe(first?.hash);
    expect(second?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports a row changed through SQL with the triggers dropped as the first break', () => {
    const target = Math.floor(count() / 2);
    tamper(t, `UPDATE audit_events SET reason = 'nothing happened here' WHERE id = ${target};`);
    const check = verifyAuditChain(t.app.db);
    expect(check.ok).toBe(false);
    expect(check.brokenAt).toBe(target);
    expect(check.problem).toMatch(/hash does not match its contents/);
    expect(check.message).toBe(`Broken at event ${target}: ${check.problem}`);
  });

  it('reports a row whose hash was rewritten to match at the next event, whose link no longer holds', () => {
    const target = 10;
    const row = t.app.db.get<Parameters<typeof auditHash>[0]>(
      sql`select id, created_at as at, actor_id as "actorId", action, entity_type as "entityType", entity_id as "entityId", before, after, reason, ip, prev_hash as "prevHash" from audit_events where id = ${target}`,
    );
    const forged = auditHash({ ...row, reason: 'forged' });
    tamper(t, `UPDATE audit_events SET reason = 'forged', hash = '${forged}' WHERE id = ${target};`);
    const check = verifyAuditChain(t.app.db);
    expect(check).toMatchObject({ ok: false, brokenAt: target + 1 });
    expect(check.problem).toMatch(/prev_hash does not match the hash of event 10/);
  });

  it('reports a deleted row at the event after it, naming the missing id', () => {
    tamper(t, 'DELETE FROM audit_events WHERE id = 42;');
    const check = verifyAuditChain(t.app.db);
    expect(check).toMatchObject({ ok: false, brokenAt: 43, events: 42 });
    expect(check.problem).toMatch(/event 41, the one before it\. Events 42 are missing: deleted\./);
  });

  it('reports the first rows deleted: the new first event still points back', () => {
    tamper(t, 'DELETE FROM audit_events WHERE id <= 3;');
    const check = verifyAuditChain(t.app.db);
    expect(check).toMatchObject({ ok: false, brokenAt: 4, events: 1 });
  });

  it('refuses, in the database, an insert that does not continue the chain', () => {
    const before = count();
    const base = {
      created_at: new Date().toISOString(),
      action: 'system.demo_seeded',
      entity_type: 'system',
    };
    const head = t.app.db.get<{ id: number; hash: string }>(
      sql`select id, hash from audit_events order by id desc limit 1`,
    );
    const insert = (id: number | null, prev: string | null, hash: string | null) =>
      t.app.db.run(
        sql`insert into audit_events (id, created_at, action, entity_type, prev_hash, hash)
            values (${id}, ${base.created_at}, ${base.action}, ${base.entity_type}, ${prev}, ${hash})`,
      );
    // No hash; a stale link (a fork from an older event); an id out of turn.
    expect(refusal(() => insert(head.id + 1, head.hash, null))).toMatch(/hash chain/);
    expect(refusal(() => insert(head.id + 1, 'f'.repeat(64), 'a'.repeat(64)))).toMatch(/hash chain/);
    expect(refusal(() => insert(head.id + 5, head.hash, 'a'.repeat(64)))).toMatch(/hash chain/);
    expect(count()).toBe(before);
    expect(verifyAuditChain(t.app.db).ok).toBe(true);
  });

  it('chains events written outside a transaction, inside one, and inside a nested one alike', () => {
    recordAudit(t.app.db, { actorId: null, action: 'system.demo_seeded', entityType: 'system' });
    unitOfWork(t.app.db, (tx) => {
      recordAudit(tx, { actorId: null, action: 'system.demo_seeded', entityType: 'system', after: { a: 1 } });
      recordAudit(tx, { actorId: null, action: 'system.demo_seeded', entityType: 'system', after: 'text' });
    });
    expect(verifyAuditChain(t.app.db)).toMatchObject({ ok: true, events: count() });
  });

  it('does not chain an event whose change rolled back: the next one links to the last kept', () => {
    const before = count();
    expect(
      refusal(() =>
        unitOfWork(t.app.db, (tx) => {
          recordAudit(tx, { actorId: null, action: 'system.demo_seeded', entityType: 'system' });
          throw new Error('the change failed');
        }),
      ),
    ).toMatch(/the change failed/);
    recordAudit(t.app.db, { actorId: null, action: 'system.demo_seeded', entityType: 'system' });
    expect(count()).toBe(before + 1);
    expect(verifyAuditChain(t.app.db).ok).toBe(true);
  });

  it('shows the check to admins at GET /api/audit/verify, and to nobody else', async () => {
    const admin = await signedIn(t.app, 'admin@demo.test');
    const answer = await admin.get('/api/audit/verify');
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({
      ok: true,
      brokenAt: null,
      message: expect.stringMatching(/^ok, \d+ events$/),
    });
    for (const email of ['officer@demo.test', 'applicant@demo.test']) {
      const other = await signedIn(t.app, email);
      expect((await other.get('/api/audit/verify')).statusCode, email).toBe(403);
    }
  });
});

describe('filling the chain for events written before it existed', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cf-chain-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('hashes older events in id order when the migration runs, so the check passes and new events continue', () => {
    // The migrations as they were before the chain: everything before the migration tagged *_audit_chain.
    const old = join(dir, 'drizzle');
    cpSync(join(apiRoot(), 'drizzle'), old, { recursive: true });
    const journalPath = join(old, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((e) => e.tag.endsWith('_audit_chain'));
    expect(at).toBeGreaterThan(0);
    journal.entries = journal.entries.slice(0, at);
    writeFileSync(journalPath, JSON.stringify(journal));

    const path = join(dir, 'old.sqlite');
    const sqlite = new Database(path);
    migrate(drizzle({ client: sqlite }), { migrationsFolder: old });
    const insert = sqlite.prepare(
      'insert into audit_events (created_at, actor_id, action, entity_type, entity_id, after, reason) values (?, ?, ?, ?, ?, ?, ?)',
    );
    for (let i = 0; i < 250; i++) {
      insert.run(
        `2019-01-01T09:00:${String(i % 60).padStart(2, '0')}.000Z`,
        null,
        'bid.started',
        'bid',
        `b${i}`,
        JSON.stringify({ i }),
        i % 7 === 0 ? 'why' : null,
      );
    }
    sqlite.close();

    const opened = openDatabase(path);
    try {
      expect(verifyAuditChain(opened.db)).toMatchObject({ ok: true, events: 250 });
      recordAudit(opened.db, { actorId: null, action: 'system.demo_seeded', entityType: 'system' });
      expect(verifyAuditChain(opened.db)).toMatchObject({ ok: true, events: 251 });
      // The append-only trigger is back.
      expect(refusal(() => opened.db.run(sql`update audit_events set reason = 'x' where id = 1`))).toMatch(
        /append-only/,
      );
    } finally {
      opened.close();
    }
  });
});

describe('pnpm audit:verify', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => t.close());

  async function verify(): Promise<{ code: number; stdout: string; stderr: string }> {
    const database = {
      DATABASE_PATH: join(t.dir, 'test.sqlite'),
      DATABASE_URL: t.app.config.DATABASE_URL ?? '',
    };
    try {
      const { stdout, stderr } = await run('pnpm', ['exec', 'tsx', 'scripts/audit-verify.ts'], {
        cwd: apiRoot(),
        env: { ...process.env, ...database, NODE_ENV: 'test' },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  it('prints "ok, N events" and exits 0, then names the tampered row and exits 1', async () => {
    const n = t.app.db.get<{ n: number }>(sql`select count(*) as n from audit_events`).n;
    const good = await verify();
    expect(good).toMatchObject({ code: 0 });
    expect(good.stdout.trim()).toBe(`ok, ${n} events`);

    tamper(t, `UPDATE audit_events SET after = '{"amountPence":1}' WHERE id = 7;`);
    const bad = await verify();
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe(
      'Broken at event 7: its hash does not match its contents: it was changed after it was written.',
    );
  }, 60_000);
});
