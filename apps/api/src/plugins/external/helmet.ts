import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/**
 * Security headers, with a strict content security policy: only our own scripts, styles, images
 * and fonts; no inline script or style; no framing. The SPA is built to live within it.
 */
export default fp(
  async (app) => {
    await app.register(helmet, {
      global: true,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          objectSrc: ["'none'"],
          manifestSrc: ["'self'"],
        },
      },
      // Same-site resources only; nothing here is meant to be embedded elsewhere.
      crossOriginResourcePolicy: { policy: 'same-origin' },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      strictTransportSecurity: app.config.NODE_ENV === 'production' && app.config.COOKIE_SECURE !== false,
    });
  },
  { name: 'helmet', dependencies: ['config'] },
);
