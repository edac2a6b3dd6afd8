import { can, type PageRequest, pageWindow } from '@cf/shared';
import type { Db } from '../../db/client.js';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { ServiceContext } from '../../lib/context.js';
import { authorize } from '../access/policy.js';
import { claimMail, countMail, listMail, markMailFailed, markMailSent, nextDue } from './repository.js';
import { backoffMs, hiddenReason, LOCK_MS, MAX_ATTEMPTS } from './rules.js';

export type Sender = (message: { id: string; to: string; subject: string; body: string }) => Promise<void>;

/**
 * Sends what is due. Each message is claimed in its own unit of work (a lock with an expiry),
 * sent, then marked sent — so two workers never send the same message, and a crash mid-send
 * leaves it to be retried after the lock expires. Returns how many were sent.
 */
export async function deliverDue(db: Db, send: Sender, now: () => Date, limit = 20): Promise<number> {
  let sent = 0;
  for (let i = 0; i < limit; i++) {
    const t = now().getTime();
    const claimed = unitOfWork(db, (tx) => {
      const next = nextDue(tx, t);
      if (!next) return null;
      claimMail(tx, next.id, t + LOCK_MS, next.attempts + 1);
      return { ...next, attempts: next.attempts + 1 };
    });
    if (!claimed) break;
    try {
      await send({ id: claimed.id, to: claimed.toAddress, subject: claimed.subject, body: claimed.body });
      markMailSent(db, claimed.id, now());
      sent++;
    } catch (error) {
      const failedForGood = claimed.attempts >= MAX_ATTEMPTS;
      markMailFailed(db, claimed.id, {
        status: failedForGood ? 'failed' : 'pending',
        nextAttemptAt: now().getTime() + backoffMs(claimed.attempts),
        lastError: error instanceof Error ? error.message.slice(0, 500) : String(error),
      });
    }
  }
  return sent;
}

/**
 * The "sent mail" page: every email the service has written, sent or waiting, a page at a time.
 * Staff only. An email holding a secret link shows its body only to a reader the access policy
 * allows (decision 0014).
 */
export function sentMail(ctx: ServiceContext, deliveryEnabled: boolean, page: PageRequest) {
  authorize(ctx.actor, { action: 'mail.read' });
  return {
    deliveryEnabled,
    page: page.page,
    pageSize: page.pageSize,
    total: countMail(ctx.db),
    messages: listMail(ctx.db, pageWindow(page)).map((m) => {
      const hidden =
        m.secret && !can(ctx.actor, { action: 'mail.read_link', link: m.secret, deliveryEnabled })
          ? hiddenReason(m.secret, deliveryEnabled)
          : null;
      return {
        id: m.id,
        to: m.toAddress,
        subject: m.subject,
        body: hidden === null ? m.body : null,
        kind: m.kind,
        secret: m.secret ? { kind: m.secret.kind, roles: m.secret.roles.map((g) => g.role) } : null,
        hidden,
        status: m.status,
        attempts: m.attempts,
        lastError: m.lastError,
        createdAt: m.createdAt,
        sentAt: m.sentAt,
      };
    }),
  };
}
