import { z } from 'zod';
import type { AuditAction } from './audit.js';

// ─── The life of a grant (PRODUCT.md section 3) ──────────────────────────────────────────────
// An award at the panel ends the bid's life and starts the grant's: the offer, delivery, reports
// and payments all belong to the grant. See docs/decisions/0012-a-grant-is-its-own-record.md.

export const GrantStatus = z.enum(['offered', 'in_delivery', 'completed', 'declined', 'ended_early']);
export type GrantStatus = z.infer<typeof GrantStatus>;

export const GRANT_STATUS_LABELS: Record<GrantStatus, string> = {
  offered: 'Offered',
  in_delivery: 'In delivery',
  completed: 'Completed',
  declined: 'Declined',
  ended_early: 'Ended early',
};

export type GrantAction = 'accept' | 'decline' | 'complete' | 'end_early';

/**
 * Every allowed move of a grant, as data, the way BID_TRANSITIONS holds a bid's. An offer not
 * accepted by its deadline is not a state: it is flagged for the officer, who may then end it.
 */
export const GRANT_TRANSITIONS: Record<GrantStatus, Partial<Record<GrantAction, GrantStatus>>> = {
  offered: { accept: 'in_delivery', decline: 'declined', end_early: 'ended_early' },
  in_delivery: { complete: 'completed', end_early: 'ended_early' },
  completed: {},
  declined: {},
  ended_early: {},
};

export const GRANT_MOVE_AUDIT = {
  accept: 'grant.accepted',
  decline: 'grant.declined',
  complete: 'grant.completed',
  end_early: 'grant.ended_early',
} as const satisfies Record<GrantAction, AuditAction>;

const GRANT_ACTION_WORDS: Record<GrantAction, string> = {
  accept: 'accepted',
  decline: 'declined',
  complete: 'completed',
  end_early: 'ended early',
};

const GRANT_STATUS_PHRASES: Record<GrantStatus, string> = {
  offered: 'is offered and waiting for the group',
  in_delivery: 'is in delivery',
  completed: 'is completed',
  declined: 'was declined by the group',
  ended_early: 'has ended early',
};

/** The status an action leads to, or null when it is not allowed from this status. */
export function nextGrantStatus(status: GrantStatus, action: GrantAction): GrantStatus | null {
  return GRANT_TRANSITIONS[status][action] ?? null;
}

/** The 409 message for a refused move, naming the current state. */
export function grantTransitionRefusal(status: GrantStatus, action: GrantAction): string {
  return `This grant ${GRANT_STATUS_PHRASES[status]}, so it cannot be ${GRANT_ACTION_WORDS[action]}`;
}
