import { z } from 'zod';

/** Kinds of organisation (PRODUCT.md section 7) and how each is identified in 360Giving open data. */
export const OrganisationType = z.enum([
  'registered_charity',
  'cio',
  'company',
  'parish_council',
  'school',
  'faith_group',
  'community_group',
  'informal_group',
]);
export type OrganisationType = z.infer<typeof OrganisationType>;

export interface OrganisationTypeInfo {
  label: string;
  /** What this kind of group is, in plain words, shown under the choice when registering. */
  hint: string;
  /** What the registered number is called, when this type has one. */
  numberLabel: string | null;
  /** Checks the number's format (not that it exists). */
  numberPattern: RegExp | null;
  numberHint: string | null;
  /** The org-id.guide prefix used in open data, when there is a register. */
  orgIdPrefix: string | null;
}

export const ORGANISATION_TYPES: Record<OrganisationType, OrganisationTypeInfo> = {
  registered_charity: {
    label: 'Registered charity',
    hint: 'Registered with the Charity Commission. You have a charity number.',
    numberLabel: 'Charity number',
    numberPattern: /^\d{6,7}$/,
    numberHint: 'Six or seven digits, like 1123456',
    orgIdPrefix: 'GB-CHC',
  },
  cio: {
    label: 'Charitable incorporated organisation (CIO)',
    hint: 'A charity set up as a CIO and registered with the Charity Commission. You have a charity number.',
    numberLabel: 'Charity number',
    numberPattern: /^\d{6,7}$/,
    numberHint: 'Six or seven digits, like 1178901',
    orgIdPrefix: 'GB-CHC',
  },
  company: {
    label: 'Company limited by guarantee or community interest company (CIC)',
    hint: 'Registered at Companies House, with a company number, and run for the community, not for profit.',
    numberLabel: 'Company number',
    numberPattern: /^(?:\d{8}|[A-Z]{2}\d{6})$/,
    numberHint: 'Eight characters, like 09876543 or SC123456',
    orgIdPrefix: 'GB-COH',
  },
  parish_council: {
    label: 'Parish or town council',
    hint: 'The elected council for a parish, town or village.',
    numberLabel: null,
    numberPattern: null,
    numberHint: null,
    orgIdPrefix: null,
  },
  school: {
    label: 'School',
    hint: 'A school with a unique reference number (URN) from the Department for Education.',
    numberLabel: 'School URN (unique reference number)',
    numberPattern: /^\d{6}$/,
    numberHint: 'Six digits, like 110123',
    orgIdPrefix: 'GB-EDU',
  },
  faith_group: {
    label: 'Faith group',
    hint: 'A church, mosque, gurdwara, temple, synagogue or other group that worships together.',
    numberLabel: null,
    numberPattern: null,
    numberHint: null,
    orgIdPrefix: null,
  },
  community_group: {
    label: 'Constituted community group',
    hint: 'A group with written rules (a constitution) and a committee, but not registered as a charity or company.',
    numberLabel: null,
    numberPattern: null,
    numberHint: null,
    orgIdPrefix: null,
  },
  informal_group: {
    label: 'Informal group (not constituted)',
    hint: 'Neighbours or volunteers who meet and work together without written rules. You can register now. To send a bid, your group will need a governing document: the council can help you write one.',
    numberLabel: null,
    numberPattern: null,
    numberHint: null,
    orgIdPrefix: null,
  },
};

export const Priority = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
});
export type Priority = z.infer<typeof Priority>;

export const Ward = z.object({
  id: z.uuid(),
  name: z.string(),
  /** "City-wide" is not a ward but is offered alongside them. */
  isCityWide: z.boolean(),
});
export type Ward = z.infer<typeof Ward>;

export const ReferenceData = z.object({
  priorities: z.array(Priority),
  wards: z.array(Ward),
});
export type ReferenceData = z.infer<typeof ReferenceData>;
