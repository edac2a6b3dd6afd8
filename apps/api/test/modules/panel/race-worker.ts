/**
 * One OS process of the cross-process race in concurrency.test.ts (not a test itself; vitest runs
 * only *.test.ts). It builds the real app on the test's SQLite file, signs in as an officer, tells
 * the parent it is ready, and on "go" (which carries the decision to try) sends one panel decision
 * through app.inject, then reports the answer and exits.
 * Run as: node --import tsx race-worker.ts '<RaceWorker as JSON>', with an IPC channel (fork).
 */
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { DEMO_PASSWORD } from '../../../src/seed/demo.js';

/** Who the worker is: the database it opens and the officer it signs in as. */
export interface RaceWorker {
  databasePath: string;
  /** The PostgreSQL database instead, when the suite runs on PostgreSQL (TEST_DATABASE_URL). */
  databaseUrl?: string;
  dataDir: string;
  email: string;
  /** A recovery code for the officer's second factor (the worker's clock is the real one). */
  recoveryCode: string;
}

/** What the parent sends when every worker is ready: the decision to try, all at once. */
export interface RaceGo {
  type: 'go';
  bidId: string;
  panelDate: string;
  decision: Record<string, unknown>;
}

export type RaceMessage =
  | { type: 'ready' }
  | { type: 'result'; statusCode: number; body: string }
  | { type: 'failed'; message: string };

function send(message: RaceMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) {
      reject(new Error('race-worker must be started with an IPC channel (child_process.fork)'));
      return;
    }
    process.send(message, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

const order = JSON.parse(process.argv[2] ?? '{}') as RaceWorker;
const app = await buildApp({
  config: loadConfig({
    NODE_ENV: 'test',
    DATABASE_PATH: order.databasePath,
    ...(order.databaseUrl ? { DATABASE_URL: order.databaseUrl } : {}),
    DATA_DIR: order.dataDir,
    SEED_DEMO: 'false',
    WEB_DIST: '',
    LOG_LEVEL: 'silent',
  }),
});
await app.ready();

const cookies = new Map<string, string>();
const keep = (response: LightMyRequestResponse) => {
  for (const cookie of response.cookies) cookies.set(cookie.name, cookie.value);
};
const headers = () => ({
  cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
  'x-csrf-token': cookies.get('csrf_token') ?? '',
  'content-type': 'application/json',
});

keep(await app.inject({ method: 'GET', url: '/api/health' }));
const login = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  headers: headers(),
  payload: JSON.stringify({ email: order.email, password: DEMO_PASSWORD }),
});
keep(login);
const signedIn =
  login.statusCode === 200
    ? await app.inject({
        method: 'POST',
        url: '/api/auth/second-factor',
        headers: headers(),
        payload: JSON.stringify({ code: order.recoveryCode }),
      })
    : login;
keep(signedIn);
if (signedIn.statusCode !== 200) {
  await send({
    type: 'failed',
    message: `Sign-in as ${order.email} failed: ${signedIn.statusCode} ${signedIn.body}`,
  });
  await app.close();
  process.disconnect();
} else {
  process.once('message', async (go: RaceGo) => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/bids/${go.bidId}/decision`,
      headers: headers(),
      payload: JSON.stringify({ panelDate: go.panelDate, decision: go.decision }),
    });
    await send({ type: 'result', statusCode: response.statusCode, body: response.body });
    await app.close();
    process.disconnect();
  });
  await send({ type: 'ready' });
}
