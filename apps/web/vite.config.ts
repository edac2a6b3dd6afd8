import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every built script, style and page, at the
 * strongest settings, once, at build time; the server sends whichever the browser takes (decision
 * 0021). Files under 1 KB are left alone: compressing them saves less than the headers cost.
 */
function precompress(): Plugin {
  return {
    name: 'precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir ?? 'dist';
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(fileName)) continue;
        const path = join(dir, fileName);
        const bytes = readFileSync(path);
        if (bytes.length < 1024) continue;
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(bytes, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
            },
          }),
        );
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

/**
 * GOV.UK Frontend keeps an old Internet Explorer hack, `@media … and (min-width: 0\0)`, which
 * current Sass turns into a character the CSS minifier rejects. No browser we support needs it, so
 * the rule is made to match nothing.
 */
function dropInternetExplorerHacks(): Plugin {
  return {
    name: 'drop-internet-explorer-hacks',
    transform(code, id) {
      if (!/\.scss($|\?)/.test(id)) return null;
      return {
        code: code.replace(/@media[^{]*\(min-width: 0(?:\uFFFD|\\0)\)\s*\{/g, '@media not all {'),
        map: null,
      };
    },
  };
}

/**
 * The stylesheet first in the page's head, before the scripts (Vite puts it after them). The
 * browser asks for files in the order it meets them, at most six at a time from one server over
 * HTTP/1.1; the stylesheet is what the first paint waits for, so it should not queue behind
 * scripts the first paint does not need (decision 0032).
 */
function stylesheetFirst(): Plugin {
  return {
    name: 'stylesheet-first',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const links = html.match(/[ \t]*<link rel="stylesheet"[^>]*>\n?/g) ?? [];
        const firstScript = html.search(/[ \t]*<script type="module"/);
        if (links.length === 0 || firstScript < 0) return html;
        let rest = html;
        for (const link of links) rest = rest.replace(link, '');
        const at = rest.search(/[ \t]*<script type="module"/);
        return rest.slice(0, at) + links.join('') + rest.slice(at);
      },
    },
  };
}

// In development the API runs separately (pnpm dev); Vite forwards /api to it.
const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), dropInternetExplorerHacks(), stylesheetFirst(), precompress()],
  server: {
    port: 5173,
    host: '127.0.0.1',
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  css: {
    preprocessorOptions: {
      scss: {
        // GOV.UK Frontend is compiled from Sass so we can set the council's font and colours.
        loadPaths: ['node_modules'],
        quietDeps: true,
      },
    },
  },
  build: {
    // GOV.UK Frontend's fonts are not used (a council uses its own brand and a system font).
    assetsInlineLimit: 0,
    // Source maps are made, for reading our own stack traces, but not linked from the scripts, and
    // the server does not publish them (decision 0021).
    sourcemap: 'hidden',
    target: 'es2022',
    rolldownOptions: {
      output: {
        // Fewer, larger files (decision 0032). Left to itself the bundler split the code the pages
        // share into about 70 files of 1–5 KB, so the home page loaded 23 files after the app's own
        // script, six at a time over HTTP/1.1, a round trip each: on a phone network that was the
        // slowest part of showing the page. Now:
        codeSplitting: {
          groups: [
            // Everything the first page needs, whichever page it is, in the entry script itself.
            { name: 'index', tags: ['$initial'], priority: 3 },
            // The form library and our form helpers: only pages with forms load them.
            {
              name: 'forms',
              test: /node_modules[\\/](react-hook-form|@hookform)|src[\\/](components[\\/]ui[\\/]form|lib[\\/](resolver|forms))\./,
              minShareCount: 2,
              priority: 2,
            },
            // Our small page parts (the UI kit, helpers): almost every page uses some of them.
            {
              name: 'ui',
              test: /apps[\\/]web[\\/]src[\\/](components|lib|app[\\/]guards)[\\/.]/,
              minShareCount: 2,
              priority: 2,
            },
            // The rest that two or more pages share (the features' data and the shared schemas), in
            // one file, loaded once and cached. (Rolldown's entriesAware split, grouping by which
            // pages use what, broke the home page's module order: not used.)
            { name: 'common', minShareCount: 2, priority: 1 },
          ],
        },
      },
    },
  },
});
