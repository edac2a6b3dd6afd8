import {
  type GrantStatus,
  ORGANISATION_TYPES,
  type OrganisationType,
  type QualityCheckKey,
  type QualityFinding,
  type QualityGrantRef,
} from '@cf/shared';

/**
 * Open data as pure functions (decision 0025): which grants are published, how a grant becomes a
 * 360Giving grant, its flat CSV and Transparency Code rows, and the built-in quality check. No
 * database, no clock: the service hands in what it read and today's date.
 */

/** Who publishes the grants: configuration (config.ts, FUNDER_*), never anything a person typed. */
export interface Funder {
  name: string;
  orgId: string;
  /** The registered 360Giving prefix, e.g. 360G-peterboroughcc. */
  prefix: string;
  department: string;
  /** The council's area, named for grants that benefit all of it. */
  areaName: string;
  license: string;
}

// ─── Which grants are published ──────────────────────────────────────────────────────────────

/**
 * A grant the council made: every award, whatever has happened since, except an offer the group
 * declined (the whole award went back to the pot: the council made no grant) and a grant ended
 * early with all of its award back and nothing kept. Offers not yet answered are published: the
 * panel's decision is the award (360Giving's awardDate).
 */
export function isPublished(grant: {
  status: GrantStatus;
  awardPence: number;
  returnedPence: number;
}): boolean {
  if (grant.status === 'declined') return false;
  if (grant.status === 'ended_early' && grant.returnedPence >= grant.awardPence) return false;
  return true;
}

// ─── Organisation identifiers ────────────────────────────────────────────────────────────────

/**
 * A group's identifier in open data: its register's (GB-CHC-1123456, GB-COH-09876543,
 * GB-EDU-110123) when it has a registered number, or the funder's local one
 * (360G-peterboroughcc-org-<id>) when it has none.
 */
export function organisationIdentifier(
  org: { id: string; type: OrganisationType; registeredNumber: string | null },
  funderPrefix: string,
): string {
  const prefix = ORGANISATION_TYPES[org.type].orgIdPrefix;
  const number = org.registeredNumber?.replace(/\s+/g, '').toUpperCase();
  if (prefix && number) return `${prefix}-${number}`;
  return `${funderPrefix}-org-${org.id}`;
}

// ─── A 360Giving grant ───────────────────────────────────────────────────────────────────────

export interface Location360 {
  name: string;
  geoCode?: string;
  geoCodeType?: string;
  countryCode: string;
}

/**
 * A grant as the 360Giving Data Standard (1.4) has it: only the fields this service fills. A type,
 * not an interface, so that it is a plain JSON object to the response schema.
 */
export type Grant360 = {
  id: string;
  title: string;
  description: string;
  currency: 'GBP';
  amountAppliedFor: number;
  amountAwarded: number;
  amountDisbursed: number;
  awardDate: string;
  plannedDates?: { startDate: string; endDate: string }[];
  recipientOrganization: { id: string; name: string; charityNumber?: string; companyNumber?: string }[];
  fundingOrganization: { id: string; name: string }[];
  beneficiaryLocation?: Location360[];
  grantProgramme?: { code: string; title: string }[];
  classifications?: { vocabulary: string; code: string; title: string }[];
  dateModified?: string;
};

/** What a grant is made from: the grant's own record and the few facts around it. */
export interface GrantFacts {
  grantId: string;
  bidReference: string | null;
  bidTitle: string | null;
  purpose: string;
  amountAppliedForPence: number;
  awardPence: number;
  /** Paid less reversals, as the payments module adds it up. */
  paidPence: number;
  /** The London date of the panel's decision. */
  awardDate: string;
  organisation: { id: string; name: string; type: OrganisationType; registeredNumber: string | null };
  /** The wards the grant benefits, with their ONS codes (City-wide: the council's area). */
  wards: { name: string; isCityWide: boolean; code: string | null }[];
  priority: { id: string; name: string } | null;
  timetable: { startDate?: unknown; endDate?: unknown } | null;
  /** The latest change to the grant or its money, as an ISO date-time. */
  dateModified: string | null;
}

const pounds = (pence: number) => Math.round(pence) / 100;
const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

