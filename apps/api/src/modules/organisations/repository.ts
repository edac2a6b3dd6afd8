import type { OrganisationDetail, RegisterOrganisationBody, UpdateOrganisationBody } from '@cf/shared';
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Queryable } from '../../db/client.js';
import {
  memberships,
  organisationInvitations,
  organisations,
  userRoles,
  users,
  wards,
} from '../../db/schema/index.js';

export type OrganisationRow = typeof organisations.$inferSelect;
export type RegisterOrganisationInput = z.output<typeof RegisterOrganisationBody>;
export type UpdateOrganisationInput = z.output<typeof UpdateOrganisationBody>;

export function getOrganisationRow(q: Queryable, organisationId: string): OrganisationRow | undefined {
  return q.select().from(organisations).where(eq(organisations.id, organisationId)).get();
}

/** The registered number as registers write it: no spaces, capitals ("sc 123456" → "SC123456"). */
const tidyNumber = (number: string | null) => number?.replace(/\s+/g, '').toUpperCase() ?? null;

export function insertOrganisation(q: Queryable, body: RegisterOrganisationInput): string {
  return q
    .insert(organisations)
    .values({ ...body, registeredNumber: tidyNumber(body.registeredNumber) })
    .returning({ id: organisations.id })
    .get().id;
}

/** Writes a group's new details as its next version. */
export function updateOrganisationRow(
  q: Queryable,
  organisationId: string,
  details: RegisterOrganisationInput,
  change: { version: number; by: string; at: string },
): void {
  q.update(organisations)
    .set({
      ...details,
      registeredNumber: tidyNumber(details.registeredNumber),
      version: change.version,
      updatedBy: change.by,
      updatedAt: change.at,
    })
    .where(eq(organisations.id, organisationId))
    .run();
}

/** Whether the person belongs to the group (whatever their account's state). */
export function isMemberOf(q: Queryable, organisationId: string, userId: string): boolean {
  return (
    q
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
      .get() !== undefined
  );
}

export function deleteMembership(q: Queryable, organisationId: string, userId: string): void {
  q.delete(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)))
    .run();
}

/** A person's name and email address, for telling them about their group. */
export function personOf(
  q: Queryable,
  userId: string,
): { id: string; name: string; email: string } | undefined {
  return q
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, userId))
    .get();
}

export function insertMembership(q: Queryable, userId: string, organisationId: string): void {
  q.insert(memberships).values({ userId, organisationId }).run();
}

/** How many groups a person belongs to. */
export function groupCountOf(q: Queryable, userId: string): number {
  return (
    q.select({ count: sql<number>`count(*)` }).from(memberships).where(eq(memberships.userId, userId)).get()
      ?.count ?? 0
  );
}

export function grantApplicantRole(q: Queryable, userId: string): void {
  q.insert(userRoles).values({ userId, role: 'applicant' }).run();
}

/** The member of the group with this email address, if there is one. */
export function memberByEmail(q: Queryable, organisationId: string, email: string) {
  return q
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(users.email, email)))
    .get();
}

export function accountExists(q: Queryable, email: string): boolean {
  return q.select({ id: users.id }).from(users).where(eq(users.email, email)).get() !== undefined;
}

/** Active members of a group, for emails. */
export function groupMembers(q: Queryable, organisationId: string) {
  return q
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(users.status, 'active')))
    .all();
}

export function insertGroupInvitation(
  q: Queryable,
  invitation: {
    organisationId: string;
    email: string;
    tokenHash: string;
    invitedBy: string;
    expiresAt: string;
    createdAt: string;
  },
): void {
  q.insert(organisationInvitations).values(invitation).run();
}

/** When a member's group invitations after `since` (ISO) were sent, oldest first. */
export function groupInvitationsSentBy(q: Queryable, userId: string, since: string): string[] {
  return q
    .select({ at: organisationInvitations.createdAt })
    .from(organisationInvitations)
    .where(and(eq(organisationInvitations.invitedBy, userId), gt(organisationInvitations.createdAt, since)))
    .orderBy(asc(organisationInvitations.createdAt))
    .all()
    .map((row) => row.at);
}

/** An invitation that is unused and unexpired at `now`, with its group's name and who sent it. */
export function openGroupInvitation(q: Queryable, tokenHash: string, now: Date) {
  return q
    .select({
      invitation: organisationInvitations,
      organisationName: organisations.name,
      invitedByName: users.name,
    })
    .from(organisationInvitations)
    .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
    .innerJoin(users, eq(users.id, organisationInvitations.invitedBy))
    .where(
      and(
        eq(organisationInvitations.tokenHash, tokenHash),
        isNull(organisationInvitations.acceptedAt),
        gt(organisationInvitations.expiresAt, now.toISOString()),
      ),
    )
    .get();
}

export function markGroupInvitationAccepted(
  q: Queryable,
  invitationId: string,
  userId: string,
  at: string,
): void {
  q.update(organisationInvitations)
    .set({ acceptedAt: at, acceptedBy: userId })
    .where(eq(organisationInvitations.id, invitationId))
    .run();
}

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
    version: o.version,
    members,
    pendingInvitations,
  };
}
