import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

interface Answer {
  /** The number of the question this answers (0: the connection's first answer). */
  id: number;
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

/** How long a query may take. PostgreSQL gives up a little sooner (worker.mjs, statement_timeout). */
export const QUERY_TIMEOUT_MS = 30_000;

/**
 * One PostgreSQL connection that answers synchronously, as better-sqlite3 does: the query goes to a
 * worker thread holding a `pg` client, and this thread waits on a shared flag until the answer is
 * there. The event loop is blocked while PostgreSQL works, exactly as it is while SQLite works.
 * Every question is numbered and only its own answer is taken: after a query that timed out here,
 * its late answer is dropped, never handed to the next query.
 */
export class SyncPg {
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  /** Questions asked so far; each answer carries its question's number. */
  private asked = 0;
  /** How long to wait for an answer; the migrations wait longer (open.ts). */
  timeoutMs = QUERY_TIMEOUT_MS;
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
    this.wait(0);
  }

  private wait(id: number): Answer {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      // The worker posts the answer, then raises the flag; the message can reach this side of the
      // channel a moment after the flag does, so look for it until it is there.
      const received = receiveMessageOnPort(this.port);
      if (received) {
        const answer = received.message as Answer;
        if (answer.id !== id) continue; // the late answer of a question given up on
        if (answer.error) throw new PgError(answer.error);
        return answer;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`PostgreSQL did not answer in ${this.timeoutMs / 1000} s`);
      Atomics.wait(this.flag, 0, 0, Math.min(left, 1_000));
      Atomics.store(this.flag, 0, 0);
    }
  }

  query(sql: string, params: unknown[] = [], rowMode?: 'array'): { rows: unknown[]; rowCount: number } {
    if (!this.open) throw new Error('The PostgreSQL connection is closed');
    const id = ++this.asked;
    this.worker.postMessage({ id, sql, params, rowMode });
    const answer = this.wait(id);
    return { rows: answer.rows ?? [], rowCount: answer.rowCount ?? 0 };
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    const id = ++this.asked;
    this.worker.postMessage({ id, close: true });
    this.wait(id);
    void this.worker.terminate();
  }
}
