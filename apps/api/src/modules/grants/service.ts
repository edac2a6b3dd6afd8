import {
  GRANT_MOVE_AUDIT,
  type GrantAction,
  grantTransitionRefusal,
  nextGrantStatus,
  type PotPosition,
  potPosition,
} from '@cf/shared';
import type { Queryable } from '../../db/client.js';
import type { ServiceContext } from '../../lib/context.js';
import { invalidState, notFound } from '../../lib/errors.js';
import { fundLedger, type GrantRow, insertGrant, writeGrantStatus } from './repository.js';

/**
 * An award becomes a grant, offered to the group (PRODUCT.md section 3). Called inside the panel's
 * unit of work, with the award it follows from and where the bid counts in the budget.
 */
export function grantFromAward(
  ctx: ServiceContext,
  tx: Queryable,
  award: {
    awardId: string;
    bidId: string;
    fundId: string;
    organisationId: string;
    amountPence: number;
    mainPriorityId: string | null;
    wardIds: string[];
  },
): GrantRow {
  const grant = insertGrant(tx, { ...award, at: ctx.clock.now().toISOString() });
  ctx.audit(tx, {
    action: 'grant.offered',
    entityType: 'grant',
    entityId: grant.id,
    after: {
      status: grant.status,
      bidId: award.bidId,
      awardId: award.awardId,
      amountPence: award.amountPence,
    },
  });
  return grant;
}

/**
 * The one way a grant moves: checked against GRANT_TRANSITIONS, written, and recorded in the audit
 * trail with where it came from and why. Refused moves name the grant's current state (409).
 */
export function moveGrant(
  ctx: ServiceContext,
  tx: Queryable,
  grant: GrantRow,
  action: GrantAction,
  options: { reason?: string | null } = {},
): GrantRow {
  const next = nextGrantStatus(grant.status, action);
  if (!next) throw invalidState(grantTransitionRefusal(grant.status, action));
  const at = ctx.clock.now().toISOString();
  writeGrantStatus(tx, grant.id, next, at);
  ctx.audit(tx, {
    action: GRANT_MOVE_AUDIT[action],
    entityType: 'grant',
    entityId: grant.id,
    before: { status: grant.status },
    after: { status: next },
    reason: options.reason ?? null,
  });
  return { ...grant, status: next, updatedAt: at };
}

/**
 * Where a fund's pot stands now (packages/shared/src/pot.ts does the sums). Read it inside the
 * unit of work that spends from the pot, so nothing changes between the check and the write.
 */
export function potOf(
  q: Queryable,
  fundId: string,
  order: { priorityIds?: readonly string[]; wardIds?: readonly string[] } = {},
): PotPosition {
  const ledger = fundLedger(q, fundId);
  if (!ledger) throw notFound('There is no such fund');
  return potPosition(ledger.potPence, ledger.awards, order);
}
