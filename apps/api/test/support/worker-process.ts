// Starts a second OS process of the product for the tests that prove a rule across processes (two
// servers on one database): the worker file builds the real app itself, says "ready", does one
// thing on "go", and answers with its result (node --import tsx, with an IPC channel).
import { type ChildProcess, fork } from 'node:child_process';
import { type App, buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { apiRoot } from '../../src/paths.js';

export type WorkerMessage<R> =
  | { type: 'ready' }
  | { type: 'result'; result: R }
  | { type: 'failed'; message: string };

export interface WorkerProcess<R> {
  child: ChildProcess;
  ready: Promise<void>;
  result: Promise<R>;
}

/** The database a worker process opens: the test app's own (a SQLite file, or PostgreSQL's URL). */
export interface WorkerDatabase {
  databasePath: string;
  databaseUrl?: string;
  dataDir: string;
}

/** Starts `file` with `order` as its argument; `ready` and `result` reject if it fails or stops. */
export function startWorkerProcess<R>(file: string, order: unknown): WorkerProcess<R> {
  const child = fork(file, [JSON.stringify(order)], {
    execPath: process.execPath,
    execArgv: ['--import', 'tsx'],
    cwd: apiRoot(),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`A worker process stopped (exit code ${code}): ${output}`)),
    );
  });
  const answer = <T>(pick: (message: WorkerMessage<R>) => T | undefined) =>
    Promise.race([
      new Promise<T>((resolve, reject) => {
        child.on('message', (message: WorkerMessage<R>) => {
          if (message.type === 'failed') reject(new Error(message.message));
          const value = pick(message);
          if (value !== undefined) resolve(value);
        });
      }),
      exited,
    ]);
  const ready = answer((m) => (m.type === 'ready' ? true : undefined)).then(() => undefined);
  const result = answer((m) => (m.type === 'result' ? { value: m.result } : undefined)).then((r) => r.value);
  ready.catch(() => undefined);
  result.catch(() => undefined);
  return { child, ready, result };
}

/** In the worker: tells the parent process something (and waits until it is sent). */
export function tellParent<R>(message: WorkerMessage<R>): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) {
      reject(new Error('A worker process must be started with an IPC channel (startWorkerProcess)'));
      return;
    }
    process.send(message, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

/** In the worker: the real app on the parent test's database, as a second server would run it. */
export async function buildWorkerApp(order: WorkerDatabase): Promise<App> {
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
  return app;
}

/** The database of a test app, for its worker processes. */
export function workerDatabaseOf(app: App): WorkerDatabase {
  return {
    databasePath: app.config.DATABASE_PATH,
    databaseUrl: app.config.DATABASE_URL,
    dataDir: app.config.DATA_DIR,
  };
}

/**
 * In the worker: on the parent's word to go, does `work` once, tells the parent its result (or why
 * it failed), closes the app and ends. Then says it is ready.
 */
export async function doOnGo<Go, R>(app: App, work: (go: Go) => Promise<R> | R): Promise<void> {
  process.once('message', async (go: Go) => {
    try {
      await tellParent<R>({ type: 'result', result: await work(go) });
    } catch (error) {
      await tellParent({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
    await app.close();
    process.disconnect();
  });
  await tellParent({ type: 'ready' });
}
