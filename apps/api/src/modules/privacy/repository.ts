import { REMOVED } from '@cf/shared';
import { and, asc, desc, eq, gte, inArray, isNull, lt, notExists, notInArray, or, sql } from 'drizzle-orm';
import { onPostgres, type Queryable } from '../../db/client.js';
import {
  assessorConflicts,
  auditEvents,
  bidSections,
  bidSectionVersions,
  bids,
  funds,
  grantReports,
  grants,
  invitations,
  memberships,
  organisationInvitations,
  organisations,
  outbox,
  personalDataRemovals,
  recoveryCodes,
  reportEvidence,
  retentionSettings,
  scoreSets,
  secondFactors,
  sessions,
  userRoles,
  users,
} from '../../db/schema/index.js';

// ─── Retention ────────────────────────────────────────────────────────────────────────────────

export function readRetention(q: Queryable) {
  return q.select().from(retentionSettings).where(eq(retentionSettings.id, 1)).get();
}

export function writeRetention(q: Queryable, months: number, at: string, by: string): void {
  q.insert(retentionSettings)
    .values({ id: 1, months, updatedAt: at, updatedBy: by })
    .onConflictDoUpdate({ target: retentionSettings.id, set: { months, updatedAt: at, updatedBy: by } })
    .run();
}

const CLOSED = ['completed', 'declined', 'ended_early'] as const;
/** Bids that ended without a grant: nothing more will happen to them. */
const BID_ENDED = ['ineligible', 'rejected', 'withdrawn'] as const;

/**
 * Closed grants (completed, declined, ended early) last changed before `closedBefore` (an ISO
 * instant) whose personal data is still there. A closed grant changes no more (its status is
 * final), so its last change is when it closed.
 */
export function expiredClosedGrants(q: Queryable, closedBefore: string) {
  return q
    .select({ id: grants.id, bidId: grants.bidId, organisationId: grants.organisationId })
    .from(grants)
    .where(
      and(
        inArray(grants.status, [...CLOSED]),
        lt(grants.updatedAt, closedBefore),
        notExists(
          q
            .select({ one: sql`1` })
            .from(personalDataRemovals)
            .where(eq(personalDataRemovals.grantId, grants.id)),
        ),
      ),
    )
    .orderBy(asc(grants.updatedAt), asc(grants.id))
    .all();
}

/**
 * Claims a grant for removal: true the first time, false when a run got there first (the primary
 * key makes the second insert do nothing), so each grant is done and audited once.
 */
export function claimRemoval(q: Queryable, grantId: string, months: number, at: string): boolean {
  return (
    q
      .insert(personalDataRemovals)
      .values({ grantId, months, removedAt: at })
      .onConflictDoNothing()
      .returning({ grantId: personalDataRemovals.grantId })
      .all().length === 1
  );
}

/**
 * Removes the names a closed grant holds: who signed the offer and in what role, and who signed
 * the bid's declarations (in every saved version). Amounts, dates, the group's name, the
 * project's title and description, payments and bank records stay whole.
 */
export function removeGrantPersonalData(q: Queryable, grant: { id: string; bidId: string }): void {
  q.update(grants)
    .set({ acceptedName: REMOVED, acceptedRole: REMOVED })
    .where(and(eq(grants.id, grant.id), sql`${grants.acceptedName} is not null`))
    .run();
  // The data is JSON kept as text on both databases; PostgreSQL edits it as jsonb.
  const scrub = onPostgres(q)
    ? sql`jsonb_set(jsonb_set(data::jsonb, '{name}', to_jsonb(${REMOVED}::text)), '{position}', to_jsonb(${REMOVED}::text))::text`
    : sql`json_set(data, '$.name', ${REMOVED}, '$.position', ${REMOVED})`;
  q.update(bidSections)
    .set({ data: scrub })
    .where(and(eq(bidSections.bidId, grant.bidId), eq(bidSections.section, 'declarations')))
    .run();
  q.update(bidSectionVersions)
    .set({ data: scrub })
    .where(and(eq(bidSectionVersions.bidId, grant.bidId), eq(bidSectionVersions.section, 'declarations')))
    .run();
}

/** The address a removed main contact is given: the .invalid domain never delivers (RFC 2606). */
export const REMOVED_EMAIL = 'removed@anonymised.invalid';

