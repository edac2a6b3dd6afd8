import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../lib/clock.js';
import type { Actor, ServiceContext } from '../../lib/context.js';
import { recordAudit } from '../../modules/audit/repository.js';
import { enqueueMail } from '../../modules/mail/repository.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** What services need of this request: database, clock, the actor, audit and mail. */
    readonly ctx: ServiceContext;
  }
}

/**
 * A service context over a database: for a request (below), or for a script, a scheduled job or a
 * test acting as someone. The audit trail takes the app's clock, not the database's, so it agrees
 * with the times the app records.
 */
export function createServiceContext(options: {
  db: Db;
  clock: Clock;
  publicUrl: string;
  actor: Actor | null;
  ip?: string | null;
}): ServiceContext {
  const { db, clock, publicUrl, actor } = options;
  return {
    db,
    clock,
    actor,
    publicUrl,
    audit: (q, entry, as) =>
      recordAudit(q, {
        ...entry,
        at: clock.now().toISOString(),
        actorId: as ? as.actorId : (actor?.id ?? null),
        ip: options.ip ?? null,
      }),
    mail: (q, message) => enqueueMail(q, message, clock.now()),
  };
}

/** Gives every request a service context, built when a route first asks for it. */
export default fp(
  async (app) => {
    app.decorateRequest('ctx', {
      getter(this: FastifyRequest) {
        return createServiceContext({
          db: app.db,
          clock: app.clock,
          publicUrl: app.config.publicUrl,
          actor: this.actor,
          ip: this.ip,
        });
      },
    });
  },
  { name: 'context', dependencies: ['auth', 'config', 'db'] },
);