export function toGrant360(g: GrantFacts, fund: { code: string; name: string }, funder: Funder): Grant360 {
  const info = ORGANISATION_TYPES[g.organisation.type];
  const recipient: Grant360['recipientOrganization'][number] = {
    id: organisationIdentifier(g.organisation, funder.prefix),
    name: g.organisation.name,
  };
  const number = g.organisation.registeredNumber?.trim();
  if (number && info.orgIdPrefix === 'GB-CHC') recipient.charityNumber = number;
  if (number && info.orgIdPrefix === 'GB-COH') recipient.companyNumber = number;

  const grant: Grant360 = {
    id: `${funder.prefix}-${g.bidReference ?? g.grantId}`,
    title: g.bidTitle ?? '',
    description: g.purpose,
    currency: 'GBP',
    amountAppliedFor: pounds(g.amountAppliedForPence),
    amountAwarded: pounds(g.awardPence),
    amountDisbursed: pounds(g.paidPence),
    awardDate: g.awardDate,
    recipientOrganization: [recipient],
    fundingOrganization: [{ id: funder.orgId, name: funder.name }],
    grantProgramme: [{ code: fund.code, title: fund.name }],
  };
  const start = g.timetable?.startDate;
  const end = g.timetable?.endDate;
  if (isDate(start) && isDate(end)) grant.plannedDates = [{ startDate: start, endDate: end }];
  if (g.wards.length > 0) {
    grant.beneficiaryLocation = g.wards.map((w) => {
      const location: Location360 = { name: w.isCityWide ? funder.areaName : w.name, countryCode: 'GB' };
      if (w.code) {
        location.geoCode = w.code;
        location.geoCodeType = w.isCityWide ? 'UA' : 'WD';
      }
      return location;
    });
  }
  if (g.priority) {
    grant.classifications = [
      { vocabulary: `${funder.prefix}-priorities`, code: g.priority.id, title: g.priority.name },
    ];
  }
  if (g.dateModified) grant.dateModified = g.dateModified;
  return grant;
}

// ─── The flat CSV (360Giving's column titles) ─────────────────────────────────────────────────

type Cell = string | number | null;

/** The standard's titles for one beneficiary location; the first unnumbered, then :1:, :2:… */
function locationTitles(i: number): string[] {
  const at = i === 0 ? 'Beneficiary Location:' : `Beneficiary Location:${i}:`;
  return [`${at}Name`, `${at}Country Code`, `${at}Geographic Code`, `${at}Geographic Code Type`];
}

/**
 * The grants as 360Giving's flat CSV: the column titles are the schema's own (each field's
 * "title", joined with ":" down the tree), so the 360Giving tools read it back into the same grants.
 */
export function flatten360(grants: readonly Grant360[]): { header: string[]; rows: Cell[][] } {
  const locations = Math.max(1, ...grants.map((g) => g.beneficiaryLocation?.length ?? 0));
  const header = [
    'Identifier',
    'Title',
    'Description',
    'Currency',
    'Amount Applied For',
    'Amount Awarded',
    'Amount Disbursed',
    'Award Date',
    'Planned Dates:Start Date',
    'Planned Dates:End Date',
    'Recipient Org:Identifier',
    'Recipient Org:Name',
    'Recipient Org:Charity Number',
    'Recipient Org:Company Number',
    ...Array.from({ length: locations }, (_, i) => locationTitles(i)).flat(),
    'Funding Org:Identifier',
    'Funding Org:Name',
    'Grant Programme:Code',
    'Grant Programme:Title',
    'Classifications:Vocabulary',
    'Classifications:Code',
    'Classifications:Title',
    'Last Modified',
  ];
  const rows = grants.map((g) => {
    const r = g.recipientOrganization[0];
    const f = g.fundingOrganization[0];
    const p = g.grantProgramme?.[0];
    const c = g.classifications?.[0];
    const locationCells = Array.from({ length: locations }, (_, i) => {
      const l = g.beneficiaryLocation?.[i];
      return [l?.name ?? null, l?.countryCode ?? null, l?.geoCode ?? null, l?.geoCodeType ?? null];
    }).flat();
    return [
      g.id,
      g.title,
      g.description,
      g.currency,
      g.amountAppliedFor,
      g.amountAwarded,
      g.amountDisbursed,
      g.awardDate,
      g.plannedDates?.[0]?.startDate ?? null,
      g.plannedDates?.[0]?.endDate ?? null,
      r?.id ?? null,
      r?.name ?? null,
      r?.charityNumber ?? null,
      r?.companyNumber ?? null,
      ...locationCells,
      f?.id ?? null,
      f?.name ?? null,
      p?.code ?? null,
      p?.title ?? null,
      c?.vocabulary ?? null,
      c?.code ?? null,
      c?.title ?? null,
      g.dateModified ?? null,
    ];
  });
  return { header, rows };
}

