import { z } from 'zod';
import { IsoDateTime } from './dates.js';

// ─── Personal data: subject access and retention (issue 11 item 8, decision 0026) ─────────────

/** How long closed grants keep personal data when an admin has set nothing: six years. */
export const DEFAULT_RETENTION_MONTHS = 72;
/** The shortest and longest periods an admin may set: one year to twenty-five. */
export const RETENTION_MIN_MONTHS = 12;
export const RETENTION_MAX_MONTHS = 300;

/** "6 years", "18 months", "1 year and 6 months". */
export function retentionWords(months: number): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const y = years === 1 ? '1 year' : `${years} years`;
  const m = rest === 1 ? '1 month' : `${rest} months`;
  if (years === 0) return m;
  return rest === 0 ? y : `${y} and ${m}`;
}

const RETENTION_MESSAGE = `Enter a whole number of months from ${RETENTION_MIN_MONTHS} to ${RETENTION_MAX_MONTHS}`;

/** What an admin sends to set the retention period. */
export const RetentionBody = z.strictObject({
  months: z
    .int({ error: RETENTION_MESSAGE })
    .min(RETENTION_MIN_MONTHS, RETENTION_MESSAGE)
    .max(RETENTION_MAX_MONTHS, RETENTION_MESSAGE),
});
export type RetentionBody = z.infer<typeof RetentionBody>;

/** The retention period as it stands: public, for the privacy notice. */
export const RetentionSetting = z.object({
  months: z.int(),
  /** True when no admin has set it, and the default holds. */
  isDefault: z.boolean(),
  /** "6 years" */
  words: z.string(),
  updatedAt: IsoDateTime.nullable(),
});
export type RetentionSetting = z.infer<typeof RetentionSetting>;

/** What one run of the anonymising job did. */
export const AnonymiseResult = z.object({
  /** The London date the run counted from. */
  today: z.iso.date(),
  /** Grants closed on or before this date had their personal data removed. */
  closedBefore: z.iso.date(),
  /** The grants done in this run (none when another run did them already). */
  grantIds: z.array(z.string()),
});
export type AnonymiseResult = z.infer<typeof AnonymiseResult>;

/** The words that replace a person's name or details once removed. */
export const REMOVED = 'Removed after the retention period';

/**
 * Everything held about the signed-in person (GET /api/me/data, PRODUCT.md section 10): their
 * own data only, and no secrets. Each part is a list of plain records.
 */
export const PersonalData = z.object({
  about: z.string(),
  generatedAt: IsoDateTime,
  account: z.record(z.string(), z.unknown()),
  roles: z.array(z.record(z.string(), z.unknown())),
  memberships: z.array(z.record(z.string(), z.unknown())),
  invitations: z.array(z.record(z.string(), z.unknown())),
  sessions: z.array(z.record(z.string(), z.unknown())),
  groupsYouAreContactFor: z.array(z.record(z.string(), z.unknown())),
  bidsYouStarted: z.array(z.record(z.string(), z.unknown())),
  offersYouAccepted: z.array(z.record(z.string(), z.unknown())),
  /** Monitoring reports the person sent, with what they wrote, and evidence they uploaded. */
  reportsYouSent: z.array(z.record(z.string(), z.unknown())),
  evidenceYouUploaded: z.array(z.record(z.string(), z.unknown())),
  conflictsYouDeclared: z.array(z.record(z.string(), z.unknown())),
  scoresYouGave: z.array(z.record(z.string(), z.unknown())),
  auditTrail: z.array(z.record(z.string(), z.unknown())),
  mailSentToYou: z.array(z.record(z.string(), z.unknown())),
});
export type PersonalData = z.infer<typeof PersonalData>;
