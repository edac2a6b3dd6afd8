// The daily jobs (decision 0027): reminders, retention. Each job is a function of a service
// context acting as nobody (the service itself) and the London date it runs for, and must be
// idempotent on its own: running it twice on a day, after a restart, or on two servers at once
// changes nothing the second time. The runner below only decides *when* to run, and records runs
// in job_runs so people can see what ran; it is never what makes a job safe.
import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { jobRuns } from '../db/schema/index.js';
import { unitOfWork } from '../db/unit-of-work.js';
import type { ServiceContext } from './context.js';

/** A daily job: what it did, as something JSON can hold (recorded with the run). */
export type JobFunction = (ctx: ServiceContext, today: string) => unknown;

export interface Job {
  name: string;
  run: JobFunction;
}

/** A run left unfinished this long (the server stopped mid-run) may be taken over by another. */
export const STALE_RUN_MS = 30 * 60 * 1000;

/**
 * Claims today's run of a job: true when this server should run it now. The first server to claim
 * a day's run gets it; another gets it only when that run was left unfinished for 30 minutes (the
 * server running it died). BEGIN IMMEDIATE serialises two servers claiming at once.
 */
export function claimRun(db: Db, job: string, runOn: string, now: Date): string | null {
  return unitOfWork(db, (tx) => {
    const existing = tx
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.job, job), eq(jobRuns.runOn, runOn)))
      .get();
    const startedAt = now.toISOString();
    if (!existing) {
      return tx.insert(jobRuns).values({ job, runOn, startedAt }).returning({ id: jobRuns.id }).get().id;
    }
    const stale = new Date(now.getTime() - STALE_RUN_MS).toISOString();
    const taken = tx
      .update(jobRuns)
      .set({ startedAt, error: null, outcome: null })
      .where(and(eq(jobRuns.id, existing.id), isNull(jobRuns.finishedAt), lt(jobRuns.startedAt, stale)))
      .returning({ id: jobRuns.id })
      .get();
    return taken?.id ?? null;
  });
}

export function finishRun(
  db: Db,
  runId: string,
  now: Date,
  result: { outcome?: unknown; error?: string },
): void {
  db.update(jobRuns)
    .set({
      finishedAt: now.toISOString(),
      outcome: result.outcome === undefined ? null : JSON.stringify(result.outcome),
      error: result.error ?? null,
    })
    .where(eq(jobRuns.id, runId))
    .run();
}

/** The latest runs, newest first (for people, and for tests). */
export function recentRuns(db: Db, limit = 50) {
  return db.select().from(jobRuns).orderBy(desc(jobRuns.startedAt)).limit(limit).all();
}

/**
 * Runs each job not yet run today (a London date), one after another, recording each run. A job
 * that throws is recorded as failed and the others still run; it is tried again at the next tick
 * only on another day (or by hand), since a failing job would fail again straight away.
 */
export function runDueJobs(
  jobs: readonly Job[],
  options: { db: Db; context: () => ServiceContext; now: () => Date; today: () => string },
  onError: (job: string, error: unknown) => void = () => {},
): { job: string; ran: boolean; outcome?: unknown }[] {
  const results: { job: string; ran: boolean; outcome?: unknown }[] = [];
  for (const job of jobs) {
    const today = options.today();
    const runId = claimRun(options.db, job.name, today, options.now());
    if (!runId) {
      results.push({ job: job.name, ran: false });
      continue;
    }
    try {
      const outcome = job.run(options.context(), today);
      finishRun(options.db, runId, options.now(), { outcome });
      results.push({ job: job.name, ran: true, outcome });
    } catch (error) {
      finishRun(options.db, runId, options.now(), {
        error: error instanceof Error ? error.message : String(error),
      });
      onError(job.name, error);
      results.push({ job: job.name, ran: true });
    }
  }
  return results;
}
