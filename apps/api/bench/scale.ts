/**
 * How the staff pages that matter at panel time grow with a fund's bids: builds one fund of 1,000
 * and one of 10,000 bids through the product's schema (each in its own new database, beside the
 * demo data), and times each request the way a route makes it (the service call, as an officer).
 * Prints figures only; nothing is asserted (shared machines are too noisy for that). Not part of
 * the test command: the 10,000-bid fund takes a while to build, and longer to read before 0021.
 *
 *   pnpm --filter @cf/api bench:scale            # 1,000 and 10,000 bids
 *   pnpm --filter @cf/api bench:scale 1000 5000  # other sizes
 *
 * See docs/decisions/0021-speed-and-loading.md for the figures before and after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { ManualClock } from '../src/lib/clock.js';
import * as assessment from '../src/modules/assessment/service.js';
import { loadActor } from '../src/modules/auth/repository.js';
import * as bidService from '../src/modules/bids/service.js';
import * as fundService from '../src/modules/funds/service.js';
import * as panel from '../src/modules/panel/service.js';
import { createServiceContext } from '../src/plugins/app/context.js';
import { buildFund } from '../test/builders/scale.js';

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);
const SIZES = sizes.length > 0 ? sizes : [1_000, 10_000];
/** The median of a few runs (at least one, more while they take under two seconds in all). */
async function time(run: () => unknown): Promise<number> {
  const times: number[] = [];
  const started = performance.now();
  while (times.length < 7 && (times.length === 0 || performance.now() - started < 2_000)) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/** Reads a CSV answer the way the route sends it: whole, or streamed to the end. */
async function drain(answer: unknown): Promise<void> {
  const body = (answer as { csv?: unknown; stream?: unknown }).stream ?? (answer as { csv?: unknown }).csv;
  if (body && typeof (body as NodeJS.ReadableStream).pipe === 'function') {
    await pipeline(
      body as NodeJS.ReadableStream,
      new Writable({
        write(_chunk, _encoding, done) {
          done();
        },
      }),
    );
  }
}

const results: Record<string, Record<number, number>> = {};
for (const count of SIZES) {
  const dir = mkdtempSync(join(tmpdir(), 'cf-bench-scale-'));
  const app = await buildApp({
    clock: new ManualClock(new Date('2019-06-01T09:00:00.000Z')),
    config: loadConfig({
      NODE_ENV: 'test',
      DATABASE_PATH: join(dir, 'bench.sqlite'),
      DATA_DIR: join(dir, 'files'),
      SEED_DEMO: 'true',
      WEB_DIST: '',
    }),
  });
  await app.ready();
  const built = performance.now();
  const fundId = app.db.transaction((tx) => buildFund(tx, count));
  process.stdout.write(
    `built a fund of ${count.toLocaleString('en-GB')} bids in ${((performance.now() - built) / 1000).toFixed(1)} s\n`,
  );
  const officerId = app.db.get<{ id: string }>(
    sql`select id from users where email = 'officer@demo.test'`,
  ).id;
  const actor = loadActor(app.db, officerId, { secondFactorUsed: true });
  const ctx = createServiceContext({
    db: app.db,
    clock: new ManualClock(new Date('2019-06-01T09:00:00.000Z')),
    publicUrl: 'http://localhost',
    actor,
  });
  const lastPage = Math.ceil(count / 25);
  const requests: [string, () => unknown][] = [
    ['results', () => panel.fundResults(ctx, fundId)],
    ['assessment overview', () => assessment.assessmentOverview(ctx, fundId)],
    ['scores CSV', async () => drain(panel.resultsCsv(ctx, fundId, 'scores'))],
    ['staff bid list, page 1', () => bidService.listBids(ctx, { fundId, page: 1, pageSize: 25 })],
    ['staff bid list, last page', () => bidService.listBids(ctx, { fundId, page: lastPage, pageSize: 25 })],
    [
      'staff bid list, search and sort',
      () => bidService.listBids(ctx, { fundId, q: 'garden', sort: 'title', page: 2, pageSize: 25 }),
    ],
    ['budget', () => fundService.fundBudget(ctx, fundId)],
  ];
  for (const [name, run] of requests) {
    const ms = await time(run);
    results[name] ??= {};
    (results[name] as Record<number, number>)[count] = ms;
    process.stdout.write(`  ${name}: ${ms.toFixed(1)} ms\n`);
  }
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

const header = ['request', ...SIZES.map((n) => `${n.toLocaleString('en-GB')} bids`)];
if (SIZES.length > 1) header.push(`× for ${(SIZES.at(-1) ?? 1) / (SIZES[0] ?? 1)}× the bids`);
console.log(`\n| ${header.join(' | ')} |`);
console.log(`| ${header.map(() => '---').join(' | ')} |`);
for (const [name, bySize] of Object.entries(results)) {
  const cells = SIZES.map((n) => `${(bySize[n] ?? 0).toFixed(1)} ms`);
  if (SIZES.length > 1) {
    const first = bySize[SIZES[0] as number] ?? 1;
    const last = bySize[SIZES.at(-1) as number] ?? 0;
    cells.push(`${(last / first).toFixed(1)}×`);
  }
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}