// ─── Local Government Transparency Code 2015 ─────────────────────────────────────────────────

/**
 * The Code's fields for grants to voluntary, community and social enterprise organisations: date
 * awarded, time period, department, beneficiary, beneficiary's registration number, purpose and
 * amount.
 */
export const TRANSPARENCY_HEADER = [
  'Date awarded',
  'Time period',
  'Department',
  'Beneficiary',
  'Registration number',
  'Purpose',
  'Amount',
] as const;

export function transparencyRow(g: Grant360, funder: Funder): Cell[] {
  const r = g.recipientOrganization[0];
  const planned = g.plannedDates?.[0];
  return [
    g.awardDate,
    planned ? `${planned.startDate} to ${planned.endDate}` : '',
    funder.department,
    r?.name ?? '',
    r?.charityNumber ?? r?.companyNumber ?? '',
    g.description,
    g.amountAwarded,
  ];
}

// ─── The built-in quality check ──────────────────────────────────────────────────────────────

/** A grant as the check sees it: what would be published, and the people known around it. */
export interface CheckedGrant {
  grant: Grant360;
  ref: QualityGrantRef;
  /** Names and phone numbers of the group's members and contact: never to appear. */
  people: { names: string[]; phones: string[] };
}

interface Check {
  key: QualityCheckKey;
  title: string;
  why: string;
  fix: string;
  fails(g: CheckedGrant, today: string): boolean;
}

/** The 360Giving Data Quality Tool's email test: something@something.something. */
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;

