import { can, type Permission, type PermissionAction, seesFundOf } from '@cf/shared';
import type { Actor } from '../../lib/context.js';
import { DomainError, unauthenticated } from '../../lib/errors.js';

export type { Actor };

/**
 * The API's side of the one access policy (packages/shared/src/access.ts decides; this refuses).
 * Routes and services call `authorize`; nothing else in the API names a role.
 */

/**
 * Why access was refused: a 403 the audit trail records. Where even the existence of the thing is
 * private (another group's bid), callers pass `hide` to answer 404 instead.
 */
export class AccessDenied extends DomainError {
  constructor(
    readonly permission: PermissionAction,
    hide: boolean,
    message = 'You do not have permission to do that',
  ) {
    super(hide ? 'not_found' : 'forbidden', hide ? 'Page not found' : message);
  }
}

/** Why an account with an unconfirmed email address is refused: it holds nothing until it confirms. */
const CONFIRM_FIRST =
  'Confirm your email address first: open the link in the email we sent you. Until then your account cannot do anything.';

/** Throws 401 when nobody is signed in and it matters, else 403 (or 404 with `hide`) when refused. */
export function authorize(
  actor: Actor | null,
  permission: Permission,
  options: { hide?: boolean } = {},
): void {
  if (can(actor, permission)) return;
  // Anything about a fund the caller cannot see is answered as for a fund that does not exist.
  const hide = (options.hide ?? false) || !seesFundOf(actor, permission);
  if (actor === null && !hide) throw unauthenticated();
  throw new AccessDenied(permission.action, hide, actor?.emailVerified === false ? CONFIRM_FIRST : undefined);
}

/** The signed-in actor, or a 401. */
export function requireActor(actor: Actor | null): Actor {
  if (actor === null) throw unauthenticated();
  return actor;
}
