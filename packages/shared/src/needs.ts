import { z } from 'zod';
import { IsoDateTime } from './dates.js';
import { PageFields, PageInfo } from './paging.js';
import { charLimited, wordLimited } from './text.js';

/** Where a neighbourhood need in the project bank was found. */
export const NeedSource = z.enum(['community_consultation', 'needs_assessment', 'other'], {
  error: 'Choose where the need was found',
});
export const NEED_SOURCES: Record<z.infer<typeof NeedSource>, string> = {
  community_consultation: 'Community consultation',
  needs_assessment: 'Needs assessment',
  other: 'Other',
};

export const Need = z
  .object({
    id: z.uuid(),
    wardId: z.uuid(),
    wardName: z.string(),
    title: z.string(),
    description: z.string(),
    source: NeedSource,
    sourceDetail: z.string().nullable(),
    identifiedOn: z.iso.date(),
    createdAt: IsoDateTime,
  })
  .meta({ id: 'Need' });
export type Need = z.infer<typeof Need>;

/** One page of the project bank (paging.ts), in the council's ward order. */
export const NeedList = z.object({ needs: z.array(Need), ...PageInfo });

export const NeedBody = z.strictObject({
  wardId: z.uuid({ error: 'Choose the ward' }),
  title: charLimited(120, 'a short name for the need'),
  description: wordLimited(200, 'a description of the need'),
  source: NeedSource,
  sourceDetail: z
    .string()
    .trim()
    .max(200, 'Where it came from must be 200 characters or fewer')
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  identifiedOn: z.iso
    .date({ error: 'Enter a real date, like 27 3 2019' })
    .refine((date) => date <= new Date().toISOString().slice(0, 10), 'The date must be today or in the past'),
});
export type NeedBody = z.input<typeof NeedBody>;

export const NeedIdParams = z.strictObject({ needId: z.uuid() });
export const NeedQuery = z.strictObject({ wardId: z.uuid().optional(), ...PageFields });
