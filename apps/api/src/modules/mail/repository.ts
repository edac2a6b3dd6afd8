import { and, asc, desc, eq, isNull, lte, or } from 'drizzle-orm';
import type { Db, Queryable } from '../../db/client.js';
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
      nextAttemptAt: now.getTime(),
    })
    .returning({ id: outbox.id })
    .get();
  return row.id;
}

export const MAX_ATTEMPTS = 8;
const LOCK_MS = 60_000;

/** 30 s, 1 min, 2 min… capped at an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export type Sender = (message: { id: string; to: string; subject: string; body: string }) => Promise<void>;

/**
 * Sends what is due. Each message is claimed in its own immediate transaction (a lock with an
 * expiry), sent, then marked sent — so two workers never send the same message, and a crash
 * mid-send leaves it to be retried after the lock expires. Returns how many were sent.
 */
export async function deliverDue(db: Db, send: Sender, now: () => Date, limit = 20): Promise<number> {
  let sent = 0;
  for (let i = 0; i < limit; i++) {
    const t = now().getTime();
    const claimed = db.transaction(
      (tx) => {
        const next = tx
          .select()
          .from(outbox)
          .where(
            and(
              eq(outbox.status, 'pending'),
              lte(outbox.nextAttemptAt, t),
              or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, t)),
            ),
          )
          .orderBy(asc(outbox.nextAttemptAt))
          .limit(1)
          .get();
        if (!next) return null;
        tx.update(outbox)
          .set({ lockedUntil: t + LOCK_MS, attempts: next.attempts + 1 })
          .where(eq(outbox.id, next.id))
          .run();
        return { ...next, attempts: next.attempts + 1 };
      },
      { behavior: 'immediate' },
    );
    if (!claimed) break;
    try {
      await send({ id: claimed.id, to: claimed.toAddress, subject: claimed.subject, body: claimed.body });
      db.update(outbox)
        .set({ status: 'sent', sentAt: now().toISOString(), lockedUntil: null, lastError: null })
        .where(eq(outbox.id, claimed.id))
        .run();
      sent++;
    } catch (error) {
      const failedForGood = claimed.attempts >= MAX_ATTEMPTS;
      db.update(outbox)
        .set({
          status: failedForGood ? 'failed' : 'pending',
          lockedUntil: null,
          nextAttemptAt: now().getTime() + backoffMs(claimed.attempts),
          lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
        })
        .where(eq(outbox.id, claimed.id))
        .run();
    }
  }
  return sent;
}

export function listMail(q: Queryable, limit = 200) {
  return q.select().from(outbox).orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(limit).all();
}

export function getMail(q: Queryable, id: string) {
  return q.select().from(outbox).where(eq(outbox.id, id)).get();
}
