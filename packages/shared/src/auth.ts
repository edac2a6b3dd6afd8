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
    /**
     * False until the person opens the link emailed to their address. Until then they hold no
     * roles and no groups (the web app asks them to confirm the address first).
     */
    emailVerified: z.boolean(),
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

/** A one-time link's token from an account email (confirm an address, reset a password). */
export const AccountLinkToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'This link is not valid');

export const AccountLinkBody = z.strictObject({ token: AccountLinkToken });
export type AccountLinkBody = z.infer<typeof AccountLinkBody>;

/**
 * The answer to anything that sends an account email: the same whether or not the address has an
 * account, so it tells nobody who has one. `deliveryEnabled` is false in the demo, where emails
 * wait on the "Sent mail" page instead of being sent.
 */
export const AccountEmailSent = z.object({ email: z.string(), deliveryEnabled: z.boolean() });
export type AccountEmailSent = z.infer<typeof AccountEmailSent>;

export const EmailConfirmed = z.object({ email: z.string() });
export type EmailConfirmed = z.infer<typeof EmailConfirmed>;

/** How long the link that confirms an email address works. */
export const EMAIL_VERIFICATION_DAYS = 3;
/** How long a password reset link works. */
export const PASSWORD_RESET_MINUTES = 30;

/** Ask for a link to choose a new password. */
export const ForgottenPasswordBody = z.strictObject({ email: EmailAddress });
export type ForgottenPasswordBody = z.input<typeof ForgottenPasswordBody>;

/** Who a password reset link is for, shown on the page that opens from it. */
export const PasswordResetInfo = z.object({ email: z.string() });
export type PasswordResetInfo = z.infer<typeof PasswordResetInfo>;

/** A new password from a reset link: the same rules as at registration. */
export const ResetPasswordBody = z.strictObject({ token: AccountLinkToken, password: NewPassword });
export type ResetPasswordBody = z.input<typeof ResetPasswordBody>;

const CurrentPassword = z
  .string({ error: 'Enter your current password' })
  .min(1, 'Enter your current password')
  .max(PASSWORD_MAX_LENGTH, `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`);

/** Change one's password, signed in: the current one, and a new one with the rules of registration. */
export const ChangePasswordBody = z.strictObject({ currentPassword: CurrentPassword, password: NewPassword });
export type ChangePasswordBody = z.input<typeof ChangePasswordBody>;

/** Change one's email address, signed in: it takes effect when the link sent to it is opened. */
export const ChangeEmailBody = z.strictObject({ email: EmailAddress, currentPassword: CurrentPassword });
export type ChangeEmailBody = z.input<typeof ChangeEmailBody>;
