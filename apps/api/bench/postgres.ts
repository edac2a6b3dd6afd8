/**
 * `pnpm --filter @cf/api bench:postgres [--duration 10]` (after `pnpm build`): the same product on
 * SQLite, on PostgreSQL with one server, and on PostgreSQL with two servers sharing the database
 * (decision 0035), on the demo data, under the same reads. Prints requests a second and p50/p99
 * for each, and PostgreSQL's round trip. Figures, not a test: a machine of 2 cores runs the
 * servers, PostgreSQL and the load generator together, so the two-server figure shows what the
 * way of working costs, not what two machines would serve. Needs PostgreSQL installed (Debian's
 * package; scripts/postgres-cluster.mjs starts a throwaway cluster as the `postgres` user).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startCluster } from '../../../scripts/postgres-cluster.mjs';
import { SyncPg } from '../src/db/pg/sync-client.js';
import type { LoadResult, LoadTarget } from './load.js';
import { fmt, table } from './print.js';
import { type Client, productMode, type Running, runLoad, signIn, startProduct } from './servers.js';

const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' } } });
const DURATION = Number(values.duration);
const CONNECTIONS = 8;

interface Setup {
  name: string;
  servers: Running[];
}

function target(client: Client, path: string): LoadTarget {
  return { method: 'GET', path, headers: client.headers('GET') };
}

/** The reads: the officer's bid list, one bid, the fund's budget; the applicant's own bids. */
async function readsOf(base: string): Promise<{ name: string; targets: LoadTarget[] }[]> {
  const officer = await signIn(base, 'officer@demo.test');
  const applicant = await signIn(base, 'applicant@demo.test');
  const list = JSON.parse((await officer.request('GET', '/api/bids?pageSize=25')).text) as {
    bids: { id: string; fundId: string }[];
  };
  const first = list.bids[0];
  if (!first) throw new Error('The demo has no bids');
  return [
    { name: 'bids list (officer)', targets: [target(officer, '/api/bids?pageSize=25')] },
    { name: 'one bid (officer)', targets: [target(officer, `/api/bids/${first.id}`)] },
    { name: 'budget (officer)', targets: [target(officer, `/api/funds/${first.fundId}/budget`)] },
    { name: 'my bids (applicant)', targets: [target(applicant, '/api/bids')] },
  ];
}

/** The same load spread over the setup's servers (one autocannon each), answers added up. */
async function load(setup: Setup, targets: LoadTarget[]): Promise<LoadResult> {
  const results = await Promise.all(
    setup.servers.map((server) =>
      runLoad({
        url: server.url,
        connections: Math.max(1, Math.round(CONNECTIONS / setup.servers.length)),
        duration: DURATION,
        targets,
      }),
    ),
  );
  const requests = results.reduce((sum, r) => sum + r.requests, 0);
  const seconds = Math.max(...results.map((r) => r.seconds));
  return {
    requests,
    seconds,
    rps: requests / seconds,
    p50: Math.max(...results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    mean: results.reduce((sum, r) => sum + r.mean * r.requests, 0) / Math.max(1, requests),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    samples: results.flatMap((r) => r.samples),
  };
}

function roundTripMicros(url: string): number {
  const client = new SyncPg(url);
  try {
    for (let i = 0; i < 500; i++) client.query('select 1');
    const started = process.hrtime.bigint();
    const n = 5_000;
    for (let i = 0; i < n; i++) client.query('select 1');
    return Number(process.hrtime.bigint() - started) / 1_000 / n;
  } finally {
    client.close();
  }
}

async function main(): Promise<void> {
  if (productMode() !== 'built')
    throw new Error('Run `pnpm build` first: the bench measures the built server.');
  const work = mkdtempSync(join(tmpdir(), 'cf-bench-pg-'));
  const cluster = startCluster();
  if (!cluster) throw new Error('No PostgreSQL here (apt-get install -y postgresql).');
  const running: Running[] = [];
  try {
    const admin = new SyncPg(`${cluster.url}/postgres`);
    admin.query('CREATE DATABASE bench');
    admin.close();
    const url = `${cluster.url}/bench`;
    const files = join(work, 'files');

    const sqlite = await startProduct(join(work, 'bench.sqlite'), { SEED_DEMO: 'true', DATA_DIR: files });
    running.push(sqlite);
    // The first PostgreSQL server migrates and seeds; the second finds both done.
    const pg1 = await startProduct(join(work, 'unused.sqlite'), {
      SEED_DEMO: 'true',
      DATABASE_URL: url,
      DATA_DIR: files,
    });
    running.push(pg1);
    const pg2 = await startProduct(join(work, 'unused.sqlite'), { DATABASE_URL: url, DATA_DIR: files });
    running.push(pg2);

    const setups: Setup[] = [
      { name: 'SQLite, 1 server', servers: [sqlite] },
      { name: 'PostgreSQL, 1 server', servers: [pg1] },
      { name: 'PostgreSQL, 2 servers', servers: [pg1, pg2] },
    ];
    const rows: (string | number)[][] = [];
    for (const setup of setups) {
      // Sessions live in the database: signed in at the first server, served by either.
      const reads = await readsOf(setup.servers[0]?.url ?? '');
      for (const read of reads) {
        const r = await load(setup, read.targets);
        rows.push([setup.name, read.name, fmt.rps(r.rps), fmt.ms(r.p50), fmt.ms(r.p99), r.errors + r.non2xx]);
      }
    }
    console.log(
      `\nDemo data; ${CONNECTIONS} connections for ${DURATION} s each; product built (dist/server.js).`,
    );
    table(
      'SQLite and PostgreSQL, the same reads',
      ['database', 'read', 'req/s', 'p50', 'p99', 'errors'],
      rows,
    );
    console.log(
      `\nPostgreSQL round trip through the worker thread (select 1): ${Math.round(roundTripMicros(url))} µs`,
    );
  } finally {
    for (const server of running) await server.stop();
    cluster.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
