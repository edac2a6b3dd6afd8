import { z } from 'zod';
import { RoleGrant } from './roles.js';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const SESSION_IDLE_MINUTES = 30;
export const SESSION_ABSOLUTE_HOURS = 12;
export const CSRF_COOKIE = 'csrf_token';
export const CSRF_HEADER = 'x-csrf-token';

export const EmailAddress = z
  .string({ message: 'Enter your email address' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter an email address')
  .max(254, 'Email address must be 254 characters or fewer')
  .pipe(z.email({ message: 'Enter an email address in the correct format, like name@example.com' }));

/**
 * A new password: 12 to 256 characters, anything allowed, no composition rules (NCSC and NIST
 * advice). The server also refuses passwords on a list of common passwords.
 */
export const NewPassword = z
  .string({ message: 'Enter a password' })
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`);

export const LoginBody = z.strictObject({
  email: EmailAddress,
  password: z
    .string({ message: 'Enter your password' })
    .min(1, 'Enter your password')
    .max(PASSWORD_MAX_LENGTH, `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const OrganisationRef = z.object({ id: z.uuid(), name: z.string() });

/**
 * Where the signed-in person stands with the staff second factor (PRODUCT.md section 10):
 * `not_needed` (no staff role), `enrol` (a staff role, but no authenticator app set up yet: their
 * staff roles do not count until they set one up), `done` (set up, and used for this session).
 */
export const SecondFactorState = z.enum(['not_needed', 'enrol', 'done']);
export type SecondFactorState = z.infer<typeof SecondFactorState>;

export const Me = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    /** The roles that count now: staff roles only once the second factor is set up and used. */
    roles: z.array(RoleGrant),
    organisations: z.array(OrganisationRef),
    secondFactor: SecondFactorState,
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

/** Sign-in's answer for an account with a second factor: the session can do nothing else yet. */
export const SecondFactorNeeded = z
  .object({ secondFactor: z.literal('totp') })
  .meta({ id: 'SecondFactorNeeded' });
export type SecondFactorNeeded = z.infer<typeof SecondFactorNeeded>;

/** What sign-in answers: the signed-in user, or that the second step is needed. */
export const LoginResponse = z.union([Me, SecondFactorNeeded]);
export type LoginResponse = z.infer<typeof LoginResponse>;

/** A 6-digit code from an authenticator app, or a recovery code (spaces and dashes ignored). */
export const SecondFactorCode = z
  .string({ message: 'Enter the code' })
  .transform((code) => code.replace(/[\s-]/g, '').toUpperCase())
  .pipe(
    z
      .string()
      .min(1, 'Enter the code')
      .regex(
        /^(\d{6}|[A-Z2-7]{10})$/,
        'Enter the 6-digit code from your app, or a 10-character recovery code',
      ),
  );

export const SecondFactorBody = z.strictObject({ code: SecondFactorCode });
export type SecondFactorBody = z.input<typeof SecondFactorBody>;

/** Confirming a new authenticator app: a 6-digit code only (recovery codes come after). */
export const ConfirmSecondFactorBody = z.strictObject({
  code: z
    .string({ message: 'Enter the 6-digit code from your app' })
    .transform((code) => code.replace(/\s/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your app, like 123456')),
});
export type ConfirmSecondFactorBody = z.input<typeof ConfirmSecondFactorBody>;

/** A new authenticator app to set up: the secret as text and as a QR code (SVG), and its URI. */
export const SecondFactorSetup = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrSvg: z.string(),
});
export type SecondFactorSetup = z.infer<typeof SecondFactorSetup>;

/** Shown once, after setting up: one-time codes for when the phone is lost. */
export const RecoveryCodes = z.object({ me: Me, recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

export const InvitationToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'This link is not valid');

export const AcceptInvitationBody = z.strictObject({
  token: InvitationToken,
  password: NewPassword,
});
export type AcceptInvitationBody = z.infer<typeof AcceptInvitationBody>;

export const InvitationInfo = z.object({ email: z.string(), name: z.string() });
export type InvitationInfo = z.infer<typeof InvitationInfo>;
