import type { Me } from './auth.js';
import type { SecretLink } from './mail.js';
import type { Role } from './roles.js';

/**
 * The one place that decides "may this person do this to this thing", for the API (which refuses
 * with 403/404) and for the web app (which shows or hides). Nowhere else names a role.
 * Rules are plain functions, tested in packages/shared/test/access.test.ts and, through the API,
 * in apps/api/test/modules/access/.
 */

/** Whoever is asking: their role grants and the groups they belong to. */
export interface Subject {
  id: string;
  roles: readonly { role: Role; fundId: string | null }[];
  organisationIds: readonly string[];
}

/** The web app holds the signed-in user as `Me`; the policy wants their group ids. */
export function subjectOf(me: Me): Subject {
  return { id: me.id, roles: me.roles, organisationIds: me.organisations.map((o) => o.id) };
}

/**
 * Whether the subject holds a role. With a fundId, a role limited to another fund does not count;
 * without one, any grant of the role counts ("they hold it somewhere").
 */
export function hasRole(subject: Subject, role: Role, fundId?: string): boolean {
  return subject.roles.some(
    (grant) =>
      grant.role === role && (fundId === undefined || grant.fundId === null || grant.fundId === fundId),
  );
}

export function hasAnyRole(subject: Subject, roles: readonly Role[], fundId?: string): boolean {
  return roles.some((role) => hasRole(subject, role, fundId));
}

export function isMember(subject: Subject, organisationId: string): boolean {
  return subject.organisationIds.includes(organisationId);
}

/**
 * Roles that hold public money or everyone's personal data: they count only once the person has
 * set up and used a second factor (PRODUCT.md section 9). Applicants and assessors are never asked.
 */
export const SECOND_FACTOR_ROLES = ['officer', 'finance', 'admin'] as const satisfies readonly Role[];

export function needsSecondFactor(role: Role): boolean {
  return (SECOND_FACTOR_ROLES as readonly Role[]).includes(role);
}

/** Roles an admin may limit to one fund (Youth Commissioners assess the youth fund only). */
export const FUND_LIMITED_ROLES = ['assessor'] as const satisfies readonly Role[];

export function mayBeLimitedToFund(role: Role): boolean {
  return (FUND_LIMITED_ROLES as readonly Role[]).includes(role);
}

/** The funds a role is limited to, or null when it is held for every fund (or not at all). */
export function fundsLimitedTo(subject: Subject, role: Role): string[] | null {
  const grants = subject.roles.filter((g) => g.role === role);
  if (grants.length === 0 || grants.some((g) => g.fundId === null)) return null;
  return grants.map((g) => g.fundId).filter((id): id is string => id !== null);
}

export interface FundRef {
  id: string;
  published: boolean;
}

/** The group a bid or other record belongs to. */
export interface GroupRef {
  id: string;
}

export interface BidRef {
  organisationId: string;
  fundId: string;
}

/**
 * A bid as staff work on it: its group and fund, and the people who have declared a conflict of
 * interest with its group (with the group, not the bid: PRODUCT.md section 4, rule 5).
 */
export interface CaseRef extends BidRef {
  conflictedUserIds: readonly string[];
}

/** A CaseRef from a bid as the results and assessment pages carry it (its group and who is conflicted). */
export function caseRefOf(
  fundId: string,
  bid: { organisationId: string; conflicts: readonly { userId: string }[] },
): CaseRef {
  return {
    organisationId: bid.organisationId,
    fundId,
    conflictedUserIds: bid.conflicts.map((c) => c.userId),
  };
}

/**
 * Whether the subject stands apart from the bid's group: not a member of it, and no declared
 * conflict of interest with it. A conflict binds the person, whatever role they act in.
 */
export function standsApartFrom(subject: Subject, bid: CaseRef): boolean {
  return !isMember(subject, bid.organisationId) && !bid.conflictedUserIds.includes(subject.id);
}

/**
 * What may be done. A permission carries the record it is about where the answer depends on it
 * (whose group, which fund); `fund` is optional where a page asks "anywhere?" before it has loaded
 * a fund — a role limited to one fund then counts. A later rule such as "the approver is not the
 * requester" is one more case here, carrying the payment it is about.
 */