/**
 * Removes the group's main contact (name, email, phone) when nothing of the group is live any
 * more: every bid it has is either a grant whose personal data was removed, or ended (ineligible,
 * rejected, withdrawn) before `closedBefore`. Returns whether it did.
 */
export function removeContactIfGroupIsDone(
  q: Queryable,
  organisationId: string,
  closedBefore: string,
): boolean {
  const live = q
    .select({ id: bids.id })
    .from(bids)
    .leftJoin(grants, eq(grants.bidId, bids.id))
    .leftJoin(personalDataRemovals, eq(personalDataRemovals.grantId, grants.id))
    .where(
      and(
        eq(bids.organisationId, organisationId),
        isNull(personalDataRemovals.grantId),
        or(notInArray(bids.status, [...BID_ENDED]), gte(bids.updatedAt, closedBefore)),
      ),
    )
    .limit(1)
    .get();
  if (live) return false;
  const done = q
    .update(organisations)
    .set({ contactName: REMOVED, contactEmail: REMOVED_EMAIL, contactPhone: null })
    .where(and(eq(organisations.id, organisationId), sql`${organisations.contactName} <> ${REMOVED}`))
    .run();
  return done.changes > 0;
}

// ─── Everything held about one person ─────────────────────────────────────────────────────────

export function accountOf(q: Queryable, userId: string) {
  return q
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      status: users.status,
      emailVerifiedAt: users.emailVerifiedAt,
      lastSignInAt: users.lastSignInAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, userId))
    .get();
}

export function secondFactorOf(q: Queryable, userId: string) {
  const factor = q
    .select({ createdAt: secondFactors.createdAt, confirmedAt: secondFactors.confirmedAt })
    .from(secondFactors)
    .where(eq(secondFactors.userId, userId))
    .get();
  const codes = q
    .select({ used: recoveryCodes.usedAt })
    .from(recoveryCodes)
    .where(eq(recoveryCodes.userId, userId))
    .all();
  return { factor, recoveryCodesLeft: codes.filter((c) => c.used === null).length };
}

export function rolesOf(q: Queryable, userId: string) {
  return q
    .select({ role: userRoles.role, fund: funds.name })
    .from(userRoles)
    .leftJoin(funds, eq(funds.id, userRoles.fundId))
    .where(eq(userRoles.userId, userId))
    .all();
}

