import { fileURLToPath } from 'node:url';
import { addDays, londonToday } from '@cf/shared';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type App, buildApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import type { Clock } from '../../../src/lib/clock.js';
import { sendReportReminders } from '../../../src/modules/monitoring/service.js';
import { groupRecipients } from '../../../src/modules/organisations/service.js';
import { acceptGrant, vytisGrant } from '../../builders/payments.js';
import { buildTestApp, contextAs, type TestApp } from '../../support/app.js';
import { signedIn } from '../../support/client.js';
import { outboxMessages } from '../../support/database.js';
import { refusedChangingNothing } from '../../support/errors.js';
import { startWorkerProcess, workerDatabaseOf } from '../../support/worker-process.js';
import type { ReminderRun } from './reminder-worker.js';

const WORKER = fileURLToPath(new URL('./reminder-worker.ts', import.meta.url));

interface ReminderRow {
  report_id: string;
  kind: string;
  recipients: number;
}

const reminders = (app: App) => app.db.all<ReminderRow>(sql`select * from report_reminders order by rowid`);
const reminderMail = (app: App) => [
  ...outboxMessages(app, 'report_due_soon'),
  ...outboxMessages(app, 'report_overdue'),
];

/** Each reminder row has exactly its recipients' emails in the outbox, no more: the mail sent once. */
function expectOneMailPerReminder(app: App) {
  const rows = reminders(app);
  const expected = rows.reduce((sum, r) => sum + r.recipients, 0);
  expect(reminderMail(app)).toHaveLength(expected);
  const keys = rows.map((r) => `${r.report_id}/${r.kind}`);
  expect(new Set(keys).size).toBe(keys.length);
}

/** The demo's Vytis grant, accepted (in delivery), and its reports. */
async function vytisInDelivery(t: TestApp) {
  const vytis = vytisGrant(t);
  await acceptGrant(t, vytis.grantId);
  const reports = t.app.db.all<{ id: string; kind: string; due_on: string }>(
    sql`select id, kind, due_on from grant_reports where grant_id = ${vytis.grantId} order by due_on`,
  );
  const midPoint = reports.find((r) => r.kind === 'mid_point');
  if (!midPoint) throw new Error('The Vytis grant has no mid-point report');
  return { ...vytis, midPoint, final: reports.find((r) => r.kind === 'final') };
}

/** Noon in London on this date (BST or not, noon UTC is the same London date). */
const noon = (date: string) => `${date}T12:00:00Z`;

