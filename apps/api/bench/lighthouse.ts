/**
 * Lighthouse 12 against the built product (issue 12, item 1): performance and accessibility of the
 * sign-in page and the applicant's home page, on Lighthouse's mobile profile with its default
 * simulated throttling (a mid-range phone on a slow 4G connection), in Debian's Chromium.
 *
 *   pnpm build && pnpm --filter @cf/api bench:lighthouse [--runs 3] [--out <folder>]
 *
 * The command starts `apps/api/dist/server.js` itself (a fresh demo database in a temporary folder,
 * 127.0.0.1, a free port), signs in as the demo applicant through the API, audits both pages and
 * stops the server. With several runs, each page's median run (by performance) is reported: the
 * simulation scales the CPU time it observes, so a busy machine scores lower. `--out` keeps each
 * run's full report (HTML and JSON) for reading what Lighthouse flagged.
 *
 * Targets: performance ≥ 95, accessibility 100. Prints figures and exits 0 either way; it is a
 * measurement, not a test (decision 0032).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launch } from 'chrome-launcher';
import lighthouse, { type Flags, type Result, type RunnerResult } from 'lighthouse';

export interface LighthousePage {
  name: string;
  /** Path from the base URL, e.g. `/sign-in`. */
  path: string;
  /** Sent as the Cookie header of every request the page makes (a signed-in session). */
  cookie?: string;
}

export interface LighthouseScore {
  name: string;
  /** 0–100, as Lighthouse shows it. */
  performance: number;
  /** 0–100. */
  accessibility: number;
  /** Milliseconds, except cumulative-layout-shift (unitless) and total-byte-weight (bytes). */
  metrics: Record<string, number>;
}

export interface LighthouseOptions {
  baseUrl: string;
  pages: LighthousePage[];
  /** Runs of each page; the median by performance is reported. Default 1. */
  runs?: number;
  /** Where to keep each run's report as `<page>-<run>.report.{html,json}`. */
  reportDir?: string;
}

export const TARGETS = { performance: 95, accessibility: 100 } as const;

/** The metrics Lighthouse's performance score is built from, plus the page weight. */
const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
  'total-byte-weight',
] as const;

const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface LighthouseRun extends LighthouseScore {
  /** The audits that did not pass, worst first: what to fix. */
  flagged: { id: string; title: string; score: number; display?: string }[];
}

/** Audits each page, one at a time, each in its own Chromium, and reports each page's median run. */
export async function runLighthouseRuns(opts: LighthouseOptions): Promise<LighthouseRun[]> {
  const runs = Math.max(1, opts.runs ?? 1);
  if (opts.reportDir) mkdirSync(opts.reportDir, { recursive: true });
  const results: LighthouseRun[] = [];
  for (const page of opts.pages) {
    // A new Chromium, with a new profile, for each page: Lighthouse resets storage between runs but
    // not cookies, and a cookie the server set on an earlier page would replace the Cookie header.
    const chrome = await launch({
      chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
      chromeFlags: CHROME_FLAGS,
      logLevel: 'silent',
    });
    try {
      const url = new URL(page.path, opts.baseUrl).toString();
      const flags: Flags = {
        port: chrome.port,
        logLevel: 'error',
        output: ['html', 'json'],
        onlyCategories: ['performance', 'accessibility'],
        // Lighthouse's default: the mobile form factor and simulated throttling. Named so a change
        // of default upstream does not change what we measure unnoticed.
        formFactor: 'mobile',
        throttlingMethod: 'simulate',
        ...(page.cookie ? { extraHeaders: { Cookie: page.cookie } } : {}),
      };
      const pageRuns: LighthouseRun[] = [];
      for (let run = 1; run <= runs; run++) {
        const result = await auditOnce(url, flags);
        const lhr = result.lhr;
        if (lhr.finalDisplayedUrl !== url) {
          throw new Error(`${url} ended at ${lhr.finalDisplayedUrl}: was the page redirected (signed out)?`);
        }
        if (page.cookie && !answeredSignedIn(result.artifacts.DevtoolsLog)) {
          throw new Error(`${url} was audited signed out: /api/auth/me did not answer 200 with the cookie`);
        }
        if (opts.reportDir && Array.isArray(result.report)) {
          const [html, json] = result.report;
          const base = join(opts.reportDir, `${page.name.replace(/\W+/g, '-')}-${run}.report`);
          writeFileSync(`${base}.html`, html ?? '');
          writeFileSync(`${base}.json`, json ?? '');
        }
        pageRuns.push(summarise(page.name, lhr));
      }
      pageRuns.sort((a, b) => a.performance - b.performance);
      results.push(pageRuns[Math.floor((pageRuns.length - 1) / 2)] as LighthouseRun);
    } finally {
      await chrome.kill();
    }
  }
  return results;
}

