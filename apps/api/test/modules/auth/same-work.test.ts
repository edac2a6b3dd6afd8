import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * "An unknown email and a wrong password take the same time", checked without a stopwatch (shared
 * machines are too noisy): both must do the same work, one Argon2id verification with the same
 * parameters. bench/sign-in-timing.ts measures the times themselves.
 */
const verified = vi.hoisted(() => ({ hashes: [] as string[] }));
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/argon2')>();
  return {
    ...real,
    verify: (
      hash: string,
      ...rest: Parameters<typeof real.verify> extends [unknown, ...infer R] ? R : never
    ) => {
      verified.hashes.push(hash);
      return real.verify(hash, ...rest);
    },
  };
});

const { buildTestApp } = await import('../../support/app.js');
const { Client } = await import('../../support/client.js');
const { dummyPasswordHash } = await import('../../../src/modules/auth/passwords.js');
const { users } = await import('../../../src/db/schema/index.js');

/** The cost part of a PHC string: algorithm, version and parameters, without salt and hash. */
const cost = (hash: string | undefined) => hash?.split('$').slice(0, 4).join('$');

describe('sign-in does the same work for an unknown email as for a wrong password', () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('verifies exactly one Argon2id hash of the same cost in both cases', async () => {
    verified.hashes.length = 0;
    expect((await new Client(t.app).login('officer@demo.test', 'wrong-password-here')).statusCode).toBe(401);
    const wrongPassword = [...verified.hashes];

    verified.hashes.length = 0;
    expect((await new Client(t.app).login('nobody@demo.test', 'wrong-password-here')).statusCode).toBe(401);
    const unknownEmail = [...verified.hashes];

    expect(wrongPassword).toHaveLength(1);
    expect(unknownEmail).toHaveLength(1);
    expect(cost(unknownEmail[0])).toBe(cost(wrongPassword[0]));
    expect(cost(unknownEmail[0])).toBe('$argon2id$v=19$m=19456,t=2,p=1');
  });

  it('uses a stand-in hash with the same cost as real ones', async () => {
    const real = t.app.db.select({ hash: users.passwordHash }).from(users).get();
    expect(real?.hash).toBeTruthy();
    expect(cost(await dummyPasswordHash())).toBe(cost(real?.hash ?? undefined));
  });
});
