import { z } from 'zod';
import { IsoDateTime } from './dates.js';

/**
 * Every action the audit trail records. The trail is append-only, so a name, once written, is
 * never renamed: add new ones, keep old ones. Moves of a bid or a grant map to these through
 * BID_MOVE_AUDIT and GRANT_MOVE_AUDIT.
 */
export const AuditAction = z.enum([
  'access.denied',
  'auth.signed_in',
  'auth.sign_in_failed',
  'auth.signed_out',
  'auth.password_accepted',
  'auth.second_factor_failed',
  'user.registered',
  'user.registration_attempted',
  'user.email_verified',
  'user.closed',
  'user.password_reset_requested',
  'user.password_reset',
  'user.password_changed',
  'user.signed_out_everywhere',
  'user.email_change_requested',
  'user.email_changed',
  'user.invited',
  'user.invitation_accepted',
  'user.invitation_resent',
  'user.invitation_cancelled',
  'user.role_granted',
  'user.role_revoked',
  'user.disabled',
  'user.enabled',
  'user.second_factor_enrolled',
  'user.second_factor_reset',
  'organisation.registered',
  'organisation.member_invited',
  'organisation.member_joined',
  'organisation.updated',
  'organisation.member_removed',
  'organisation.member_left',
  'need.recorded',
  'need.changed',
  'fund.created',
  'fund.changed',
  'fund.pot_changed',
  'bid.started',
  'bid.section_saved',
  'bid.document_uploaded',
  'bid.document_removed',
  'bid.submitted',
  'bid.resubmitted',
  'bid.returned',
  'bid.withdrawn',
  'bid.mark_eligible',
  'bid.mark_ineligible',
  'bid.start_assessment',
  'bid.complete_scoring',
  'bid.reopen_scoring',
  'bid.awarded',
  'bid.rejected',
  'bid.deferred',
  'assessment.assigned',
  'assessment.unassigned',
  'assessment.no_conflict_declared',
  'assessment.conflict_declared',
  'assessment.scores_submitted',
  'assessment.scores_reopened',
  'assessment.reopen_requested',
  'assessment.reopen_declined',
  'assessment.scores_withdrawn',
  'assessment.closed',
  'assessment.moderation_note',
  'panel.held',
  'grant.offered',
  'grant.accepted',
  'grant.declined',
  'grant.completed',
  'grant.ended_early',
  'grant.offer_changed',
  'grant.offer_issued',
  'grant.condition_met',
  'payment.requested',
  'payment.approved',
  'payment.rejected',
  'payment.paid',
  'payment.reversed',
  // Paying grants (decision 0023)
  'payment.bank_changed',
  'payment.bank_checked',
  'payment.bank_read_full',
  'grant.money_returned',
  // Monitoring reports (decision 0024)
  'grant.report_saved',
  'grant.report_evidence_added',
  'grant.report_evidence_removed',
  'grant.report_submitted',
  'grant.report_returned',
  'grant.report_approved',
  'grant.rated',
  'system.demo_seeded',
  // Open data (issue 11, decision 0025)
  'system.ward_code_changed',
  // The audit chain and personal data (decision 0026)
  'user.data_downloaded',
  'system.retention_changed',
  'grant.personal_data_removed',
]);
export type AuditAction = z.infer<typeof AuditAction>;

/** What an audit event is about. */
export const AuditEntityType = z.enum([
  'user',
  'organisation',
  'need',
  'fund',
  'bid',
  'grant',
  'request',
  'system',
]);
export type AuditEntityType = z.infer<typeof AuditEntityType>;

const AUDIT_KIND_NAMES = [
  'access',
  'auth',
  'user',
  'organisation',
  'need',
  'fund',
  'bid',
  'assessment',
  'panel',
  'grant',
  'payment',
  'system',
] as const;
/** Kinds of action admins filter the trail by (their words: AUDIT_KINDS in audit-words.ts). */
export const AuditKindName = z.enum(AUDIT_KIND_NAMES, { error: 'Choose a kind of action from the list' });

/** The record an entry is about, named for people (a link goes to it where it has a page). */
export const AuditRecord = z.object({
  type: AuditEntityType,
  id: z.string(),
  /** "Robert Kowalski", "bid PCF-2019-0042", "the grant for bid PCF-2019-0042", "Communities Fund". */
  name: z.string(),
  /** For a grant: its bid, whose page shows it. */
  bidId: z.string().nullable(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export const AuditEvent = z.object({
  id: z.int(),
  at: IsoDateTime,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  /** Who acted, in words: their name, "The service", or "Someone not signed in". */
  actorLabel: z.string(),
  action: AuditAction,
  kind: AuditKindName,
  entityType: AuditEntityType,
  entityId: z.string().nullable(),
  /** The record the entry is about, by name; null where it is about no record (a refused request). */
  record: AuditRecord.nullable(),
  /** What was done, in words, with `{record}` where the record goes (AUDIT_WORDS). */
  phrase: z.string(),
  /** The whole entry as one sentence: "Alex Morgan removed the assessor role from Farah Begum". */
  sentence: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  /**
   * For access.denied: how many refused requests this row stands for (the same address, person
   * and permission within REFUSAL_AUDIT_WINDOW_SECONDS of the first). Null for every other event.
   */
  refusals: z.int().min(1).nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

/** The trail's filters, for its pages and its CSV export. Dates are whole days in London. */
const auditFilters = {
  entityType: AuditEntityType.optional(),
  entityId: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  /** Who acted, by their email address. */
  person: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, 'Email address must be 254 characters or fewer')
    .optional(),
  /** A bid's reference, or any record's id. */
  record: z
    .string()
    .trim()
    .max(100, 'Enter a bid reference or a record id of 100 characters or fewer')
    .optional(),
  kind: AuditKindName.optional(),
  /** A grant, by its bid's reference or its id (decision 0026). */
  grant: z
    .string()
    .trim()
    .max(100, 'Enter a bid reference or a grant id of 100 characters or fewer')
    .optional(),
  from: z.iso.date({ error: 'Enter a real start date' }).optional(),
  to: z.iso.date({ error: 'Enter a real end date' }).optional(),
};

function datesInOrder(query: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) {
  if (query.from && query.to && query.to < query.from) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: 'The end date must be the same as or after the start date',
    });
  }
}

export const AuditQuery = z
  .strictObject({
    ...auditFilters,
    /** For the next page: events older than this id. */
    before: z.coerce.number().int().positive().optional(),
  })
  .superRefine(datesInOrder);
export type AuditQuery = z.input<typeof AuditQuery>;

/** The CSV export takes the same filters, and every entry they match (up to AUDIT_EXPORT_LIMIT). */
export const AuditExportQuery = z.strictObject(auditFilters).superRefine(datesInOrder);

/** The most entries one CSV export holds; more asks for narrower filters. */
export const AUDIT_EXPORT_LIMIT = 10_000;

export const AuditList = z.object({ events: z.array(AuditEvent), nextBefore: z.int().nullable() });
export type AuditList = z.infer<typeof AuditList>;

// The audit chain (decision 0026)
/** What walking the audit trail's hash chain found: all well, or the first event that is wrong. */
export const AuditChainCheck = z.object({
  ok: z.boolean(),
  /** Events walked: all of them when ok, up to and including the broken one otherwise. */
  events: z.int().min(0),
  brokenAt: z.int().nullable(),
  problem: z.string().nullable(),
  /** "ok, 1234 events" or "Broken at event 57: …", as `pnpm audit:verify` prints it. */
  message: z.string(),
});
export type AuditChainCheck = z.infer<typeof AuditChainCheck>;
