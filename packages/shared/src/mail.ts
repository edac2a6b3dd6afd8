import { z } from 'zod';
import { IsoDateTime } from './dates.js';
import { PageInfo } from './paging.js';

export const MailStatus = z.enum(['pending', 'sent', 'failed']);

export const SentMail = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  kind: z.string(),
  status: MailStatus,
  attempts: z.int(),
  lastError: z.string().nullable(),
  createdAt: IsoDateTime,
  sentAt: IsoDateTime.nullable(),
});
export type SentMail = z.infer<typeof SentMail>;

export const SentMailList = z.object({
  /** False in the demo: no mail server is set up, so messages wait here unsent. */
  deliveryEnabled: z.boolean(),
  /** One page of emails (paging.ts), newest first. */
  messages: z.array(SentMail),
  ...PageInfo,
});
export type SentMailList = z.infer<typeof SentMailList>;
