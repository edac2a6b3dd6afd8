import { existsSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { notFound } from '../../lib/errors.js';
import { apiRoot } from '../../paths.js';

/** The page's bytes as built, and precompressed beside it where the build made them. */
interface BuiltPage {
  identity: Buffer;
  br: Buffer | null;
  gzip: Buffer | null;
}

function readPage(indexPath: string): BuiltPage {
  const beside = (suffix: string) =>
    existsSync(`${indexPath}${suffix}`) ? readFileSync(`${indexPath}${suffix}`) : null;
  return { identity: readFileSync(indexPath), br: beside('.br'), gzip: beside('.gz') };
}

/** Whether the browser said it takes this content coding (and did not refuse it with q=0). */
function accepts(request: FastifyRequest, coding: string): boolean {
  const header = request.headers['accept-encoding'];
  if (typeof header !== 'string') return false;
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().split(';');
    if (name?.trim().toLowerCase() !== coding) return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * Serves the built web app (apps/web/dist) on the same port as the API, with index.html for any
 * other GET that is not under /api, so client-side routes survive a reload. Unknown /api routes get
 * a 404 in the error envelope.
 *
 * As built (decision 0021): `pnpm build` writes a brotli (.br) and a gzip (.gz) copy beside each
 * file, and each is sent to browsers that say they take it, so nothing is compressed per request.
 * Hashed assets are cached for a year; the page itself is checked on every visit. Source maps stay
 * on the server, for reading our own stack traces: they are not published.
 */
export default fp(
  async (app) => {
    const dist = app.config.WEB_DIST ?? join(apiRoot(), '..', 'web', 'dist');
    const indexPath = join(dist, 'index.html');
    const page = app.config.WEB_DIST !== '' && existsSync(indexPath) ? readPage(indexPath) : null;
    const assets = `${join(dist, 'assets')}${sep}`;

    if (page !== null) {
      await app.register(fastifyStatic, {
        root: dist,
        prefix: '/',
        wildcard: false,
        index: false,
        // .br first: it is a fifth smaller than .gz for our scripts and styles.
        preCompressed: true,
        allowedPath: (pathName) => !pathName.endsWith('.map'),
        setHeaders: (res, path) => {
          // Vite puts a content hash in every asset name: cache them for a year.
          const immutable = path.startsWith(assets);
          res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
    } else {
      app.log.warn({ dist }, 'no built web app found: serving the API only');
    }

    app.setNotFoundHandler((request, reply) => {
      const isPage = request.method === 'GET' || request.method === 'HEAD';
      const path = request.url.split('?')[0] ?? '';
      // A missing script or style (or a source map) is a 404, never the page in its place.
      const isFile = path.startsWith('/assets/') || path.endsWith('.map');
      if (page !== null && isPage && !path.startsWith('/api') && !isFile) {
        reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-cache')
          .header('vary', 'accept-encoding');
        if (page.br && accepts(request, 'br')) return reply.header('content-encoding', 'br').send(page.br);
        if (page.gzip && accepts(request, 'gzip'))
          return reply.header('content-encoding', 'gzip').send(page.gzip);
        return reply.send(page.identity);
      }
      throw notFound(request.url.startsWith('/api') ? 'There is no such API endpoint' : 'Page not found');
    });
  },
  { name: 'web', dependencies: ['config'] },
);
