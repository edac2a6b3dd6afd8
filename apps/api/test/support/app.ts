// The real app for a test: booted on its own temporary SQLite file, with a clock the test moves.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { type Clock, ManualClock } from '../../src/lib/clock.js';
import type { ServiceContext } from '../../src/lib/context.js';
import { loadActor } from '../../src/modules/auth/repository.js';
import { createServiceContext } from '../../src/plugins/app/context.js';
import { userIdOf } from './database.js';
import { createTestDatabase, testCluster } from './postgres.js';

export interface TestApp {
  app: App;
  clock: ManualClock;
  dir: string;
  close(): Promise<void>;
}

/**
 * The real app on a new temporary SQLite file, with the demo data unless told otherwise, and a
 * clock the test can move. Close it in afterEach/afterAll.
 */
export async function buildTestApp(
  env: Record<string, string> = {},
  options: { clock?: ManualClock; beforeReady?: (app: App) => void | Promise<void> } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'cf-test-'));
  // On PostgreSQL (TEST_DATABASE_URL) each app gets a database of its own, as it gets a file on SQLite.
  const cluster = testCluster();
  const postgres = cluster && env.DATABASE_PATH === undefined ? createTestDatabase(cluster) : null;
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_PATH: join(dir, 'test.sqlite'),
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    DATA_DIR: join(dir, 'files'),
    SEED_DEMO: 'true',
    WEB_DIST: '',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const clock = options.clock ?? new ManualClock();
  const app = await buildApp({ config, clock: clock as Clock });
  // A hook for tests that need something extra on the app, e.g. a route that fails on purpose.
  await options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    clock,
    dir,
    close: async () => {
      await app.close();
      postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A service context acting as this user (by email), or as nobody, for calling services directly. */
export function contextAs(t: TestApp, email: string | null): ServiceContext {
  const actor = email === null ? null : loadActor(t.app.db, userIdOf(t.app, email));
  if (email !== null && !actor) throw new Error(`${email} cannot act: no such active user`);
  return createServiceContext({ db: t.app.db, clock: t.clock, publicUrl: t.app.config.publicUrl, actor });
}