describe('report reminders (a daily job)', () => {
  let t: TestApp;
  let vytis: Awaited<ReturnType<typeof vytisInDelivery>>;

  beforeEach(async () => {
    t = await buildTestApp();
    vytis = await vytisInDelivery(t);
  });
  afterEach(async () => t.close());

  const runJob = () => sendReportReminders(contextAs(t, null), londonToday(t.clock.now()));

  it('reminds the group once 14 days before the due date, and once when overdue, whatever the runs', async () => {
    t.clock.set(noon(addDays(vytis.midPoint.due_on, -14)));
    const first = runJob();
    expect(first.dueSoon).toBeGreaterThan(0);
    const recipients = groupRecipients(t.app.db, vytis.organisationId).map((r) => r.email);
    const dueSoon = outboxMessages(t.app, 'report_due_soon').filter((m) => recipients.includes(m.to));
    expect(dueSoon.map((m) => m.to).sort()).toEqual([...recipients].sort());
    expect(dueSoon[0]?.subject).toMatch(/mid-point report .* is due on/);

    // The same day again, and the days up to the due date: nothing more.
    expect(runJob()).toMatchObject({ dueSoon: 0, overdue: 0, emails: 0 });
    t.clock.set(noon(vytis.midPoint.due_on));
    runJob();
    expect(reminders(t.app).filter((r) => r.report_id === vytis.midPoint.id)).toHaveLength(1);
    expectOneMailPerReminder(t.app);

    // The day after: overdue, once.
    t.clock.set(noon(addDays(vytis.midPoint.due_on, 1)));
    const late = runJob();
    expect(late.overdue).toBeGreaterThan(0);
    const overdue = outboxMessages(t.app, 'report_overdue').filter((m) => recipients.includes(m.to));
    expect(overdue.map((m) => m.to).sort()).toEqual([...recipients].sort());
    expect(overdue[0]?.body).toContain('we have not received it');
    t.clock.set(noon(addDays(vytis.midPoint.due_on, 10)));
    expect(runJob().overdue).toBe(0);
    expectOneMailPerReminder(t.app);
    const ofVytis = reminders(t.app).filter((r) => r.report_id === vytis.midPoint.id);
    expect(ofVytis.map((r) => r.kind)).toEqual(['due_soon', 'overdue']);
  });

  it('sends each reminder once when two runs start at the same moment', async () => {
    t.clock.set(noon(addDays(vytis.midPoint.due_on, 1)));
    const runs = await Promise.all([Promise.resolve().then(runJob), Promise.resolve().then(runJob)]);
    expect(runs[0].overdue + runs[1].overdue).toBe(
      reminders(t.app).filter((r) => r.kind === 'overdue').length,
    );
    expect(reminders(t.app).filter((r) => r.report_id === vytis.midPoint.id)).toHaveLength(1);
    expectOneMailPerReminder(t.app);
  });

  it('reminds nobody of a report that is sent or approved', async () => {
    t.app.db.run(sql`update grant_reports set status = 'submitted' where id = ${vytis.midPoint.id}`);
    t.clock.set(noon(addDays(vytis.midPoint.due_on, 1)));
    runJob();
    expect(reminders(t.app).filter((r) => r.report_id === vytis.midPoint.id)).toEqual([]);
    t.app.db.run(sql`update grant_reports set status = 'approved' where id = ${vytis.midPoint.id}`);
    t.clock.set(noon(addDays(vytis.midPoint.due_on, 2)));
    runJob();
    expect(reminders(t.app).filter((r) => r.report_id === vytis.midPoint.id)).toEqual([]);
  });

  it('reminds nobody of a grant not in delivery (an offer not yet accepted)', async () => {
    const offered = t.app.db.all<{ id: string; due_on: string }>(
      sql`select r.id, r.due_on from grant_reports r join grants g on g.id = r.grant_id where g.status = 'offered'`,
    );
    expect(offered.length).toBeGreaterThan(0);
    const latest =
      offered
        .map((r) => r.due_on)
        .sort()
        .at(-1) ?? '';
    t.clock.set(noon(addDays(latest, 1)));
    runJob();
    const reminded = new Set(reminders(t.app).map((r) => r.report_id));
    expect(offered.filter((r) => reminded.has(r.id))).toEqual([]);
  });

  it('lets officers send today’s reminders by hand, harmlessly, and no one else', async () => {
    // Signing in needs today's clock: the report is made overdue by its due date instead.
    const yesterday = addDays(londonToday(t.clock.now()), -1);
    t.app.db.run(sql`update grant_reports set due_on = ${yesterday} where id = ${vytis.midPoint.id}`);
    const officer = await signedIn(t.app, 'officer@demo.test');
    const first = await officer.post('/api/monitoring/reminders');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().overdue).toBeGreaterThan(0);
    expect(
      reminders(t.app)
        .filter((r) => r.report_id === vytis.midPoint.id)
        .map((r) => r.kind),
    ).toEqual(['overdue']);
    const again = await officer.post('/api/monitoring/reminders');
    expect(again.json()).toMatchObject({ dueSoon: 0, overdue: 0, emails: 0 });
    expectOneMailPerReminder(t.app);
    const applicant = await signedIn(t.app, 'applicant2@demo.test');
    await refusedChangingNothing(t.app, () => applicant.post('/api/monitoring/reminders'), 403);
  });
});

