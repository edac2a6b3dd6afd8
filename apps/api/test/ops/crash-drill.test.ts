import { describe, expect, it } from 'vitest';
import { crashDrill } from '../../bench/crash-drill.js';
import { onPostgresSuite } from '../support/postgres.js';

// A few cycles of the crash drill (bench/crash-drill.ts; 100 by hand): the real server under a
// mixed write load, killed with SIGKILL, restarted and checked each time.
// SQLite only: the drill runs its own server on a SQLite file and kills it. The same drill on
// PostgreSQL is not built yet (decision 0035); the suite on PostgreSQL skips it rather than run it twice.
describe.skipIf(onPostgresSuite)('the crash drill', () => {
  it('keeps every acknowledged write, makes nothing by halves and loses no email across kills', async () => {
    const result = await crashDrill({ cycles: 3, minLoadMs: 600, maxLoadMs: 1_500 });
    expect(result.failures).toEqual([]);
    // The load really ran: writes of every kind were acknowledged before the kills.
    expect(result.acknowledged.sections).toBeGreaterThan(0);
    expect(result.acknowledged.documents).toBeGreaterThan(0);
    expect(result.acknowledged.accounts).toBeGreaterThan(0);
    expect(result.acknowledged.payments).toBeGreaterThan(0);
  }, 180_000);
});
