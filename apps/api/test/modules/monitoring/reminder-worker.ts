/**
 * One OS process of the cross-process reminders race in reminders.test.ts (not a test itself). It
 * opens the real app on the test's database, tells the parent it is ready, and on "go" runs the
 * reminders job for the day given, then reports what it sent and exits.
 * Run as: node --import tsx reminder-worker.ts '<WorkerDatabase as JSON>', with an IPC channel.
 */
import { sendReportReminders } from '../../../src/modules/monitoring/service.js';
import { createServiceContext } from '../../../src/plugins/app/context.js';
import { buildWorkerApp, doOnGo, type WorkerDatabase } from '../../support/worker-process.js';

/** What one run of the job sent. */
export interface ReminderRun {
  dueSoon: number;
  overdue: number;
  emails: number;
}

const app = await buildWorkerApp(JSON.parse(process.argv[2] ?? '{}') as WorkerDatabase);
await doOnGo(app, (go: { type: 'go'; today: string }) =>
  sendReportReminders(
    createServiceContext({ db: app.db, clock: app.clock, publicUrl: app.config.publicUrl, actor: null }),
    go.today,
  ),
);
