/**
 * The processes of a bench run: the product server and the ceiling pinned to core 0, the load
 * generator pinned to core 1 (`taskset`; without it, unpinned, and the output says so), and a
 * browser-like client that signs the demo users in over loopback (cookies, CSRF header, TOTP).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeAt, stepAt } from '../src/modules/auth/totp.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../src/seed/demo.js';
import { API_ROOT, BENCH_DIR } from './data.js';
import type { LoadResult, LoadSpec } from './load.js';

const WEB_DIST = join(API_ROOT, '..', 'web', 'dist');

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
    execFileSync('taskset', ['-c', '1', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
export const PINNED = hasTaskset();

/** A command pinned to one core when taskset works here. */
function pinned(core: number, command: string, args: string[]): [string, string[]] {
  return PINNED ? ['taskset', ['-c', String(core), command, ...args]] : [command, args];
}

export interface Running {
  url: string;
  child: ChildProcess;
  /** CPU time the server process has used so far (user + system, ms); NaN without /proc. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** A process's CPU time (user + system) from /proc/<pid>/stat, in ms. */
function processCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command's closing bracket: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function start(
  command: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<Running> {
  const [cmd, argv] = pinned(0, command, args);
  const child = spawn(cmd, argv, {
    cwd: API_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }
    });
  return new Promise((resolve, reject) => {
    let out = '';
    let found = false;
    const timer = setTimeout(() => reject(new Error(`Did not start: ${out}`)), 120_000);
    const onData = (chunk: Buffer) => {
      if (found) return; // drained and dropped: the log must never block the server
      out += chunk.toString();
      const match = ready.exec(out);
      if (match?.[1]) {
        found = true;
        clearTimeout(timer);
        resolve({
          url: match[1].replace('localhost', '127.0.0.1'),
          child,
          cpuMs: () => processCpuMs(child.pid),
          stop,
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!found) reject(new Error(`Stopped (${code}): ${out}`));
    });
  });
}

/** How the product server is run: the built bundle when there is one (better), else from source. */
export function productMode(): 'built' | 'tsx' {
  return existsSync(join(API_ROOT, 'dist', 'server.js')) ? 'built' : 'tsx';
}

/**
 * The product as `pnpm start` runs it, production settings, limits lifted for the load. `env` adds
 * or changes settings (PostgreSQL's DATABASE_URL, the demo data; bench/postgres.ts).
 */
export function startProduct(databasePath: string, env: Record<string, string> = {}): Promise<Running> {
  const args = productMode() === 'built' ? ['dist/server.js'] : ['--import', 'tsx', 'src/server.ts'];
  return start(
    process.execPath,
    args,
    {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_PATH: databasePath,
      DATA_DIR: join(databasePath, '..', 'files'),
      COOKIE_SECURE: 'false',
      RUN_JOBS: 'false',
      // Warnings and errors only: the bench measures the product, not a log pipe.
      LOG_LEVEL: 'warn',
      WEB_DIST: existsSync(join(WEB_DIST, 'index.html')) ? WEB_DIST : '',
      // What the e2e server sets, and more: the bench is one address making thousands of requests.
      RATE_LIMIT_PER_MINUTE: '100000000',
      REGISTRATIONS_PER_HOUR: '100000',
      PASSWORD_RESETS_PER_HOUR: '100000',
      LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
      ...env,
    },
    /running at (http:\/\/\S+)/,
  );
}

export function startCeiling(databasePath: string, plansPath: string): Promise<Running> {
  return start(
    process.execPath,
    ['--import', 'tsx', 'bench/ceiling.ts', databasePath, plansPath],
    {},
    /ceiling at (http:\/\/\S+)/,
  );
}

/** A fresh copy of the cached database for one run (runs write: sessions, the write pools). */
export function runCopy(source: string, name: string): string {
  const dir = join(BENCH_DIR, 'run', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'files'), { recursive: true });
  const path = join(dir, 'bench.sqlite');
  copyFileSync(source, path);
  return path;
}

let loads = 0;
/** Runs autocannon in its own process, pinned to core 1. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  loads += 1;
  const specPath = join(BENCH_DIR, 'run', `load-${process.pid}-${loads}.json`);
  writeFileSync(specPath, JSON.stringify(spec));
  const [cmd, argv] = pinned(1, process.execPath, ['--import', 'tsx', 'bench/load.ts', specPath]);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd: API_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.on('exit', (code) => {
      rmSync(specPath, { force: true });
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{'))
        reject(new Error(`The load generator failed (${code}): ${err}`));
      else resolve(JSON.parse(line) as LoadResult);
    });
  });
}

/** A browser-like client over loopback: keeps cookies, sends the CSRF header. */
export class Client {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** The headers a browser sends with a request of this method (JSON body when it has one). */
  headers(method: string): Record<string, string> {
    const headers: Record<string, string> = { cookie: this.cookieHeader };
    if (method !== 'GET') {
      headers['x-csrf-token'] = this.cookies.get('csrf_token') ?? '';
      headers['content-type'] = 'application/json';
    }
    return headers;
  }

  async request(method: string, path: string, body?: unknown) {
    if (!this.cookies.has('csrf_token') && method !== 'GET') await this.request('GET', '/api/health');
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: this.headers(method),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const text = await response.text();
    return { status: response.status, text };
  }
}

/** Signs a demo user in: the password, then for staff the demo authenticator's code. */
export async function signIn(base: string, email: string): Promise<Client> {
  const client = new Client(base);
  const login = await client.request('POST', '/api/auth/login', { email, password: DEMO_PASSWORD });
  if (login.status !== 200) throw new Error(`${email} could not sign in: ${login.text}`);
  if (!login.text.includes('"totp"')) return client;
  // A code is used once per account: wait for the next step when this one's is spent.
  for (let attempt = 0; attempt < 3; attempt++) {
    const code = codeAt(DEMO_TOTP_SECRET, stepAt(new Date()));
    const second = await client.request('POST', '/api/auth/second-factor', { code });
    if (second.status === 200) return client;
    await new Promise((resolve) => setTimeout(resolve, 31_000 - (Date.now() % 30_000)));
  }
  throw new Error(`${email} could not pass the second factor`);
}
