import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

interface Answer {
  rows?: unknown[];
  rowCount?: number;
  ready?: boolean;
  closed?: boolean;
  error?: { message: string; code?: string; detail?: string; constraint?: string };
}

export class PgError extends Error {
  code: string | undefined;
  constructor(e: NonNullable<Answer['error']>) {
    super(e.message);
    this.code = e.code;
  }
}

/**
 * One PostgreSQL connection that answers synchronously, as better-sqlite3 does: the query goes to a
 * worker thread holding a `pg` client, and this thread waits on a shared flag until the answer is
 * there. The event loop is blocked while PostgreSQL works, exactly as it is while SQLite works.
 */
export class SyncPg {
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  /** Never set: waiting on it is a synchronous pause. */
  private readonly pauseCell = new Int32Array(new SharedArrayBuffer(4));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  open = true;

  constructor(url: string) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(new URL('./worker.mjs', import.meta.url), {
      workerData: { url, signal: this.flag.buffer, port: port2 },
      transferList: [port2],
    });
    this.worker.unref();
    this.wait();
  }

  private wait(): Answer {
    if (Atomics.wait(this.flag, 0, 0, 30_000) === 'timed-out')
      throw new Error('PostgreSQL did not answer in 30 s');
    Atomics.store(this.flag, 0, 0);
    // The worker posts the answer, then raises the flag; the message can reach this side of the
    // channel a moment after the flag does.
    let received = receiveMessageOnPort(this.port);
    for (let tries = 0; !received && tries < 5_000; tries++) {
      Atomics.wait(this.pauseCell, 0, 0, 1);
      received = receiveMessageOnPort(this.port);
    }
    if (!received) throw new Error('PostgreSQL worker answered nothing');
    const answer = received.message as Answer;
    if (answer.error) throw new PgError(answer.error);
    return answer;
  }

  query(sql: string, params: unknown[] = [], rowMode?: 'array'): { rows: unknown[]; rowCount: number } {
    if (!this.open) throw new Error('The PostgreSQL connection is closed');
    this.worker.postMessage({ sql, params, rowMode });
    const answer = this.wait();
    return { rows: answer.rows ?? [], rowCount: answer.rowCount ?? 0 };
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.worker.postMessage({ close: true });
    this.wait();
    void this.worker.terminate();
  }
}
