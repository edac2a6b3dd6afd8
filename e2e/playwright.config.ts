import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * Browser journeys against the built product (pnpm build first). global-setup.ts starts the real
 * server on 127.0.0.1 at a port it chooses, with a fresh demo database, and stops it afterwards.
 *
 * The browser: Debian's Chromium where it is installed (these machines cannot download
 * Playwright's own), otherwise Playwright's bundled Chromium.
 */
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

export default defineConfig({
  testDir: './tests',
  outputDir: './.results/artifacts',
  globalSetup: './global-setup.ts',
  fullyParallel: false,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  forbidOnly: !!process.env.CI,
  // One retry in CI so a shared, noisy machine does not fail a run; scripts/run-tests.mjs reports
  // any test that needed it as flaky, so it is seen and fixed, not hidden.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: './.results/results.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(systemChromium ? { executablePath: systemChromium } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    // Every journey at desktop size, except those about the phone layout itself.
    { name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined }, grepInvert: /@phone-only/ },
    {
      name: 'phone',
      // 320 CSS pixels wide: the narrowest screen WCAG reflow asks us to support. Every page a journey
      // checks here is also measured at 375 pixels, a common phone (expectNoSidewaysScroll).
      use: {
        ...devices['Desktop Chrome'],
        channel: undefined,
        viewport: { width: 320, height: 640 },
        isMobile: false,
      },
      grep: /@phone/,
    },
  ],
});
