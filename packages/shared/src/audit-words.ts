import type { z } from 'zod';
import type { AuditAction, AuditKindName } from './audit.js';
import { BID_SECTIONS } from './bids.js';
import { formatPence } from './money.js';
import { retentionWords } from './privacy.js';
import { REPORT_SECTIONS, type ReportSectionKey } from './reports.js';
import { ROLE_LABELS, type Role } from './roles.js';

// ─── The audit trail in words (issue 9, item 19) ───────────────────────────────────────────────
// Admins read the trail as sentences: who did what to which record. Every action has its words
// here, in one table (test/audit-words.test.ts fails when an action has none). `{record}` is the
// record the entry is about (the page puts a link there); the other {placeholders} are filled from
// the entry's details by DETAILS below, with plain words when a detail is missing.

export const AUDIT_WORDS = {
  'access.denied': 'was refused {request}',
  'auth.signed_in': 'signed in',
  'auth.sign_in_failed': 'tried to sign in as {record} and was refused',
  'auth.signed_out': 'signed out',
  'auth.password_accepted': 'entered the right password, and was asked for the code from their app',
  'auth.second_factor_failed': 'entered a code from their authenticator app that was refused',
  'user.registered': 'registered an account as an applicant',
  'user.registration_attempted': 'tried to register again with the email address of {record}',
  'user.email_verified': 'confirmed their email address',
  'user.closed': 'closed the account of {record}, which never confirmed its email address',
  'user.password_reset_requested': 'asked for a link to reset the password of {record}',
  'user.password_reset': 'set a new password with an emailed link',
  'user.password_changed': 'changed their password',
  'user.signed_out_everywhere': 'signed out on every device',
  'user.email_change_requested': 'asked to change their email address to {email}',
  'user.email_changed': 'changed their email address to {email}',
  'user.invited': 'invited {record} to join as {aRole}{forFund}',
  'user.invitation_accepted': 'accepted their invitation and set a password',
  'user.invitation_resent': 'sent {record} a new invitation link; the old link stopped working',
  'user.invitation_cancelled': 'cancelled the invitation of {record}',
  'user.role_granted': 'gave {record} {theRole}{forFund}',
  'user.role_revoked': 'removed {theRole}{forFund} from {record}',
  'user.disabled': 'disabled the account of {record}',
  'user.enabled': 'enabled the account of {record}',
  'user.second_factor_enrolled': 'set up an authenticator app',
  'user.second_factor_reset': 'reset the authenticator app of {record}',
  'organisation.registered': 'registered the group {record}',
  'organisation.member_invited': 'invited {email} to join {record}',
  'organisation.member_joined': 'joined {record}',
  'organisation.updated': 'changed the details of {record}',
  'organisation.member_removed': 'removed {member} from {record}',
  'organisation.member_left': 'left {record}',
  'need.recorded': 'added {record} to the project bank',
  'need.changed': 'changed {record} in the project bank',
  'fund.created': 'set up {record}',
  'fund.changed': 'changed the details of {record}',
  'fund.pot_changed': 'changed the pot of {record} from {potBefore} to {potAfter}',
  'bid.started': 'started {record}',
  'bid.section_saved': 'saved {theSection} of {record}',
  'bid.document_uploaded': 'uploaded “{document}” to {record}',
  'bid.document_removed': 'removed “{document}” from {record}',
  'bid.submitted': 'sent {record}',
  'bid.resubmitted': 'sent {record} again after changes',
  'bid.returned': 'returned {record} to the group for changes',
  'bid.withdrawn': 'withdrew {record}',
  'bid.mark_eligible': 'checked {record}: the group can apply',
  'bid.mark_ineligible': 'checked {record}: not eligible',
  'bid.start_assessment': 'sent {record} to its assessors',
  'bid.complete_scoring': 'marked {record} as scored: its assessors have all scored it',
  'bid.reopen_scoring': 'reopened the assessment of {record}',
  'bid.awarded': 'awarded {record} {amount}',
  'bid.rejected': 'turned down {record}',
  'bid.deferred': 'deferred {record} to a later panel',
  'assessment.assigned': 'asked {assessor} to assess {record}',
  'assessment.unassigned': 'took {assessor} off {record}',
  'assessment.no_conflict_declared': 'declared no conflict of interest with {record}',
  'assessment.conflict_declared': 'declared a conflict of interest with the group of {record}',
  'assessment.scores_submitted': 'submitted scores for {record}',
  'assessment.scores_reopened': 'reopened scores on {record} so they can be changed',
  'assessment.scores_withdrawn': 'withdrew the scores of {assessor} on {record}: a conflict of interest',
  'assessment.closed': 'closed the assessment of {record}: the bid went back to its group',
  'assessment.moderation_note': 'wrote a moderation note on {record}',
  'assessment.reopen_requested': 'asked for their submitted scores on {record} to be reopened',
  'assessment.reopen_declined': 'declined a request to reopen scores on {record}',
  'panel.held': 'recorded {decisions} of a panel of {record}',
  'grant.offered': 'offered {record}: {amount}',
  'grant.accepted': 'accepted {record}',
  'grant.declined': 'declined {record}',
  'grant.completed': 'completed {record}',
  'grant.ended_early': 'ended {record} early',
  'grant.offer_changed': 'changed the draft offer of {record}',
  'grant.offer_issued': 'issued the offer of {record} to the group',
  'grant.condition_met': 'ticked a condition of {record} as met',
  'payment.requested': 'asked for {aPayment} on {record}',
  'payment.approved': 'approved {aPayment} on {record}',
  'payment.rejected': 'turned down {aPayment} on {record}',
  'payment.paid': 'recorded {aPayment} as paid on {record}',
  'payment.reversed': 'reversed {aPayment} on {record}',
  // Paying grants (decision 0023)
  'payment.bank_changed': 'changed the bank details of {record}',
  'payment.bank_checked': 'checked the new bank details of {record} by calling them back',
  'payment.bank_read_full': 'looked at the full bank details of {record}',
  'grant.money_returned': 'recorded {amount} returned on {record}',
  // Monitoring reports (decision 0024)
  'grant.report_saved': 'saved {theReportSection} of {theReport} on {record}',
  'grant.report_evidence_added': 'added {document} to {theReport} on {record}',
  'grant.report_evidence_removed': 'removed {document} from {theReport} on {record}',
  'grant.report_submitted': 'sent {theReport} on {record}',
  'grant.report_returned': 'returned {theReport} on {record} to the group',
  'grant.report_approved': 'approved {theReport} on {record}',
  'grant.rated': 'rated {record} {theRating}',
  'system.demo_seeded': 'filled the service with demo data',
  // Open data (issue 11, decision 0025)
  'system.ward_code_changed': 'changed the ONS code a ward is published with in open data',
  // The audit chain and personal data (decision 0026)
  'user.data_downloaded': 'downloaded the personal data held about them',
  'system.retention_changed': 'set how long closed grants keep personal data to {retention}',
  'grant.personal_data_removed':
    'removed the personal data of {record}, closed longer than the retention period',
} as const satisfies Record<AuditAction, string>;

