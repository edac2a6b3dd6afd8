import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_WINDOW_MS,
  accountWaitMs,
  mostChecksInAccountWindow,
} from '../../../src/modules/auth/rules.js';

// The per-account limit on sign-in (rules.ts), on its own: it only slows, and keeps online guessing
// within Cyber Essentials — at most 10 passwords checked in any 5 minutes, however many addresses.

describe('the per-account sign-in limit', () => {
  it('lets at most 9 passwords be checked in any 5 minutes, within the 10 Cyber Essentials allows', () => {
    expect(mostChecksInAccountWindow()).toBe(9);
    expect(mostChecksInAccountWindow()).toBeLessThanOrEqual(10);
  });

  it('never has 11 checks in 5 minutes, whenever attempts arrive (every attempt checked that may be)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 120_000 }), { minLength: 1, maxLength: 200 }),
        (gaps) => {
          let now = 0;
          const checked: number[] = [];
          for (const gap of gaps) {
            now += gap;
            const recent = checked.filter((at) => at >= now - ACCOUNT_WINDOW_MS);
            // Every check is a failure: the worst case, a guesser who is always wrong.
            if (accountWaitMs(recent, now) === 0) checked.push(now);
          }
          return checked.every(
            (at) => checked.filter((other) => other >= at && other < at + ACCOUNT_WINDOW_MS).length <= 10,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never makes anyone wait more than a minute', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: ACCOUNT_WINDOW_MS }), { maxLength: 50 }), (ages) => {
        const now = ACCOUNT_WINDOW_MS;
        return (
          accountWaitMs(
            ages.map((age) => now - age),
            now,
          ) <= 60_000
        );
      }),
    );
  });
});
