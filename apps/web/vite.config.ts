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

// In development the API runs separately (pnpm dev); Vite forwards /api to it.
const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), dropInternetExplorerHacks(), precompress()],
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
  },
});