/** What admins filter the trail by: each action's kind is the part of its name before the dot. */
export const AUDIT_KINDS = {
  access: 'Refused requests',
  auth: 'Signing in and out',
  user: 'People and their roles',
  organisation: 'Groups',
  need: 'Project bank',
  fund: 'Funds',
  bid: 'Bids',
  assessment: 'Assessment',
  panel: 'Panels',
  grant: 'Grants',
  payment: 'Payments',
  system: 'The service',
} as const satisfies Record<z.infer<typeof AuditKindName>, string>;
export type AuditKind = keyof typeof AUDIT_KINDS;

export function auditKindOf(action: AuditAction): AuditKind {
  return action.slice(0, action.indexOf('.')) as AuditKind;
}

export function isAuditKind(value: string): value is AuditKind {
  return Object.hasOwn(AUDIT_KINDS, value);
}

/** What an entry holds that its words may need. */
export interface AuditFacts {
  action: AuditAction;
  before: unknown;
  after: unknown;
}

type Lookup = (id: string) => string | undefined;

/** A field of the entry's details: from `after` first, then `before`. */
function detail(facts: AuditFacts, key: string): unknown {
  for (const side of [facts.after, facts.before]) {
    if (side && typeof side === 'object' && key in side) {
      const value = (side as Record<string, unknown>)[key];
      if (value !== null && value !== undefined) return value;
    }
  }
  return undefined;
}

