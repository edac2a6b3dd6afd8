import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client } from '../../support/client.js';
import { expectError } from '../../support/errors.js';

describe('the request rate limit per address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(async () => t.close());

  it('answers 429 in the error envelope with Retry-After past the limit, for that address only', async () => {
    const busy = new Client(t.app, '203.0.113.200');
    for (let i = 0; i < 5; i++)
      expect((await busy.get('/api/funds')).statusCode, `request ${i + 1}`).toBe(200);
    const refused = await busy.get('/api/funds');
    expectError(refused, 429, 'rate_limited');
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect((await new Client(t.app, '203.0.113.201').get('/api/funds')).statusCode).toBe(200);
  });

  it('never limits the health check, which monitors poll', async () => {
    const monitor = new Client(t.app, '203.0.113.202');
    for (let i = 0; i < 8; i++) expect((await monitor.get('/api/health')).statusCode).toBe(200);
  });
});
