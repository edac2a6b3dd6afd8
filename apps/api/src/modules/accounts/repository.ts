import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { userRoles, users } from '../../db/schema/index.js';

export function emailTaken(q: Queryable, email: string): boolean {
  return q.select({ id: users.id }).from(users).where(eq(users.email, email)).get() !== undefined;
}

/** A new active applicant, signed in as of `now`; returns their id. */
export function insertApplicant(
  q: Queryable,
  applicant: { email: string; name: string; passwordHash: string },
  now: Date,
): string {
  const user = q
    .insert(users)
    .values({ ...applicant, status: 'active', lastSignInAt: now.toISOString() })
    .returning({ id: users.id })
    .get();
  q.insert(userRoles).values({ userId: user.id, role: 'applicant' }).run();
  return user.id;
}