export type Permission =
  | { action: 'users.manage' }
  | { action: 'audit.read' }
  // The audit trail and personal data (decision 0026)
  /** Browse the audit trail, read-only, with its filters and links (officers and admins). */
  | { action: 'audit.browse' }
  /** Set how long closed grants keep personal data, and anonymise them now (admins). */
  | { action: 'retention.manage' }
  | { action: 'mail.read' }
  /**
   * Read an email's secret link on the Sent mail page (decision 0014). `deliveryEnabled`: mail is
   * sent by email, so nobody but the recipient's inbox needs the link.
   */
  | { action: 'mail.read_link'; link: SecretLink; deliveryEnabled: boolean }
  | { action: 'need.manage' }
  | { action: 'fund.manage' }
  | { action: 'fund.read'; fund: FundRef }
  | { action: 'fund.budget'; fund?: FundRef }
  /** Register a new group (and become its first member): anyone who holds a role or a group. */
  | { action: 'organisation.register' }
  /** Join a group by an invitation sent to one's address: the same. */
  | { action: 'organisation.join' }
  | { action: 'organisation.read'; organisation: GroupRef }
  | { action: 'organisation.manage'; organisation: GroupRef }
  /** Start a bid for some group: anyone who has registered as an applicant or belongs to a group. */
  | { action: 'bid.apply' }
  | { action: 'bid.create'; organisation: GroupRef }
  | { action: 'bid.read'; bid: BidRef }
  | { action: 'bid.edit'; bid: BidRef }
  | { action: 'bid.return'; bid?: CaseRef }
  | { action: 'bid.list_all' }
  | { action: 'bid.screen'; bid?: CaseRef }
  /** Assign and unassign assessors, reopen score sets, write moderation notes (officers). */
  | { action: 'assessment.manage'; fund?: FundRef; bid?: CaseRef }
  /** Assess bids: holds an assessor role (for this fund, when given). */
  | { action: 'assessment.score'; fund?: FundRef }
  | { action: 'assessment.act'; assignment: { assessorId: string } }
  /** Read scores and assessors' comments: a fund's, or one bid's. */
  | { action: 'results.read'; fund?: FundRef; bid?: CaseRef }
  | { action: 'panel.decide'; fund?: FundRef; bid?: CaseRef }
  // ─── Grants and their offers (issue 10, decision 0022) ───
  /** Read a grant and its offer: the group's members, and casework staff. */
  | { action: 'grant.read'; grant: BidRef }
  /** See every group's grants (the staff grants list). */
  | { action: 'grant.list_all' }
  /**
   * Change and issue a draft offer, tick its conditions, end it: officers for the fund who stand
   * apart from the group (checked as for WORK_ON_A_BID).
   */
  | { action: 'grant.offer'; grant?: CaseRef }
  /** Accept or decline an offer: members of the group only; staff never answer for a group. */
  | { action: 'grant.accept'; grant: { organisationId: string } }
  // ─── Paying grants (decision 0023) ───
  /** Give or change a group's bank details: its members. */
  | { action: 'bank.manage'; organisation: GroupRef }
  /** See a group's bank details, masked: its members and staff who see every group. */
  | { action: 'bank.read'; organisation: GroupRef }
  /** See bank details in full ("Show the full details", audited): finance. */
  | { action: 'bank.read_full' }
  /** Record the call-back check of an account: finance, never the person who recorded the change. */
  | { action: 'bank.verify'; account?: BankAccountRef }
  /** A grant's payments and returns, and the fund's ledger: officers and finance. */
  | { action: 'finance.ledger'; fund?: FundRef; bid?: CaseRef }
  /** Ask for a payment, or end a grant early: officers for the fund, standing apart from the group. */
  | { action: 'payment.request'; fund?: FundRef; bid?: CaseRef }
  /**
   * Approve a payment: finance, standing apart from the group, and not the person who asked for
   * it, recorded the bank account it goes to, or checked that account (two people, always).
   */
  | { action: 'payment.approve'; bid?: CaseRef; payment?: PaymentRef }
  /** Record a payment paid, reject it, reverse it: finance, standing apart from the group. */
  | { action: 'payment.record'; bid?: CaseRef }
  /** Record money a group paid back: finance and officers, standing apart from the group. */
  | { action: 'payment.return'; bid?: CaseRef }
  // ─── Open data (issue 11, decision 0025) ───
  /** Run the built-in 360Giving quality check on a fund's open data: officers and admins. */
  | { action: 'opendata.check'; fund?: FundRef }
  /** Change the ONS codes wards are published with: admins. */
  | { action: 'opendata.ward_codes' }
  // ─── Monitoring reports (issue 11, decision 0024) ───
  /** Write and send a grant's reports, add evidence: members of the group only. */
  | { action: 'report.write'; grant: { organisationId: string } }
  /**
   * Approve or return a report, rate the grant: officers for the fund who stand apart from the
   * group (checked as for WORK_ON_A_BID), so a member never approves their own group's report.
   */
  | { action: 'report.review'; grant?: CaseRef };

export type PermissionAction = Permission['action'];

/** A bank account as the access rules see it: who recorded it. */
export interface BankAccountRef {
  recordedById: string;
}

/** A payment as the approval rule sees it: who asked, and who recorded and checked its account. */
export interface PaymentRef {
  requestedById: string;
  bankRecordedById: string;
  bankCheckedById: string | null;
}

