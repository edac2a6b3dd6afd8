// Runs every suite in turn — lint, types, unit and integration tests, build, browser journeys —
// even when one fails, then prints one line totalling them all: "N passed, N failed".
// `pnpm test` runs this; scripts/test.sh installs what it needs first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePostgres, startCluster } from './postgres-cluster.mjs';

const root = join(import.meta.dirname, '..');
const results = join(root, '.results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

let passed = 0;
let failed = 0;
const problems = [];

function run(label, command, args, cwd = root, env = {}) {
  console.log(`\n━━ ${label}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, CI: process.env.CI ?? '1', ...env },
  });
  console.log(
    `── ${label}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  return result.status === 0;
}

/** A check that is not a test suite (lint, types, build) counts as one test. */
function check(label, command, args) {
  if (run(label, command, args)) passed++;
  else {
    failed++;
    problems.push(label);
  }
}

function vitest(label, dir, env = {}, options = []) {
  const output = join(results, `${label.replace(/\W+/g, '-')}.json`);
  const ok = run(
    label,
    'pnpm',
    [
      'exec',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${output}`,
      ...options,
    ],
    join(root, dir),
    env,
  );
  if (!existsSync(output)) {
    failed++;
    problems.push(`${label} (no results: the suite did not run)`);
    return;
  }
  const report = JSON.parse(readFileSync(output, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A file that fails to load, or whose beforeAll fails (its tests are then reported skipped),
  // counts as a failure even though no test inside it failed.
  const brokenFiles = report.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  ).length;
  failed += brokenFiles;
  // vitest failed for a reason none of its files shows (an error outside any test): one failure.
  if (!ok && report.numFailedTests === 0 && brokenFiles === 0) failed++;
  if (!ok || report.numFailedTests > 0 || brokenFiles > 0) problems.push(label);
}

function playwright() {
  const output = join(root, 'e2e', '.results', 'results.json');
  rmSync(output, { force: true });
  const ok = run(
    'browser journeys (Playwright + axe)',
    'pnpm',
    ['exec', 'playwright', 'test'],
    join(root, 'e2e'),
  );
  if (!existsSync(output)) {
    failed++;
    problems.push('browser journeys (no results: the suite did not run)');
    return;
  }
  const { stats } = JSON.parse(readFileSync(output, 'utf8'));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  if (stats.flaky > 0)
    console.log(
      `\nWarning: ${stats.flaky} browser journey(s) passed only on a retry (flaky): see the list above.`,
    );
  if (!ok || stats.unexpected > 0) problems.push('browser journeys');
}

check('lint and format (Biome)', 'pnpm', ['exec', 'biome', 'ci', '--colors=off', '.']);
check('types (tsc, every package)', 'pnpm', ['-r', 'run', 'typecheck']);
vitest('shared', 'packages/shared');
vitest('web', 'apps/web');
vitest('api', 'apps/api');
// The same API suite on PostgreSQL (decision 0035), on a throwaway cluster; tests that are about
// SQLite itself say so and are skipped there.
if (ensurePostgres()) {
  const cluster = startCluster();
  try {
    // Three test files at once: each spends most of its time waiting for PostgreSQL's answers, so
    // one at a time leaves a core idle (measured: the module tests take 6 minutes, not 10.5).
    vitest('api on PostgreSQL', 'apps/api', { TEST_DATABASE_URL: cluster.url }, ['--maxWorkers=3']);
  } finally {
    cluster.stop();
  }
} else {
  failed++;
  problems.push('api on PostgreSQL (no PostgreSQL here, and it could not be installed)');
}
const built = run('build', 'pnpm', ['build']);
if (built) {
  passed++;
  playwright();
} else {
  failed++;
  problems.push('build (so the browser journeys could not run)');
}

if (problems.length > 0) console.log(`\nFailed: ${problems.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
// A suite that failed in a way no count above caught still fails the run.
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
