import { z } from 'zod';
import { IsoDateTime } from './dates.js';
import { Role } from './roles.js';

/**
 * An email holding a link that works on its own — anyone who opens it can use it. The outbox marks
 * such emails with what the link is and what it would give, so the "Sent mail" page shows the
 * link only to someone who gains nothing by it (`mail.read_link` in access.ts; decision 0014).
 */
export const SecretLinkKind = z.enum([
  /** Sets the password of a new member of staff, who then holds the invited role. */
  'staff_invitation',
  /** Makes the person who opens it (signed in with the invited address) a member and an applicant. */
  'group_invitation',
  /** Sets a new password for an account. */
  'password_reset',
  /** Confirms an email address: a new account's, or the new address of an account. */
  'email_verification',
]);
export type SecretLinkKind = z.infer<typeof SecretLinkKind>;

export const SECRET_LINK_LABELS: Record<SecretLinkKind, string> = {
  staff_invitation: 'Staff invitation link',
  group_invitation: 'Group invitation link',
  password_reset: 'Password reset link',
  email_verification: 'Email confirmation link',
};

export const SecretLink = z.object({
  kind: SecretLinkKind,
  /** The roles opening the link would give (a role may be limited to one fund). */
  roles: z.array(z.object({ role: Role, fundId: z.uuid().nullable() })),
  /** The group a group invitation would make someone a member of. */
  organisationId: z.uuid().nullable(),
  /** The account the link is for, when it is for an existing account (reset, confirmation). */
  userId: z.uuid().nullable(),
});
export type SecretLink = z.infer<typeof SecretLink>;

import { PageInfo } from './paging.js';

export const MailStatus = z.enum(['pending', 'sent', 'failed']);

export const SentMail = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  /** Null when the email holds a secret link this reader may not see (`hidden` says why). */
  body: z.string().nullable(),
  kind: z.string(),
  /** What secret link the email holds, if any, and the roles it would give. */
  secret: z.object({ kind: SecretLinkKind, roles: z.array(Role) }).nullable(),
  /** Why the body is not shown, in words for the reader; null when it is shown. */
  hidden: z.string().nullable(),
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
