import { defineConfig } from 'vitest/config';

/** Unit tests of the web app's pure helpers (pages are tested in the browser, by e2e/). */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
