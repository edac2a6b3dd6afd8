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

  it('slows an account guessed at from many addresses: after 5 failures in 5 minutes, one attempt a minute, the right password included', async () => {
    t = await buildTestApp();
    // Failures from different addresses still count against the one account.
    for (let i = 0; i < 5; i++) {
      expect(
        (await new Client(t.app, `203.0.113.${i + 1}`).login('officer@demo.test', WRONG)).statusCode,
      ).toBe(401);
    }
    const refused = await new Client(t.app, '203.0.113.99').login('officer@demo.test', DEMO_PASSWORD);
    const error = expectError(refused, 429, 'rate_limited');
    expect(error.message).toMatch(/minute/);
    const seconds = retryAfter(refused);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(refused.cookies.find((c) => c.name === 'sid')).toBeUndefined();
    t.clock.advance(seconds * 1000);
    expect((await new Client(t.app, '203.0.113.99').login('officer@demo.test')).statusCode).toBe(200);
  });

  it('judges the first five attempts in a row on the password alone', async () => {
    t = await buildTestApp();
    const client = new Client(t.app);
    await failTimes(client, 'officer@demo.test', 4);
    // The fifth attempt is still judged on the password.
    expect((await client.login('officer@demo.test')).statusCode).toBe(200);
  });

  it('lets the account sign in again once the wait has passed: no lockout', async () => {
    t = await buildTestApp();
    const client = new Client(t.app);
    await failTimes(client, 'officer@demo.test', 5);
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

  it('does not slow other accounts when one account is throttled', async () => {
    t = await buildTestApp();
    await failTimes(new Client(t.app), 'officer@demo.test', 5);
    expectError(await new Client(t.app).login('officer@demo.test'), 429, 'rate_limited');
    expect((await new Client(t.app).login('finance@demo.test')).statusCode).toBe(200);
  });

  it('counts failures for an unknown email like any other account', async () => {
    t = await buildTestApp();
    const client = new Client(t.app);
    await failTimes(client, 'nobody@demo.test', 5);
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

  it('does not let a stranger’s 50 wrong guesses from elsewhere stop the owner signing in with the right password within a minute', async () => {
    t = await buildTestApp();
    const stranger = new Client(t.app, '203.0.113.66');
    for (let i = 0; i < 50; i++) {
      expect([401, 429]).toContain((await stranger.login('officer@demo.test', WRONG)).statusCode);
    }
    const owner = new Client(t.app, '198.51.100.7');
    let response = await owner.login('officer@demo.test');
    if (response.statusCode === 429) {
      expect(retryAfter(response)).toBeLessThanOrEqual(60);
      t.clock.advance(retryAfter(response) * 1000);
      response = await owner.login('officer@demo.test');
    }
    expect(response.statusCode, response.body).toBe(200);
  });

  it('does not let 50 wrong guesses from 50 addresses stop the owner signing in within a minute', async () => {
    t = await buildTestApp();
    for (let i = 0; i < 50; i++) {
      const response = await new Client(t.app, `203.0.113.${i + 1}`).login('officer@demo.test', WRONG);
      expect([401, 429]).toContain(response.statusCode);
    }
    const owner = new Client(t.app, '198.51.100.7');
    let response = await owner.login('officer@demo.test');
    if (response.statusCode === 429) {
      expect(retryAfter(response)).toBeLessThanOrEqual(60);
      t.clock.advance(retryAfter(response) * 1000);
      response = await owner.login('officer@demo.test');
    }
    expect(response.statusCode, response.body).toBe(200);
  });

  it.each([1, 7, 20, 29, 45, 61])(
    'never checks 11 guesses at one account in any 5 minutes, with a guess every %i seconds from new addresses',
    async (everySeconds) => {
      t = await buildTestApp({ LOGIN_MAX_FAILURES_PER_ADDRESS: '100000' });
      const checked: number[] = [];
      const start = t.clock.now().getTime();
      for (let i = 0; t.clock.now().getTime() - start < 20 * MINUTE; i++) {
        const response = await new Client(t.app, `10.${Math.floor(i / 250) % 250}.${i % 250}.1`).login(
          'officer@demo.test',
          WRONG,
        );
        if (response.statusCode === 401) checked.push(t.clock.now().getTime());
        else expect(response.statusCode).toBe(429);
        t.clock.advance(everySeconds * 1000);
      }
      const mostInFiveMinutes = Math.max(
        ...checked.map((at) => checked.filter((other) => other >= at && other < at + 5 * MINUTE).length),
      );
      expect(mostInFiveMinutes).toBeLessThanOrEqual(10);
      expect(checked.length).toBeGreaterThan(0);
    },
  );

  it('stops one address guessing at one account after 10 failures in 15 minutes, however slowly it guesses', async () => {
    t = await buildTestApp();
    const guesser = new Client(t.app, '203.0.113.80');
    for (let i = 0; i < 10; i++) {
      expect((await guesser.login('officer@demo.test', WRONG)).statusCode, `guess ${i + 1}`).toBe(401);
      t.clock.advance(61_000);
    }
    // Slowly enough for the account, but this address has had its 10 for the account.
    const blocked = await guesser.login('officer@demo.test');
    expectError(blocked, 429, 'rate_limited');
    expect(retryAfter(blocked)).toBeGreaterThan(60);
    // The same address may still try other accounts, and others may try this one.
    expect((await guesser.login('finance@demo.test')).statusCode).toBe(200);
    expect((await new Client(t.app, '198.51.100.8').login('officer@demo.test')).statusCode).toBe(200);
    // Once the oldest of its failures is 15 minutes old, the address may try again.
    t.clock.advance(retryAfter(blocked) * 1000);
    expect((await guesser.login('officer@demo.test')).statusCode).toBe(200);
  });
});
