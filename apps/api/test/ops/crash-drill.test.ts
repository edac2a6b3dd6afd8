import { afterAll, describe, expect, it } from 'vitest';
import { crashDrill } from '../../bench/crash-drill.js';
import { createTestDatabase, testCluster } from '../support/postgres.js';

// A few cycles of the crash drill (bench/crash-drill.ts; 100 by hand): the real server under a
// mixed write load, killed with SIGKILL, restarted and checked each time. On the suite's database:
// a new SQLite file, or a new PostgreSQL database when the suite runs there (decision 0035).
describe('the crash drill', () => {
  const cluster = testCluster();
  // An empty database (migrated, no data): the drill's server seeds the demo into it.
  const postgres = cluster ? createTestDatabase(cluster) : null;
  afterAll(() => postgres?.drop());

  it('keeps every acknowledged write, makes nothing by halves and loses no email across kills', async () => {
    const result = await crashDrill({
      cycles: 3,
      minLoadMs: 600,
      maxLoadMs: 1_500,
      databaseUrl: postgres?.url,
    });
    expect(result.failures).toEqual([]);
    // The load really ran: writes of every kind were acknowledged before the kills.
    expect(result.acknowledged.sections).toBeGreaterThan(0);
    expect(result.acknowledged.documents).toBeGreaterThan(0);
    expect(result.acknowledged.accounts).toBeGreaterThan(0);
    expect(result.acknowledged.payments).toBeGreaterThan(0);
  }, 180_000);
});
