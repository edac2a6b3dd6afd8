import type { Me } from '@cf/shared';
import { unitOfWork } from '../../db/unit-of-work.js';
import type { ServiceContext } from '../../lib/context.js';
import { conflict } from '../../lib/errors.js';
import { requireActor } from '../access/policy.js';
import { hashPassword } from '../auth/passwords.js';
import { loadActor, toMe } from '../auth/repository.js';
import { type Client, checkNewPassword, createSession } from '../auth/service.js';
import { emailTaken, insertApplicant } from './repository.js';

const ALREADY_REGISTERED = 'There is already an account with this email address. Sign in instead.';

/**
 * A community group member creates their own account and is signed in. Returns the new session's
 * token (for the cookie) and who they are.
 */
export async function registerApplicant(
  ctx: ServiceContext,
  body: { name: string; email: string; password: string },
  client: Client,
): Promise<{ token: string; me: Me }> {
  const { name, email, password } = body;
  checkNewPassword(password);
  const passwordHash = await hashPassword(password);
  const now = ctx.clock.now();
  const created = unitOfWork(ctx.db, (tx) => {
    if (emailTaken(tx, email)) throw conflict(ALREADY_REGISTERED, { email: ALREADY_REGISTERED });
    const userId = insertApplicant(tx, { email, name, passwordHash }, now);
    // Nobody is signed in yet: the new applicant is the actor of their own registration.
    ctx.audit(
      tx,
      {
        action: 'user.registered',
        entityType: 'user',
        entityId: userId,
        after: { email, name, role: 'applicant' },
      },
      { actorId: userId },
    );
    return { userId, token: createSession(tx, userId, now, client) };
  });
  return { token: created.token, me: toMe(ctx.db, requireActor(loadActor(ctx.db, created.userId))) };
}
