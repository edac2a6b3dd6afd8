import type { OrganisationType, Role, UserStatus } from '@cf/shared';
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, idColumn } from './columns.js';
import { funds } from './funds.js';
import { wards } from './reference.js';

export const users = sqliteTable('users', {
  id: idColumn(),
  /** Stored lower-cased; unique. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  /** Argon2id PHC string; null until an invited user sets a password. */
  passwordHash: text('password_hash'),
  status: text('status').$type<UserStatus>().notNull().default('active'),
  /**
   * When the person proved the address is theirs: by the emailed link, or by accepting a staff
   * invitation. Null until then; an account without it holds no roles and no groups.
   */
  emailVerifiedAt: text('email_verified_at'),
  createdAt: createdAt(),
  lastSignInAt: text('last_sign_in_at'),
});

export const organisations = sqliteTable('organisations', {
  id: idColumn(),
  name: text('name').notNull(),
  type: text('type').$type<OrganisationType>().notNull(),
  registeredNumber: text('registered_number'),
  addressLine1: text('address_line_1').notNull(),
  addressLine2: text('address_line_2'),
  town: text('town').notNull(),
  postcode: text('postcode').notNull(),
  wardId: text('ward_id').references(() => wards.id),
  contactName: text('contact_name').notNull(),
  contactEmail: text('contact_email').notNull(),
  contactPhone: text('contact_phone'),
  createdAt: createdAt(),
  /** Goes up by one at every change of the details; a change from an older version is a conflict (409). */
  version: integer('version').notNull().default(1),
  /** When and by whom the details were last changed (null until they first are). */
  updatedAt: text('updated_at'),
  updatedBy: text('updated_by').references(() => users.id),
});

export const memberships = sqliteTable(
  'memberships',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.organisationId] }),
    index('memberships_org').on(t.organisationId),
  ],
);

export const userRoles = sqliteTable(
  'user_roles',
  {
    id: idColumn(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').$type<Role>().notNull(),
    /** Limits the role to one fund (e.g. Youth Commissioners assess only the youth fund). */
    fundId: text('fund_id').references(() => funds.id),
    createdAt: createdAt(),
  },
  // A role is held once for every fund, or once per fund (SQLite treats NULLs as distinct, hence two).
  (t) => [
    uniqueIndex('user_roles_unique_all_funds').on(t.userId, t.role).where(sql`${t.fundId} IS NULL`),
    uniqueIndex('user_roles_unique_per_fund')
      .on(t.userId, t.role, t.fundId)
      .where(sql`${t.fundId} IS NOT NULL`),
    // Every signed-in request reads the person's roles, oldest first (auth/repository.ts loadActor).
    index('user_roles_user').on(t.userId, t.createdAt),
  ],
);

export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the cookie's token: a database leak does not hand out live sessions. */
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /**
     * True between the password and the second factor: such a session can do nothing but finish
     * signing in (or be abandoned).
     */
    awaitingSecondFactor: integer('awaiting_second_factor', { mode: 'boolean' }).notNull().default(false),
    /** When this session's second factor was used (ms); null when none was. */
    secondFactorAt: integer('second_factor_at'),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/**
 * A staff member's authenticator app (TOTP, RFC 6238: SHA-1, 6 digits, 30 seconds). `confirmedAt`
 * is null until they have entered a code from it; until then it is not a second factor.
 */
export const secondFactors = sqliteTable('second_factors', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id),
  /** Base32. Needed in the clear to check codes: the database file is the thing to protect. */
  secret: text('secret').notNull(),
  createdAt: integer('created_at').notNull(),
  confirmedAt: integer('confirmed_at'),
  /** The 30-second step of the last code accepted: a code is never accepted twice (replay). */
  lastUsedStep: integer('last_used_step').notNull().default(0),
});

/** One-time codes for a lost phone, stored only as their SHA-256; each works once. */
export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: idColumn(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    codeHash: text('code_hash').notNull().unique(),
    usedAt: integer('used_at'),
  },
  (t) => [index('recovery_codes_user').on(t.userId)],
);

/** Failed sign-ins, counted per account and per address in a sliding window. */
export const authFailures = sqliteTable(
  'auth_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('auth_failures_key_at').on(t.key, t.at)],
);

export const invitations = sqliteTable('invitations', {
  id: idColumn(),
  /** SHA-256 of the emailed token. */
  tokenHash: text('token_hash').notNull().unique(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id),
  invitedBy: text('invited_by').references(() => users.id),
  expiresAt: text('expires_at').notNull(),
  acceptedAt: text('accepted_at'),
  /** When an admin resent (a new link replaces this one) or cancelled the invitation: the link stops working. */
  revokedAt: text('revoked_at'),
  createdAt: createdAt(),
});

export type AccountTokenPurpose = 'verify_email' | 'reset_password' | 'change_email';

/**
 * One-time links emailed about an account: confirm its address, reset its password, confirm a new
 * address. Stored under the hash of the token, so a copy of the database opens nothing.
 */
export const accountTokens = sqliteTable(
  'account_tokens',
  {
    id: idColumn(),
    /** SHA-256 of the emailed token. */
    tokenHash: text('token_hash').notNull().unique(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    purpose: text('purpose').$type<AccountTokenPurpose>().notNull(),
    /** The address the link was sent to: the account's own, or the new one it would change to. */
    email: text('email').notNull(),
    expiresAt: text('expires_at').notNull(),
    usedAt: text('used_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('account_tokens_user').on(t.userId, t.purpose)],
);
