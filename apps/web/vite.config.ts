import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

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
  plugins: [react(), dropInternetExplorerHacks()],
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
    sourcemap: true,
    target: 'es2022',
  },
});
