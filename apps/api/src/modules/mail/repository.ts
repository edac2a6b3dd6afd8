import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { onPostgres, type Queryable } from '../../db/client.js';
import { outbox } from '../../db/schema/index.js';
import type { MailMessage } from '../../lib/context.js';

/** Queues an email. Call inside the transaction that caused it: if the change rolls back, so does the mail. */
export function enqueueMail(q: Queryable, message: MailMessage, now: Date): string {
  const row = q
    .insert(outbox)
    .values({
      toAddress: message.to,
      subject: message.subject,
      body: message.body,
      kind: message.kind,
      secret: message.secret ?? null,
      nextAttemptAt: now.getTime(),
      // The app's clock, like the audit trail, so limits by day agree with the times the app records.
      createdAt: now.toISOString(),
    })
    .returning({ id: outbox.id })
    .get();
  return row.id;
}

/**
 * The pending message that has waited longest of those due at `t` (ms) and claimed by nobody. On
 * PostgreSQL, where several servers send at once, the row is locked for the claim, and a row
 * another server is claiming is skipped rather than waited for (FOR UPDATE SKIP LOCKED); on
 * SQLite the unit of work already holds the only write lock.
 */
export function nextDue(q: Queryable, t: number) {
  const due = q
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'pending'),
        lte(outbox.nextAttemptAt, t),
        or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, t)),
      ),
    )
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(1);
  const found = onPostgres(q)
    ? q.get<{ id: string }>(sql`${due.getSQL()} for update skip locked`)
    : due.get();
  return found ? q.select().from(outbox).where(eq(outbox.id, found.id)).get() : undefined;
}

/** Claims a message until `lockedUntil` (ms), counting the attempt. */
export function claimMail(q: Queryable, id: string, lockedUntil: number, attempts: number): void {
  q.update(outbox).set({ lockedUntil, attempts }).where(eq(outbox.id, id)).run();
}

export function markMailSent(q: Queryable, id: string, sentAt: Date): void {
  q.update(outbox)
    .set({ status: 'sent', sentAt: sentAt.toISOString(), lockedUntil: null, lastError: null })
    .where(eq(outbox.id, id))
    .run();
}

/** Releases a message whose send failed: to be tried again at `nextAttemptAt` (ms), or failed for good. */
export function markMailFailed(
  q: Queryable,
  id: string,
  failure: { status: 'pending' | 'failed'; nextAttemptAt: number; lastError: string },
): void {
  q.update(outbox)
    .set({ ...failure, lockedUntil: null })
    .where(eq(outbox.id, id))
    .run();
}

/** One page of the outbox, newest first (the id breaks ties, so pages never overlap). */
export function listMail(q: Queryable, window: { offset: number; limit: number }) {
  return q
    .select()
    .from(outbox)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(window.limit)
    .offset(window.offset)
    .all();
}

export function countMail(q: Queryable): number {
  return q.select({ count: sql<number>`count(*)` }).from(outbox).get()?.count ?? 0;
}

export function getMail(q: Queryable, id: string) {
  return q.select().from(outbox).where(eq(outbox.id, id)).get();
}

/** When emails of these kinds were written to an address after `since` (ISO), oldest first. */
export function mailToSince(q: Queryable, to: string, kinds: readonly string[], since: string): string[] {
  return q
    .select({ at: outbox.createdAt })
    .from(outbox)
    .where(and(eq(outbox.toAddress, to), inArray(outbox.kind, [...kinds]), gt(outbox.createdAt, since)))
    .orderBy(asc(outbox.createdAt))
    .all()
    .map((row) => row.at);
}
