/**
 * One OS process of the cross-process reminders race in reminders.test.ts (not a test itself). It
 * opens the real app on the test's SQLite file, tells the parent it is ready, and on "go" runs the
 * reminders job for the day given, then reports what it sent and exits.
 * Run as: node --import tsx reminder-worker.ts '<ReminderWorker as JSON>', with an IPC channel (fork).
 */
import { buildApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { sendReportReminders } from '../../../src/modules/monitoring/service.js';
import { createServiceContext } from '../../../src/plugins/app/context.js';

export interface ReminderWorker {
  databasePath: string;
  /** The PostgreSQL database instead, when the suite runs on PostgreSQL (TEST_DATABASE_URL). */
  databaseUrl?: string;
  dataDir: string;
}

export type ReminderWorkerMessage =
  | { type: 'ready' }
  | { type: 'result'; run: { dueSoon: number; overdue: number; emails: number } }
  | { type: 'failed'; message: string };

function send(message: ReminderWorkerMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) {
      reject(new Error('reminder-worker must be started with an IPC channel (child_process.fork)'));
      return;
    }
    process.send(message, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

const order = JSON.parse(process.argv[2] ?? '{}') as ReminderWorker;
const app = await buildApp({
  config: loadConfig({
    NODE_ENV: 'test',
    DATABASE_PATH: order.databasePath,
    ...(order.databaseUrl ? { DATABASE_URL: order.databaseUrl } : {}),
    DATA_DIR: order.dataDir,
    SEED_DEMO: 'false',
    WEB_DIST: '',
    LOG_LEVEL: 'silent',
  }),
});
await app.ready();
process.once('message', async (go: { type: 'go'; today: string }) => {
  try {
    const ctx = createServiceContext({
      db: app.db,
      clock: app.clock,
      publicUrl: app.config.publicUrl,
      actor: null,
    });
    const run = sendReportReminders(ctx, go.today);
    await send({ type: 'result', run });
  } catch (error) {
    await send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
  await app.close();
  process.disconnect();
});
await send({ type: 'ready' });
