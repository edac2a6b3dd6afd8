import type { SecretLink } from '@cf/shared';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, idColumn } from './columns.js';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

/**
 * Every email goes through this outbox, written in the same transaction as the change that caused
 * it. A worker sends pending messages with retries and backoff (see plugins/app/mail.ts).
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: idColumn(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** What caused it, for the "sent mail" page, e.g. "invitation". */
    kind: text('kind').notNull(),
    /**
     * What secret link the body holds (a link that works for whoever opens it), and what it would
     * give; null for emails without one. The "sent mail" page decides who may read it by this.
     */
    secret: text('secret', { mode: 'json' }).$type<SecretLink>(),
    status: text('status').$type<OutboxStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at').notNull(),
    /** Set while a worker holds the message, so two workers never send it twice. */
    lockedUntil: integer('locked_until'),
    lastError: text('last_error'),
    sentAt: text('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [index('outbox_due').on(t.status, t.nextAttemptAt)],
);
