import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../src/seed/demo.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import { userIdOf } from '../../support/database.js';
import { expectError } from '../../support/errors.js';
import { MINUTE } from '../../support/time.js';

const WRONG = 'not-the-right-password';

async function failTimes(client: Client, email: string, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    const response = await client.login(email, WRONG);
    expect(response.statusCode, `failure ${i + 1}`).toBe(401);
  }
}

function retryAfter(response: { headers: Record<string, unknown> }): number {
  const value = response.headers['retry-after'];
  expect(typeof value).toBe('string');
  expect(value).toMatch(/^\d+$/);
  return Number(value);
}

describe('sign-in throttling', () => {
  let t: TestApp;
  afterEach(async () => t.close());

  it('refuses even the right password with 429 and Retry-After after 10 failures on one account', async () => {
    t = await buildTestApp();
    // Failures from different addresses still count against the one account.
    for (let i = 0; i < 10; i++) {
      expect(
        (await new Client(t.app, `203.0.113.${i + 1}`).login('officer@demo.test', WRONG)).statusCode,
      ).toBe(401);
    }
    const refused = await new Client(t.app, '203.0.113.99').login('officer@demo.test', DEMO_PASSWORD);
    const error = expectError(refused, 429, 'rate_limited');
    expect(error.message).toMatch(/minute/);
    const seconds = retryAfter(refused);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(15 * 60);
    expect(refused.cookies.find((c) => c.name === 'sid')).toBeUndefined();
  });

  it('allows the ninth and tenth attempt: only the failures past the limit are refused', async () => {
    t = await buildTestApp();
    const client = new Client(t.app);
    await failTimes(client, 'officer@demo.test', 9);
    // The tenth attempt is still judged on the password.
    expect((await client.login('officer@demo.test')).statusCode).toBe(200);
  });

  it('lets the account sign in again once the window has passed: no permanent lockout', async () => {
    t = await buildTestApp();
    const client = new Client(t.app);
    await failTimes(client, 'officer@demo.test', 10);
    const refused = await client.login('officer@demo.test');
    expectError(refused, 429);
    const seconds = retryAfter(refused);

    // A second short of Retry-After: still refused.
    t.clock.advance((seconds - 1) * 1000);
    expectError(await client.login('officer@demo.test'), 429);
    t.clock.advance(1000);
    expect((await client.login('officer@demo.test')).statusCode).toBe(200);
  });

  it('judges no more than 10 passwords for one account even when guesses arrive all at once', async () => {
    t = await buildTestApp();
    const app = t.app;
    const guesses = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        new Client(app, `203.0.113.${i + 1}`).login('officer@demo.test', WRONG),
      ),
    );
    const judged = guesses.filter((r) => r.statusCode === 401).length;
    const refused = guesses.filter((r) => r.statusCode === 429).length;
    expect(judged + refused).toBe(25);
    expect(judged).toBeLessThanOrEqual(10);
    // And the right password, sent now, is refused too.
    expectError(await new Client(app, '198.51.100.1').login('officer@demo.test'), 429, 'rate_limited');
  });

  it('does not lock out other accounts when one account is throttled', async () => {
    t = await buildTestApp();
    await failTimes(new Client(t.app), 'officer@demo.test', 10);
    expect((await new Client(t.app).login('finance@demo.test')).statusCode).toBe(200);
  });

  it('counts failures for an unknown email like any other account', async () => {
    t = await buildTestApp();
    const client = new Client(t.app);
    await failTimes(client, 'nobody@demo.test', 10);
    expectError(await client.login('nobody@demo.test', WRONG), 429, 'rate_limited');
  });

  it('throttles one address trying many accounts, but not a different address', async () => {
    t = await buildTestApp({ LOGIN_MAX_FAILURES_PER_ADDRESS: '3' });
    const attacker = new Client(t.app, '203.0.113.50');
    expect((await attacker.login('officer@demo.test', WRONG)).statusCode).toBe(401);
    expect((await attacker.login('finance@demo.test', WRONG)).statusCode).toBe(401);
    expect((await attacker.login('nobody@demo.test', WRONG)).statusCode).toBe(401);

    // A fourth account, never tried before, with the right password: the address is blocked.
    const blocked = await attacker.login('admin@demo.test', DEMO_PASSWORD);
    expectError(blocked, 429, 'rate_limited');
    expect(retryAfter(blocked)).toBeGreaterThan(0);

    // Someone else, elsewhere, signs in to the same accounts without trouble.
    expect((await new Client(t.app, '198.51.100.20').login('officer@demo.test')).statusCode).toBe(200);
    expect((await new Client(t.app, '198.51.100.20').login('admin@demo.test')).statusCode).toBe(200);

    // And the blocked address gets its turn again once the window has passed.
    t.clock.advance(15 * MINUTE);
    expect((await attacker.login('admin@demo.test')).statusCode).toBe(200);
  });

  it('does not count successful sign-ins, or a disabled user with the right password, as failures', async () => {
    t = await buildTestApp({ LOGIN_MAX_FAILURES_PER_ADDRESS: '2' });
    const office = new Client(t.app, '192.0.2.10');
    const admin = await signedIn(t.app, 'admin@demo.test', '192.0.2.10');
    await admin.post(`/api/admin/users/${userIdOf(t.app, 'finance2@demo.test')}/disable`);
    for (const email of [
      'officer@demo.test',
      'finance@demo.test',
      'assessor@demo.test',
      'officer2@demo.test',
    ]) {
      expect((await office.login(email)).statusCode, email).toBe(200);
    }
    expectError(await office.login('finance2@demo.test'), 403);
    expectError(await office.login('finance2@demo.test'), 403);
    expectError(await office.login('finance2@demo.test'), 403);
    // The address has no failures: two wrong guesses are still judged, and only then is it throttled.
    expectError(await office.login('officer@demo.test', WRONG), 401);
    expectError(await office.login('officer@demo.test', WRONG), 401);
    expectError(await office.login('officer@demo.test'), 429);
  });

  it('gives an unknown email and a wrong password the same answer, byte for byte', async () => {
    t = await buildTestApp();
    const unknown = await new Client(t.app).login('nobody-here@demo.test', WRONG);
    const wrong = await new Client(t.app).login('officer@demo.test', WRONG);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(unknown.statusCode);
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.headers['content-type']).toBe(unknown.headers['content-type']);
    expect(wrong.headers['set-cookie']).toEqual(unknown.headers['set-cookie']);
  });

  it('gives an invited user who has not set a password the same answer as a wrong password', async () => {
    t = await buildTestApp();
    const admin = new Client(t.app);
    await admin.login('admin@demo.test');
    const invited = await admin.post('/api/admin/users', {
      name: 'Nina Invited',
      email: 'nina@demo.test',
      role: 'officer',
    });
    expect(invited.statusCode).toBe(201);
    const pending = await new Client(t.app).login('nina@demo.test', WRONG);
    const wrong = await new Client(t.app).login('officer@demo.test', WRONG);
    expect(pending.statusCode).toBe(401);
    expect(pending.body).toBe(wrong.body);
  });
});