function side(value: unknown, key: string): unknown {
  return value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;
const money = (value: unknown): string | undefined =>
  typeof value === 'number' && Number.isSafeInteger(value) ? formatPence(value) : undefined;
const roleOf = (value: unknown): Role | undefined =>
  typeof value === 'string' && Object.hasOwn(ROLE_LABELS, value) ? (value as Role) : undefined;

/** The ids of people and funds an entry's words name, for the reader to look up. */
export const AUDIT_NAMED_IDS = ['assessorId', 'userId', 'fundId'] as const;

/** Each placeholder's words, from the entry's details. */
const DETAILS: Record<string, (facts: AuditFacts, name: Lookup) => string> = {
  theRole: (f) => {
    const role = roleOf(detail(f, 'role'));
    return role ? `the ${ROLE_LABELS[role].toLowerCase()} role` : 'a role';
  },
  aRole: (f) => {
    const role = roleOf(detail(f, 'role'));
    if (!role) return 'a member of staff';
    const label = ROLE_LABELS[role].toLowerCase();
    return `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;
  },
  forFund: (f, name) => {
    const fundId = text(detail(f, 'fundId'));
    if (!fundId) return '';
    return ` for the ${name(fundId) ?? 'fund'}`.replace(/^ for the the /i, ' for the ');
  },
  assessor: (f, name) => {
    const id = text(detail(f, 'assessorId'));
    return (id && name(id)) ?? 'an assessor';
  },
  member: (f, name) => {
    const id = text(detail(f, 'userId'));
    return (id && name(id)) ?? 'a member';
  },
  aPayment: (f) => {
    const amount = money(detail(f, 'amountPence'));
    return amount ? `a payment of ${amount}` : 'a payment';
  },
  email: (f) => text(detail(f, 'email')) ?? 'an email address',
  amount: (f) => money(detail(f, 'amountPence')) ?? 'a grant',
  potBefore: (f) => money(side(f.before, 'potPence')) ?? 'what it was',
  potAfter: (f) => money(side(f.after, 'potPence')) ?? 'a new amount',
  theSection: (f) => {
    const key = detail(f, 'section');
    const title = BID_SECTIONS.find((s) => s.key === key)?.title;
    return title ? `the “${title}” section` : 'a section';
  },
  document: (f) => text(detail(f, 'filename')) ?? 'a document',
  // Monitoring reports (decision 0024)
  theReport: (f) => {
    const kind = detail(f, 'kind');
    return kind === 'mid_point' ? 'the mid-point report' : kind === 'final' ? 'the final report' : 'a report';
  },
  theReportSection: (f) => {
    const section = text(detail(f, 'section'));
    const title =
      section && Object.hasOwn(REPORT_SECTIONS, section)
        ? REPORT_SECTIONS[section as ReportSectionKey].title
        : null;
    return title ? `the “${title}” section` : 'a section';
  },
  theRating: (f) => {
    const rating = text(side(f.after, 'rating'));
    return rating ? rating : 'red, amber or green';
  },
  request: (f) => {
    const method = text(side(f.after, 'method'));
    const url = text(side(f.after, 'url'));
    return method && url ? `${method} ${url}` : 'a request';
  },
  // The audit chain and personal data (decision 0026)
  retention: (f) => {
    const months = side(f.after, 'months');
    return typeof months === 'number' ? retentionWords(months) : 'a new period';
  },
  decisions: (f) => {
    const count = detail(f, 'decisions');
    return typeof count === 'number' ? `${count} ${count === 1 ? 'decision' : 'decisions'}` : 'the decisions';
  },
};

/**
 * What the entry says was done, in words, with `{record}` left where the record goes (a link on
 * the page, its name in a CSV). Every other placeholder is filled in.
 */
export function auditPhrase(facts: AuditFacts, name: Lookup): string {
  return AUDIT_WORDS[facts.action].replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (key === 'record') return whole;
    return DETAILS[key]?.(facts, name) ?? '';
  });
}

/** Who acted, in words: their name, the service itself, or someone who was not signed in. */
export function auditActorLabel(
  action: AuditAction,
  actorId: string | null,
  actorName: string | null,
): string {
  if (actorId !== null) return actorName ?? 'A person no longer known';
  const kind = auditKindOf(action);
  return kind === 'auth' || kind === 'user' || kind === 'access' ? 'Someone not signed in' : 'The service';
}

/** The whole sentence, as plain text: "Alex Morgan removed the assessor role from Farah Begum". */
export function auditSentence(
  facts: AuditFacts,
  who: { actor: string; record: string },
  name: Lookup,
): string {
  return `${who.actor} ${auditPhrase(facts, name).replaceAll('{record}', who.record)}`;
}
