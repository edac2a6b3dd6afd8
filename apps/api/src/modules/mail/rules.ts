import { SECRET_LINK_LABELS, type SecretLink } from '@cf/shared';

/** Tries before a message is marked failed for good. */
export const MAX_ATTEMPTS = 8;
/** How long a worker's claim on a message lasts: longer than any one send may take. */
export const LOCK_MS = 60_000;

/** 30 s, 1 min, 2 min… capped at an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * Why the "sent mail" page does not show an email holding a secret link, in words for the reader
 * (who may read which link is the access policy's `mail.read_link`; decision 0014).
 */
export function hiddenReason(link: SecretLink, deliveryEnabled: boolean): string {
  const what = SECRET_LINK_LABELS[link.kind].toLowerCase();
  if (deliveryEnabled) {
    return `Hidden because it holds a ${what} and is sent by email: only the person it was sent to should open it.`;
  }
  switch (link.kind) {
    case 'password_reset':
      return `Hidden because it holds a ${what}: only the person it is for can read it here.`;
    case 'email_verification':
      return `Hidden because it holds an ${what} for someone else. An administrator can read it.`;
    case 'staff_invitation':
    case 'group_invitation':
      return `Hidden because it holds a ${what} that would give a role or group you do not have. An administrator can read it.`;
  }
}

/** Invitation emails any one address may be sent in a day, whoever sends them (group or staff). */
export const INVITATIONS_PER_RECIPIENT_PER_DAY = 3;
const DAY_MS = 86_400_000;

/** Since when a day's invitations are counted. */
export function dayBefore(now: Date): string {
  return new Date(now.getTime() - DAY_MS).toISOString();
}

/**
 * Why one more invitation email may not go today, with how long to wait (seconds), or null. Given
 * when the sender's and the address's invitations of the last day were sent (ISO instants); an
 * email can carry words the sender chose, so neither a sender nor an address gets a flood.
 */
export function invitationLimit(
  counts: { bySender: string[]; toAddress: string[]; perSender: number; address: string },
  now: Date,
): { message: string; retryAfterSeconds: number } | null {
  const waitFor = (times: string[], limit: number) => {
    const sorted = [...times].sort();
    const oldest = Date.parse(sorted[sorted.length - limit] ?? now.toISOString());
    return Math.max(1, Math.ceil((oldest + DAY_MS - now.getTime()) / 1000));
  };
  if (counts.bySender.length >= counts.perSender) {
    return {
      message: `You have sent ${counts.perSender} invitations today, the most allowed in a day. Try again tomorrow.`,
      retryAfterSeconds: waitFor(counts.bySender, counts.perSender),
    };
  }
  if (counts.toAddress.length >= INVITATIONS_PER_RECIPIENT_PER_DAY) {
    return {
      message: `${counts.address} has been sent ${INVITATIONS_PER_RECIPIENT_PER_DAY} invitations today, the most allowed in a day. Try again tomorrow.`,
      retryAfterSeconds: waitFor(counts.toAddress, INVITATIONS_PER_RECIPIENT_PER_DAY),
    };
  }
  return null;
}

/** The kinds of email that invite someone in (counted together per recipient address). */
export const INVITATION_KINDS = ['invitation', 'group_invitation'] as const;
