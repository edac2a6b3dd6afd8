// Runs in a worker thread: holds one PostgreSQL connection and answers the main thread's queries,
// which waits on a shared flag (sync-client.ts). Plain JS so it runs without a TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';

pg.types.setTypeParser(20, (v) => Number(v)); // int8: counts and sums are numbers, as in SQLite
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric

const { url, signal, port } = workerData;
const flag = new Int32Array(signal);
const client = new pg.Client({ connectionString: url });

function answer(message) {
  port.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

try {
  await client.connect();
  answer({ ready: true });
} catch (error) {
  answer({ error: { message: String(error?.message ?? error) } });
}

parentPort.on('message', async (m) => {
  if (m.close) {
    await client.end().catch(() => {});
    answer({ closed: true });
    return;
  }
  try {
    const r = await client.query({ text: m.sql, values: m.params, rowMode: m.rowMode });
    answer({ rows: r.rows, rowCount: r.rowCount ?? 0 });
  } catch (error) {
    answer({
      error: { message: error.message, code: error.code, detail: error.detail, constraint: error.constraint },
    });
  }
});
