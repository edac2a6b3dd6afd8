import { z } from 'zod';

/**
 * Open data (PRODUCT.md section 8, issue 11 items 5 and 6, decision 0025): what the built-in
 * quality check reports. The checks themselves run in the API (modules/opendata/rules.ts); the web
 * app only shows their results.
 */
export const QUALITY_CHECKS = [
  'recipient_local_id_with_number',
  'charity_number_looks_wrong',
  'company_number_looks_wrong',
  'title_same_as_description',
  'title_too_long',
  'no_beneficiary_location_code',
  'award_date_in_future',
  'planned_end_before_start',
  'looks_like_email',
  'looks_like_person_name',
  'zero_amount',
  'no_grant_programme',
  'no_last_modified',
] as const;
export const QualityCheckKey = z.enum(QUALITY_CHECKS);
export type QualityCheckKey = z.infer<typeof QualityCheckKey>;

/** One grant a finding affects: the grant's page, and how it shows in the published data. */
export const QualityGrantRef = z.object({
  grantId: z.string(),
  bidId: z.string(),
  identifier: z.string(),
  title: z.string(),
});
export type QualityGrantRef = z.infer<typeof QualityGrantRef>;

export const QualityFinding = z.object({
  check: QualityCheckKey,
  /** What is wrong, in plain words ("Title the same as the description"). */
  title: z.string(),
  /** Why it matters to people using the data. */
  why: z.string(),
  /** What to do about it. */
  fix: z.string(),
  grants: z.array(QualityGrantRef),
});
export type QualityFinding = z.infer<typeof QualityFinding>;

export const QualityReport = z.object({
  fundId: z.string(),
  fundName: z.string(),
  /** How many grants the published files carry (only awarded grants, decision 0025). */
  grantsPublished: z.number().int(),
  totalAwardedPence: z.number().int(),
  checksRun: z.number().int(),
  findings: z.array(QualityFinding),
});
export type QualityReport = z.infer<typeof QualityReport>;

/** ONS codes: E05 wards (WD), E06 unitary authorities (UA) and the like; nine characters. */
export const GEO_CODE_PATTERN = /^[EWSN]\d{8}$/;

export const WardCodeBody = z.strictObject({
  code: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(
      z
        .string()
        .regex(GEO_CODE_PATTERN, 'Enter the ward’s ONS code: a letter and 8 digits, like E05010798')
        .or(z.literal('')),
    ),
});
export type WardCodeBody = z.infer<typeof WardCodeBody>;

export const WardWithCode = z.object({
  id: z.uuid(),
  name: z.string(),
  isCityWide: z.boolean(),
  /** The ONS code published as the grant's beneficiary location; null when not known. */
  code: z.string().nullable(),
});
export type WardWithCode = z.infer<typeof WardWithCode>;

export const WardCodeList = z.object({ wards: z.array(WardWithCode) });
export type WardCodeList = z.infer<typeof WardCodeList>;

export const WardIdParams = z.strictObject({ wardId: z.uuid({ error: 'There is no such ward' }) });

/** A 360Giving package as the API sends it; the official schema (tested) says the rest. */
export const Package360 = z.looseObject({
  version: z.string(),
  license: z.string(),
  grants: z.array(z.looseObject({ id: z.string() })),
});