/** Every text value of a grant with its path, as the Data Quality Tool flattens it. */
function* strings(value: unknown, path = ''): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}/${i}`);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yield* strings(v, `${path}/${k}`);
}

const squash = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether a person's full name (two words or more, as people give them on their accounts and as a
 * group's contact) appears as whole words in the text. A heuristic: a name of one word, or a
 * name also used by a place, would give false alarms, so only full names count.
 */
export function mentionsName(text: string, name: string): boolean {
  const words = squash(name).split(' ').filter(Boolean);
  if (words.length < 2 || words.join(' ').length < 5) return false;
  const pattern = new RegExp(`(^|[^\\p{L}])${words.map(escapeRegExp).join('\\s+')}($|[^\\p{L}])`, 'iu');
  return pattern.test(text);
}

/** Whether a phone number's digits (7 or more) appear in the text, whatever spaces separate them. */
export function mentionsPhone(text: string, phone: string): boolean {
  const digits = phone.replace(/\D/g, '').replace(/^44/, '0');
  if (digits.length < 7) return false;
  const textDigits = text.replace(/[\s()-]/g, '').replace(/\+44/g, '0');
  return textDigits.includes(digits);
}

export const CHECKS: readonly Check[] = [
  {
    key: 'recipient_local_id_with_number',
    title: 'A local identifier for a group with a registered number',
    why: 'Grants to a registered charity or company should carry its register’s identifier (GB-CHC-…, GB-COH-…), so people can join them up with other funders’ grants to the same group.',
    fix: 'Check the group’s type and registered number on its details page: a charity or company with a number gets its register’s identifier.',
    fails: ({ grant }) =>
      grant.recipientOrganization.some(
        (o) => o.id.startsWith('360G-') && Boolean(o.charityNumber || o.companyNumber),
      ),
  },
  {
    key: 'charity_number_looks_wrong',
    title: 'A charity number that does not look right',
    why: 'Charity Commission numbers are 6 or 7 digits. A wrong one links the grant to the wrong charity, or to none.',
    fix: 'Look the group up on the Charity Commission register and correct its number on the group’s details page.',
    fails: ({ grant }) =>
      grant.recipientOrganization.some(
        (o) => o.charityNumber !== undefined && !/^\d{6,7}$/.test(o.charityNumber),
      ),
  },
  {
    key: 'company_number_looks_wrong',
    title: 'A company number that does not look right',
    why: 'Companies House numbers are 8 letters or digits (like 09876543 or SC123456). A wrong one links the grant to the wrong company, or to none.',
    fix: 'Look the group up on Companies House and correct its number on the group’s details page (keep any leading zeros).',
    fails: ({ grant }) =>
      grant.recipientOrganization.some(
        (o) => o.companyNumber !== undefined && !/^[A-Z0-9]{8}$/i.test(o.companyNumber),
      ),
  },
  {
    key: 'title_same_as_description',
    title: 'The title and the description say the same',
    why: 'The description is where people learn what the grant is for; repeating the title tells them nothing more.',
    fix: 'Change the grant’s purpose on its offer page to say in a sentence or two what the money is for.',
    fails: ({ grant }) => squash(grant.title) !== '' && squash(grant.title) === squash(grant.description),
  },
  {
    key: 'title_too_long',
    title: 'A title longer than 140 characters',
    why: 'Titles over 140 characters are hard to read in lists and get cut short by the tools people use.',
    fix: 'Shorten the project’s title; put the detail in the description.',
    fails: ({ grant }) => grant.title.length > 140,
  },
  {
    key: 'no_beneficiary_location_code',
    title: 'No code for where the people who benefit live',
    why: 'Without an ONS code, maps and local searches cannot place the grant.',
    fix: 'An administrator enters the ward’s ONS code on the "Ward codes" page (they start E05; City-wide is the council’s area code).',
    fails: ({ grant }) =>
      (grant.beneficiaryLocation ?? []).length === 0 ||
      (grant.beneficiaryLocation ?? []).some((l) => !l.geoCode || !l.geoCodeType),
  },
  {
    key: 'award_date_in_future',
    title: 'An award date in the future',
    why: 'A grant is published once it has been awarded; a date to come is almost always a typing mistake.',
    fix: 'Check the panel’s decision date for this grant.',
    fails: ({ grant }, today) => grant.awardDate.slice(0, 10) > today,
  },
  {
    key: 'planned_end_before_start',
    title: 'A project that ends before it starts',
    why: 'Impossible dates make the grant’s length wrong in every analysis.',
    fix: 'Correct the start and end dates in the bid’s timetable.',
    fails: ({ grant }) => (grant.plannedDates ?? []).some((d) => d.endDate < d.startDate),
  },
  {
    key: 'looks_like_email',
    title: 'Text that looks like an email address',
    why: 'An email address is personal data when it is a person’s: it must not be published without their agreement.',
    fix: 'Remove the address from the project’s title or the grant’s purpose.',
    fails: ({ grant }) => {
      for (const [path, value] of strings(grant)) {
        if (!path.toLowerCase().includes('email') && EMAIL.test(value)) return true;
      }
      return false;
    },
  },
  {
    key: 'looks_like_person_name',
    title: 'A person’s name or phone number in the grant’s words',
    why: 'Open data never names people: the title or the purpose contains the name (or phone number) of one of the group’s members or of its contact.',
    fix: 'Change the grant’s purpose on its offer page (or ask the group to retitle the project) so that it names the group, not the person.',
    fails: ({ grant, people }) => {
      const text = `${grant.title}\n${grant.description}`;
      return (
        people.names.some((n) => mentionsName(text, n)) || people.phones.some((p) => mentionsPhone(text, p))
      );
    },
  },
  {
    key: 'zero_amount',
    title: 'A grant of nothing',
    why: 'A grant of £0 is not a grant; it distorts totals and averages.',
    fix: 'Check the award made at the panel.',
    fails: ({ grant }) => !(grant.amountAwarded > 0),
  },
  {
    key: 'no_grant_programme',
    title: 'No grant programme',
    why: 'The programme (the fund) lets people compare grants made for the same purpose.',
    fix: 'Give the fund a name and code on its page.',
    fails: ({ grant }) => !(grant.grantProgramme ?? []).some((p) => p.title?.trim() && p.code?.trim()),
  },
  {
    key: 'no_last_modified',
    title: 'No date of last change',
    why: 'Without it, people who copied the data cannot tell which grants changed since.',
    fix: 'Every grant this service publishes has one; tell the service’s support team.',
    fails: ({ grant }) => !grant.dateModified,
  },
];

/** Every check run over the grants: the findings, each with the grants it affects, in check order. */
export function qualityFindings(grants: readonly CheckedGrant[], today: string): QualityFinding[] {
  return CHECKS.flatMap((check) => {
    const affected = grants.filter((g) => check.fails(g, today)).map((g) => g.ref);
    return affected.length === 0
      ? []
      : [{ check: check.key, title: check.title, why: check.why, fix: check.fix, grants: affected }];
  });
}
