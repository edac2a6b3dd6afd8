/**
 * A second server, for two-servers.test.ts (not a test itself): builds the real app on the test's
 * database and uploaded files, and on "go" answers the requests it is given (with the cookies the
 * first server set), then reports each answer's status and body (base64, for files) and exits.
 * Run as: node --import tsx request-worker.ts '<WorkerDatabase as JSON>', with an IPC channel.
 */
import { buildWorkerApp, doOnGo, type WorkerDatabase } from '../support/worker-process.js';

export interface ForwardedRequest {
  method: 'GET';
  url: string;
  headers: Record<string, string>;
}

export interface ForwardedAnswer {
  statusCode: number;
  body: string;
}

const app = await buildWorkerApp(JSON.parse(process.argv[2] ?? '{}') as WorkerDatabase);
await doOnGo(app, async (go: { type: 'go'; requests: ForwardedRequest[] }) => {
  const answers: ForwardedAnswer[] = [];
  for (const request of go.requests) {
    const response = await app.inject(request);
    answers.push({ statusCode: response.statusCode, body: response.rawPayload.toString('base64') });
  }
  return answers;
});
