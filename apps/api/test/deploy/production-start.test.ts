import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

/** The server as `pnpm start` or the container starts it: the environment only, no test settings. */
async function startWith(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'cf-start-'));
  const app = await buildApp({
    config: loadConfig({
      DATABASE_PATH: join(dir, 'db.sqlite'),
      DATA_DIR: join(dir, 'files'),
      WEB_DIST: '',
      LOG_LEVEL: 'silent',
      ...env,
    }),
  });
  await app.ready();
  return {
    app,
    users: () => app.db.get<{ n: number }>(sql`select count(*) as n from users`)?.n,
    about: async () => (await app.inject({ method: 'GET', url: '/api/about' })).json(),
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('starting the product', () => {
  it('creates no demo accounts on a production start that does not ask for them in so many words', async () => {
    const started = await startWith({ NODE_ENV: 'production' });
    try {
      expect(started.users()).toBe(0);
      expect(await started.about()).toEqual({ demoData: false });
    } finally {
      await started.close();
    }
  });

  it('seeds the demo only when SEED_DEMO=true, and then says so on every page', async () => {
    const started = await startWith({ NODE_ENV: 'production', SEED_DEMO: 'true' });
    try {
      expect(started.users()).toBeGreaterThan(10);
      expect(await started.about()).toEqual({ demoData: true });
    } finally {
      await started.close();
    }
  });
});
