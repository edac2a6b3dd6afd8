/**
 * `pnpm bench`: the product against the bare ceiling (issue 12, item 1). Not part of the test
 * command; nothing here is asserted — figures are printed beside their targets ("meets"/"misses").
 *
 *   pnpm bench                                   # 1,000, 10,000 and 100,000 bids, 10 s runs
 *   pnpm bench --sizes 1000,10000 --duration 5   # other sizes and run lengths
 *   pnpm bench --quick                           # a smoke run: 1,000 bids, 2 s runs, a 5 s spike
 *   pnpm bench --only reads|writes|scale|spike|web
 *
 * What it does, at the largest size (the data set: bench/data.ts, cached in apps/api/.bench/):
 *  - reads: the officer's bid list with search, filters and paging; the applicant's own list; one
 *    bid; the panel ranking; the budget; the assessor's list; the audit trail; one fund by id (an
 *    indexed lookup). Each runs against the product (the built dist/server.js, as `pnpm start`,
 *    pinned to core 0) and against the ceiling (bench/ceiling.ts: node:http + better-sqlite3
 *    replaying the SQL the product ran for that request, session lookup included, on the same
 *    database file), autocannon pinned to core 1: requests/s, p50, p99, the ratio (target ≥ 0.80),
 *    and the same ratio from each server's own CPU time per request (steadier on a shared machine);
 *    then both at a fixed 500 requests/s: p99 and its ratio (target ≤ 1.25×);
 *  - writes (product only: see decision 0036 for why no ceiling): save a draft section, submit a
 *    bid, submit a score set, award at the panel, request a payment, approve it — each request on
 *    a fresh target from the data set's pools; requests/s, p50, p99, errors (target 0);
 *  - spike: mixed deadline-day traffic at 500 requests/s for 60 s: errors, non-2xx, p99 (target 0);
 *  - scale: the reads at each size, cost per request (the server's CPU ms per request)
 *    and how it grows (target: 100× the bids ≤ 2× the cost), and the budget against the lookup;
 *  - web: the built SPA's initial JavaScript gzipped (apps/web/scripts/size.mjs, target ≤ 150 KB)
 *    and Lighthouse (bench/lighthouse.ts when it exists) of sign-in and the applicant home.
 * Everything measured is written to apps/api/.bench/last.json.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { scoreSetBody } from '../test/builders/assessment.js';
import { API_ROOT, BENCH_DIR, type BenchData, benchData } from './data.js';
import type { LoadResult, LoadTarget } from './load.js';
import { fmt, table, verdict } from './print.js';
import { type ReadRequest, recordPlans } from './record.js';
import {
  type Client,
  PINNED,
  productMode,
  type Running,
  runCopy,
  runLoad,
  signIn,
  startCeiling,
  startProduct,
} from './servers.js';

const { values: options } = parseArgs({
  options: {
    sizes: { type: 'string' },
    duration: { type: 'string' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const QUICK = options.quick ?? false;
const SIZES = (options.sizes ?? (QUICK ? '1000' : '1000,10000,100000'))
  .split(',')
  .map((s) => Number(s.replaceAll('_', '')))
  .filter((n) => Number.isInteger(n) && n > 0)
  .sort((a, b) => a - b);
const MAIN = SIZES.at(-1) ?? 1_000;
const DURATION = Number(options.duration ?? (QUICK ? 2 : 10));
const SPIKE_SECONDS = QUICK ? 5 : 60;
const POOL = QUICK ? 150 : 1_000;
const SCALE_POOL = 20;
const CONNECTIONS = 10;
const FIXED_RATE = 500;
const SECTIONS = ['reads', 'writes', 'scale', 'spike', 'web'] as const;
const only = options.only;
if (only && !SECTIONS.includes(only as (typeof SECTIONS)[number])) {
  throw new Error(`--only takes one of ${SECTIONS.join(', ')}`);
}
const runs = (section: (typeof SECTIONS)[number]) => !only || only === section;

const result: Record<string, unknown> = {
  startedAt: new Date().toISOString(),
  sizes: SIZES,
  duration: DURATION,
  connections: CONNECTIONS,
  pinned: PINNED,
  product: productMode(),
};

interface Session {
  applicant: Client;
  officer: Client;
  assessor: Client;
  finance: Client;
}

async function signInAll(url: string): Promise<Session> {
  return {
    applicant: await signIn(url, 'applicant@demo.test'),
    officer: await signIn(url, 'officer@demo.test'),
    assessor: await signIn(url, 'assessor@demo.test'),
    finance: await signIn(url, 'finance@demo.test'),
  };
}

/** The reads, as the people who make them. */
function reads(data: BenchData, s: Session): ReadRequest[] {
  const { fundId, bidId } = data.refs;
  return [
    {
      name: 'bids-search',
      path: '/api/bids?q=garden&status=scored&sort=title&page=3&pageSize=25',
      cookie: s.officer.cookieHeader,
    },
    { name: 'my-bids', path: '/api/bids?page=1&pageSize=25', cookie: s.applicant.cookieHeader },
    { name: 'one-bid', path: `/api/bids/${bidId}`, cookie: s.officer.cookieHeader },
    { name: 'ranking', path: `/api/funds/${fundId}/results`, cookie: s.officer.cookieHeader },
    { name: 'budget', path: `/api/funds/${fundId}/budget`, cookie: s.officer.cookieHeader },
    { name: 'assessor-list', path: '/api/assignments', cookie: s.assessor.cookieHeader },
    { name: 'audit', path: '/api/admin/audit', cookie: s.officer.cookieHeader },
    { name: 'fund', path: `/api/funds/${fundId}`, cookie: s.officer.cookieHeader },
  ];
}

