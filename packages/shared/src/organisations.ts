import { z } from 'zod';
import { EmailAddress, NewPassword } from './auth.js';
import { IsoDateTime } from './dates.js';
import { ORGANISATION_TYPES, OrganisationType } from './reference.js';
import { charLimited, oneLineName } from './text.js';

export const Organisation = z
  .object({
    id: z.uuid(),
    name: z.string(),
    type: OrganisationType,
    registeredNumber: z.string().nullable(),
    addressLine1: z.string(),
    addressLine2: z.string().nullable(),
    town: z.string(),
    postcode: z.string(),
    wardId: z.uuid().nullable(),
    wardName: z.string().nullable(),
    contactName: z.string(),
    contactEmail: z.string(),
    contactPhone: z.string().nullable(),
    /** Goes up by one at every change of the details; a change from an older version is refused (409). */
    version: z.int(),
  })
  .meta({ id: 'Organisation' });
export type Organisation = z.infer<typeof Organisation>;

const UK_POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$/;

/** A UK postcode, tidied to capitals with one space: "pe1 1hf" → "PE1 1HF". */
export const Postcode = z
  .string({ error: 'Enter a postcode' })
  .trim()
  .toUpperCase()
  .min(1, 'Enter a postcode')
  .regex(UK_POSTCODE, 'Enter a real postcode, like PE1 1HF')
  .transform((value) => value.replace(UK_POSTCODE, '$1 $2'));

export const PhoneNumber = z
  .string()
  .trim()
  .max(30, 'Phone number must be 30 characters or fewer')
  .regex(/^[0-9+()\s-]*$/, 'Enter a phone number, like 01733 747474 or 07700 900982');

/** Optional text: empty becomes null. */
const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} must be ${max} characters or fewer`)
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional()
    .transform((value) => value ?? null);

/** A group's details, as registered and as its members change them. */
const organisationFields = {
  name: oneLineName(160, 'the name of your group', 'The name of your group'),
  type: z.enum(OrganisationType.options, { error: 'Choose what kind of group it is' }),
  registeredNumber: optionalText(20, 'The number'),
  addressLine1: charLimited(120, 'the first line of the address'),
  addressLine2: optionalText(120, 'The second line of the address'),
  town: charLimited(60, 'the town or city'),
  postcode: Postcode,
  wardId: z.uuid({ error: 'Choose the ward where your group mostly works' }),
  contactName: oneLineName(120, 'the name of the main contact', 'The name of the main contact'),
  contactEmail: EmailAddress,
  contactPhone: PhoneNumber.transform((value) => (value === '' ? null : value))
    .nullable()
    .optional()
    .transform((value) => value ?? null),
};

/** The registered number a kind of group must give, in the form its register uses. */
function checkRegisteredNumber(
  body: { type: OrganisationType; registeredNumber: string | null },
  ctx: z.RefinementCtx,
): void {
  const info = ORGANISATION_TYPES[body.type];
  if (!info.numberPattern) return;
  const number = body.registeredNumber?.replace(/\s+/g, '').toUpperCase() ?? '';
  if (number === '') {
    ctx.addIssue({
      code: 'custom',
      path: ['registeredNumber'],
      message: `Enter your ${info.numberLabel?.toLowerCase()}`,
    });
  } else if (!info.numberPattern.test(number)) {
    ctx.addIssue({
      code: 'custom',
      path: ['registeredNumber'],
      message: `Enter a real ${info.numberLabel?.toLowerCase()}: ${info.numberHint?.toLowerCase()}`,
    });
  }
}

export const RegisterOrganisationBody = z.strictObject(organisationFields).superRefine(checkRegisteredNumber);
export type RegisterOrganisationBody = z.input<typeof RegisterOrganisationBody>;

export const OrganisationMember = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  joinedAt: IsoDateTime,
});

export const OrganisationDetail = Organisation.extend({
  members: z.array(OrganisationMember),
  pendingInvitations: z.array(
    z.object({ email: z.string(), invitedAt: IsoDateTime, expiresAt: IsoDateTime }),
  ),
});
export type OrganisationDetail = z.infer<typeof OrganisationDetail>;

export const OrganisationIdParams = z.strictObject({ organisationId: z.uuid() });

/** A member changes the group's details: all of them, from the version they opened. */
export const UpdateOrganisationBody = z
  .strictObject({ ...organisationFields, version: z.int().min(1) })
  .superRefine(checkRegisteredNumber);
export type UpdateOrganisationBody = z.input<typeof UpdateOrganisationBody>;

export const OrganisationMemberParams = z.strictObject({ organisationId: z.uuid(), userId: z.uuid() });

/** Refused when the last member tries to leave: a group always has someone to answer for it. */
export const LAST_MEMBER_MESSAGE =
  'You are the only member of this group, so you cannot leave it. Invite someone to join first.';

export const InviteMemberBody = z.strictObject({ email: EmailAddress });
export type InviteMemberBody = z.input<typeof InviteMemberBody>;

export const GroupInvitationToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'This link is not valid');

export const GroupInvitationInfo = z.object({
  organisationName: z.string(),
  email: z.string(),
  invitedByName: z.string(),
  /** Whether someone already has an account with that email (sign in rather than register). */
  hasAccount: z.boolean(),
});
export type GroupInvitationInfo = z.infer<typeof GroupInvitationInfo>;

export const AcceptGroupInvitationBody = z.strictObject({ token: GroupInvitationToken });

/** A community group member creates their own account (staff are invited instead). */
export const RegisterAccountBody = z.strictObject({
  name: oneLineName(120, 'your full name'),
  email: EmailAddress,
  password: NewPassword,
});
export type RegisterAccountBody = z.input<typeof RegisterAccountBody>;
