import type { OrganisationDetail } from '@cf/shared';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { memberships, organisationInvitations, organisations, users, wards } from '../../db/schema/index.js';

export function getOrganisationDetail(
  q: Queryable,
  organisationId: string,
  now: Date,
): OrganisationDetail | undefined {
  const row = q
    .select({ organisation: organisations, wardName: wards.name })
    .from(organisations)
    .leftJoin(wards, eq(wards.id, organisations.wardId))
    .where(eq(organisations.id, organisationId))
    .get();
  if (!row) return undefined;
  const { organisation: o } = row;
  const members = q
    .select({ id: users.id, name: users.name, email: users.email, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(asc(memberships.createdAt))
    .all();
  const pendingInvitations = q
    .select({
      email: organisationInvitations.email,
      invitedAt: organisationInvitations.createdAt,
      expiresAt: organisationInvitations.expiresAt,
    })
    .from(organisationInvitations)
    .where(
      and(
        eq(organisationInvitations.organisationId, organisationId),
        isNull(organisationInvitations.acceptedAt),
        gt(organisationInvitations.expiresAt, now.toISOString()),
      ),
    )
    .all();
  return {
    id: o.id,
    name: o.name,
    type: o.type,
    registeredNumber: o.registeredNumber,
    addressLine1: o.addressLine1,
    addressLine2: o.addressLine2,
    town: o.town,
    postcode: o.postcode,
    wardId: o.wardId,
    wardName: row.wardName,
    contactName: o.contactName,
    contactEmail: o.contactEmail,
    contactPhone: o.contactPhone,
    members,
    pendingInvitations,
  };
}
