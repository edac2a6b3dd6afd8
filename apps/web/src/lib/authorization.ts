import {
  fundsAssessedBy as assessedFundIds,
  isApplicant as holdsApplicantRole,
  type Me,
  type Permission,
  can as policyAllows,
  subjectOf,
} from '@cf/shared';

/**
 * Whether the signed-in user (or nobody, when `me` is null) may do this: the same policy the API
 * enforces, from @cf/shared, so a link shows exactly when the page behind it would answer.
 * Pass the record the page has loaded (`{ action: 'results.read', fund }`) so a role limited to
 * one fund counts only there.
 */
export function can(me: Me | null | undefined, permission: Permission): boolean {
  return policyAllows(me ? subjectOf(me) : null, permission);
}

/** Has registered as an applicant (see `isApplicant` in @cf/shared). */
export function isApplicant(me: Me | null | undefined): boolean {
  return !!me && holdsApplicantRole(subjectOf(me));
}

/** The ids of the funds the user assesses bids for: null for every fund (or when they assess none). */
export function fundsAssessedBy(me: Me): string[] | null {
  return assessedFundIds(subjectOf(me));
}
