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
  'assessment.scores_withdrawn',
  'assessment.closed',
  'assessment.moderation_note',
  'panel.held',
  'grant.offered',
  'grant.accepted',
  'grant.declined',
  'grant.completed',
  'grant.ended_early',
  'system.demo_seeded',
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

export const AuditEvent = z.object({
  id: z.int(),
  at: IsoDateTime,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: AuditAction,
  entityType: AuditEntityType,
  entityId: z.string().nullable(),
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

export const AuditQuery = z.strictObject({
  entityType: AuditEntityType.optional(),
  entityId: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  /** For the next page: events older than this id. */
  before: z.coerce.number().int().positive().optional(),
});

export const AuditList = z.object({ events: z.array(AuditEvent), nextBefore: z.int().nullable() });
export type AuditList = z.infer<typeof AuditList>;
