import { londonToday } from '@cf/shared';
import fp from 'fastify-plugin';
import { type Job, runDueJobs } from '../../lib/jobs.js';
import { sendReportReminders } from '../../modules/monitoring/service.js';
import { anonymiseExpired } from '../../modules/privacy/service.js';
import { createServiceContext } from './context.js';

/**
 * The daily jobs, in the order they run. Registering one is one line: a name and a function of
 * (ctx, today) that is idempotent on its own (decision 0027).
 */
export const JOBS: readonly Job[] = [
  { name: 'report-reminders', run: sendReportReminders },
  // Closed grants past the retention period lose their personal data (decision 0026).
  { name: 'retention', run: anonymiseExpired },
];

declare module 'fastify' {
  interface FastifyInstance {
    jobs: {
      /** True when the timer runs the jobs (not in tests unless RUN_JOBS=true). */
      enabled: boolean;
      /** Runs each job not yet run today (tests call this instead of waiting for the timer). */
      runDue(): ReturnType<typeof runDueJobs>;
    };
  }
}

/** How often the runner looks for a job not yet run today: hourly, so a new day starts within the hour. */
const CHECK_MS = 60 * 60 * 1000;

/**
 * Runs the daily jobs at start and then each London day, in the API process. Restart-safe and
 * safe with two servers: a day's run is claimed in job_runs before it starts, and each job is
 * idempotent whatever the runner does. Off in tests unless RUN_JOBS=true, like the mail worker.
 */
export default fp(
  async (app) => {
    const runDue = () =>
      runDueJobs(
        JOBS,
        {
          db: app.db,
          now: () => app.clock.now(),
          today: () => londonToday(app.clock.now()),
          context: () =>
            createServiceContext({
              db: app.db,
              clock: app.clock,
              publicUrl: app.config.publicUrl,
              actor: null,
            }),
        },
        (job, error) => app.log.error({ err: error, job }, 'daily job failed'),
      );
    const enabled = app.config.RUN_JOBS ?? app.config.NODE_ENV !== 'test';
    app.decorate('jobs', { enabled, runDue });
    if (!enabled) return;

    const tick = () => {
      try {
        runDue();
      } catch (error) {
        app.log.error({ err: error }, 'daily jobs failed');
      }
    };
    let timer: NodeJS.Timeout | null = null;
    app.addHook('onReady', async () => {
      // At start (once the demo is seeded and the routes are up), then hourly for a new day.
      setImmediate(tick).unref();
      timer = setInterval(tick, CHECK_MS);
      timer.unref();
    });
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
    });
  },
  { name: 'jobs', dependencies: ['db', 'config', 'context'] },
);
