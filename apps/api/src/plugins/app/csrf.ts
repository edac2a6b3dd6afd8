import { CSRF_COOKIE, CSRF_HEADER } from '@cf/shared';
import fp from 'fastify-plugin';
import { DomainError } from '../../lib/errors.js';
import { newToken, safeEqual } from '../../modules/auth/tokens.js';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

/**
 * Double-submit CSRF protection (PRODUCT.md section 10): a `csrf_token` cookie readable by scripts,
 * set on any response to a caller without one; every state-changing request, sign-in included,
 * must echo it in the `x-csrf-token` header. A cross-site page can neither read the cookie nor
 * set the header.
 */
export default fp(
  async (app) => {
    const secure = app.config.COOKIE_SECURE ?? app.config.NODE_ENV === 'production';

    app.addHook('onRequest', async (request, reply) => {
      const cookie = request.cookies[CSRF_COOKIE];
      const hasValidCookie = typeof cookie === 'string' && TOKEN_PATTERN.test(cookie);
      if (!hasValidCookie) {
        reply.setCookie(CSRF_COOKIE, newToken(), { path: '/', sameSite: 'lax', secure, httpOnly: false });
      }
      if (!UNSAFE_METHODS.has(request.method)) return;
      const header = request.headers[CSRF_HEADER];
      if (!hasValidCookie || typeof header !== 'string' || !safeEqual(header, cookie)) {
        throw new DomainError(
          'csrf_failed',
          'Your session has expired or the page is out of date. Reload the page and try again.',
        );
      }
    });
  },
  { name: 'csrf', dependencies: ['cookie', 'config'] },
);
