// Peeks into the test's database: ids by name, a bid's status, every row, the audit trail, the outbox.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { App } from '../../src/app.js';
import { onPostgres } from '../../src/db/client.js';
import { hashToken } from '../../src/modules/auth/tokens.js';

/** The id of a user, by email. */
export function userIdOf(app: App, email: string): string {
  const row = app.db.get<{ id: string } | undefined>(sql`select id from users where email = ${email}`);
  if (!row) throw new Error(`No user ${email}`);
  return row.id;
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

/** The bid's status, read from the database. */
export function bidStatusOf(app: App, bidId: string): string {
  const row = app.db.get<{ status: string } | undefined>(sql`select status from bids where id = ${bidId}`);
  if (!row) throw new Error(`No bid ${bidId}`);
  return row.status;
}

/**
 * The tables holding the product's data, by name: ordinary tables and the search index (a virtual
 * table), not SQLite's own, drizzle's journal, or the search index's shadow tables (its storage).
 */
export function dataTables(app: App): { name: string }[] {
  if (onPostgres(app.db)) {
    return app.db.all<{ name: string }>(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by name`,
    );
  }
  return app.db.all<{ name: string }>(
    sql`select name from pragma_table_list where schema = 'main' and type in ('table', 'virtual') and name not like 'sqlite_%' and name not like '__drizzle%' order by name`,
  );
}

/**
 * Every row of every table, to prove a refused request changed nothing. Sessions' "last seen" may
 * move with any request, so it is left out; everything else must be identical.
 */
export function snapshotDatabase(app: App): Record<string, unknown[]> {
  const tables = dataTables(app);
  const snapshot: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    // The count of refusals beside each access.denied row moves with every refused request, as the
    // trail itself does: refusedChangingNothing checks it with the trail, not as data.
    if (name === 'audit_refusals') continue;
    const rows = app.db.all<Record<string, unknown>>(sql.raw(`select * from "${name}" order by rowid`));
    snapshot[name] = name === 'sessions' ? rows.map(({ last_seen_at: _, ...rest }) => rest) : rows;
  }
  return snapshot;
}

/** Refused requests counted so far (each access.denied row stands for one or more). */
export function refusalCount(app: App): number {
  return app.db.get<{ n: number | null }>(sql`select sum(count) as n from audit_refusals`)?.n ?? 0;
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

/** The one-time link token from the newest invitation email to this address (read from the outbox). */
export function invitationTokenFor(app: App, email: string): string {
  const rows = app.db.all<{ body: string }>(
    sql`select body from outbox where to_address = ${email} and kind = 'invitation' order by created_at desc, rowid desc limit 1`,
  );
  const match = /\/invitation\/([A-Za-z0-9_-]+)/.exec(rows[0]?.body ?? '');
  if (!match?.[1]) throw new Error(`No invitation email to ${email} in the outbox`);
  return match[1];
}

/** The one-time link token from the newest group invitation email to this address (read from the outbox). */
export function groupInvitationTokenFor(app: App, email: string): string {
  const rows = app.db.all<{ body: string }>(
    sql`select body from outbox where to_address = ${email} and kind = 'group_invitation' order by created_at desc, rowid desc limit 1`,
  );
  const match = /\/group-invitations\/([A-Za-z0-9_-]+)/.exec(rows[0]?.body ?? '');
  if (!match?.[1]) throw new Error(`No group invitation email to ${email} in the outbox`);
  return match[1];
}

/**
 * A new, unused recovery code for a demo staff member, written straight to the database: for
 * processes that sign in without a clock the test controls (each code works once).
 */
export function recoveryCodeFor(app: App, email: string): string {
  const code = randomBytes(10)
    .toString('base64')
    .replace(/[^A-Z2-7]/gi, '')
    .toUpperCase()
    .padEnd(10, 'A')
    .slice(0, 10);
  app.db.run(
    sql`insert into recovery_codes (id, user_id, code_hash)
        select ${crypto.randomUUID()}, id, ${hashToken(code)} from users where email = ${email}`,
  );
  return code;
}

/**
 * The one-time token from the newest email of this kind to this address (read from the outbox):
 * `email_verification` (/confirm-email/…), `password_reset` (/reset-password/…) or `email_change`
 * (/confirm-new-email/…).
 */
export function accountLinkTokenFor(
  app: App,
  email: string,
  kind: 'email_verification' | 'password_reset' | 'email_change',
): string {
  const path = {
    email_verification: 'confirm-email',
    password_reset: 'reset-password',
    email_change: 'confirm-new-email',
  }[kind];
  const rows = app.db.all<{ body: string }>(
    sql`select body from outbox where to_address = ${email} and kind = ${kind} order by created_at desc, rowid desc limit 1`,
  );
  const match = new RegExp(`/${path}/([A-Za-z0-9_-]+)`).exec(rows[0]?.body ?? '');
  if (!match?.[1]) throw new Error(`No ${kind} email to ${email} in the outbox`);
  return match[1];
}
