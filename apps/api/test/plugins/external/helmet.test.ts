import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client } from '../../support/client.js';

const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
  "manifest-src 'self'",
];

describe('security headers on every answer', () => {
  let t: TestApp;
  let production: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    production = await buildTestApp({ NODE_ENV: 'production', SEED_DEMO: 'false' });
  });
  afterAll(async () => {
    await t.close();
    await production.close();
  });

  it.each([
    ['an API answer', '/api/funds', 200],
    ['a refusal', '/api/auth/me', 401],
    ['an unknown address', '/api/no-such-thing', 404],
  ])('sends the strict policy and the other headers with %s', async (_what, path, status) => {
    const response = await new Client(t.app).get(path);
    expect(response.statusCode).toBe(status);
    expect((response.headers['content-security-policy'] as string).split(';').sort()).toEqual(
      [...POLICY].sort(),
    );
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'cross-origin-resource-policy': 'same-origin',
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
    // Outside production, http://localhost must keep working: no HSTS.
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('asks browsers for https only in production', async () => {
    const response = await new Client(production.app).get('/api/funds');
    expect(response.headers['strict-transport-security']).toMatch(/^max-age=\d+; includeSubDomains$/);
  });
});
