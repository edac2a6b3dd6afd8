import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { notFound } from '../../lib/errors.js';
import { apiRoot } from '../../paths.js';

/**
 * Serves the built web app (apps/web/dist) on the same port as the API, with index.html for any
 * other GET that is not under /api, so client-side routes survive a reload. Unknown /api routes get
 * a 404 in the error envelope.
 */
export default fp(
  async (app) => {
    const dist = app.config.WEB_DIST ?? join(apiRoot(), '..', 'web', 'dist');
    const indexPath = join(dist, 'index.html');
    const indexHtml =
      app.config.WEB_DIST !== '' && existsSync(indexPath) ? readFileSync(indexPath, 'utf8') : null;

    if (indexHtml !== null) {
      await app.register(fastifyStatic, {
        root: dist,
        prefix: '/',
        wildcard: false,
        index: false,
        setHeaders: (res, path) => {
          // Vite puts a content hash in every asset name: cache them for a year.
          const immutable = path.includes(`${join(dist, 'assets')}`);
          res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
    } else {
      app.log.warn({ dist }, 'no built web app found: serving the API only');
    }

    app.setNotFoundHandler((request, reply) => {
      const isPage = request.method === 'GET' || request.method === 'HEAD';
      if (indexHtml !== null && isPage && !request.url.startsWith('/api')) {
        return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
      }
      throw notFound(request.url.startsWith('/api') ? 'There is no such API endpoint' : 'Page not found');
    });
  },
  { name: 'web', dependencies: ['config'] },
);