/**
 * Staff work on one bid: screening, returning, assigning, reopening and moderating its assessment,
 * reading its scores, deciding it. When the permission carries the bid, every one of these is
 * refused to a member of the bid's group and to anyone who declared a conflict with that group
 * (`standsApartFrom`), in `can` below: one check for them all.
 */
const WORK_ON_A_BID = [
  'bid.screen',
  'bid.return',
  'assessment.manage',
  'results.read',
  'panel.decide',
  'finance.ledger',
  'payment.request',
  'payment.approve',
  'payment.record',
  'payment.return',
] as const satisfies readonly PermissionAction[];

/** The bid a permission for staff work carries, if it is one and carries one. */
function bidWorkedOn(permission: Permission): CaseRef | undefined {
  // A grant's offer is staff work on the bid it came from: the same people stand apart from it.
  if (permission.action === 'grant.offer' || permission.action === 'report.review') return permission.grant;
  const work = (WORK_ON_A_BID as readonly PermissionAction[]).includes(permission.action);
  return work
    ? (permission as Extract<Permission, { action: (typeof WORK_ON_A_BID)[number] }>).bid
    : undefined;
}

/** Staff who may see every group's bids and records. Finance sees them for payments. */
const CASEWORK_ROLES = ['officer', 'admin', 'finance'] as const satisfies readonly Role[];
/** Roles that may see money across a fund: the budget, the pipeline. */
const MONEY_ROLES = ['officer', 'finance', 'admin'] as const satisfies readonly Role[];
/** Staff who run funds: set them up, read the mail the service writes, keep the project bank. */
const FUND_STAFF = ['officer', 'admin'] as const satisfies readonly Role[];

/** The fund a permission is about, when it names one (directly or through a bid). */
function fundIdOf(permission: Permission): string | undefined {
  if ('bid' in permission && permission.bid) return permission.bid.fundId;
  if ('fund' in permission && permission.fund) return permission.fund.id;
  if ('grant' in permission && permission.grant && 'fundId' in permission.grant)
    return permission.grant.fundId;
  return undefined;
}

/** Whether the subject holds every role grant in the list, each for the same funds or more. */
function holdsAll(subject: Subject, grants: readonly { role: Role; fundId: string | null }[]): boolean {
  return grants.every(({ role, fundId }) =>
    subject.roles.some((held) => held.role === role && (held.fundId === null || held.fundId === fundId)),
  );
}

/**
 * Who may read a secret link (decision 0014). Once mail is delivered, nobody: the link is in the
 * recipient's inbox. Without delivery (the demo, trials) someone must read links for people, so:
 * an invitation to someone who already holds every role (and the group) it gives, or who may
 * manage users — they could grant any role anyway, so they gain nothing; a password reset to its
 * recipient only; an email confirmation to its recipient, or to admins so a demo address can be
 * confirmed.
 */
function mayReadLink(subject: Subject, link: SecretLink, deliveryEnabled: boolean): boolean {
  if (deliveryEnabled || !can(subject, { action: 'mail.read' })) return false;
  const ownLink = link.userId !== null && link.userId === subject.id;
  switch (link.kind) {
    case 'password_reset':
      return ownLink;
    case 'email_verification':
      return ownLink || can(subject, { action: 'users.manage' });
    case 'staff_invitation':
    case 'group_invitation':
      return (
        can(subject, { action: 'users.manage' }) ||
        (holdsAll(subject, link.roles) &&
          (link.organisationId === null || isMember(subject, link.organisationId)))
      );
  }
}

/**
 * A fund being set up is for the people setting it up (`fund.read`): anything else about it —
 * its budget, ledger, results, open data check… — is refused to everyone who cannot see the fund,
 * whatever their role (the access matrix, decision 0030). The API then answers as for a fund that
 * does not exist (`authorize`), so a refusal never tells that an unpublished fund is there.
 */
export function seesFundOf(subject: Subject | null, permission: Permission): boolean {
  if (permission.action === 'fund.read' || !('fund' in permission) || permission.fund === undefined)
    return true;
  return can(subject, { action: 'fund.read', fund: permission.fund });
}

