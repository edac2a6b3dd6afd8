import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { type AccountTokenPurpose, accountTokens, userRoles, users } from '../../db/schema/index.js';

export type { AccountTokenPurpose };

// Accounts as their owners see them: creating one, confirming its address, its password and email.

export function findAccountByEmail(q: Queryable, email: string) {
  return q.select().from(users).where(eq(users.email, email)).get();
}

export function findAccountById(q: Queryable, userId: string) {
  return q.select().from(users).where(eq(users.id, userId)).get();
}

/** A new active applicant whose email address is not yet confirmed; returns their id. */
export function insertApplicant(
  q: Queryable,
  applicant: { email: string; name: string; passwordHash: string },
): string {
  const user = q
    .insert(users)
    .values({ ...applicant, status: 'active', emailVerifiedAt: null })
    .returning({ id: users.id })
    .get();
  q.insert(userRoles).values({ userId: user.id, role: 'applicant' }).run();
  return user.id;
}

export function setEmailVerified(q: Queryable, userId: string, at: Date): void {
  q.update(users).set({ emailVerifiedAt: at.toISOString() }).where(eq(users.id, userId)).run();
}

export function setPasswordHash(q: Queryable, userId: string, passwordHash: string): void {
  q.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
}

/** Moves an account to a new (confirmed) address. */
export function setEmail(q: Queryable, userId: string, email: string, at: Date): void {
  q.update(users).set({ email, emailVerifiedAt: at.toISOString() }).where(eq(users.id, userId)).run();
}

/**
 * Closes an account for good: it frees its address (to a placeholder no one can receive mail at)
 * and loses its password, so it can never sign in again.
 */
export function closeAccountRow(q: Queryable, userId: string): string {
  const placeholder = `closed-${userId}@closed.invalid`;
  q.update(users)
    .set({ status: 'closed', email: placeholder, passwordHash: null })
    .where(eq(users.id, userId))
    .run();
  return placeholder;
}

// One-time links, stored under the hash of their token.

export function insertAccountToken(
  q: Queryable,
  token: {
    tokenHash: string;
    userId: string;
    purpose: AccountTokenPurpose;
    email: string;
    expiresAt: string;
    createdAt: string;
  },
): void {
  q.insert(accountTokens).values(token).run();
}

/** The link with this token hash and purpose that is neither used nor expired at `now`. */
export function openAccountToken(q: Queryable, tokenHash: string, purpose: AccountTokenPurpose, now: Date) {
  return q
    .select()
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.tokenHash, tokenHash),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, now.toISOString()),
      ),
    )
    .get();
}

/** Marks every unused link of this purpose (or of every purpose) of a user used: none works after. */
export function useUpAccountTokens(
  q: Queryable,
  userId: string,
  at: Date,
  purpose?: AccountTokenPurpose,
): void {
  q.update(accountTokens)
    .set({ usedAt: at.toISOString() })
    .where(
      and(
        eq(accountTokens.userId, userId),
        isNull(accountTokens.usedAt),
        purpose ? eq(accountTokens.purpose, purpose) : undefined,
      ),
    )
    .run();
}
