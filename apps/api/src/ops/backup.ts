// Backup and restore of a running product: the SQLite database and the uploaded files under
// DATA_DIR, as one folder. Used by `pnpm backup` and `pnpm restore` (ops/cli.ts); see decision
// 0028-backup-and-restore and the README's "Operations".
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import Database from 'better-sqlite3';

/** What a backup folder holds, written last as `manifest.json`: a folder without it is not a backup. */
export interface BackupManifest {
  format: 'communities-fund-backup/1';
  createdAt: string;
  database: { file: 'database.sqlite'; sha256: string; bytes: number };
  files: { folder: 'files'; count: number };
  /** Stored files the database names but the files folder lacked (none, unless a file went missing). */
  missingFiles: string[];
}

const DATABASE_FILE = 'database.sqlite';
const FILES_FOLDER = 'files';
const MANIFEST = 'manifest.json';

export class BackupError extends Error {}

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out;
}

/** Copies each file of `from` that `to` does not have yet. Uploaded files never change once written. */
function copyNewFiles(from: string, to: string): void {
  for (const file of filesUnder(from)) {
    const target = join(to, file);
    if (existsSync(target)) continue;
    mkdirSync(dirname(target), { recursive: true });
    try {
      copyFileSync(join(from, file), target);
    } catch (error) {
      // Removed between listing and copying (a draft's document taken off): nothing to keep.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** The stored names of uploaded files a database refers to, from every table with a stored_name column. */
function storedNamesIn(sqlite: Database.Database): string[] {
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  const names: string[] = [];
  for (const { name } of tables) {
    const columns = sqlite.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[];
    if (!columns.some((c) => c.name === 'stored_name')) continue;
    for (const row of sqlite.prepare(`SELECT stored_name AS s FROM "${name}"`).all() as { s: string }[]) {
      names.push(row.s);
    }
  }
  return names;
}

/** Where a stored file lives under a files folder (the same layout as plugins/app/files.ts). */
export function storedFilePath(filesDir: string, storedName: string): string {
  return join(filesDir, storedName.slice(0, 2), storedName);
}

function integrityOf(path: string): string {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return String(sqlite.pragma('integrity_check', { simple: true }));
  } finally {
    sqlite.close();
  }
}

function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * Backs up a database and its uploaded files into `destination` (a new or empty folder) while the
 * server runs and writes:
 * 1. copies the uploaded files there are now;
 * 2. holds the write lock (writers wait, readers do not) while it copies the database with SQLite's
 *    online backup and then the files uploaded since step 1 — a file is written before the row
 *    naming it is committed, and a row is deleted before its file is removed, so under the lock
 *    every file the copy names is still there to copy;
 * 3. checks the copy (`PRAGMA integrity_check`) and that each file it names is there, then writes
 *    the manifest.
 */
export async function backup(options: {
  databasePath: string;
  dataDir: string;
  destination: string;
  now?: () => Date;
}): Promise<BackupManifest> {
  const { databasePath, dataDir, destination } = options;
  if (!existsSync(databasePath)) throw new BackupError(`There is no database at ${databasePath}.`);
  if (existsSync(destination) && readdirSync(destination).length > 0) {
    throw new BackupError(`${destination} is not empty: back up into a new folder.`);
  }
  const filesTo = join(destination, FILES_FOLDER);
  mkdirSync(filesTo, { recursive: true });
  copyNewFiles(dataDir, filesTo);

  const databaseTo = join(destination, DATABASE_FILE);
  // Writers wait (their busy timeout) while the database is copied and the files uploaded since
  // step 1 are copied: a document taken off then could otherwise lose its file after the copy
  // still names it. Readers carry on (WAL).
  const lock = new Database(databasePath, { fileMustExist: true });
  const source = new Database(databasePath, { fileMustExist: true, readonly: true });
  try {
    lock.pragma('busy_timeout = 10000');
    lock.exec('BEGIN IMMEDIATE');
    // Returning the whole database as the step size copies it in one step: one read of one moment.
    await source.backup(databaseTo, { progress: ({ totalPages }) => Math.max(totalPages, 1) });
    copyNewFiles(dataDir, filesTo);
  } finally {
    if (lock.inTransaction) lock.exec('ROLLBACK');
    lock.close();
    source.close();
  }

  const integrity = integrityOf(databaseTo);
  if (integrity !== 'ok') throw new BackupError(`The copy of the database failed its check: ${integrity}`);
  const copy = new Database(databaseTo, { readonly: true });
  let missingFiles: string[];
  try {
    missingFiles = storedNamesIn(copy).filter((name) => !existsSync(storedFilePath(filesTo, name)));
  } finally {
    copy.close();
  }

  const manifest: BackupManifest = {
    format: 'communities-fund-backup/1',
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    database: { file: DATABASE_FILE, sha256: sha256Of(databaseTo), bytes: statSync(databaseTo).size },
    files: { folder: FILES_FOLDER, count: filesUnder(filesTo).length },
    missingFiles,
  };
  writeFileSync(join(destination, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Reads and checks a backup folder: its manifest, the database's checksum and integrity. */
export function checkBackup(source: string): BackupManifest {
  const manifestPath = join(source, MANIFEST);
  if (!existsSync(manifestPath)) {
    throw new BackupError(`${source} has no ${MANIFEST}: it is not a finished backup.`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BackupManifest;
  if (manifest.format !== 'communities-fund-backup/1') {
    throw new BackupError(`${source} is not a Communities Fund backup this version can read.`);
  }
  const databasePath = join(source, DATABASE_FILE);
  if (!existsSync(databasePath) || sha256Of(databasePath) !== manifest.database.sha256) {
    throw new BackupError('The backup database is missing or has changed since the backup was made.');
  }
  const integrity = integrityOf(databasePath);
  if (integrity !== 'ok') throw new BackupError(`The backup database failed its check: ${integrity}`);
  return manifest;
}

/**
 * Restores a backup into DATABASE_PATH and DATA_DIR. The server must be stopped. Refuses to
 * overwrite an existing database unless `replace` is set; then the old database and files are
 * moved aside (`<path>.before-restore-<time>`), never deleted. Migrations newer than the backup
 * run when the server next starts.
 */
export function restore(options: {
  source: string;
  databasePath: string;
  dataDir: string;
  replace?: boolean;
  now?: () => Date;
}): BackupManifest {
  const { source, databasePath, dataDir } = options;
  const manifest = checkBackup(source);
  if (existsSync(databasePath)) {
    if (!options.replace) {
      throw new BackupError(
        `There is already a database at ${databasePath}. Stop the server, then run again with --replace to move it aside.`,
      );
    }
    const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    for (const path of [databasePath, `${databasePath}-wal`, `${databasePath}-shm`, dataDir]) {
      if (existsSync(path)) copyAside(path, `${path}.before-restore-${stamp}`);
    }
  }
  mkdirSync(dirname(databasePath), { recursive: true });
  copyFileSync(join(source, DATABASE_FILE), databasePath);
  mkdirSync(dataDir, { recursive: true });
  copyNewFiles(join(source, FILES_FOLDER), dataDir);
  return manifest;
}

/** Moves a file or folder aside by copying then removing it (works across file systems). */
function copyAside(path: string, aside: string): void {
  if (statSync(path).isDirectory()) {
    mkdirSync(aside, { recursive: true });
    copyNewFiles(path, aside);
  } else {
    copyFileSync(path, aside);
  }
  rmSync(path, { recursive: true, force: true });
}
