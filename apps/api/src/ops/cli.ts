// The operations commands, run beside (or instead of) the server with the same settings:
//   pnpm backup <folder>              back up the database and uploaded files, while the server runs
//   pnpm restore <folder> [--replace] restore a backup (stop the server first)
// DATABASE_PATH and DATA_DIR are read as the server reads them (config.ts). On PostgreSQL
// (DATABASE_URL) they refuse and say to use pg_dump and pg_restore.
import { loadConfig } from '../config.js';
import { BackupError, backup, restore } from './backup.js';

const USAGE = `Usage:
  pnpm backup <folder>               Back up the database and uploaded files into a new folder.
  pnpm restore <folder> [--replace]  Restore a backup. Stop the server first. --replace moves an
                                     existing database and files aside instead of refusing.`;

const POSTGRES = `DATABASE_URL is set: the database is PostgreSQL, which this command does not back up.
Use PostgreSQL's own tools instead (README "Operations"):
  pg_dump --format=custom --file=<folder>/database.dump "$DATABASE_URL"   and copy DATA_DIR beside it;
  pg_restore --clean --if-exists --dbname="$DATABASE_URL" <folder>/database.dump   to restore.`;

async function main(argv: string[]): Promise<number> {
  const [command, folder, ...rest] = argv;
  if (!folder || (command !== 'backup' && command !== 'restore')) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig(process.env);
  if (config.DATABASE_URL) {
    // SQLite's online backup has no meaning for PostgreSQL, whose own tools do it better.
    console.error(POSTGRES);
    return 2;
  }
  const where = { databasePath: config.DATABASE_PATH, dataDir: config.DATA_DIR };
  if (command === 'backup') {
    const manifest = await backup({ ...where, destination: folder });
    console.log(
      `Backed up ${where.databasePath} (${manifest.database.bytes} bytes) and ${manifest.files.count} uploaded files into ${folder}.`,
    );
    if (manifest.missingFiles.length > 0) {
      console.log(`Removed while the backup ran, so not in it: ${manifest.missingFiles.join(', ')}`);
    }
    return 0;
  }
  const manifest = restore({ ...where, source: folder, replace: rest.includes('--replace') });
  console.log(
    `Restored the backup of ${manifest.createdAt} into ${where.databasePath} and ${where.dataDir}. Start the server to use it.`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof BackupError || error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
