import { z } from 'zod';
import { EmailAddress } from './auth.js';
import { IsoDateTime } from './dates.js';
import { PageInfo } from './paging.js';
import { Role, RoleGrant } from './roles.js';
import { oneLineName } from './text.js';

/**
 * `closed`: a self-registered account that never confirmed its email address, whose address was
 * taken back for a staff invitation. It can never sign in again.
 */
export const UserStatus = z.enum(['invited', 'active', 'disabled', 'closed']);
export type UserStatus = z.infer<typeof UserStatus>;

/** The name on a staff invitation: one line (it goes into the invitation email). */
export const PersonName = oneLineName(120, 'their full name');

export const UserSummary = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  status: UserStatus,
  /** Whether they have proved the email address is theirs (a link, or accepting an invitation). */
  emailVerified: z.boolean(),
  roles: z.array(RoleGrant),
  organisations: z.array(z.object({ id: z.uuid(), name: z.string() })),
  createdAt: IsoDateTime,
  lastSignInAt: IsoDateTime.nullable(),
  /** Whether they have set up an authenticator app (the staff second factor). */
  secondFactorSetUp: z.boolean(),
  /**
   * Their newest staff invitation not yet accepted, resent or cancelled: when it was sent and until
   * when its link works (it may have expired). Null when there is none.
   */
  invitation: z.object({ sentAt: IsoDateTime, expiresAt: IsoDateTime }).nullable(),
});
export type UserSummary = z.infer<typeof UserSummary>;

/** One page of users (paging.ts), by name. */
export const UserList = z.object({ users: z.array(UserSummary), ...PageInfo });

export const StaffRole = z.enum(['assessor', 'officer', 'finance', 'admin'], {
  message: 'Choose a role',
});

export const InviteUserBody = z.strictObject({
  name: PersonName,
  email: EmailAddress,
  role: StaffRole,
  /** Only for assessors: limit them to one fund (e.g. Youth Commissioners). Null: every fund. */
  fundId: z.uuid().nullable().default(null),
});
export type InviteUserBody = z.input<typeof InviteUserBody>;

export const GrantRoleBody = z.strictObject({
  role: Role,
  fundId: z.uuid().nullable().default(null),
});
export type GrantRoleBody = z.input<typeof GrantRoleBody>;

export const UserIdParams = z.strictObject({ userId: z.uuid() });
export const RoleGrantParams = z.strictObject({ userId: z.uuid(), grantId: z.uuid() });