/** The scores alone: performance and accessibility (0–100) and the metrics, per page. */
export async function runLighthouse(opts: LighthouseOptions): Promise<LighthouseScore[]> {
  const runs = await runLighthouseRuns(opts);
  return runs.map(({ name, performance, accessibility, metrics }) => ({
    name,
    performance,
    accessibility,
    metrics,
  }));
}

/**
 * One Lighthouse run, tried a second time if Lighthouse itself failed (on a busy machine it now
 * and then loses the trace: NO_NAVSTART, NO_FCP).
 */
async function auditOnce(url: string, flags: Flags): Promise<RunnerResult> {
  let failure = '';
  for (let attempt = 1; attempt <= 2; attempt++) {
    const result = await lighthouse(url, flags);
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    if (!result.lhr.runtimeError) return result;
    failure = result.lhr.runtimeError.message;
  }
  throw new Error(`Lighthouse could not audit ${url}: ${failure}`);
}

/** Whether the page asked who is signed in and the API knew (200, not 401). */
function answeredSignedIn(log: { method: string; params: unknown }[]): boolean {
  return log.some((entry) => {
    if (entry.method !== 'Network.responseReceived') return false;
    const { response } = entry.params as { response: { url: string; status: number } };
    return new URL(response.url).pathname === '/api/auth/me' && response.status === 200;
  });
}

function summarise(name: string, lhr: Result): LighthouseRun {
  const score = (id: string) => {
    const value = lhr.categories[id]?.score;
    if (typeof value !== 'number') throw new Error(`Lighthouse gave no ${id} score for ${name}`);
    return Math.round(value * 100);
  };
  const metrics: Record<string, number> = {};
  for (const id of METRICS) {
    const value = lhr.audits[id]?.numericValue;
    if (typeof value === 'number') metrics[id] = value;
  }
  const inCategories = new Set(
    ['performance', 'accessibility'].flatMap(
      (id) => lhr.categories[id]?.auditRefs.map((ref) => ref.id) ?? [],
    ),
  );
  const flagged = Object.values(lhr.audits)
    .filter(
      (audit) =>
        inCategories.has(audit.id) &&
        typeof audit.score === 'number' &&
        audit.score < 0.9 &&
        audit.scoreDisplayMode !== 'informative' &&
        audit.scoreDisplayMode !== 'notApplicable',
    )
    .map((audit) => ({
      id: audit.id,
      title: audit.title,
      score: audit.score as number,
      ...(audit.displayValue ? { display: audit.displayValue } : {}),
    }))
    .sort((a, b) => a.score - b.score);
  return { name, performance: score('performance'), accessibility: score('accessibility'), metrics, flagged };
}

// ---------------------------------------------------------------------------------------------
// The command: start the built server, sign in, audit, print, stop.

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const START_LIMIT_MS = 60_000;