describe('the daily job runner', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('is off in tests, runs each job once a London day, and records the runs', async () => {
    expect(t.app.jobs.enabled).toBe(false);
    t.clock.set('2031-03-03T09:00:00Z');
    expect(t.app.jobs.runDue()).toEqual([
      expect.objectContaining({ job: 'report-reminders', ran: true }),
      expect.objectContaining({ job: 'retention', ran: true }),
    ]);
    expect(t.app.jobs.runDue()).toEqual([
      { job: 'report-reminders', ran: false },
      { job: 'retention', ran: false },
    ]);
    t.clock.set('2031-03-04T00:30:00Z');
    expect(t.app.jobs.runDue()[0]?.ran).toBe(true);
    const runs = t.app.db.all<{ run_on: string; finished_at: string | null; outcome: string }>(
      sql`select * from job_runs order by run_on`,
    );
    expect(runs.map((r) => r.run_on)).toEqual(['2031-03-03', '2031-03-03', '2031-03-04', '2031-03-04']);
    expect(runs.every((r) => r.finished_at !== null && JSON.parse(r.outcome).today === r.run_on)).toBe(true);
  });

  it('takes over a run left unfinished (a server stopped mid-run) only after 30 minutes', async () => {
    t.clock.set('2031-03-05T09:00:00Z');
    t.app.db.run(
      sql`insert into job_runs (id, job, run_on, started_at) values ('stuck', 'report-reminders', '2031-03-05', '2031-03-05T08:50:00.000Z')`,
    );
    expect(t.app.jobs.runDue()[0]?.ran).toBe(false);
    t.clock.set('2031-03-05T09:25:00Z');
    expect(t.app.jobs.runDue()[0]?.ran).toBe(true);
  });
});

describe('reminders after a restart, and from two servers at once', () => {
  let t: TestApp;
  let dueDay: string;
  beforeAll(async () => {
    t = await buildTestApp();
    const vytis = await vytisInDelivery(t);
    dueDay = addDays(vytis.midPoint.due_on, 1);
  });
  afterAll(async () => t.close());

  it('sends each reminder once when two OS processes run the job on one database file', async () => {
    const order = workerDatabaseOf(t.app);
    const workers = [
      startWorkerProcess<ReminderRun>(WORKER, order),
      startWorkerProcess<ReminderRun>(WORKER, order),
    ];
    try {
      await Promise.all(workers.map((w) => w.ready));
      for (const w of workers) w.child.send({ type: 'go', today: dueDay });
      const runs = await Promise.all(workers.map((w) => w.result));
      const overdue = reminders(t.app).filter((r) => r.kind === 'overdue').length;
      expect(overdue).toBeGreaterThan(0);
      expect(runs.reduce((sum, r) => sum + r.overdue, 0)).toBe(overdue);
      expectOneMailPerReminder(t.app);
    } finally {
      for (const w of workers) if (w.child.exitCode === null) w.child.kill();
    }
  }, 60_000);

  it('sends nothing again from a new server on the same database file, which runs the jobs at start', async () => {
    const before = reminderMail(t.app).length;
    const clock: Clock = { now: () => new Date(noon(dueDay)) };
    const restarted = await buildApp({
      config: loadConfig({
        NODE_ENV: 'test',
        DATABASE_PATH: t.app.config.DATABASE_PATH,
        ...(t.app.config.DATABASE_URL ? { DATABASE_URL: t.app.config.DATABASE_URL } : {}),
        DATA_DIR: t.app.config.DATA_DIR,
        SEED_DEMO: 'false',
        WEB_DIST: '',
        LOG_LEVEL: 'silent',
        RUN_JOBS: 'true',
      }),
      clock,
    });
    try {
      await restarted.ready();
      expect(restarted.jobs.enabled).toBe(true);
      // The run at start is queued for the next turn of the event loop: wait for it to finish.
      const run = await vi.waitFor(() => {
        const row = restarted.db.get<{ finished_at: string | null; outcome: string }>(
          sql`select * from job_runs where job = 'report-reminders' and run_on = ${dueDay}`,
        );
        expect(row?.finished_at).toBeTruthy();
        return row;
      });
      expect(JSON.parse(run?.outcome ?? '{}')).toMatchObject({ dueSoon: 0, overdue: 0, emails: 0 });
      expect(reminderMail(restarted)).toHaveLength(before);
    } finally {
      await restarted.close();
    }
  });
});