const get = (path: string, cookie: string): LoadTarget => ({ method: 'GET', path, headers: { cookie } });

/** One read, flat out (after a short warm-up) and at the fixed rate. */
async function measureRead(server: Running, target: LoadTarget) {
  const url = server.url;
  await runLoad({ url, connections: CONNECTIONS, duration: 1, targets: [target] });
  const before = server.cpuMs();
  const flat = await runLoad({ url, connections: CONNECTIONS, duration: DURATION, targets: [target] });
  const cpu = (server.cpuMs() - before) / flat.requests;
  const fixed = await runLoad({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    overallRate: FIXED_RATE,
    targets: [target],
  });
  return { flat, fixed, cpu, cost: await costMs(server, target, flat, cpu) };
}

/**
 * A read's cost per request in ms of one core: the server process's own CPU time over the
 * flat-out run divided by the requests answered (what else runs on a shared machine does not count
 * in it), or 1000 / requests a second where /proc is missing; for a read too slow to finish several
 * within the run, the mean of three made one at a time.
 */
async function costMs(server: Running, target: LoadTarget, flat: LoadResult, cpu: number): Promise<number> {
  if (flat.requests >= 10) return Number.isFinite(cpu) && cpu > 0 ? cpu : 1000 / flat.rps;
  return (await runLoad({ url: server.url, connections: 1, duration: 0, amount: 3, targets: [target] })).mean;
}

