import type { FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../../modules/access/policy.js';
import { ABSOLUTE_MS, SESSION_COOKIE } from '../../modules/auth/rules.js';
import { purgeExpiredSessions, purgeOldFailures, sessionOf } from '../../modules/auth/service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, or null. Set for every /api request. */
    actor: Actor | null;
  }
  interface FastifyInstance {
    setSessionCookie(reply: FastifyReply, token: string): void;
    clearSessionCookie(reply: FastifyReply): void;
  }
}

/**
 * Sessions live in the database (see docs/decisions/0002): a random token in an HttpOnly cookie, ended
 * server-side at sign-out and when a user is disabled, 30 minutes idle and 12 hours absolute.
 */
export default fp(
  async (app) => {
    const secure = app.config.COOKIE_SECURE ?? app.config.NODE_ENV === 'production';

    app.decorate('setSessionCookie', (reply: FastifyReply, token: string) => {
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: ABSOLUTE_MS / 1000,
      });
    });
    app.decorate('clearSessionCookie', (reply: FastifyReply) => {
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
    });

    app.decorateRequest('actor', null);

    // Sessions past their limits and failed sign-ins past their window are only clutter: sweep hourly.
    const sweep = () => {
      const now = app.clock.now();
      purgeExpiredSessions(app.db, now);
      purgeOldFailures(app.db, app.config.LOGIN_WINDOW_MINUTES * 60_000, now);
    };
    sweep();
    const timer = setInterval(sweep, 3_600_000);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));

    app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith('/api/')) return;
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return;
      const session = sessionOf(app.db, token, app.clock.now());
      // Between the password and the second factor the cookie stays, but nobody is signed in yet.
      if (session.state === 'awaiting_second_factor') return;
      if (session.state === 'none') {
        app.clearSessionCookie(reply);
        return;
      }
      request.actor = session.actor;
    });
  },
  { name: 'auth', dependencies: ['db', 'cookie', 'config'] },
);
