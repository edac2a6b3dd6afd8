import type { Me } from '@cf/shared';
import { eq } from 'drizzle-orm';
import type { Queryable } from '../../db/client.js';
import { memberships, organisations } from '../../db/schema/index.js';
import type { Actor } from '../access/policy.js';

export function toMe(q: Queryable, actor: Actor): Me {
  const orgs = q
    .select({ id: organisations.id, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, actor.id))
    .all();
  return { id: actor.id, email: actor.email, name: actor.name, roles: actor.roles, organisations: orgs };
}