export function membershipsOf(q: Queryable, userId: string) {
  return q
    .select({ group: organisations.name, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .all();
}

export function invitationsOf(q: Queryable, userId: string, email: string) {
  const staff = q
    .select({
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
    })
    .from(invitations)
    .where(eq(invitations.userId, userId))
    .all()
    .map((i) => ({ kind: 'staff account', ...i }));
  const groups = q
    .select({
      group: organisations.name,
      email: organisationInvitations.email,
      createdAt: organisationInvitations.createdAt,
      expiresAt: organisationInvitations.expiresAt,
      acceptedAt: organisationInvitations.acceptedAt,
    })
    .from(organisationInvitations)
    .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
    .where(or(eq(organisationInvitations.email, email), eq(organisationInvitations.acceptedBy, userId)))
    .all()
    .map((i) => ({ kind: 'to join a group', ...i }));
  return [...staff, ...groups];
}

export function sessionsOf(q: Queryable, userId: string) {
  return q
    .select({
      startedAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .all()
    .map((s) => ({
      ...s,
      startedAt: new Date(s.startedAt).toISOString(),
      lastSeenAt: new Date(s.lastSeenAt).toISOString(),
    }));
}

export function groupsWithContact(q: Queryable, email: string) {
  return q
    .select({
      group: organisations.name,
      contactName: organisations.contactName,
      contactEmail: organisations.contactEmail,
      contactPhone: organisations.contactPhone,
    })
    .from(organisations)
    .where(eq(sql`lower(${organisations.contactEmail})`, email.toLowerCase()))
    .all();
}

export function bidsStartedBy(q: Queryable, userId: string) {
  const started = q
    .select({
      id: bids.id,
      reference: bids.reference,
      title: bids.title,
      status: bids.status,
      group: organisations.name,
      createdAt: bids.createdAt,
      submittedAt: bids.submittedAt,
    })
    .from(bids)
    .innerJoin(organisations, eq(organisations.id, bids.organisationId))
    .where(eq(bids.createdBy, userId))
    .orderBy(asc(bids.createdAt))
    .all();
  if (started.length === 0) return [];
  const sections = q
    .select({ bidId: bidSections.bidId, section: bidSections.section, data: bidSections.data })
    .from(bidSections)
    .where(
      inArray(
        bidSections.bidId,
        started.map((b) => b.id),
      ),
    )
    .all();
  return started.map((b) => ({
    ...b,
    answers: Object.fromEntries(sections.filter((s) => s.bidId === b.id).map((s) => [s.section, s.data])),
  }));
}

export function offersAcceptedBy(q: Queryable, userId: string) {
  return q
    .select({
      bid: bids.reference,
      group: organisations.name,
      acceptedAt: grants.acceptedAt,
      signedAs: grants.acceptedName,
      role: grants.acceptedRole,
    })
    .from(grants)
    .innerJoin(bids, eq(bids.id, grants.bidId))
    .innerJoin(organisations, eq(organisations.id, grants.organisationId))
    .where(eq(grants.acceptedBy, userId))
    .all();
}

/** Monitoring reports the person sent (issue 11), with the words they wrote. */
export function reportsSentBy(q: Queryable, userId: string) {
  return q
    .select({
      bid: bids.reference,
      group: organisations.name,
      report: grantReports.kind,
      sentAt: grantReports.submittedAt,
      progress: grantReports.progress,
      story: grantReports.story,
    })
    .from(grantReports)
    .innerJoin(grants, eq(grants.id, grantReports.grantId))
    .innerJoin(bids, eq(bids.id, grants.bidId))
    .innerJoin(organisations, eq(organisations.id, grants.organisationId))
    .where(eq(grantReports.submittedBy, userId))
    .all();
}

/** Evidence files the person uploaded to reports: their names and when (the files stay with the report). */
export function evidenceUploadedBy(q: Queryable, userId: string) {
  return q
    .select({
      bid: bids.reference,
      report: grantReports.kind,
      filename: reportEvidence.filename,
      uploadedAt: reportEvidence.uploadedAt,
    })
    .from(reportEvidence)
    .innerJoin(grantReports, eq(grantReports.id, reportEvidence.reportId))
    .innerJoin(grants, eq(grants.id, grantReports.grantId))
    .innerJoin(bids, eq(bids.id, grants.bidId))
    .where(eq(reportEvidence.uploadedBy, userId))
    .all();
}

export function conflictsDeclaredBy(q: Queryable, userId: string) {
  return q
    .select({
      group: organisations.name,
      nature: assessorConflicts.nature,
      declaredAt: assessorConflicts.declaredAt,
    })
    .from(assessorConflicts)
    .innerJoin(organisations, eq(organisations.id, assessorConflicts.organisationId))
    .where(eq(assessorConflicts.assessorId, userId))
    .all();
}

export function scoreSetsOf(q: Queryable, userId: string) {
  return q
    .select({
      bid: bids.reference,
      status: scoreSets.status,
      recommendation: scoreSets.recommendation,
      overallComment: scoreSets.overallComment,
      submittedAt: scoreSets.submittedAt,
      setAsideReason: scoreSets.setAsideReason,
    })
    .from(scoreSets)
    .innerJoin(bids, eq(bids.id, scoreSets.bidId))
    .where(eq(scoreSets.assessorId, userId))
    .all();
}

/** Audit events this person made, or that are about their account, newest first. */
export function auditEventsOf(q: Queryable, userId: string, limit: number) {
  return q
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorId: auditEvents.actorId,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      before: auditEvents.before,
      after: auditEvents.after,
      ip: auditEvents.ip,
    })
    .from(auditEvents)
    .where(
      or(
        eq(auditEvents.actorId, userId),
        and(eq(auditEvents.entityType, 'user'), eq(auditEvents.entityId, userId)),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(limit)
    .all();
}

export function mailTo(q: Queryable, email: string) {
  return q
    .select({
      subject: outbox.subject,
      body: outbox.body,
      secret: outbox.secret,
      status: outbox.status,
      sentAt: outbox.sentAt,
      kind: outbox.kind,
    })
    .from(outbox)
    .where(eq(sql`lower(${outbox.toAddress})`, email.toLowerCase()))
    .all();
}
