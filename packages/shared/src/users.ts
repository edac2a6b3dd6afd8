import { z } from 'zod';
import { EmailAddress } from './auth.js';
import { IsoDateTime } from './dates.js';
import { PageInfo } from './paging.js';
import { Role, RoleGrant } from './roles.js';

export const UserStatus = z.enum(['invited', 'active', 'disabled']);
export type UserStatus = z.infer<typeof UserStatus>;

export const PersonName = z
  .string({ message: 'Enter their full name' })
  .trim()
  .min(1, 'Enter their full name')
  .max(120, 'Name must be 120 characters or fewer');

export const UserSummary = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  status: UserStatus,
  roles: z.array(RoleGrant),
  organisations: z.array(z.object({ id: z.uuid(), name: z.string() })),
  createdAt: IsoDateTime,
  lastSignInAt: IsoDateTime.nullable(),
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
