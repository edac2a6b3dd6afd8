// The API suite on PostgreSQL (decision 0035): set TEST_DATABASE_URL to a cluster's address with a
// user that may create databases (e.g. postgres://postgres@127.0.0.1:55432) and every test app gets
// its own database, copied from a migrated template in about 50 ms. Unset: SQLite, as always.
// scripts/test-postgres.sh starts a throwaway cluster and runs the suite this way.
import { randomBytes } from 'node:crypto';
import { SyncPg } from '../../src/db/pg/sync-client.js';

export const TEMPLATE_DATABASE = 'cf_test_template';

/** The cluster the suite runs on, or null for SQLite. */
export function testCluster(): string | null {
  const url = process.env.TEST_DATABASE_URL;
  return url ? url.replace(/\/+$/, '') : null;
}

function withAdmin<T>(cluster: string, work: (admin: SyncPg) => T): T {
  const admin = new SyncPg(`${cluster}/postgres`);
  try {
    return work(admin);
  } finally {
    admin.close();
  }
}

/** A new database for one test app, copied from the migrated template; drop() removes it. */
export function createTestDatabase(cluster: string): { url: string; drop(): void } {
  const name = `cf_test_${randomBytes(8).toString('hex')}`;
  withAdmin(cluster, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
  return {
    url: `${cluster}/${name}`,
    drop: () => withAdmin(cluster, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

/** Makes the template afresh: an empty database with every migration applied. */
export function createTemplateDatabase(cluster: string, migrate: (url: string) => void): void {
  withAdmin(cluster, (admin) => {
    admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  });
  migrate(`${cluster}/${TEMPLATE_DATABASE}`);
}

/**
 * True when the suite runs on PostgreSQL. The few tests about SQLite itself (its query plans, its
 * online backup, the history of its migrations) say `describe.skipIf(onPostgresSuite)`, and why.
 */
export const onPostgresSuite = testCluster() !== null;
