/**
 * One OS process of the cross-process race in concurrency.test.ts (not a test itself; vitest runs
 * only *.test.ts). It builds the real app on the test's database (SQLite or PostgreSQL), signs in as an officer, tells
 * the parent it is ready, and on "go" (which carries the decision to try) sends one panel decision
 * through app.inject, then reports the answer and exits.
 * Run as: node --import tsx race-worker.ts '<RaceWorker as JSON>', with an IPC channel (fork).
 */
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_PASSWORD } from '../../../src/seed/demo.js';
import { buildWorkerApp, doOnGo, tellParent, type WorkerDatabase } from '../../support/worker-process.js';

/** Who the worker is: the database it opens and the officer it signs in as. */
export interface RaceWorker extends WorkerDatabase {
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

/** The answer the decision got. */
export interface RaceAnswer {
  statusCode: number;
  body: string;
}

const order = JSON.parse(process.argv[2] ?? '{}') as RaceWorker;
const app = await buildWorkerApp(order);

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
  await tellParent({
    type: 'failed',
    message: `Sign-in as ${order.email} failed: ${signedIn.statusCode} ${signedIn.body}`,
  });
  await app.close();
  process.disconnect();
} else {
  await doOnGo(app, async (go: RaceGo): Promise<RaceAnswer> => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/bids/${go.bidId}/decision`,
      headers: headers(),
      payload: JSON.stringify({ panelDate: go.panelDate, decision: go.decision }),
    });
    return { statusCode: response.statusCode, body: response.body };
  });
}
