// Runs in a worker thread: holds one PostgreSQL connection and answers the main thread's queries,
// which waits on a shared flag (sync-client.ts). Plain JS so it runs without a TypeScript loader.
//
// A lost connection (PostgreSQL restarted, a failover, a network cut) is made again for the next
// query, so the server recovers by itself. Never in the middle of a transaction: had the next
// statement run on a new connection, it would commit on its own while the ones before it were lost.
// So once the connection is lost inside a transaction, every statement is refused until the
// transaction ends (its ROLLBACK answers at once; its COMMIT is refused), and only then connects.
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';

pg.types.setTypeParser(20, (v) => Number(v)); // int8: counts and sums are numbers, as in SQLite
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric

const { url, signal, port } = workerData;
const flag = new Int32Array(signal);

/** The connection, or null until the next query connects. */
let client = null;
let inTransaction = false;
/** The connection was lost inside a transaction, which has not ended yet. */
let lostInTransaction = false;

const LOST = { message: 'The connection to PostgreSQL was lost', code: '08006' };

function answer(message) {
  port.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

function errorOf(error) {
  return { message: error.message, code: error.code, detail: error.detail, constraint: error.constraint };
}

/** A connection error (SQLSTATE class 08, the server shutting down, or the socket's own). */
function isLostConnection(error) {
  const code = error?.code;
  return !code || code.startsWith('08') || code.startsWith('57P') || /^E[A-Z]+$/.test(code);
}

function forget(lost) {
  if (client !== lost) return;
  client = null;
  lost.end().catch(() => {});
  if (inTransaction) lostInTransaction = true;
  inTransaction = false;
}

async function connected() {
  if (client) return client;
  // PostgreSQL gives up on a statement a little before the waiting thread would (sync-client.ts).
  const fresh = new pg.Client({ connectionString: url, statement_timeout: 25_000 });
  // Lost while idle: the next query connects again.
  fresh.on('error', () => forget(fresh));
  await fresh.connect();
  client = fresh;
  return fresh;
}

try {
  await connected();
  answer({ id: 0, ready: true });
} catch (error) {
  answer({ id: 0, error: { message: String(error?.message ?? error), code: error?.code } });
}

parentPort.on('message', async (m) => {
  if (m.close) {
    await client?.end().catch(() => {});
    answer({ id: m.id, closed: true });
    return;
  }
  const begins = /^\s*begin\b/i.test(m.sql);
  const ends = /^\s*(commit|rollback|end|abort)\b(?!\s+to\b)/i.test(m.sql);
  if (lostInTransaction) {
    if (ends) lostInTransaction = false;
    if (ends && /^\s*(rollback|abort)\b/i.test(m.sql)) answer({ id: m.id, rows: [], rowCount: 0 });
    else answer({ id: m.id, error: LOST });
    return;
  }
  let used = null;
  try {
    used = await connected();
    const r = await used.query({ text: m.sql, values: m.params, rowMode: m.rowMode });
    if (begins) inTransaction = true;
    if (ends) inTransaction = false;
    answer({ id: m.id, rows: r.rows, rowCount: r.rowCount ?? 0 });
  } catch (error) {
    if (isLostConnection(error)) {
      if (used) forget(used);
      // The statement that found the connection lost ends nothing: what follows is refused.
      if (ends) lostInTransaction = false;
    } else if (ends) {
      inTransaction = false;
    }
    answer({ id: m.id, error: errorOf(error) });
  }
});
