// The built web app is served as it was built (decision 0021): precompressed (brotli, else gzip,
// else as is) for browsers that say they take it; hashed assets cached for a year, the page itself
// checked every time; source maps not published.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../support/app.js';

const SCRIPT = `console.log(${JSON.stringify('Communities Fund '.repeat(200))});`;
const PAGE = `<!doctype html><html><body><div id="root"><p>Loading…</p></div>${' '.repeat(2000)}</body></html>`;

/** A built web app as `vite build` leaves it: hashed assets, each beside its .br and .gz. */
function builtApp(dir: string): string {
  const dist = join(dir, 'web-dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  const write = (path: string, text: string) => {
    writeFileSync(join(dist, path), text);
    writeFileSync(join(dist, `${path}.br`), brotliCompressSync(text));
    writeFileSync(join(dist, `${path}.gz`), gzipSync(text));
  };
  write('index.html', PAGE);
  write('assets/index-Ab12Cd34.js', SCRIPT);
  writeFileSync(join(dist, 'assets/index-Ab12Cd34.js.map'), '{"version":3,"sources":["secret.ts"]}');
  writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dist;
}

describe('serving the built web app', () => {
  let t: TestApp;
  beforeAll(async () => {
    const dir = (await import('node:fs')).mkdtempSync(join((await import('node:os')).tmpdir(), 'cf-web-'));
    t = await buildTestApp({ WEB_DIST: builtApp(dir) });
  });
  afterAll(async () => t.close());

  const get = (url: string, encoding?: string) =>
    t.app.inject({
      method: 'GET',
      url,
      headers: encoding === undefined ? {} : { 'accept-encoding': encoding },
    });

  it('sends a hashed asset brotli-compressed to a browser that takes brotli, cached for a year', async () => {
    const response = await get('/assets/index-Ab12Cd34.js', 'gzip, deflate, br');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(response.headers.vary)).toMatch(/accept-encoding/i);
    expect(response.rawPayload.length).toBeLessThan(SCRIPT.length / 4);
  });

  it('sends gzip to a browser that takes gzip only, and the file as it is to one that takes neither', async () => {
    const gzipped = await get('/assets/index-Ab12Cd34.js', 'gzip');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.rawPayload).toString()).toBe(SCRIPT);
    const plain = await get('/assets/index-Ab12Cd34.js', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('sends the page itself compressed, checked again on every visit (no-cache), at any address of the app', async () => {
    for (const url of ['/', '/bids?page=2', '/funds/some-fund/results']) {
      const response = await get(url, 'br, gzip');
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-encoding'], url).toBe('br');
      expect(response.headers['cache-control'], url).toBe('no-cache');
      expect(response.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(String(response.headers.vary), url).toMatch(/accept-encoding/i);
    }
    const plain = await get('/bids');
    expect(plain.body).toBe(PAGE);
  });

  it('does not publish source maps, and answers a missing asset with 404 rather than the page', async () => {
    for (const url of ['/assets/index-Ab12Cd34.js.map', '/assets/index-Gone0000.js']) {
      const response = await get(url, 'br');
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).not.toMatch(/text\/html/);
    }
  });
});