/** The built server on a free port with a new demo database, as e2e/global-setup.ts starts it. */
async function startServer(dir: string): Promise<{ url: string; server: ChildProcess }> {
  const entry = join(root, 'apps/api/dist/server.js');
  if (
    !existsSync(entry) ||
    !existsSync(join(process.env.WEB_DIST || join(root, 'apps/web/dist'), 'index.html'))
  ) {
    throw new Error('No built product: run pnpm build first (this command builds nothing itself).');
  }
  const server = spawn(process.execPath, [entry], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_PATH: join(dir, 'lighthouse.sqlite'),
      DATA_DIR: join(dir, 'files'),
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error('The server did not start within 60 seconds')),
      START_LIMIT_MS,
    );
    let output = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1].replace('localhost', '127.0.0.1'));
      }
    });
    server.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server stopped at start (exit code ${code}):\n${output}`));
    });
  });
  return { url, server };
}

/** Signs in through the API as a browser would (double-submit CSRF) and returns the cookies. */
async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = 'lighthouse-csrf-token-0123456789abcdefghijklmnop';
  const response = await fetch(new URL('/api/auth/login', baseUrl), {
    method: 'POST',
    headers: { cookie: `csrf_token=${csrf}`, 'x-csrf-token': csrf, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok)
    throw new Error(`Signing in as ${email} failed: ${response.status} ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((header) => header.split(';')[0] as string);
  if (cookies.length === 0) throw new Error(`Signing in as ${email} set no cookie`);
  return [`csrf_token=${csrf}`, ...cookies.filter((cookie) => !cookie.startsWith('csrf_token='))].join('; ');
}

function table(rows: LighthouseRun[]): string {
  const verdict = (value: number, target: number) =>
    `${value}`.padStart(3) + (value >= target ? ' meets ' : ' misses');
  const ms = (value: number | undefined) => (value === undefined ? '—' : `${Math.round(value)} ms`);
  const lines = [
    `${'page'.padEnd(16)} ${`performance (≥ ${TARGETS.performance})`.padEnd(22)} ${`accessibility (${TARGETS.accessibility})`.padEnd(22)} FCP       LCP       TBT      CLS    SI        weight`,
  ];
  for (const row of rows) {
    const m = row.metrics;
    lines.push(
      [
        row.name.padEnd(16),
        verdict(row.performance, TARGETS.performance).padEnd(22),
        verdict(row.accessibility, TARGETS.accessibility).padEnd(22),
        ms(m['first-contentful-paint']).padEnd(9),
        ms(m['largest-contentful-paint']).padEnd(9),
        ms(m['total-blocking-time']).padEnd(8),
        (m['cumulative-layout-shift'] ?? 0).toFixed(3).padEnd(6),
        ms(m['speed-index']).padEnd(9),
        `${Math.round((m['total-byte-weight'] ?? 0) / 1024)} KiB`,
      ].join(' '),
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '1' }, out: { type: 'string' } },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number, 1 or more');
  const dir = mkdtempSync(join(tmpdir(), 'cf-lighthouse-'));
  const { url, server } = await startServer(dir);
  try {
    const cookie = await signIn(url, 'applicant@demo.test', 'communities-fund-demo');
    const results = await runLighthouseRuns({
      baseUrl: url,
      runs,
      ...(values.out ? { reportDir: resolve(values.out) } : {}),
      pages: [
        { name: 'sign-in', path: '/sign-in' },
        { name: 'applicant home', path: '/', cookie },
      ],
    });
    console.log(
      `Lighthouse ${runs > 1 ? `(median of ${runs} runs) ` : ''}— mobile, simulated throttling, ${url}\n`,
    );
    console.log(table(results));
    for (const row of results) {
      if (row.flagged.length === 0) continue;
      console.log(`\n${row.name}: flagged`);
      for (const audit of row.flagged) {
        console.log(
          `  ${audit.score.toFixed(2)}  ${audit.id}: ${audit.title}${audit.display ? ` (${audit.display})` : ''}`,
        );
      }
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((done) => server.once('exit', done));
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
