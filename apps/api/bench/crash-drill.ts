/**
 * The crash drill: the real server (its own OS process, on a SQLite file or a PostgreSQL database,
 * sending mail to a local SMTP sink) under a mixed write load, killed with SIGKILL at a random moment, restarted, checked —
 * again and again. After each restart it checks that:
 *   - every write the API acknowledged (a 2xx answer) is there: bid sections saved, documents
 *     uploaded (and their files readable), accounts registered, payments approved and paid;
 *   - nothing is half-made: each award has its grant and a schedule adding up to it, no grant is
 *     paid more than its award, each payment's state has its audit event, each registration its email;
 *   - no email is lost: every message the outbox marks sent reached the SMTP sink;
 *   - on SQLite, `PRAGMA integrity_check` is ok (on PostgreSQL the drill kills the product, not
 *     the database, whose own recovery is not what is being tested).
 * It also counts emails the sink received twice (a kill between the SMTP server's "250 OK" and the
 * outbox marking the message sent; the repeat carries the same Message-ID). Prints figures and
 * exits non-zero on any failure.
 *
 *   pnpm --filter @cf/api crash-drill          # 100 cycles
 *   pnpm --filter @cf/api crash-drill 20       # 20 cycles
 *   DATABASE_URL=postgres://… pnpm --filter @cf/api crash-drill 20   # on an empty PostgreSQL database
 *
 * By hand it then lets the last server send the whole outbox (while mail is still going out) and
 * fails if any email never reached the SMTP sink.
 *
 * The test command runs a few cycles of it (test/ops/crash-drill.test.ts). Decision 0029.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ELIGIBLE } from '@cf/shared/examples';
import Database from 'better-sqlite3';
import { SMTPServer } from 'smtp-server';
import { PgFacade } from '../src/db/pg/facade.js';
import { codeAt, stepAt } from '../src/modules/auth/totp.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../src/seed/demo.js';

const API_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where the drill's server keeps its data: a SQLite file, or a PostgreSQL database's URL. */
type Target = { path: string } | { url: string };

/** The drill's own read-only look at the database, beside the server, after each restart. */
interface Look {
  one<T>(query: string, ...params: unknown[]): T;
  all<T>(query: string, ...params: unknown[]): T[];
  /** SQLite's integrity check; 'ok' on PostgreSQL (see the header). */
  integrity(): string;
  close(): void;
}

function look(target: Target): Look {
  if ('url' in target) {
    const pg = new PgFacade(target.url);
    pg.exec('SET default_transaction_read_only = on');
    return {
      one: <T>(query: string, ...params: unknown[]) => pg.prepare(query).get(...params) as T,
      all: <T>(query: string, ...params: unknown[]) => pg.prepare(query).all(...params) as T[],
      integrity: () => 'ok',
      close: () => pg.close(),
    };
  }
  const sqlite = new Database(target.path, { readonly: true });
  return {
    one: <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).get(...params) as T,
    all: <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).all(...params) as T[],
    integrity: () => String(sqlite.pragma('integrity_check', { simple: true })),
    close: () => sqlite.close(),
  };
}

export interface DrillResult {
  cycles: number;
  acknowledged: { sections: number; documents: number; accounts: number; payments: number };
  mail: { sent: number; pending: number; receivedTwice: number };
  failures: string[];
}

// ─── The SMTP sink: counts each Message-ID it accepts ─────────────────────────────────────────

async function startSink(): Promise<{ port: number; received: Map<string, number>; close(): Promise<void> }> {
  const received = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString('utf8');
      });
      stream.on('end', () => {
        const id = /^Message-ID:\s*<([^@>]+)@/im.exec(raw)?.[1] ?? 'unknown';
        received.set(id, (received.get(id) ?? 0) + 1);
        callback();
      });
    },
  });
  // A server killed mid-conversation resets the connection: that is the drill working, not a fault.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// ─── The server, as `pnpm start` runs it ──────────────────────────────────────────────────────

interface Server {
  child: ChildProcess;
  url: string;
}

function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: API_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`The server did not start: ${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1].replace('localhost', '127.0.0.1') });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server stopped (${code}): ${out}`));
    });
  });
}

function kill(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) resolve();
    else {
      server.child.once('exit', () => resolve());
      server.child.kill('SIGKILL');
    }
  });
}

