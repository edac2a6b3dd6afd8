import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** How long the built server may take to start (migrations and the demo seed included). */
const START_LIMIT_MS = 60_000;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Starts the built product — the same `node apps/api/dist/server.js` as `pnpm start` — on
 * 127.0.0.1 at a free port, with a new demo database in a temporary folder. Tests read the
 * address from E2E_BASE_URL. Returns the teardown that stops it.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.E2E_BASE_URL) return async () => {};
  const dir = mkdtempSync(join(tmpdir(), 'cf-e2e-'));
  const server: ChildProcess = spawn(process.execPath, [join(root, 'apps/api/dist/server.js')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_PATH: join(dir, 'e2e.sqlite'),
      DATA_DIR: join(dir, 'files'),
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      // Journeys sign in and register many times from one address; keep the per-address limits out
      // of their way (the API tests prove each limit: test/plugins/external/rate-limit.test.ts,
      // test/modules/accounts).
      LOGIN_MAX_FAILURES_PER_ADDRESS: '1000',
      RATE_LIMIT_PER_MINUTE: '100000',
      REGISTRATIONS_PER_HOUR: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('The server did not start within 60 seconds')),
      START_LIMIT_MS,
    );
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    };
    server.stdout?.on('data', onData);
    server.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    server.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server stopped at start (exit code ${code}):\n${output}`));
    });
  });
  process.env.E2E_BASE_URL = url;

  return async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  };
}
