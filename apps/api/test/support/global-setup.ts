// Runs once before the suite. On PostgreSQL (TEST_DATABASE_URL set) it migrates the template
// database every test app is copied from; on SQLite there is nothing to do.
import { openDatabase } from '../../src/db/client.js';
import { createTemplateDatabase, testCluster } from './postgres.js';

export default function setup(): void {
  const cluster = testCluster();
  if (!cluster) return;
  createTemplateDatabase(cluster, (url) => openDatabase(url).close());
}
