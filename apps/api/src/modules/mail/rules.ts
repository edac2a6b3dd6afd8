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
