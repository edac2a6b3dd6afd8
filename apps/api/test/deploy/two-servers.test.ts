import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMail } from '../../src/modules/mail/repository.js';
import { journeyRefs, startBid } from '../builders/bids.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { signedIn } from '../support/client.js';
import { organisationIdOf } from '../support/database.js';
import { postMultipart, testFiles } from '../support/files.js';
import { startWorkerProcess, workerDatabaseOf } from '../support/worker-process.js';
import type { ForwardedAnswer, ForwardedRequest } from './request-worker.js';

const WORKER = fileURLToPath(new URL('./delivery-worker.ts', import.meta.url));
const SECOND_SERVER = fileURLToPath(new URL('./request-worker.ts', import.meta.url));
const MESSAGES = 60;

// Two servers on one database (issue 12; on PostgreSQL when the suite runs there, decision 0035),
// each its own OS process. The pot race and the reminder job across processes are in
// panel/concurrency.test.ts and monitoring/reminders.test.ts.

describe('a second server on the same database and files', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('knows a person signed in at the first, and serves a document uploaded there', async () => {
    const amina = await signedIn(t.app, 'applicant@demo.test');
    const refs = await journeyRefs(t.app);
    const bidId = await startBid(amina, refs, organisationIdOf(t.app, 'Millfield Community Kitchen'));
    const pdf = testFiles.pdf('Accounts 2026');
    const uploaded = await postMultipart(amina, `/api/bids/${bidId}/attachments`, [
      { name: 'kind', value: 'accounts' },
      { name: 'file', filename: 'accounts.pdf', content: pdf, contentType: 'application/pdf' },
    ]);
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const attachmentId = uploaded.json().id as string;
    const headers = { cookie: amina.jar.header() };

    const second = startWorkerProcess<ForwardedAnswer[]>(SECOND_SERVER, workerDatabaseOf(t.app));
    try {
      await second.ready;
      const requests: ForwardedRequest[] = [
        { method: 'GET', url: '/api/auth/me', headers },
        { method: 'GET', url: `/api/bids/${bidId}/attachments/${attachmentId}`, headers },
        { method: 'GET', url: '/api/auth/me', headers: {} },
      ];
      second.child.send({ type: 'go', requests });
      const [me, file, nobody] = await second.result;
      expect(me?.statusCode).toBe(200);
      expect(JSON.parse(Buffer.from(me?.body ?? '', 'base64').toString('utf8'))).toMatchObject({
        email: 'applicant@demo.test',
      });
      expect(file?.statusCode).toBe(200);
      expect(Buffer.from(file?.body ?? '', 'base64').equals(pdf)).toBe(true);
      expect(nobody?.statusCode).toBe(401);
    } finally {
      if (second.child.exitCode === null) second.child.kill();
    }
  }, 60_000);
});
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
