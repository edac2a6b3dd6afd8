import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMail } from '../../../src/modules/mail/repository.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { startWorkerProcess, workerDatabaseOf } from '../../support/worker-process.js';

const WORKER = fileURLToPath(new URL('./delivery-worker.ts', import.meta.url));
const MESSAGES = 60;

// Two servers on one database (issue 12; on PostgreSQL when the suite runs there, decision 0035):
// both send the outbox at once, and every email goes out exactly once.
describe('the outbox, sent by two servers at once', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ SEED_DEMO: 'false' });
  });
  afterAll(async () => t.close());

  it('sends each email once, and every one of them', async () => {
    const now = new Date(Date.now() - 60_000);
    const queued = new Set<string>();
    for (let i = 0; i < MESSAGES; i++) {
      queued.add(
        enqueueMail(t.app.db, { to: `p${i}@demo.test`, subject: 's', body: 'b', kind: 'test' }, now),
      );
    }
    const order = workerDatabaseOf(t.app);
    const workers = [
      startWorkerProcess<string[]>(WORKER, order),
      startWorkerProcess<string[]>(WORKER, order),
    ];
    try {
      await Promise.all(workers.map((w) => w.ready));
      for (const w of workers) w.child.send({ type: 'go' });
      const [first, second] = await Promise.all(workers.map((w) => w.result));
      const all = [...(first ?? []), ...(second ?? [])];
      // Both servers sent some (the test proves sharing, not one server doing it all) ...
      expect(first?.length).toBeGreaterThan(0);
      expect(second?.length).toBeGreaterThan(0);
      // ... and together every email, each once.
      expect(all.length).toBe(MESSAGES);
      expect(new Set(all)).toEqual(queued);
      const statuses = t.app.db.all<{ status: string; n: number }>(
        sql`select status, count(*) as n from outbox group by status`,
      );
      expect(statuses).toEqual([{ status: 'sent', n: MESSAGES }]);
    } finally {
      for (const w of workers) if (w.child.exitCode === null) w.child.kill();
    }
  }, 60_000);
});
