import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ServiceContext } from '../../lib/context.js';
import { recordAudit } from '../../modules/audit/repository.js';
import { enqueueMail } from '../../modules/mail/repository.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** What services need of this request: database, clock, the actor, audit and mail. */
    readonly ctx: ServiceContext;
  }
}

function contextOf(request: FastifyRequest): ServiceContext {
  const app = request.server;
  return {
    db: app.db,
    clock: app.clock,
    actor: request.actor,
    publicUrl: app.config.publicUrl,
    audit: (q, entry, options) =>
      // The app's clock, not the database's, so the trail agrees with the times the app records.
      recordAudit(q, {
        ...entry,
        at: app.clock.now().toISOString(),
        actorId: options ? options.actorId : (request.actor?.id ?? null),
        ip: request.ip,
      }),
    mail: (q, message) => enqueueMail(q, message, app.clock.now()),
  };
}

/** Gives every request a service context, built when a route first asks for it. */
export default fp(
  async (app) => {
    app.decorateRequest('ctx', {
      getter(this: FastifyRequest) {
        return contextOf(this);
      },
    });
  },
  { name: 'context', dependencies: ['auth', 'config', 'db'] },
);
