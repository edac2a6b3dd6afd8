import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { outbox } from '../../../src/db/schema/index.js';
import { enqueueMail } from '../../../src/modules/mail/repository.js';
import { backoffMs, MAX_ATTEMPTS } from '../../../src/modules/mail/rules.js';
import { deliverDue } from '../../../src/modules/mail/service.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';

interface Received {
  from: string | undefined;
  to: string[];
  raw: string;
  /** The raw message with quoted-printable soft line breaks and escapes undone. */
  text: string;
  messageId: string | undefined;
}

function decodeQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** A real SMTP server in this process, on 127.0.0.1, that keeps every message it is given. */
class TestSmtp {
  readonly messages: Received[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  async start(port = 0): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          this.messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            text: decodeQuotedPrintable(raw),
            messageId: /^Message-ID:\s*(.+)$/im.exec(raw)?.[1]?.trim(),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}?ignoreTLS=true`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function outboxRows(t: TestApp) {
  return t.app.db.select().from(outbox).all();
}

async function inviteSomeone(admin: Client, email: string): Promise<void> {
  const response = await admin.post('/api/admin/users', { name: `Staff ${email}`, email, role: 'officer' });
  expect(response.statusCode).toBe(201);
}

describe('the mail outbox', () => {
  let t: TestApp | undefined;
  const servers: TestSmtp[] = [];
  const smtp = async (port?: number) => {
    const server = await new TestSmtp().start(port);
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await t?.close();
    t = undefined;
    for (const server of servers.splice(0)) await server.stop();
  });

  it('sends an invitation through SMTP exactly once, with the link, and marks it sent', async () => {
    const server = await smtp();
    t = await buildTestApp({ SMTP_URL: server.url, MAIL_FROM: 'Communities Fund <grants@example.org>' });
    const admin = await signedIn(t.app, 'admin@demo.test');
    await inviteSomeone(admin, 'grace@demo.test');
    expect(server.messages).toHaveLength(0); // queued, not sent, until the worker runs

    expect(await t.app.mail.flush()).toBe(1);
    expect(server.messages).toHaveLength(1);
    const [message] = server.messages;
    expect(message?.to).toEqual(['grace@demo.test']);
    expect(message?.from).toBe('grants@example.org');
    expect(message?.text).toMatch(/^Subject: You have been invited to the Communities Fund/m);
    const link = /http:\/\/localhost:\d+\/invitation\/([A-Za-z0-9_-]{43})/.exec(message?.text ?? '');
    expect(link).not.toBeNull();

    const [row] = outboxRows(t);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null, lockedUntil: null });
    expect(row?.sentAt).not.toBeNull();
    // The outbox id travels as the Message-ID, so a receiver can spot a repeat.
    expect(message?.messageId).toBe(`<${row?.id}@communities-fund>`);

    // The link in the email is the one that works.
    const token = link?.[1] ?? '';
    expect((await admin.get(`/api/invitations/${token}`)).statusCode).toBe(200);

    // Nothing more to send: flushing again sends nothing twice.
    expect(await t.app.mail.flush()).toBe(0);
    expect(server.messages).toHaveLength(1);

    const page = (await admin.get('/api/mail')).json();
    expect(page.deliveryEnabled).toBe(true);
    expect(page.messages).toMatchObject([{ to: 'grace@demo.test', status: 'sent', attempts: 1 }]);
  });

  it('keeps a message pending with a backoff when the SMTP server cannot be reached, then sends it once', async () => {
    // A port that was just listening and is now closed: connections are refused.
    const gone = await smtp();
    const port = gone.port;
    await gone.stop();

    t = await buildTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}?ignoreTLS=true` });
    const admin = await signedIn(t.app, 'admin@demo.test');
    await inviteSomeone(admin, 'grace@demo.test');
    const queuedAt = t.clock.now().getTime();

    expect(await t.app.mail.flush()).toBe(0);
    const [failed] = outboxRows(t);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, lockedUntil: null, sentAt: null });
    expect(failed?.lastError).toBeTruthy();
    expect(failed?.nextAttemptAt).toBe(queuedAt + backoffMs(1));
    expect(failed?.nextAttemptAt).toBeGreaterThan(queuedAt);

    // The server comes back on the same port, but the message is not due yet.
    const back = await smtp(port);
    expect(await t.app.mail.flush()).toBe(0);
    expect(back.messages).toHaveLength(0);
    expect(outboxRows(t)[0]).toMatchObject({ status: 'pending', attempts: 1 });

    t.clock.advance(backoffMs(1));
    expect(await t.app.mail.flush()).toBe(1);
    expect(back.messages).toHaveLength(1);
    expect(back.messages[0]?.to).toEqual(['grace@demo.test']);
    expect(outboxRows(t)[0]).toMatchObject({ status: 'sent', attempts: 2, lastError: null });

    t.clock.advance(3_600_000);
    expect(await t.app.mail.flush()).toBe(0);
    expect(back.messages).toHaveLength(1);
  });

  it('backs off longer after each failure and gives up as failed after the last attempt', async () => {
    const gone = await smtp();
    const port = gone.port;
    await gone.stop();
    t = await buildTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}?ignoreTLS=true` });
    await inviteSomeone(await signedIn(t.app, 'admin@demo.test'), 'grace@demo.test');

    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      expect(await t.app.mail.flush()).toBe(0);
      const row = outboxRows(t)[0];
      expect(row?.attempts).toBe(attempt);
      expect(row?.status).toBe(attempt < MAX_ATTEMPTS ? 'pending' : 'failed');
      waits.push((row?.nextAttemptAt ?? 0) - t.clock.now().getTime());
      t.clock.advance(backoffMs(attempt));
    }
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThanOrEqual(waits[i - 1] ?? 0);
    expect(waits[1]).toBeGreaterThan(waits[0] ?? 0);

    // A failed message is no longer tried.
    t.clock.advance(24 * 3_600_000);
    await t.app.mail.flush();
    expect(outboxRows(t)[0]).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
  });

  it('never sends a message twice when two flushes run at the same time', async () => {
    const server = await smtp();
    t = await buildTestApp({ SMTP_URL: server.url });
    const admin = await signedIn(t.app, 'admin@demo.test');
    const emails = ['one@demo.test', 'two@demo.test', 'three@demo.test'];
    for (const email of emails) await inviteSomeone(admin, email);

    await Promise.all([t.app.mail.flush(), t.app.mail.flush()]);
    // Every message went exactly once, and nothing is left to send.
    const more = await t.app.mail.flush();
    expect(server.messages.map((m) => m.to[0]).sort()).toEqual([...emails].sort());
    expect(new Set(server.messages.map((m) => m.messageId)).size).toBe(3);
    expect(more).toBe(0);
    expect(outboxRows(t).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('never sends a message twice when two workers deliver from the same database at once', async () => {
    const app = await buildTestApp();
    t = app;
    const now = app.clock.now();
    const ids = Array.from({ length: 6 }, (_, i) =>
      enqueueMail(app.app.db, { to: `p${i}@demo.test`, subject: 's', body: 'b', kind: 'test' }, now),
    );
    const sent: string[] = [];
    // Each send yields to the event loop, so the two workers interleave.
    const slowSender = async (message: { id: string }) => {
      await new Promise((resolve) => setImmediate(resolve));
      sent.push(message.id);
    };
    const clock = () => app.clock.now();
    const [first, second] = await Promise.all([
      deliverDue(app.app.db, slowSender, clock),
      deliverDue(app.app.db, slowSender, clock),
    ]);
    expect(first + second).toBe(ids.length);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(0);
    expect([...sent].sort()).toEqual([...ids].sort());
  });

  it('leaves a message another worker is sending alone until that worker’s lock expires', async () => {
    const server = await smtp();
    t = await buildTestApp({ SMTP_URL: server.url });
    await inviteSomeone(await signedIn(t.app, 'admin@demo.test'), 'grace@demo.test');
    const lockedUntil = t.clock.now().getTime() + 60_000;
    t.app.db.update(outbox).set({ lockedUntil }).run();

    expect(await t.app.mail.flush()).toBe(0);
    expect(server.messages).toHaveLength(0);

    // The other worker crashed mid-send: after the lock expires the message is sent.
    t.clock.advance(60_000);
    expect(await t.app.mail.flush()).toBe(1);
    expect(server.messages).toHaveLength(1);
  });

  it('keeps mail in the outbox, unsent, when no SMTP server is configured', async () => {
    t = await buildTestApp();
    const admin = await signedIn(t.app, 'admin@demo.test');
    await inviteSomeone(admin, 'grace@demo.test');
    expect(t.app.mail.enabled).toBe(false);
    expect(await t.app.mail.flush()).toBe(0);
    const page = (await admin.get('/api/mail')).json();
    expect(page.deliveryEnabled).toBe(false);
    expect(page.messages).toMatchObject([{ to: 'grace@demo.test', status: 'pending', attempts: 0 }]);
  });

  it('queues mail in the same transaction as the change: a refused invitation queues nothing', async () => {
    t = await buildTestApp();
    const admin = await signedIn(t.app, 'admin@demo.test');
    const before = t.app.db.get<{ n: number }>(sql`select count(*) as n from outbox`).n;
    // Refused inside the transaction (after the email would be known): an existing user.
    const response = await admin.post('/api/admin/users', {
      name: 'Dup',
      email: 'officer@demo.test',
      role: 'officer',
    });
    expect(response.statusCode).toBe(409);
    expect(t.app.db.get<{ n: number }>(sql`select count(*) as n from outbox`).n).toBe(before);
    expect(t.app.db.select().from(outbox).where(eq(outbox.toAddress, 'officer@demo.test')).all()).toEqual([]);
  });
});
