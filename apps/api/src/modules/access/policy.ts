import { MONEY_ROLES, type Role, type RoleGrant } from '@cf/shared';
import { HttpError, unauthenticated } from '../../lib/errors.js';

/**
 * The one place that decides "may this person do this to this thing". Every route asks here; the
 * rules are plain functions with their own tests (test/modules/access/policy.test.ts).
 */

/** The signed-in person making a request. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  roles: RoleGrant[];
  organisationIds: string[];
}

/**
 * Whether the actor holds a role. With a fundId, a role limited to another fund does not count;
 * without one, any grant of the role counts.
 */
export function hasRole(actor: Actor, role: Role, fundId?: string): boolean {
  return actor.roles.some(
    (grant) =>
      grant.role === role && (fundId === undefined || grant.fundId === null || grant.fundId === fundId),
  );
}

export function hasAnyRole(actor: Actor, roles: readonly Role[], fundId?: string): boolean {
  return roles.some((role) => hasRole(actor, role, fundId));
}

export interface FundRef {
  id: string;
  published: boolean;
}

/** The group a bid or other record belongs to. */
export interface OrganisationRef {
  id: string;
}

export interface BidRef {
  organisationId: string;
  fundId: string;
}

/** Staff who may see every group's bids and records. Finance sees them for payments. */
const CASEWORK_ROLES = ['officer', 'admin', 'finance'] as const satisfies readonly Role[];

export type Permission =
  | { action: 'users.manage' }
  | { action: 'audit.read' }
  | { action: 'mail.read' }
  | { action: 'fund.read'; fund: FundRef }
  | { action: 'fund.budget'; fund: FundRef }
  | { action: 'organisation.read'; organisation: OrganisationRef }
  | { action: 'organisation.manage'; organisation: OrganisationRef }
  | { action: 'bid.create'; organisation: OrganisationRef }
  | { action: 'bid.read'; bid: BidRef }
  | { action: 'bid.edit'; bid: BidRef }
  | { action: 'bid.return'; bid: BidRef }
  | { action: 'bid.list_all' }
  | { action: 'bid.screen'; bid: BidRef }
  | { action: 'need.manage' }
  | { action: 'fund.manage' }
  | { action: 'assessment.manage'; fund: FundRef }
  | { action: 'assessment.act'; assignment: { assessorId: string } }
  | { action: 'results.read'; fund: FundRef }
  | { action: 'panel.decide'; fund: FundRef; bid?: BidRef };

export function isMember(actor: Actor, organisationId: string): boolean {
  return actor.organisationIds.includes(organisationId);
}

/** True when the actor (or an anonymous caller, when null) may do it. */
export function can(actor: Actor | null, permission: Permission): boolean {
  switch (permission.action) {
    case 'fund.read':
      // Published funds are public information; funds being set up are for the people setting them up.
      return permission.fund.published || (actor !== null && hasAnyRole(actor, ['officer', 'admin']));
    case 'fund.budget':
      return (
        actor !== null &&
        can(actor, { action: 'fund.read', fund: permission.fund }) &&
        hasAnyRole(actor, MONEY_ROLES)
      );
    case 'users.manage':
    case 'audit.read':
      return actor !== null && hasRole(actor, 'admin');
    case 'mail.read':
    case 'need.manage':
      return actor !== null && hasAnyRole(actor, ['officer', 'admin']);
    case 'organisation.read':
      return (
        actor !== null && (isMember(actor, permission.organisation.id) || hasAnyRole(actor, CASEWORK_ROLES))
      );
    case 'organisation.manage':
    case 'bid.create':
      // Members act for their own group only; staff do not write bids on a group's behalf.
      return actor !== null && isMember(actor, permission.organisation.id);
    case 'bid.read':
      return (
        actor !== null &&
        (isMember(actor, permission.bid.organisationId) || hasAnyRole(actor, CASEWORK_ROLES))
      );
    case 'bid.edit':
      return actor !== null && isMember(actor, permission.bid.organisationId);
    case 'bid.return':
      return (
        actor !== null && hasAnyRole(actor, ['officer']) && !isMember(actor, permission.bid.organisationId)
      );
    case 'bid.list_all':
      return actor !== null && hasAnyRole(actor, CASEWORK_ROLES);
    case 'bid.screen':
      // Nobody screens, assesses or decides their own group's bid.
      return actor !== null && hasRole(actor, 'officer') && !isMember(actor, permission.bid.organisationId);
    case 'fund.manage':
      return actor !== null && hasAnyRole(actor, ['officer', 'admin']);
    case 'assessment.manage':
      return actor !== null && hasRole(actor, 'officer');
    case 'assessment.act':
      return actor !== null && actor.id === permission.assignment.assessorId;
    case 'results.read':
      // Scores and assessors' comments: officers and admins, not finance (who sees money only).
      return actor !== null && hasAnyRole(actor, ['officer', 'admin']);
    case 'panel.decide':
      return (
        actor !== null &&
        hasRole(actor, 'officer') &&
        (permission.bid === undefined || !isMember(actor, permission.bid.organisationId))
      );
  }
}

/**
 * Why access was refused: a 403 the audit trail records. Where even the existence of the thing is
 * private (another group's bid), callers pass `hide` to answer 404 instead.
 */
export class AccessDenied extends HttpError {
  constructor(
    readonly permission: Permission['action'],
    hide: boolean,
  ) {
    super(
      hide ? 404 : 403,
      hide ? 'not_found' : 'forbidden',
      hide ? 'Page not found' : 'You do not have permission to do that',
    );
  }
}

/** Throws 401 when nobody is signed in and it matters, else 403 (or 404 with `hide`) when refused. */
export function authorize(
  actor: Actor | null,
  permission: Permission,
  options: { hide?: boolean } = {},
): void {
  if (can(actor, permission)) return;
  if (actor === null && !options.hide) throw unauthenticated();
  throw new AccessDenied(permission.action, options.hide ?? false);
}

/** The signed-in actor, or a 401. */
export function requireActor(actor: Actor | null): Actor {
  if (actor === null) throw unauthenticated();
  return actor;
}