// ─── A browser-like client over loopback: cookies and the CSRF header ────────────────────────

class Client {
  readonly cookies = new Map<string, string>();
  constructor(public base: string) {}

  async request(method: string, path: string, body?: unknown, raw?: { data: Buffer; type: string }) {
    if (!this.cookies.has('csrf_token') && method !== 'GET') await this.request('GET', '/api/health');
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-csrf-token': this.cookies.get('csrf_token') ?? '',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (raw) headers['content-type'] = raw.type;
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body: raw ? raw.data : body === undefined ? undefined : JSON.stringify(body),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const text = await response.text();
    return { status: response.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
  }
}

async function signIn(client: Client, email: string, staff: boolean): Promise<void> {
  const login = await client.request('POST', '/api/auth/login', { email, password: DEMO_PASSWORD });
  if (login.status !== 200) throw new Error(`${email} could not sign in: ${login.text}`);
  if (!staff) return;
  // A code is used once; wait for the next step if another sign-in used this one.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const code = codeAt(DEMO_TOTP_SECRET, stepAt(new Date()));
    const second = await client.request('POST', '/api/auth/second-factor', { code });
    if (second.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 31_000 - (Date.now() % 30_000)));
  }
  throw new Error(`${email} could not pass the second factor`);
}

/** A minimal PDF the upload check accepts. */
function pdf(n: number): Buffer {
  return Buffer.from(`%PDF-1.4\n% drill ${n}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`, 'latin1');
}

