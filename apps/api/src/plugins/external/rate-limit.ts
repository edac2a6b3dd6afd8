import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { rateLimited } from '../../lib/errors.js';

/**
 * A ceiling on requests per address across the API, against scripted abuse. Sign-in has its own,
 * much tighter limits on failures (modules/auth/service.ts, retryAfterSeconds).
 */
export default fp(
  async (app) => {
    await app.register(rateLimit, {
      global: true,
      max: app.config.RATE_LIMIT_PER_MINUTE,
      timeWindow: '1 minute',
      errorResponseBuilder: (_request, context) =>
        rateLimited(`Too many requests. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`),
    });
  },
  { name: 'rate-limit', dependencies: ['config'] },
);