async function withServer<T>(started: Promise<Running>, use: (server: Running) => Promise<T>): Promise<T> {
  const server = await started;
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

function buildLine(data: BenchData, size: number) {
  const how = data.cached ? 'from the cache' : `built in ${data.buildSeconds.toFixed(1)} s`;
  const c = data.counts;
  console.log(
    `Data, ${size.toLocaleString('en-GB')} bids (${how}): ${c.bids} bids in ${c.funds} funds, ${c.groups} groups, ` +
      `${c.assessors} assessors, ${c.scoreSets} score sets, ${c.grants} grants, ${c.payments} payments, ` +
      `${c.reports} reports, ${c.auditEvents} audit events`,
  );
}

// ─── Reads: product against the ceiling ─────────────────────────────────────────────────────

interface Measured {
  flat: LoadResult;
  fixed: LoadResult;
  /** The server's CPU ms per request in the flat-out run. */
  cpu: number;
  /** ms of one core per request (see costMs). */
  cost: number;
}
interface ReadFigures {
  product: Measured;
  ceiling: Measured;
}

async function readsSection(data: BenchData): Promise<Record<string, ReadFigures>> {
  const path = runCopy(data.path, 'reads');
  const figures: Record<string, ReadFigures> = {};
  await withServer(startProduct(path), async (product) => {
    const list = reads(data, await signInAll(product.url));
    const plansPath = join(BENCH_DIR, 'run', 'plans.json');
    writeFileSync(plansPath, JSON.stringify(await recordPlans(path, list), null, 1));
    // Both servers up (an idle one costs nothing), each read measured on one then the other at
    // once: on a shared machine, what else runs then weighs on both alike.
    await withServer(startCeiling(path, plansPath), async (ceiling) => {
      for (const read of list) {
        process.stdout.write(`  ${read.name}: product, then ceiling…\n`);
        figures[read.name] = {
          product: await measureRead(product, get(read.path, read.cookie)),
          ceiling: await measureRead(ceiling, get(`/${read.name}`, read.cookie)),
        };
      }
    });
  });
  const done = figures;
  table(
    `Reads at ${MAIN.toLocaleString('en-GB')} bids: product (${productMode()}) against the ceiling, ${CONNECTIONS} connections, ${DURATION} s each`,
    [
      'read',
      'product req/s',
      'p50',
      'p99',
      'ceiling req/s',
      'p50',
      'p99',
      'ratio',
      'target ≥ 0.80',
      'CPU ms/req',
      'ceiling',
      'CPU ratio',
      'target ≥ 0.80',
      'errors',
    ],
    Object.entries(done).map(([name, f]) => {
      const ratio = f.product.flat.rps / f.ceiling.flat.rps;
      // The same comparison from each server's own CPU time: steadier on a shared machine.
      const cpuRatio = f.ceiling.cpu / f.product.cpu;
      return [
        name,
        fmt.rps(f.product.flat.rps),
        fmt.ms(f.product.flat.p50),
        fmt.ms(f.product.flat.p99),
        fmt.rps(f.ceiling.flat.rps),
        fmt.ms(f.ceiling.flat.p50),
        fmt.ms(f.ceiling.flat.p99),
        fmt.ratio(ratio),
        verdict(ratio >= 0.8),
        fmt.ms(f.product.cpu),
        fmt.ms(f.ceiling.cpu),
        fmt.ratio(cpuRatio),
        verdict(Number.isFinite(cpuRatio) ? cpuRatio >= 0.8 : null),
        f.product.flat.errors + f.product.flat.non2xx,
      ];
    }),
  );
  table(
    `Reads at a fixed ${FIXED_RATE} requests a second: p99, product against the ceiling`,
    ['read', 'product p99', 'ceiling p99', 'ratio', 'target ≤ 1.25×', 'product req/s', 'ceiling req/s'],
    Object.entries(done).map(([name, f]) => {
      // No answer within the run (a read slower than the run): no p99 to compare.
      const ratio =
        f.product.fixed.requests > 0 && f.ceiling.fixed.requests > 0
          ? f.product.fixed.p99 / f.ceiling.fixed.p99
          : Number.NaN;
      // A rate the server cannot reach queues requests: the p99 then measures the queue.
      const reached = (r: LoadResult) => `${fmt.rps(r.rps)}${r.rps < 0.95 * FIXED_RATE ? ' (short)' : ''}`;
      return [
        name,
        fmt.ms(f.product.fixed.p99),
        fmt.ms(f.ceiling.fixed.p99),
        fmt.times(ratio),
        verdict(Number.isFinite(ratio) ? ratio <= 1.25 : null),
        reached(f.product.fixed),
        reached(f.ceiling.fixed),
      ];
    }),
  );
  return done;
}

// ─── Writes: fresh targets from the pools, each used once ────────────────────────────────────

async function writesSection(data: BenchData): Promise<Record<string, LoadResult>> {
  const path = runCopy(data.path, 'writes');
  const pools = data.pools;
  const out: Record<string, LoadResult> = {};
  await withServer(startProduct(path), async (product) => {
    const s = await signInAll(product.url);
    const send = (client: Client, method: 'POST' | 'PUT', p: string, body?: unknown): LoadTarget => {
      const headers = client.headers(method);
      if (body === undefined) delete headers['content-type'];
      return { method, path: p, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
    };
    const runs: [string, LoadTarget[] | (() => LoadTarget[])][] = [
      [
        'save a draft section',
        pools.drafts.map((id) =>
          send(s.applicant, 'PUT', `/api/bids/${id}/sections/about`, {
            baseVersion: 1,
            complete: true,
            data: pools.aboutData,
          }),
        ),
      ],
      ['submit a bid', pools.sendable.map((id) => send(s.applicant, 'POST', `/api/bids/${id}/submit`))],
      [
        'submit a score set',
        pools.scoring.map((id) =>
          send(
            s.assessor,
            'PUT',
            `/api/assignments/${id}/scores`,
            scoreSetBody(
              pools.scoringCriteria.map((c) => ({ id: c })),
              pools.scoringCriteria.map(() => 4),
              { baseVersion: 0 },
            ),
          ),
        ),
      ],
      [
        'award (panel decision)',
        pools.awardable.map((b) =>
          send(s.officer, 'POST', `/api/bids/${b.bidId}/decision`, {
            panelDate: pools.panelDate,
            decision: { outcome: 'award', amountPence: b.amountPence },
          }),
        ),
      ],
      [
        'request a payment',
        pools.payable.map((g) =>
          send(s.officer, 'POST', `/api/grants/${g.grantId}/payments`, {
            amountPence: g.amountPence,
            trigger: 'acceptance',
          }),
        ),
      ],
      [
        'approve a payment',
        () => {
          const sqlite = new Database(path, { readonly: true });
          const grantIds = new Set(pools.payable.map((g) => g.grantId));
          const ids = (
            sqlite
              .prepare(`select id, grant_id as "grantId" from payments where status = 'requested'`)
              .all() as {
              id: string;
              grantId: string;
            }[]
          ).filter((p) => grantIds.has(p.grantId));
          sqlite.close();
          return ids.map((p) => send(s.finance, 'POST', `/api/payments/${p.id}/approve`));
        },
      ],
    ];
    for (const [name, made] of runs) {
      const targets = typeof made === 'function' ? made() : made;
      // Fewer requests than targets: a connection may build a request it never sends.
      const amount = Math.max(1, targets.length - 2 * CONNECTIONS);
      process.stdout.write(`  ${name} (${amount} requests)…\n`);
      out[name] = await runLoad({ url: product.url, connections: CONNECTIONS, duration: 0, amount, targets });
    }
  });
  table(
    `Writes at ${MAIN.toLocaleString('en-GB')} bids: product only, ${CONNECTIONS} connections, each on a fresh target`,
    ['write', 'requests', 'req/s', 'p50', 'p99', 'errors', 'target 0', 'first refusal'],
    Object.entries(out).map(([name, r]) => [
      name,
      r.requests,
      fmt.rps(r.rps),
      fmt.ms(r.p50),
      fmt.ms(r.p99),
      r.errors + r.non2xx,
      verdict(r.errors + r.non2xx === 0),
      (r.samples[0] ?? '').slice(0, 80),
    ]),
  );
  return out;
}

// ─── Spike: a deadline day at a fixed rate ──────────────────────────────────────────────────

async function spikeSection(data: BenchData): Promise<LoadResult> {
  const path = runCopy(data.path, 'spike');
  const pools = data.pools;
  return withServer(startProduct(path), async (product) => {
    const s = await signInAll(product.url);
    const total = FIXED_RATE * SPIKE_SECONDS + 2 * CONNECTIONS * 10;
    const targets: LoadTarget[] = [];
    let saves = 0;
    let submits = 0;
    for (let k = 0; k < total; k++) {
      const slot = k % 50;
      if (slot < 10) {
        // Applicants saving sections: each draft again and again, from the version it is at.
        const id = pools.drafts[saves % pools.drafts.length] as string;
        const baseVersion = 1 + Math.floor(saves / pools.drafts.length);
        saves += 1;
        const headers = s.applicant.headers('PUT');
        const body = JSON.stringify({ baseVersion, complete: true, data: pools.aboutData });
        targets.push({ method: 'PUT', path: `/api/bids/${id}/sections/about`, headers, body });
      } else if (slot === 10 && submits < pools.sendable.length) {
        const headers = s.applicant.headers('POST');
        delete headers['content-type'];
        targets.push({ method: 'POST', path: `/api/bids/${pools.sendable[submits++]}/submit`, headers });
      } else if (slot < 28) targets.push(get('/api/bids?page=1&pageSize=25', s.applicant.cookieHeader));
      else if (slot < 34)
        targets.push(get(`/api/bids/${pools.drafts[k % pools.drafts.length]}`, s.applicant.cookieHeader));
      else if (slot < 36)
        targets.push(get(`/api/bids?q=cafe&status=submitted&page=${1 + (k % 4)}`, s.officer.cookieHeader));
      else if (slot < 44)
        targets.push(get('/api/bids?status=submitted&sort=updated', s.officer.cookieHeader));
      else targets.push(get('/api/assignments', s.assessor.cookieHeader));
    }
    process.stdout.write(`  spike: ${FIXED_RATE} requests a second for ${SPIKE_SECONDS} s…\n`);
    const r = await runLoad({
      url: product.url,
      connections: 50,
      duration: SPIKE_SECONDS,
      overallRate: FIXED_RATE,
      targets,
    });
    table(
      `Deadline-day spike at ${MAIN.toLocaleString('en-GB')} bids: ${FIXED_RATE} requests a second for ${SPIKE_SECONDS} s (20% saves, 2% submits, 46% applicants reading their bids, 20% officers' lists of which 4% searches, 12% assessors' lists)`,
      [
        'requests',
        'req/s',
        `rate ${FIXED_RATE}/s reached`,
        'p50',
        'p99',
        'errors',
        'non-2xx',
        'target 0',
        'first refusal',
      ],
      [
        [
          r.requests,
          fmt.rps(r.rps),
          verdict(r.rps >= 0.95 * FIXED_RATE),
          fmt.ms(r.p50),
          fmt.ms(r.p99),
          r.errors,
          r.non2xx,
          verdict(r.errors + r.non2xx === 0),
          (r.samples[0] ?? '').slice(0, 80),
        ],
      ],
    );
    return r;
  });
}

// ─── Scale: how each read's cost grows with the bids ──────────────────────────────────────────

async function scaleSection(known: Record<string, ReadFigures> | undefined) {
  const cost: Record<string, Record<number, number>> = {};
  for (const size of SIZES) {
    let costs: Record<string, number>;
    if (size === MAIN && known) {
      costs = Object.fromEntries(Object.entries(known).map(([name, f]) => [name, f.product.cost]));
    } else {
      // Only the largest size runs the writes: the others carry a token pool, so their bids are theirs.
      const data = await benchData(size, SCALE_POOL);
      buildLine(data, size);
      const path = runCopy(data.path, `scale-${size}`);
      costs = await withServer(startProduct(path), async (product) => {
        const figures: Record<string, number> = {};
        for (const read of reads(data, await signInAll(product.url))) {
          process.stdout.write(`  ${size} ${read.name}…\n`);
          const target = get(read.path, read.cookie);
          await runLoad({ url: product.url, connections: CONNECTIONS, duration: 1, targets: [target] });
          const before = product.cpuMs();
          const flat = await runLoad({
            url: product.url,
            connections: CONNECTIONS,
            duration: DURATION,
            targets: [target],
          });
          const cpu = (product.cpuMs() - before) / flat.requests;
          figures[read.name] = await costMs(product, target, flat, cpu);
        }
        return figures;
      });
    }
    for (const [name, value] of Object.entries(costs)) {
      cost[name] ??= {};
      (cost[name] as Record<number, number>)[size] = value;
    }
  }
  const first = SIZES[0] as number;
  const growth = MAIN / first;
  table(
    `Scale: each read's cost per request (ms of one core) as the bids grow; target: ${growth.toLocaleString('en-GB')}× the bids ≤ 2× the cost`,
    ['read', ...SIZES.map((n) => `${n.toLocaleString('en-GB')} bids`), `×${growth}`, 'target ≤ 2×'],
    Object.entries(cost).map(([name, bySize]) => {
      const ratio = (bySize[MAIN] ?? Number.NaN) / (bySize[first] ?? Number.NaN);
      return [
        name,
        ...SIZES.map((n) => fmt.ms(bySize[n] ?? Number.NaN)),
        fmt.times(ratio),
        verdict(SIZES.length > 1 ? ratio <= 2 : null),
      ];
    }),
  );
  const budget = cost.budget?.[MAIN] ?? Number.NaN;
  const lookup = cost.fund?.[MAIN] ?? Number.NaN;
  table(
    `Budget summary against one indexed lookup (one fund by id), ${MAIN.toLocaleString('en-GB')} bids`,
    ['budget', 'lookup', 'ratio', 'target ≤ 2×'],
    [[fmt.ms(budget), fmt.ms(lookup), fmt.times(budget / lookup), verdict(budget / lookup <= 2)]],
  );
  return cost;
}

// ─── Web: initial JavaScript and Lighthouse ───────────────────────────────────────────────────

interface LighthouseModule {
  runLighthouse(opts: {
    baseUrl: string;
    pages: { name: string; path: string; cookie?: string }[];
  }): Promise<{ name: string; performance: number; accessibility: number }[]>;
}

async function webSection(data: BenchData) {
  const webRoot = join(API_ROOT, '..', 'web');
  let initialKb: number | null = null;
  try {
    const out = execFileSync(process.execPath, [join(webRoot, 'scripts', 'size.mjs')], { encoding: 'utf8' });
    const match = /Initial JavaScript, gzipped: ([\d.]+) KB/.exec(out);
    initialKb = match?.[1] ? Number(match[1]) : null;
  } catch {
    initialKb = null;
  }
  table(
    'Web: the built SPA’s initial JavaScript (apps/web/scripts/size.mjs)',
    ['gzipped', 'target ≤ 150 KB', ''],
    [
      initialKb === null
        ? ['–', '–', 'not built: run pnpm build first']
        : [`${initialKb.toFixed(1)} KB`, verdict(initialKb <= 150), ''],
    ],
  );
  let lighthouse: { name: string; performance: number; accessibility: number }[] | string;
  const modulePath = join(API_ROOT, 'bench', 'lighthouse.ts');
  if (!existsSync(modulePath)) lighthouse = 'not available (bench/lighthouse.ts is not on this branch)';
  else if (!existsSync(join(webRoot, 'dist', 'index.html')))
    lighthouse = 'not available (run pnpm build first)';
  else {
    try {
      const mod = (await import(/* @vite-ignore */ `${modulePath}`)) as LighthouseModule;
      const path = runCopy(data.path, 'web');
      lighthouse = await withServer(startProduct(path), async (product) => {
        const applicant = await signIn(product.url, 'applicant@demo.test');
        return mod.runLighthouse({
          baseUrl: product.url,
          pages: [
            { name: 'sign-in', path: '/sign-in' },
            { name: 'applicant home', path: '/', cookie: applicant.cookieHeader },
          ],
        });
      });
    } catch (error) {
      lighthouse = `not available (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
    }
  }
  if (typeof lighthouse === 'string') console.log(`\nLighthouse: ${lighthouse}`);
  else {
    table(
      'Lighthouse 12 (Chromium, mobile)',
      ['page', 'performance', 'target ≥ 95', 'accessibility', 'target 100'],
      lighthouse.map((p) => [
        p.name,
        p.performance,
        verdict(p.performance >= 95),
        p.accessibility,
        verdict(p.accessibility >= 100),
      ]),
    );
  }
  return { initialJsGzipKb: initialKb, lighthouse };
}

// ─── The run ─────────────────────────────────────────────────────────────────────────────────

async function main() {
  const started = performance.now();
  mkdirSync(join(BENCH_DIR, 'run'), { recursive: true });
  console.log(
    `pnpm bench: sizes ${SIZES.join(', ')}; ${DURATION} s runs; product ${productMode() === 'built' ? 'built (dist/server.js)' : 'from source (tsx: run pnpm --filter @cf/api build for the built server)'}; ` +
      (PINNED
        ? 'server on core 0, load generator on core 1 (taskset)'
        : 'NOT pinned (no taskset here): server and load generator share the cores'),
  );
  const needsMain = runs('reads') || runs('writes') || runs('spike') || runs('web');
  const data = needsMain ? await benchData(MAIN, POOL) : undefined;
  if (data) buildLine(data, MAIN);
  let readFigures: Record<string, ReadFigures> | undefined;
  if (data && runs('reads')) result.reads = readFigures = await readsSection(data);
  if (data && runs('writes')) result.writes = await writesSection(data);
  if (data && runs('spike')) result.spike = await spikeSection(data);
  if (runs('scale')) result.scale = await scaleSection(readFigures);
  if (data && runs('web')) result.web = await webSection(data);
  // The copies of the database each section ran on (the recorded plans.json stays, to read).
  for (const entry of readdirSync(join(BENCH_DIR, 'run'), { withFileTypes: true })) {
    if (entry.isDirectory()) rmSync(join(BENCH_DIR, 'run', entry.name), { recursive: true, force: true });
  }
  result.seconds = (performance.now() - started) / 1000;
  writeFileSync(join(BENCH_DIR, 'last.json'), JSON.stringify(result, null, 2));
  console.log(`\nDone in ${Math.round(result.seconds as number)} s; figures in apps/api/.bench/last.json`);
}

await main();
