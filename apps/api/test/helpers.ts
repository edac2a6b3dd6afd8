import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { deflateSync, crc32 as zlibCrc32 } from 'node:zlib';
import { ErrorCode, ErrorEnvelope } from '@cf/shared';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { z } from 'zod';
import { type App, buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { DEMO_PASSWORD } from '../src/db/seed/demo.js';
import { demoPdf } from '../src/db/seed/demo-bids.js';
import { type Clock, ManualClock } from '../src/lib/clock.js';

export { DEMO_PASSWORD };

export interface TestApp {
  app: App;
  clock: ManualClock;
  dir: string;
  close(): Promise<void>;
}

/**
 * The real app on a new temporary SQLite file, with the demo data unless told otherwise, and a
 * clock the test can move. Close it in afterEach/afterAll.
 */
export async function buildTestApp(
  env: Record<string, string> = {},
  options: { clock?: ManualClock; beforeReady?: (app: App) => void | Promise<void> } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'cf-test-'));
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_PATH: join(dir, 'test.sqlite'),
    DATA_DIR: join(dir, 'files'),
    SEED_DEMO: 'true',
    WEB_DIST: '',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const clock = options.clock ?? new ManualClock();
  const app = await buildApp({ config, clock: clock as Clock });
  // A hook for tests that need something extra on the app, e.g. a route that fails on purpose.
  await options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    clock,
    dir,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Cookies a browser would hold, kept between requests. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies) {
      const expired =
        cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() < Date.now());
      if (expired || cookie.value === '') this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  delete(name: string): void {
    this.cookies.delete(name);
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A browser-like client: keeps cookies, and sends the CSRF header on state-changing requests, as
 * the web app does. `csrf: false` leaves the header off, to test the refusal.
 */
export class Client {
  readonly jar = new CookieJar();
  constructor(
    readonly app: App,
    readonly ip = '127.0.0.1',
  ) {}

  async request(
    method: Method,
    url: string,
    options: { body?: unknown; csrf?: boolean; headers?: Record<string, string>; rawBody?: string } = {},
  ): Promise<LightMyRequestResponse> {
    if (method !== 'GET' && !this.jar.get('csrf_token')) {
      // Like a browser, get the CSRF cookie from any earlier response.
      this.jar.store(await this.app.inject({ method: 'GET', url: '/api/health', remoteAddress: this.ip }));
    }
    const headers: Record<string, string> = { ...options.headers };
    const cookie = this.jar.header();
    if (cookie) headers.cookie = cookie;
    const csrf = this.jar.get('csrf_token');
    if (method !== 'GET' && options.csrf !== false && csrf) headers['x-csrf-token'] = csrf;
    let payload: string | undefined;
    if (options.rawBody !== undefined) {
      payload = options.rawBody;
      headers['content-type'] ??= 'application/json';
    } else if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await this.app.inject({ method, url, headers, payload, remoteAddress: this.ip });
    this.jar.store(response);
    return response;
  }

  get(url: string, options?: { headers?: Record<string, string> }) {
    return this.request('GET', url, options);
  }
  post(url: string, body?: unknown, options: { csrf?: boolean } = {}) {
    return this.request('POST', url, { body, ...options });
  }
  put(url: string, body?: unknown, options: { csrf?: boolean } = {}) {
    return this.request('PUT', url, { body, ...options });
  }
  patch(url: string, body?: unknown, options: { csrf?: boolean } = {}) {
    return this.request('PATCH', url, { body, ...options });
  }
  delete(url: string, options: { csrf?: boolean } = {}) {
    return this.request('DELETE', url, options);
  }

  async login(email: string, password = DEMO_PASSWORD): Promise<LightMyRequestResponse> {
    return this.post('/api/auth/login', { email, password });
  }
}

/** A client signed in as a demo user; fails the test if sign-in does not work. */
export async function signedIn(app: App, email: string, ip?: string): Promise<Client> {
  const client = new Client(app, ip);
  const response = await client.login(email);
  if (response.statusCode !== 200) {
    throw new Error(`Sign-in as ${email} failed: ${response.statusCode} ${response.body}`);
  }
  return client;
}

/**
 * The error envelope of PRODUCT.md section 10, strictly: nothing but `error`, and in it nothing but
 * code, message and (when present, non-empty) fields.
 */
const StrictErrorEnvelope = z.strictObject({
  error: z.strictObject({
    code: ErrorCode,
    message: z.string().min(1),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof StrictErrorEnvelope>['error'];

/** What a stack trace or an internal detail looks like in a body. */
const LEAK_PATTERN = /\bat [\w.<>]+ \(|\.ts:\d+|\.js:\d+|node_modules|"stack"|FST_|SQLITE_/;

/**
 * Checks a response is an error in the envelope with this status (and code, when given), with no
 * stack trace or internal detail, and returns the error for further checks.
 */
export function expectError(response: LightMyRequestResponse, status: number, code?: ErrorCode): ErrorBody {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.body).not.toMatch(LEAK_PATTERN);
  const body: unknown = response.json();
  // The contract's own schema, and a stricter one: no keys beyond those it names.
  expect(ErrorEnvelope.safeParse(body).success, response.body).toBe(true);
  const parsed = StrictErrorEnvelope.safeParse(body);
  expect(parsed.error?.issues ?? [], response.body).toEqual([]);
  const error = parsed.data?.error;
  if (!error) throw new Error(`Not an error envelope: ${response.body}`);
  if (code) expect(error.code).toBe(code);
  if (error.fields) expect(Object.keys(error.fields).length).toBeGreaterThan(0);
  return error;
}

/**
 * Every row of every table, to prove a refused request changed nothing. Sessions' "last seen" may
 * move with any request, so it is left out; everything else must be identical.
 */
export function snapshotDatabase(app: App): Record<string, unknown[]> {
  const tables = app.db.all<{ name: string }>(
    sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name`,
  );
  const snapshot: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    const rows = app.db.all<Record<string, unknown>>(sql.raw(`select * from "${name}" order by rowid`));
    snapshot[name] = name === 'sessions' ? rows.map(({ last_seen_at: _, ...rest }) => rest) : rows;
  }
  return snapshot;
}

/** The one-time link token from the newest invitation email to this address (read from the outbox). */
export function invitationTokenFor(app: App, email: string): string {
  const rows = app.db.all<{ body: string }>(
    sql`select body from outbox where to_address = ${email} and kind = 'invitation' order by created_at desc, rowid desc limit 1`,
  );
  const match = /\/invitation\/([A-Za-z0-9_-]+)/.exec(rows[0]?.body ?? '');
  if (!match?.[1]) throw new Error(`No invitation email to ${email} in the outbox`);
  return match[1];
}

/** The id of a user, by email. */
export function userIdOf(app: App, email: string): string {
  const row = app.db.get<{ id: string } | undefined>(sql`select id from users where email = ${email}`);
  if (!row) throw new Error(`No user ${email}`);
  return row.id;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

// ─── The applicant journey: groups, bids, documents ──────────────────────────────────────────

/** The one-time link token from the newest group invitation email to this address (read from the outbox). */
export function groupInvitationTokenFor(app: App, email: string): string {
  const rows = app.db.all<{ body: string }>(
    sql`select body from outbox where to_address = ${email} and kind = 'group_invitation' order by created_at desc, rowid desc limit 1`,
  );
  const match = /\/group-invitations\/([A-Za-z0-9_-]+)/.exec(rows[0]?.body ?? '');
  if (!match?.[1]) throw new Error(`No group invitation email to ${email} in the outbox`);
  return match[1];
}

/** The id of a group, by name. */
export function organisationIdOf(app: App, name: string): string {
  const row = app.db.get<{ id: string } | undefined>(sql`select id from organisations where name = ${name}`);
  if (!row) throw new Error(`No group ${name}`);
  return row.id;
}

/** The id of a demo bid, by title. */
export function bidIdOf(app: App, title: string): string {
  const row = app.db.get<{ id: string } | undefined>(sql`select id from bids where title = ${title}`);
  if (!row) throw new Error(`No bid ${title}`);
  return row.id;
}

/** The newest audit event's id: events after it are what a request wrote. */
export function lastAuditId(app: App): number {
  return app.db.get<{ id: number | null }>(sql`select max(id) as id from audit_events`)?.id ?? 0;
}

export interface AuditRow {
  id: number;
  action: string;
  actorId: string | null;
  entityType: string;
  entityId: string | null;
  after: unknown;
  reason: string | null;
}

/** Audit events written after `sinceId`, oldest first. */
export function auditSince(app: App, sinceId: number): AuditRow[] {
  return app.db
    .all<{
      id: number;
      action: string;
      actor_id: string | null;
      entity_type: string;
      entity_id: string | null;
      after: string | null;
      reason: string | null;
    }>(sql`select * from audit_events where id > ${sinceId} order by id`)
    .map((row) => ({
      id: row.id,
      action: row.action,
      actorId: row.actor_id,
      entityType: row.entity_type,
      entityId: row.entity_id,
      after: row.after === null ? null : JSON.parse(row.after),
      reason: row.reason,
    }));
}

export interface OutboxRow {
  to: string;
  subject: string;
  body: string;
  kind: string;
}

/** Emails queued in the outbox, oldest first, optionally of one kind. */
export function outboxMessages(app: App, kind?: string): OutboxRow[] {
  const rows = app.db.all<{ to_address: string; subject: string; body: string; kind: string }>(
    kind === undefined
      ? sql`select * from outbox order by rowid`
      : sql`select * from outbox where kind = ${kind} order by rowid`,
  );
  return rows.map((r) => ({ to: r.to_address, subject: r.subject, body: r.body, kind: r.kind }));
}

/** Eligibility answers that let a group apply (no work with children or adults at risk). */
export const ELIGIBLE = {
  basedInPeterborough: 'yes',
  constituted: 'yes',
  bankAccount: 'yes',
  notForProfit: 'yes',
  withinCap: 'yes',
  withinDelivery: 'yes',
  worksWithAtRisk: 'no',
} as const;

/** Ids and dates of the demo data a bid refers to, read through the public API. */
export interface JourneyRefs {
  fundId: string;
  youthFundId: string;
  capPence: number;
  closesAt: string;
  deliveryStartsOn: string;
  deliveryEndsOn: string;
  priorityIds: string[];
  /** Wards (not "City-wide"), in the council's order. */
  wardIds: string[];
  cityWideId: string;
  needIds: string[];
}

export async function journeyRefs(app: App): Promise<JourneyRefs> {
  const anonymous = new Client(app);
  const funds = (await anonymous.get('/api/funds')).json().funds as {
    id: string;
    name: string;
    capPence: number;
    closesAt: string;
    deliveryStartsOn: string;
    deliveryEndsOn: string;
    priorities: { id: string }[];
  }[];
  const fund = funds.find((f) => f.name === 'Communities Fund');
  const youth = funds.find((f) => f.name === 'Youth Fund');
  if (!fund || !youth) throw new Error('The demo funds are missing');
  const reference = (await anonymous.get('/api/reference')).json() as {
    wards: { id: string; isCityWide: boolean }[];
  };
  const cityWide = reference.wards.find((w) => w.isCityWide);
  if (!cityWide) throw new Error('No city-wide ward');
  const needs = (await anonymous.get('/api/needs')).json().needs as { id: string }[];
  return {
    fundId: fund.id,
    youthFundId: youth.id,
    capPence: fund.capPence,
    closesAt: fund.closesAt,
    deliveryStartsOn: fund.deliveryStartsOn,
    deliveryEndsOn: fund.deliveryEndsOn,
    priorityIds: fund.priorities.map((p) => p.id),
    wardIds: reference.wards.filter((w) => !w.isCityWide).map((w) => w.id),
    cityWideId: cityWide.id,
    needIds: needs.map((n) => n.id),
  };
}

/** A date (yyyy-mm-dd) some days after another. */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Complete, valid answers for every section of a bid, asking for `amountPence` in two lines. */
export function completeSectionData(
  refs: JourneyRefs,
  options: { title?: string; amountPence?: number } = {},
): Record<string, Record<string, unknown>> {
  const amount = options.amountPence ?? 500_000;
  const first = Math.floor(amount / 2);
  const start = addDays(refs.deliveryStartsOn, 30);
  const end = addDays(refs.deliveryEndsOn, -30);
  return {
    about: {
      title: options.title ?? 'Saturday Language Café',
      summary: 'A weekly café where people practise English and get to know their neighbours.',
      description:
        'Every Saturday morning volunteers host a friendly café in the community centre. People who are learning English talk with local residents over tea, play games and plan local events together.',
    },
    beneficiaries: {
      wardIds: refs.wardIds.slice(0, 2),
      peopleCount: 80,
      communities: 'Newer arrivals from Eastern Europe and South Asia, and long-standing residents.',
    },
    priorities: { mainPriorityId: refs.priorityIds[0], otherPriorityIds: refs.priorityIds.slice(1, 2) },
    bringing_together: {
      how: 'Every table mixes people who are learning English with people who grew up here, with a shared game or task.',
    },
    evidence: {
      evidence: 'Adults learning English told the council they want relaxed places to practise speaking.',
      needIds: refs.needIds.slice(0, 1),
    },
    timetable: {
      startDate: start,
      endDate: end,
      milestones: [
        { date: start, description: 'First café' },
        { date: end, description: 'Celebration and report' },
      ],
    },
    budget: {
      lines: [
        { item: 'Hall hire', category: 'venue', costPence: first },
        { item: 'Tea, coffee and snacks', category: 'food', costPence: amount - first },
      ],
      otherFunding: [],
    },
    outcomes: {
      participants: 80,
      events: 40,
      volunteers: 8,
      peopleMeeting: 60,
      description: 'People will feel more confident speaking English and will know more neighbours.',
    },
    risks: {
      risks: [{ risk: 'Few people come', mitigation: 'Promote through schools and places of worship' }],
    },
    declarations: {
      accurate: true,
      useForProject: true,
      monitoring: true,
      dataProtection: true,
      name: 'Amina Hussain',
      position: 'Chair',
    },
  };
}

/** Starts a bid for a group; fails the test unless it is created. Returns its id. */
export async function startBid(
  client: Client,
  refs: JourneyRefs,
  organisationId: string,
  eligibility: Record<string, string> = ELIGIBLE,
): Promise<string> {
  const response = await client.post('/api/bids', { fundId: refs.fundId, organisationId, eligibility });
  if (response.statusCode !== 201) throw new Error(`Could not start a bid: ${response.body}`);
  return response.json().id as string;
}

/** The section's current version, as the form would have it when opened. */
export async function sectionVersionOf(client: Client, bidId: string, section: string): Promise<number> {
  const bid = (await client.get(`/api/bids/${bidId}`)).json() as {
    sections: { key: string; version: number }[];
  };
  return bid.sections.find((s) => s.key === section)?.version ?? 0;
}

/** Saves a section from its current version, as "Save and continue" does (complete unless told). */
export async function saveSection(
  client: Client,
  bidId: string,
  section: string,
  data: Record<string, unknown>,
  options: { complete?: boolean; baseVersion?: number } = {},
): Promise<LightMyRequestResponse> {
  const baseVersion = options.baseVersion ?? (await sectionVersionOf(client, bidId, section));
  return client.put(`/api/bids/${bidId}/sections/${section}`, {
    baseVersion,
    complete: options.complete ?? true,
    data,
  });
}

// Files: small but real documents of each kind the service accepts, and some it must refuse.

const crc32 = (bytes: Buffer): number => zlibCrc32(bytes);

/** A zip archive with these entries, stored (not compressed), in this order. */
export function zipArchive(entries: [name: string, content: string | Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(0, 10); // time and date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = (part: string, type: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="${part}" ContentType="${type}"/></Types>`;

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export const testFiles = {
  pdf: (title = 'Constitution') => demoPdf(title),
  /** A 1×1 white PNG. */
  png(): Buffer {
    const header = Buffer.alloc(13);
    header.writeUInt32BE(1, 0);
    header.writeUInt32BE(1, 4);
    header.writeUInt8(8, 8); // bit depth
    header.writeUInt8(2, 9); // truecolour
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', header),
      pngChunk('IDAT', deflateSync(Buffer.from([0, 255, 255, 255]))),
      pngChunk('IEND', Buffer.alloc(0)),
    ]);
  },
  /** A 1×1 JPEG (JFIF). */
  jpeg: () =>
    Buffer.from(
      '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
      'base64',
    ),
  docx: () =>
    zipArchive([
      [
        '[Content_Types].xml',
        CONTENT_TYPES(
          '/word/document.xml',
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
        ),
      ],
      ['_rels/.rels', '<?xml version="1.0"?><Relationships/>'],
      ['word/document.xml', '<?xml version="1.0"?><w:document/>'],
    ]),
  xlsx: () =>
    zipArchive([
      [
        '[Content_Types].xml',
        CONTENT_TYPES(
          '/xl/workbook.xml',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
        ),
      ],
      ['_rels/.rels', '<?xml version="1.0"?><Relationships/>'],
      ['xl/workbook.xml', '<?xml version="1.0"?><workbook/>'],
    ]),
  odt: () =>
    zipArchive([
      ['mimetype', 'application/vnd.oasis.opendocument.text'],
      ['META-INF/manifest.xml', '<?xml version="1.0"?><manifest:manifest/>'],
      ['content.xml', '<?xml version="1.0"?><office:document-content/>'],
    ]),
  /** The start of a Windows program: what an .exe renamed .pdf really is. */
  exe: () =>
    Buffer.concat([
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00', 'latin1'),
      Buffer.from('This program cannot be run in DOS mode.\r\r\n$', 'latin1'),
      Buffer.alloc(256),
    ]),
};

export type MultipartPart =
  | { name: string; value: string }
  | { name: string; filename: string; content: Buffer; contentType?: string };

/** A multipart/form-data body, built by hand as a browser would send it. */
export function multipartBody(parts: MultipartPart[]): { payload: Buffer; contentType: string } {
  const boundary = `----cf-test-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('value' in part) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`,
        ),
      );
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
            `Content-Type: ${part.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        part.content,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Sends a multipart upload from a browser-like client (its cookies and CSRF header). */
export async function postMultipart(
  client: Client,
  url: string,
  parts: MultipartPart[],
): Promise<LightMyRequestResponse> {
  if (!client.jar.get('csrf_token')) {
    client.jar.store(
      await client.app.inject({ method: 'GET', url: '/api/health', remoteAddress: client.ip }),
    );
  }
  const { payload, contentType } = multipartBody(parts);
  const headers: Record<string, string> = { 'content-type': contentType };
  const cookie = client.jar.header();
  if (cookie) headers.cookie = cookie;
  const csrf = client.jar.get('csrf_token');
  if (csrf) headers['x-csrf-token'] = csrf;
  const response = await client.app.inject({
    method: 'POST',
    url,
    headers,
    payload,
    remoteAddress: client.ip,
  });
  client.jar.store(response);
  return response;
}

/** Uploads a document to a bid: the form sends "kind" first, then the file. */
export function uploadDocument(
  client: Client,
  bidId: string,
  kind: string,
  filename: string,
  content: Buffer,
  contentType = 'application/pdf',
): Promise<LightMyRequestResponse> {
  return postMultipart(client, `/api/bids/${bidId}/attachments`, [
    { name: 'kind', value: kind },
    { name: 'file', filename, content, contentType },
  ]);
}

/**
 * A bid ready to send, built through the API as a group member would: started, every section saved
 * complete, and the two required documents uploaded. Returns its id.
 */
export async function buildCompleteBid(
  client: Client,
  refs: JourneyRefs,
  organisationId: string,
  options: { title?: string; amountPence?: number } = {},
): Promise<string> {
  const bidId = await startBid(client, refs, organisationId);
  for (const [section, data] of Object.entries(completeSectionData(refs, options))) {
    const saved = await saveSection(client, bidId, section, data, { baseVersion: 0 });
    if (saved.statusCode !== 200) throw new Error(`Could not save ${section}: ${saved.body}`);
  }
  for (const kind of ['governing_document', 'accounts']) {
    const uploaded = await uploadDocument(client, bidId, kind, `${kind}.pdf`, testFiles.pdf(kind));
    if (uploaded.statusCode !== 201) throw new Error(`Could not upload ${kind}: ${uploaded.body}`);
  }
  return bidId;
}

/** A new applicant account, signed in, from its own address (registrations are limited per address). */
let registrations = 0;
export async function registeredApplicant(app: App, email: string, name = 'Test Applicant'): Promise<Client> {
  registrations += 1;
  const client = new Client(app, `10.9.${Math.floor(registrations / 250)}.${(registrations % 250) + 1}`);
  const response = await client.post('/api/accounts', {
    name,
    email,
    password: 'a long and unusual passphrase',
  });
  if (response.statusCode !== 201) throw new Error(`Could not register ${email}: ${response.body}`);
  return client;
}

/**
 * Brings a new person into a group the way the service does: a member invites them by email, they
 * create an account and accept. Returns them signed in.
 */
export async function newGroupMember(
  app: App,
  member: Client,
  organisationId: string,
  email: string,
  name: string,
): Promise<Client> {
  const invited = await member.post(`/api/organisations/${organisationId}/invitations`, { email });
  if (invited.statusCode !== 201) throw new Error(`Could not invite ${email}: ${invited.body}`);
  const joiner = await registeredApplicant(app, email, name);
  const accepted = await joiner.post('/api/group-invitations/accept', {
    token: groupInvitationTokenFor(app, email),
  });
  if (accepted.statusCode !== 200) throw new Error(`${email} could not join: ${accepted.body}`);
  return joiner;
}

/** Every file under a folder, as paths relative to it. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

// ─── Assessment and panel: a fund of the test's own, bids sent to it, scores ─────────────────

/** The weights of the criteria of a test fund: those of the Communities Fund (PRODUCT.md section 5). */
export const TEST_WEIGHTS = [30, 20, 15, 15, 10, 10] as const;

/** A fund as the API shows it (the parts the tests read). */
export interface FundView {
  id: string;
  name: string;
  code: string;
  potPence: number;
  capPence: number;
  opensAt: string;
  closesAt: string;
  deliveryStartsOn: string;
  deliveryEndsOn: string;
  minAssessors: number;
  moderationThreshold: number;
  published: boolean;
  rulesLocked: boolean;
  status: string;
  priorities: { id: string; name: string }[];
  criteria: { id: string; title: string; description: string; weight: number; guidance: string[] }[];
}

let fundCodes = 0;
/** A fund code no other fund of the test run uses: QA, QB, … QZ, QAA, … */
export function nextFundCode(): string {
  let n = fundCodes++;
  let letters = '';
  do {
    letters = String.fromCharCode(65 + (n % 26)) + letters;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return `Q${letters}`;
}

/**
 * A valid fund set-up (the FundBody of the shared contract): open now by `now`, published, a £100,000
 * pot and £10,000 cap unless told, six criteria weighted like the Communities Fund's, and a
 * delivery period that the answers of `completeSectionData` fit.
 */
export function fundBody(
  now: Date,
  priorityIds: string[],
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const today = now.toISOString().slice(0, 10);
  const code = nextFundCode();
  return {
    name: `Test Fund ${code}`,
    code,
    description: 'A fund set up by a test, with its own pot, cap and criteria.',
    potPence: 10_000_000,
    capPence: 1_000_000,
    opensAt: new Date(now.getTime() - 86_400_000).toISOString(),
    closesAt: new Date(now.getTime() + 90 * 86_400_000).toISOString(),
    deliveryStartsOn: today,
    deliveryEndsOn: addDays(today, 730),
    minAssessors: 1,
    moderationThreshold: 2,
    published: true,
    priorityIds,
    criteria: TEST_WEIGHTS.map((weight, index) => ({
      title: `Criterion ${index + 1}`,
      description: `What criterion ${index + 1} looks for.`,
      weight,
      guidance: [0, 1, 2, 3, 4, 5].map((score) => `Score ${score} on criterion ${index + 1}`),
    })),
    ...overrides,
  };
}

/** The ids of the priorities (the demo's reference data), in the council's order. */
export async function priorityIdsOf(app: App): Promise<string[]> {
  const reference = (await new Client(app).get('/api/reference')).json() as { priorities: { id: string }[] };
  return reference.priorities.map((p) => p.id);
}

/** Creates a fund through the API as the officer (fails the test unless created) and returns it. */
export async function createFund(
  t: TestApp,
  officer: Client,
  overrides: Record<string, unknown> = {},
): Promise<FundView> {
  const body = fundBody(t.clock.now(), await priorityIdsOf(t.app), overrides);
  const response = await officer.post('/api/funds', body);
  if (response.statusCode !== 201) throw new Error(`Could not create a fund: ${response.body}`);
  return response.json() as FundView;
}

/** What the bid helpers need to send bids to this fund (wards and needs from the reference data). */
export async function refsForFund(app: App, fund: FundView): Promise<JourneyRefs> {
  const anonymous = new Client(app);
  const reference = (await anonymous.get('/api/reference')).json() as {
    wards: { id: string; isCityWide: boolean }[];
  };
  const cityWide = reference.wards.find((w) => w.isCityWide);
  if (!cityWide) throw new Error('No city-wide ward');
  const needs = (await anonymous.get('/api/needs')).json().needs as { id: string }[];
  return {
    fundId: fund.id,
    youthFundId: fund.id,
    capPence: fund.capPence,
    closesAt: fund.closesAt,
    deliveryStartsOn: fund.deliveryStartsOn,
    deliveryEndsOn: fund.deliveryEndsOn,
    priorityIds: fund.priorities.map((p) => p.id),
    wardIds: reference.wards.filter((w) => !w.isCityWide).map((w) => w.id),
    cityWideId: cityWide.id,
    needIds: needs.map((n) => n.id),
  };
}

/** A group's details as registered: the contact details are what assessors must never see. */
export function groupDetails(
  wardId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name: 'Orton Walking Football',
    type: 'community_group',
    addressLine1: '17 Quietwater Lane',
    town: 'Peterborough',
    postcode: 'PE2 6YB',
    wardId,
    contactName: 'Rasa Jankauskiene',
    contactEmail: 'rasa.contact@example.org',
    contactPhone: '01733 555 0199',
    ...overrides,
  };
}

/** A new applicant who registers a new group; both through the API. */
export async function applicantWithGroup(
  app: App,
  email: string,
  details: Record<string, unknown> = {},
): Promise<{ client: Client; organisationId: string }> {
  const client = await registeredApplicant(app, email, 'Group Founder');
  const reference = (await client.get('/api/reference')).json() as { wards: { id: string }[] };
  const response = await client.post(
    '/api/organisations',
    groupDetails(reference.wards[0]?.id ?? '', details),
  );
  if (response.statusCode !== 201) throw new Error(`Could not register the group: ${response.body}`);
  return { client, organisationId: response.json().id as string };
}

/**
 * A bid sent to the fund of `refs`, built through the API by a group member (see buildCompleteBid).
 * `wardIds` and `mainPriorityId` change those answers before sending. Returns its id.
 */
export async function submittedBid(
  client: Client,
  refs: JourneyRefs,
  organisationId: string,
  options: { title?: string; amountPence?: number; wardIds?: string[]; mainPriorityId?: string } = {},
): Promise<string> {
  const bidId = await buildCompleteBid(client, refs, organisationId, options);
  const data = completeSectionData(refs, options);
  if (options.wardIds) {
    const saved = await saveSection(client, bidId, 'beneficiaries', {
      ...data.beneficiaries,
      wardIds: options.wardIds,
    });
    if (saved.statusCode !== 200) throw new Error(`Could not change the wards: ${saved.body}`);
  }
  if (options.mainPriorityId) {
    const saved = await saveSection(client, bidId, 'priorities', {
      mainPriorityId: options.mainPriorityId,
      otherPriorityIds: [],
    });
    if (saved.statusCode !== 200) throw new Error(`Could not change the priority: ${saved.body}`);
  }
  const sent = await client.post(`/api/bids/${bidId}/submit`);
  if (sent.statusCode !== 200) throw new Error(`Could not send the bid: ${sent.body}`);
  return bidId;
}

/** Gives a person an assessor role for one fund, as an admin does. */
export async function grantAssessorRole(admin: Client, userId: string, fundId: string): Promise<void> {
  const response = await admin.post(`/api/admin/users/${userId}/roles`, { role: 'assessor', fundId });
  if (response.statusCode !== 201) throw new Error(`Could not grant the role: ${response.body}`);
}

/** An officer marks a sent bid eligible (documents valid, group verified). */
export async function screenEligible(officer: Client, bidId: string): Promise<void> {
  const response = await officer.post(`/api/bids/${bidId}/screening`, {
    decision: 'eligible',
    checks: { documentsValid: true, groupVerified: true },
  });
  if (response.statusCode !== 200) throw new Error(`Could not screen the bid: ${response.body}`);
}

/** An officer gives the bid to an assessor; returns the new assignment's id. */
export async function assignBid(officer: Client, bidId: string, assessorId: string): Promise<string> {
  const response = await officer.post(`/api/bids/${bidId}/assignments`, { assessorId });
  if (response.statusCode !== 201) throw new Error(`Could not assign the bid: ${response.body}`);
  const made = (response.json().assignments as { id: string; assessorId: string; status: string }[]).find(
    (a) => a.assessorId === assessorId && a.status === 'awaiting_declaration',
  );
  if (!made) throw new Error(`No new assignment in ${response.body}`);
  return made.id;
}

/** The assessor declares that they have no conflict of interest. */
export async function declareNoConflict(assessor: Client, assignmentId: string): Promise<void> {
  const response = await assessor.post(`/api/assignments/${assignmentId}/declaration`, { conflict: false });
  if (response.statusCode !== 200) throw new Error(`Could not declare: ${response.body}`);
}

/** A score set body: one score (and a comment) per criterion, in the fund's order. */
export function scoreSetBody(
  criteria: readonly { id: string }[],
  scores: readonly (number | undefined)[],
  options: { submit?: boolean; baseVersion?: number; recommendation?: string | undefined } = {},
): Record<string, unknown> {
  return {
    baseVersion: options.baseVersion ?? 0,
    submit: options.submit ?? true,
    scores: criteria.map((criterion, index) => ({
      criterionId: criterion.id,
      ...(scores[index] === undefined ? {} : { score: scores[index] }),
      comment: `Comment on criterion ${index + 1}`,
    })),
    ...('recommendation' in options
      ? options.recommendation === undefined
        ? {}
        : { recommendation: options.recommendation }
      : { recommendation: 'fund' }),
    overallComment: 'A clear, well-costed bid.',
  };
}

/** The assessor submits a complete score set on an assignment they have declared on. */
export async function submitScores(
  assessor: Client,
  assignmentId: string,
  criteria: readonly { id: string }[],
  scores: readonly number[],
): Promise<void> {
  const current = (await assessor.get(`/api/assignments/${assignmentId}`)).json() as {
    scoreSet: { version: number } | null;
  };
  const response = await assessor.put(
    `/api/assignments/${assignmentId}/scores`,
    scoreSetBody(criteria, scores, { baseVersion: current.scoreSet?.version ?? 0 }),
  );
  if (response.statusCode !== 200) throw new Error(`Could not submit scores: ${response.body}`);
}

export interface AssessorHandle {
  client: Client;
  id: string;
}

/**
 * Takes a sent bid all the way to "scored" through the API: screened eligible, given to each
 * assessor, declared on and scored with their scores (one list per assessor). Returns the
 * assignment ids, in the assessors' order.
 */
export async function scoreBid(
  officer: Client,
  fund: FundView,
  bidId: string,
  assessors: readonly AssessorHandle[],
  scores: readonly (readonly number[])[],
): Promise<string[]> {
  await screenEligible(officer, bidId);
  const ids: string[] = [];
  for (const [index, assessor] of assessors.entries()) {
    const assignmentId = await assignBid(officer, bidId, assessor.id);
    await declareNoConflict(assessor.client, assignmentId);
    await submitScores(assessor.client, assignmentId, fund.criteria, scores[index] ?? [3, 3, 3, 3, 3, 3]);
    ids.push(assignmentId);
  }
  return ids;
}

/** The bid's status, read from the database. */
export function bidStatusOf(app: App, bidId: string): string {
  const row = app.db.get<{ status: string } | undefined>(sql`select status from bids where id = ${bidId}`);
  if (!row) throw new Error(`No bid ${bidId}`);
  return row.status;
}

/**
 * Sends a request that must be refused with this status (and code, when given) and change nothing:
 * every table as it was, and in the audit trail nothing new but, at most, the one access.denied
 * record a refused signed-in caller leaves. Returns the error.
 */
export async function refusedChangingNothing(
  app: App,
  send: () => Promise<LightMyRequestResponse>,
  status: number,
  code?: ErrorCode,
): Promise<ErrorBody> {
  const since = lastAuditId(app);
  const { audit_events: _before, ...before } = snapshotDatabase(app);
  const error = expectError(await send(), status, code);
  const { audit_events: _after, ...after } = snapshotDatabase(app);
  expect(after).toEqual(before);
  const audited = auditSince(app, since).map((e) => e.action);
  expect(audited.length).toBeLessThanOrEqual(1);
  expect(audited.filter((action) => action !== 'access.denied')).toEqual([]);
  return error;
}