/** True when the subject (or an anonymous caller, when null) may do it. */
export function can(subject: Subject | null, permission: Permission): boolean {
  if (permission.action === 'fund.read') {
    // Published funds are public information; funds being set up are for the people setting them up.
    return (
      permission.fund.published || (subject !== null && hasAnyRole(subject, FUND_STAFF, permission.fund.id))
    );
  }
  if (subject === null) return false;
  if (!seesFundOf(subject, permission)) return false;
  const workedOn = bidWorkedOn(permission);
  if (workedOn && !standsApartFrom(subject, workedOn)) return false;
  const fundId = fundIdOf(permission);
  switch (permission.action) {
    case 'users.manage':
    case 'audit.read':
    case 'retention.manage':
      return hasRole(subject, 'admin');
    case 'audit.browse':
      return hasAnyRole(subject, FUND_STAFF);
    case 'mail.read_link':
      return mayReadLink(subject, permission.link, permission.deliveryEnabled);
    case 'mail.read':
    case 'need.manage':
    case 'fund.manage':
      return hasAnyRole(subject, FUND_STAFF);
    case 'fund.budget':
      return (
        (permission.fund === undefined || can(subject, { action: 'fund.read', fund: permission.fund })) &&
        hasAnyRole(subject, MONEY_ROLES, fundId)
      );
    case 'organisation.register':
    case 'organisation.join':
      // An account that holds nothing (one whose email address is not confirmed) may do neither.
      return subject.roles.length > 0 || subject.organisationIds.length > 0;
    case 'organisation.read':
      return isMember(subject, permission.organisation.id) || hasAnyRole(subject, CASEWORK_ROLES);
    case 'organisation.manage':
    case 'bid.create':
      // Members act for their own group only; staff do not write bids on a group's behalf.
      return isMember(subject, permission.organisation.id);
    case 'bid.apply':
      return hasRole(subject, 'applicant') || subject.organisationIds.length > 0;
    case 'bid.read':
      return isMember(subject, permission.bid.organisationId) || hasAnyRole(subject, CASEWORK_ROLES, fundId);
    case 'bid.edit':
      return isMember(subject, permission.bid.organisationId);
    case 'bid.list_all':
      return hasAnyRole(subject, CASEWORK_ROLES);
    case 'bid.return':
    case 'bid.screen':
    case 'assessment.manage':
    case 'panel.decide':
      // Officers for the fund; on one bid, only those who stand apart from its group (checked above).
      return hasRole(subject, 'officer', fundId);
    case 'assessment.score':
      return hasRole(subject, 'assessor', fundId);
    case 'assessment.act':
      return subject.id === permission.assignment.assessorId;
    case 'grant.read':
      return (
        isMember(subject, permission.grant.organisationId) || hasAnyRole(subject, CASEWORK_ROLES, fundId)
      );
    case 'grant.list_all':
      return hasAnyRole(subject, CASEWORK_ROLES);
    case 'grant.offer':
      return hasRole(subject, 'officer', fundId);
    case 'grant.accept':
      return isMember(subject, permission.grant.organisationId);
    case 'results.read':
      // Scores and assessors' comments: officers and admins, not finance (who sees money only).
      return hasAnyRole(subject, FUND_STAFF, fundId);
    // ─── Paying grants (decision 0023) ───
    case 'bank.manage':
      return isMember(subject, permission.organisation.id);
    case 'bank.read':
      return isMember(subject, permission.organisation.id) || hasAnyRole(subject, CASEWORK_ROLES);
    case 'bank.read_full':
      return hasRole(subject, 'finance');
    case 'bank.verify':
      return (
        hasRole(subject, 'finance') &&
        (permission.account === undefined || permission.account.recordedById !== subject.id)
      );
    case 'finance.ledger':
      return hasAnyRole(subject, ['officer', 'finance'], fundId);
    // ─── Open data (decision 0025) ───
    case 'opendata.check':
      return hasAnyRole(subject, FUND_STAFF, fundId);
    case 'opendata.ward_codes':
      return hasRole(subject, 'admin');
    case 'payment.request':
      return hasRole(subject, 'officer', fundId);
    case 'payment.approve': {
      const payment = permission.payment;
      return (
        hasRole(subject, 'finance', fundId) &&
        (payment === undefined ||
          (payment.requestedById !== subject.id &&
            payment.bankRecordedById !== subject.id &&
            payment.bankCheckedById !== subject.id))
      );
    }
    case 'payment.record':
      return hasRole(subject, 'finance', fundId);
    case 'payment.return':
      return hasAnyRole(subject, ['officer', 'finance'], fundId);
    // ─── Monitoring reports (decision 0024) ───
    case 'report.write':
      return isMember(subject, permission.grant.organisationId);
    case 'report.review':
      return hasRole(subject, 'officer', fundId);
  }
}

// ─── Questions about the person rather than a record: what the web app's pages say to them ───

/**
 * Has registered as an applicant. Narrower than `bid.apply` (which also counts anyone in a group):
 * the web app's "Your bids" link and "Your group's bids" home section are for applicants.
 */
export function isApplicant(subject: Subject): boolean {
  return hasRole(subject, 'applicant');
}

/** The funds the subject assesses bids for: null for every fund (or when they assess none). */
export function fundsAssessedBy(subject: Subject): string[] | null {
  return fundsLimitedTo(subject, 'assessor');
}