function multipart(kind: string, filename: string, content: Buffer): { data: Buffer; type: string } {
  const boundary = `----drill${Math.random().toString(16).slice(2)}`;
  const parts = [
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`,
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
  ];
  return {
    data: Buffer.concat([
      Buffer.from(parts.join(''), 'latin1'),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

// ─── What the load has been told is done ─────────────────────────────────────────────────────

interface Acknowledged {
  /** The last saved version of the bid's "about" section and the text it carried. */
  section: { version: number; text: string } | null;
  /** Documents uploaded and not since removed (attachment ids). */
  documents: Set<string>;
  /** Documents whose removal was sent but not answered (the kill came first): either state is right. */
  maybeRemoved: Set<string>;
  accounts: string[];
  /** Payment id → the state the API said it reached. */
  payments: Map<string, string>;
  counts: { sections: number; documents: number; accounts: number; payments: number };
}

/** Runs writes until `stop()`; each write records what the API acknowledged. */
function runLoad(
  clients: { applicant: Client; finance: Client; finance2: Client; anonymous: Client },
  bidId: string,
  ack: Acknowledged,
  cycle: number,
): { stop: () => Promise<void> } {
  let stopped = false;
  let n = 0;
  const loop = async (step: () => Promise<void>) => {
    while (!stopped) {
      try {
        await step();
      } catch {
        // The server was killed mid-request: that write was not acknowledged.
        return;
      }
    }
  };
  const saveSection = async () => {
    const bid = await clients.applicant.request('GET', `/api/bids/${bidId}`);
    if (bid.status !== 200) return;
    const sections = bid.json().sections as { key: string; version: number }[];
    const version = sections.find((s) => s.key === 'about')?.version ?? 0;
    const text = `Cycle ${cycle}, save ${n++}: a weekly café where neighbours practise English together.`;
    const saved = await clients.applicant.request('PUT', `/api/bids/${bidId}/sections/about`, {
      baseVersion: version,
      complete: true,
      data: { title: 'Crash drill café', summary: text, description: `${text} ${'More detail. '.repeat(4)}` },
    });
    if (saved.status === 200) {
      const after = saved.json() as { version?: number };
      ack.section = { version: after.version ?? version + 1, text };
      ack.counts.sections += 1;
    }
  };
  const upload = async () => {
    const uploaded = await clients.applicant.request(
      'POST',
      `/api/bids/${bidId}/attachments`,
      undefined,
      multipart('other', `drill-${cycle}-${n}.pdf`, pdf(n++)),
    );
    if (uploaded.status === 201) {
      ack.documents.add(uploaded.json().id as string);
      ack.counts.documents += 1;
    }
    if (ack.documents.size > 10) {
      const oldest = [...ack.documents][0] as string;
      ack.documents.delete(oldest);
      ack.maybeRemoved.add(oldest);
      const removed = await clients.applicant.request('DELETE', `/api/bids/${bidId}/attachments/${oldest}`);
      if (removed.status === 204) ack.maybeRemoved.delete(oldest);
    }
  };
  const register = async () => {
    const email = `drill-${cycle}-${n++}-${Math.random().toString(36).slice(2, 8)}@drill.test`;
    const registered = await clients.anonymous.request('POST', '/api/accounts', {
      name: 'Drill Person',
      email,
      password: 'a long drill password that nobody guesses',
    });
    if (registered.status === 202) {
      ack.accounts.push(email);
      ack.counts.accounts += 1;
    }
  };
  const money = async () => {
    const waiting = await clients.finance.request('GET', '/api/payments/waiting');
    if (waiting.status !== 200) return;
    const next = ((waiting.json().payments ?? []) as { id: string }[])[0];
    if (!next) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return;
    }
    // Two people: whichever finance user may approve this payment does, and the other records it paid.
    for (const [approver, payer] of [
      [clients.finance, clients.finance2],
      [clients.finance2, clients.finance],
    ] as const) {
      const approved = await approver.request('POST', `/api/payments/${next.id}/approve`, {});
      if (approved.status !== 200) continue;
      ack.payments.set(next.id, 'approved');
      ack.counts.payments += 1;
      const paid = await payer.request('POST', `/api/payments/${next.id}/paid`, {
        paidOn: new Date().toISOString().slice(0, 10),
        paidReference: `DRILL-${cycle}-${n++}`,
      });
      if (paid.status === 200) {
        ack.payments.set(next.id, 'paid');
        ack.counts.payments += 1;
      }
      return;
    }
  };
  const running = [loop(saveSection), loop(upload), loop(register), loop(money)];
  return {
    stop: async () => {
      stopped = true;
      await Promise.all(running);
    },
  };
}

// ─── The checks after each restart ───────────────────────────────────────────────────────────

async function check(
  target: Target,
  clients: { applicant: Client; finance: Client },
  bidId: string,
  ack: Acknowledged,
  received: Map<string, number>,
): Promise<string[]> {
  const failures: string[] = [];
  const database = look(target);
  try {
    const integrity = database.integrity();
    if (integrity !== 'ok') failures.push(`integrity_check: ${integrity}`);

    const { one, all } = database;

    for (const email of ack.accounts) {
      if (!one('SELECT 1 FROM users WHERE email = ?', email))
        failures.push(`account ${email} acknowledged but missing`);
      if (!one('SELECT 1 FROM outbox WHERE to_address = ?', email))
        failures.push(`account ${email} has no email`);
    }
    for (const [paymentId, status] of ack.payments) {
      const row = one<{ status: string } | undefined>('SELECT status FROM payments WHERE id = ?', paymentId);
      const order = ['requested', 'approved', 'paid'];
      if (!row || order.indexOf(row.status) < order.indexOf(status)) {
        failures.push(`payment ${paymentId} acknowledged as ${status} but is ${row?.status ?? 'missing'}`);
      }
    }
    // Half-made money: awards without their grant or a schedule adding up; payments beyond the
    // award; a payment's state without the audit event that records it.
    for (const row of all<{ id: string }>(
      'SELECT a.id FROM awards a LEFT JOIN grants g ON g.award_id = a.id WHERE g.id IS NULL',
    )) {
      failures.push(`award ${row.id} has no grant`);
    }
    for (const row of all<{ id: string }>(
      `SELECT g.id FROM grants g JOIN awards a ON a.id = g.award_id
       WHERE (SELECT coalesce(sum(amount_pence), 0) FROM grant_instalments i WHERE i.grant_id = g.id) != a.amount_pence`,
    )) {
      failures.push(`grant ${row.id}: its schedule does not add up to the award`);
    }
    for (const row of all<{ id: string }>(
      `SELECT g.id FROM grants g JOIN awards a ON a.id = g.award_id
       WHERE (SELECT coalesce(sum(amount_pence), 0) FROM payments p WHERE p.grant_id = g.id AND p.status != 'rejected') > a.amount_pence`,
    )) {
      failures.push(`grant ${row.id} is paid more than its award`);
    }
    // Payment events are recorded on the grant, naming the payment in `after`.
    for (const row of all<{ id: string; status: string; grantId: string }>(
      `SELECT id, status, grant_id AS "grantId" FROM payments WHERE status IN ('approved', 'paid')`,
    )) {
      const needed = row.status === 'paid' ? ['payment.approved', 'payment.paid'] : ['payment.approved'];
      for (const action of needed) {
        const event = one(
          // The JSON as the product wrote it (JSON.stringify): the same text on both databases.
          `SELECT 1 FROM audit_events WHERE entity_type = 'grant' AND entity_id = ? AND action = ?
           AND "after" LIKE ?`,
          row.grantId,
          action,
          `%"paymentId":"${row.id}"%`,
        );
        if (!event) failures.push(`payment ${row.id} is ${row.status} without its ${action} audit event`);
      }
    }
    // No email lost: whatever the outbox marked sent, the sink received.
    for (const row of all<{ id: string }>("SELECT id FROM outbox WHERE status = 'sent'")) {
      if (!received.has(row.id)) failures.push(`email ${row.id} marked sent but never received`);
    }
  } finally {
    database.close();
  }

  // Through the API: the section and the documents.
  const bid = await clients.applicant.request('GET', `/api/bids/${bidId}`);
  if (bid.status !== 200) failures.push(`the drill's bid cannot be read: ${bid.status}`);
  else {
    const body = bid.json() as {
      sections: { key: string; version: number; data?: { summary?: string } }[];
      attachments: { id: string }[];
    };
    const about = body.sections.find((s) => s.key === 'about');
    if (ack.section && (!about || about.version < ack.section.version)) {
      failures.push(
        `section saved as version ${ack.section.version} but the bid has ${about?.version ?? 'none'}`,
      );
    }
    const present = new Set(body.attachments.map((a) => a.id));
    // A removal the kill left unanswered happened or did not: follow what the bid says.
    for (const id of ack.maybeRemoved) if (present.has(id)) ack.documents.add(id);
    ack.maybeRemoved.clear();
    for (const id of ack.documents) {
      if (!present.has(id)) failures.push(`document ${id} acknowledged but missing`);
      else {
        const download = await clients.applicant.request('GET', `/api/bids/${bidId}/attachments/${id}`);
        if (download.status !== 200 || !download.text.startsWith('%PDF-')) {
          failures.push(`document ${id}: its file cannot be read (${download.status})`);
        }
      }
    }
  }
  return failures;
}

function outboxCounts(target: Target): { sent: number; pending: number; other: number } {
  const database = look(target);
  try {
    const rows = database.all<{ status: string; n: number }>(
      'SELECT status, count(*) AS n FROM outbox GROUP BY status',
    );
    const of = (status: string) => rows.find((r) => r.status === status)?.n ?? 0;
    return {
      sent: of('sent'),
      pending: of('pending'),
      other: rows.reduce((t, r) => t + r.n, 0) - of('sent') - of('pending'),
    };
  } finally {
    database.close();
  }
}

// ─── The drill ───────────────────────────────────────────────────────────────────────────────

export async function crashDrill(options: {
  cycles: number;
  /** Longest time under load before the kill, in ms (each cycle picks at random up to this). */
  maxLoadMs?: number;
  /** Shortest time under load before the kill, in ms. */
  minLoadMs?: number;
  /**
   * Let the last server send the whole outbox before counting what was never received, giving up
   * after this long without one more email sent (longer than the outbox's one-minute claim).
   */
  drainMs?: number;
  /** An empty PostgreSQL database to run on, instead of a new SQLite file. */
  databaseUrl?: string;
  log?: (line: string) => void;
}): Promise<DrillResult> {
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'cf-drill-'));
  const sink = await startSink();
  const databasePath = join(dir, 'db.sqlite');
  const target: Target = options.databaseUrl ? { url: options.databaseUrl } : { path: databasePath };
  const env = {
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_PATH: databasePath,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    DATA_DIR: join(dir, 'files'),
    SEED_DEMO: 'true',
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    WEB_DIST: '',
    LOG_LEVEL: 'silent',
    COOKIE_SECURE: 'false',
    RATE_LIMIT_PER_MINUTE: '1000000',
    REGISTRATIONS_PER_HOUR: '1000000',
  };
  const ack: Acknowledged = {
    section: null,
    documents: new Set(),
    maybeRemoved: new Set(),
    accounts: [],
    payments: new Map(),
    counts: { sections: 0, documents: 0, accounts: 0, payments: 0 },
  };
  const failures: string[] = [];
  let server = await startServer(env);
  try {
    const applicant = new Client(server.url);
    const finance = new Client(server.url);
    const finance2 = new Client(server.url);
    const anonymous = new Client(server.url);
    await signIn(applicant, 'applicant@demo.test', false);
    await signIn(finance, 'finance@demo.test', true);
    await signIn(finance2, 'finance2@demo.test', true);
    const me = (await applicant.request('GET', '/api/auth/me')).json() as { organisations: { id: string }[] };
    const funds = (await anonymous.request('GET', '/api/funds')).json() as {
      funds: { id: string; name: string }[];
    };
    const fundId = funds.funds.find((f) => f.name === 'Communities Fund')?.id;
    const organisationId = me.organisations[0]?.id;
    const started = await applicant.request('POST', '/api/bids', {
      fundId,
      organisationId,
      eligibility: ELIGIBLE,
    });
    if (started.status !== 201) throw new Error(`Could not start the drill's bid: ${started.text}`);
    const bidId = started.json().id as string;

    const maxLoadMs = options.maxLoadMs ?? 2_000;
    const minLoadMs = Math.min(options.minLoadMs ?? 100, maxLoadMs);
    for (let cycle = 1; cycle <= options.cycles; cycle += 1) {
      const clients = { applicant, finance, finance2, anonymous };
      for (const client of Object.values(clients)) client.base = server.url;
      const load = runLoad(clients, bidId, ack, cycle);
      await new Promise((resolve) =>
        setTimeout(resolve, minLoadMs + Math.random() * (maxLoadMs - minLoadMs)),
      );
      await kill(server);
      await load.stop();
      server = await startServer(env);
      for (const client of Object.values(clients)) client.base = server.url;
      const found = await check(target, clients, bidId, ack, sink.received);
      failures.push(...found.map((f) => `cycle ${cycle}: ${f}`));
      log(
        `cycle ${cycle}/${options.cycles}: ${found.length === 0 ? 'ok' : `${found.length} failures`} (acknowledged so far: ${JSON.stringify(ack.counts)})`,
      );
      if (found.length > 0) break;
    }
    // The last server sends what is left: messages claimed by a killed server wait for their claim
    // to expire (a minute), so draining takes that long at most. Then nothing may be unsent.
    // Draining goes on while mail is still going out, and gives up after `drainMs` with no progress.
    let counts = outboxCounts(target);
    let lastProgress = Date.now();
    while (
      options.drainMs &&
      counts.pending + counts.other > 0 &&
      Date.now() - lastProgress < options.drainMs
    ) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const now = outboxCounts(target);
      if (now.sent > counts.sent) lastProgress = Date.now();
      counts = now;
    }
    if (options.drainMs) {
      if (counts.pending > 0) failures.push(`${counts.pending} emails still unsent after draining`);
      const database = look(target);
      const ids = database.all<{ id: string }>('SELECT id FROM outbox');
      database.close();
      const neverReceived = ids.filter((row) => !sink.received.has(row.id)).length;
      if (counts.pending === 0 && neverReceived > 0)
        failures.push(`${neverReceived} emails never reached the SMTP server`);
    }
    return {
      cycles: options.cycles,
      acknowledged: ack.counts,
      mail: {
        sent: counts.sent,
        pending: counts.pending,
        receivedTwice: [...sink.received.values()].filter((n) => n > 1).length,
      },
      failures,
    };
  } finally {
    await kill(server);
    await sink.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const cycles = Number(process.argv[2] ?? 100);
  const result = await crashDrill({
    cycles,
    drainMs: 75_000,
    databaseUrl: process.env.DATABASE_URL || undefined,
    log: (line) => console.log(line),
  });
  console.log(JSON.stringify(result, null, 2));
  console.log(
    result.failures.length === 0
      ? `Crash drill passed: ${result.cycles} kills, every acknowledged write kept, ${process.env.DATABASE_URL ? 'on PostgreSQL' : 'integrity ok'}, no email lost (${result.mail.receivedTwice} received twice).`
      : `Crash drill FAILED:\n${result.failures.join('\n')}`,
  );
  process.exit(result.failures.length === 0 ? 0 : 1);
}
