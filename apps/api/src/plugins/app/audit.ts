import fp from 'fastify-plugin';
import type { Queryable } from '../../db/client.js';
import { type AuditEventInput, recordAudit } from '../../modules/audit/repository.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Appends an audit event for this request: the actor and address are filled in. */
    audit(q: Queryable, event: Omit<AuditEventInput, 'actorId' | 'ip'>): void;
  }
}

export default fp(
  async (app) => {
    app.decorateRequest('audit', function (q: Queryable, event: Omit<AuditEventInput, 'actorId' | 'ip'>) {
      // The app's clock, not the database's, so the trail agrees with the times the app records.
      recordAudit(q, {
        at: app.clock.now().toISOString(),
        ...event,
        actorId: this.actor?.id ?? null,
        ip: this.ip,
      });
    });
  },
  { name: 'audit', dependencies: ['auth', 'config'] },
);
