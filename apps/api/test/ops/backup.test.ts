import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { backup, checkBackup, restore, storedFilePath } from '../../src/ops/backup.js';
import { journeyRefs, startBid, uploadDocument } from '../builders/bids.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/client.js';
import { organisationIdOf } from '../support/database.js';
import { testFiles } from '../support/files.js';
import { onPostgresSuite } from '../support/postgres.js';

const CLI = fileURLToPath(new URL('../../src/ops/cli.ts', import.meta.url));
const API_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the operations command as `pnpm backup` / `pnpm restore` would, in its own process. */
function runCli(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; done: Promise<{ code: number | null; out: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: API_ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
  });
  let out = '';
  child.stdout?.on('data', (chunk) => {
    out += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    out += String(chunk);
  });
  const done = new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, out })),
  );
  return { child, done };
}

function attachmentIds(path: string): string[] {
  const sqlite = new Database(path, { readonly: true });
  try {
    return (sqlite.prepare('SELECT id FROM attachments').all() as { id: string }[]).map((r) => r.id);
  } finally {
    sqlite.close();
  }
}

function count(path: string, table: string): number {
  const sqlite = new Database(path, { readonly: true });
  try {
    return (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    sqlite.close();
  }
}

// SQLite only: SQLite's online backup; on PostgreSQL the commands refuse and name pg_dump (the test after this one).
describe.skipIf(onPostgresSuite)('backup and restore', () => {
  let t: TestApp;
  let work: string;

  beforeAll(async () => {
    t = await buildTestApp();
    work = mkdtempSync(join(tmpdir(), 'cf-backup-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('backs up while documents are uploaded and removed, and the restored copy is a working product with every acknowledged write', async () => {
    const databasePath = t.app.config.DATABASE_PATH;
    const dataDir = t.app.config.DATA_DIR;
    const client = await signedIn(t.app, 'applicant@demo.test');
    const refs = await journeyRefs(t.app);
    const bidId = await startBid(client, refs, organisationIdOf(t.app, 'Millfield Community Kitchen'));

    // The load: documents uploaded one after another, the oldest removed again beyond ten, until
    // the backup process ends. Each write the API acknowledged before the backup began must be in it.
    let stop = false;
    let uploads = 0;
    const live: string[] = [];
    /** Documents whose removal was asked for at any time: they may or may not be in the backup. */
    const removedAtAll = new Set<string>();
    const write = async () => {
      const uploaded = await uploadDocument(
        client,
        bidId,
        'other',
        `evidence-${uploads}.pdf`,
        testFiles.pdf(`${uploads}`),
      );
      expect(uploaded.statusCode).toBe(201);
      uploads += 1;
      live.push(uploaded.json().id as string);
      const oldest = live.length > 10 ? live.shift() : undefined;
      if (oldest) {
        removedAtAll.add(oldest);
        const removed = await client.delete(`/api/bids/${bidId}/attachments/${oldest}`);
        expect(removed.statusCode).toBe(204);
      }
    };
    for (let i = 0; i < 12; i += 1) await write();
    const acknowledgedBefore = attachmentIds(databasePath);

    const destination = join(work, 'backup');
    const run = runCli(['backup', destination], { DATABASE_PATH: databasePath, DATA_DIR: dataDir });
    const load = (async () => {
      while (!stop) await write();
    })();
    const finished = await run.done;
    stop = true;
    await load;
    expect(finished.out).toContain('Backed up');
    expect(finished.code).toBe(0);
    expect(uploads).toBeGreaterThan(12);

    const manifest = checkBackup(destination);
    expect(manifest.missingFiles).toEqual([]);
    const backedUp = join(destination, 'database.sqlite');
    // Every document there before the backup began, and never taken off since, is in it (the
    // demo's own documents at least); documents taken off meanwhile may or may not be.
    const kept = acknowledgedBefore.filter((id) => !removedAtAll.has(id));
    expect(kept.length).toBeGreaterThan(10);
    const inBackup = new Set(attachmentIds(backedUp));
    expect(kept.filter((id) => !inBackup.has(id))).toEqual([]);

    // Restore into a new place and start the product on it.
    const restoredDb = join(work, 'restored', 'db.sqlite');
    const restoredFiles = join(work, 'restored', 'files');
    const restoredRun = runCli(['restore', destination], {
      DATABASE_PATH: restoredDb,
      DATA_DIR: restoredFiles,
    });
    const restored = await restoredRun.done;
    expect(restored.out).toContain('Restored the backup');
    expect(restored.code).toBe(0);

    const app = await buildApp({
      config: loadConfig({
        NODE_ENV: 'test',
        DATABASE_PATH: restoredDb,
        DATA_DIR: restoredFiles,
        WEB_DIST: '',
        LOG_LEVEL: 'silent',
      }),
    });
    try {
      await app.ready();
      expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ status: 'ok' });
      const again = await signedIn(app, 'applicant@demo.test');
      const bid = (await again.get(`/api/bids/${bidId}`)).json() as { attachments: { id: string }[] };
      expect(bid.attachments.length).toBeGreaterThan(0);
      for (const attachment of bid.attachments) {
        const download = await again.get(`/api/bids/${bidId}/attachments/${attachment.id}`);
        expect(download.statusCode).toBe(200);
        expect(download.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      }
    } finally {
      await app.close();
    }
  });

  it('refuses a folder that is not empty, a folder that is not a finished backup, a changed backup, and overwriting a database', async () => {
    const databasePath = t.app.config.DATABASE_PATH;
    const dataDir = t.app.config.DATA_DIR;
    const busy = join(work, 'busy');
    mkdirSync(busy, { recursive: true });
    writeFileSync(join(busy, 'something'), 'x');
    await expect(backup({ databasePath, dataDir, destination: busy })).rejects.toThrow(/not empty/);

    expect(() => checkBackup(busy)).toThrow(/not a finished backup/);

    const good = join(work, 'good');
    await backup({ databasePath, dataDir, destination: good });
    const target = join(work, 'target');
    const existing = join(target, 'db.sqlite');
    mkdirSync(target, { recursive: true });
    writeFileSync(existing, 'a database already here');
    expect(() => restore({ source: good, databasePath: existing, dataDir: join(target, 'files') })).toThrow(
      /already a database/,
    );
    // --replace moves the old one aside rather than deleting it.
    restore({ source: good, databasePath: existing, dataDir: join(target, 'files'), replace: true });
    expect(readdirSync(target).some((name) => name.startsWith('db.sqlite.before-restore-'))).toBe(true);
    expect(count(existing, 'users')).toBe(count(databasePath, 'users'));

    // A backup changed after it was made is refused.
    const sqlite = new Database(join(good, 'database.sqlite'));
    sqlite.exec('CREATE TABLE tampered (x)');
    sqlite.close();
    expect(() => checkBackup(good)).toThrow(/changed since the backup was made/);
  });

  it('names a stored file the database refers to that was removed before it could be copied', async () => {
    // As if a document were taken off between the database copy and the files copy: a files
    // folder lacking one file the database names.
    const dataDir = join(work, 'files-missing-one');
    const copied = join(work, 'copied');
    await backup({
      databasePath: t.app.config.DATABASE_PATH,
      dataDir: t.app.config.DATA_DIR,
      destination: copied,
    });
    restore({ source: copied, databasePath: join(work, 'scratch.sqlite'), dataDir });
    const sqlite = new Database(join(copied, 'database.sqlite'), { readonly: true });
    const row = sqlite.prepare('SELECT stored_name AS s FROM attachments LIMIT 1').get() as { s: string };
    sqlite.close();
    rmSync(storedFilePath(dataDir, row.s));

    const destination = join(work, 'for-missing');
    const manifest = await backup({ databasePath: t.app.config.DATABASE_PATH, dataDir, destination });
    expect(manifest.missingFiles).toEqual([row.s]);
    expect(existsSync(storedFilePath(join(destination, 'files'), row.s))).toBe(false);
  });
});

describe('backup and restore on PostgreSQL', () => {
  it('refuse, naming pg_dump and pg_restore, and touch nothing', async () => {
    const work = mkdtempSync(join(tmpdir(), 'cf-backup-pg-'));
    try {
      // Nothing listens at this address: the commands must refuse before trying to connect.
      const env = {
        DATABASE_URL: 'postgres://cf@127.0.0.1:1/communities_fund',
        DATA_DIR: join(work, 'files'),
      };
      for (const args of [
        ['backup', join(work, 'backup')],
        ['restore', join(work, 'backup')],
      ]) {
        const { code, out } = await runCli(args, env).done;
        expect(code).toBe(2);
        expect(out).toMatch(/DATABASE_URL is set: the database is PostgreSQL/);
        expect(out).toMatch(/pg_dump --format=custom/);
        expect(out).toMatch(/pg_restore/);
      }
      expect(readdirSync(work)).toEqual([]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
