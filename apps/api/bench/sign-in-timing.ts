/**
 * How long a sign-in takes for an unknown email and for a known email with a wrong password.
 * The two should be about the same, so response times do not tell a guesser which emails have
 * accounts. Prints figures only; nothing is asserted (shared machines are too noisy for that).
 *
 *   pnpm --filter @cf/api bench:sign-in
 *
 * Edit when the sign-in route or the demo users change.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { ManualClock } from '../src/lib/clock.js';
import { ACCOUNT_SPACING_MS } from '../src/modules/auth/rules.js';

const RUNS = 30;
const dir = mkdtempSync(join(tmpdir(), 'cf-bench-'));

// The account is slowed after a few failures (one attempt a minute): move this clock on between
// attempts, so every attempt is judged on the password.
const clock = new ManualClock();
const app = await buildApp({
  clock,
  config: loadConfig({
    NODE_ENV: 'test',
    DATABASE_PATH: join(dir, 'bench.sqlite'),
    DATA_DIR: join(dir, 'files'),
    SEED_DEMO: 'true',
    WEB_DIST: '',
    // High enough that no attempt here is throttled: we time the password check, not the refusal.
    LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: '100000',
    LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
    RATE_LIMIT_PER_MINUTE: '100000',
  }),
});
await app.ready();

const csrf = 'bench-csrf-token-0123456789abcdefghijklmnopqrstuvwxyz';

async function signIn(email: string): Promise<number> {
  clock.advance(ACCOUNT_SPACING_MS);
  const started = performance.now();
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { cookie: `csrf_token=${csrf}`, 'x-csrf-token': csrf, 'content-type': 'application/json' },
    payload: JSON.stringify({ email, password: 'not-the-right-password' }),
  });
  const elapsed = performance.now() - started;
  if (response.statusCode !== 401)
    throw new Error(`Expected 401, got ${response.statusCode}: ${response.body}`);
  return elapsed;
}

function summary(times: number[]): { median: number; p95: number; min: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { median: at(0.5), p95: at(0.95), min: sorted[0] ?? Number.NaN, max: sorted.at(-1) ?? Number.NaN };
}

try {
  // Warm up both paths (the dummy hash is made on first use).
  await signIn('warm-up-nobody@demo.test');
  await signIn('officer@demo.test');

  const unknown: number[] = [];
  const wrong: number[] = [];
  // Interleaved, so drift in machine load affects both alike.
  for (let i = 0; i < RUNS; i++) {
    unknown.push(await signIn(`nobody-${i}@demo.test`));
    wrong.push(await signIn('officer@demo.test'));
  }

  const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const fmt = (n: number) => `${oneDecimal.format(n).padStart(7)} ms`;
  console.log(`Sign-in response times, ${RUNS} of each (lower is faster):`);
  console.log('                    median        p95        min        max');
  for (const [label, times] of [
    ['unknown email ', unknown],
    ['wrong password', wrong],
  ] as const) {
    const s = summary(times);
    console.log(`  ${label}  ${fmt(s.median)} ${fmt(s.p95)} ${fmt(s.min)} ${fmt(s.max)}`);
  }
  const difference = summary(wrong).median - summary(unknown).median;
  console.log(`  median difference (wrong password − unknown email): ${oneDecimal.format(difference)} ms`);
} finally {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}
