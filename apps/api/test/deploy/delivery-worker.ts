/**
 * One OS process of the two-server outbox test in two-servers.test.ts (not a test itself). It builds
 * the real app on the test's database, and on "go" sends what is due through the outbox, with a
 * sender that only writes down the ids it was given, then answers with them.
 * Run as: node --import tsx delivery-worker.ts '<WorkerDatabase as JSON>', with an IPC channel.
 */
import { deliverDue } from '../../src/modules/mail/service.js';
import { buildWorkerApp, doOnGo, type WorkerDatabase } from '../support/worker-process.js';

const app = await buildWorkerApp(JSON.parse(process.argv[2] ?? '{}') as WorkerDatabase);

await doOnGo(app, async () => {
  const sent: string[] = [];
  // A send takes a moment, as SMTP does, so the other process claims while this one sends.
  const sender = async (message: { id: string }) => {
    sent.push(message.id);
    await new Promise((resolve) => setTimeout(resolve, 5));
  };
  while ((await deliverDue(app.db, sender, () => new Date(), 20)) > 0) {}
  return sent;
});
