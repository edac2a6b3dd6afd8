import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitAcrossWards } from '../src/pot.js';

/** A ward list with no ward named twice, as a bid's "who will benefit" holds. */
const distinctWards = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), {
  minLength: 1,
  maxLength: 23,
});
const amounts = fc.integer({ min: 0, max: 100_000_000_000 });

const total = (split: Map<string, number>) => [...split.values()].reduce((sum, pence) => sum + pence, 0);

describe('splitAcrossWards', () => {
  it('gives the whole amount to a single ward', () => {
    expect(splitAcrossWards(500_000, ['park'])).toEqual(new Map([['park', 500_000]]));
  });

  it('shares an amount equally when it divides to the penny', () => {
    expect(splitAcrossWards(900, ['a', 'b', 'c'])).toEqual(
      new Map([
        ['a', 300],
        ['b', 300],
        ['c', 300],
      ]),
    );
  });

  it('gives the pennies left over, one each, to the first wards in the list', () => {
    expect([...splitAcrossWards(100, ['a', 'b', 'c'])]).toEqual([
      ['a', 34],
      ['b', 33],
      ['c', 33],
    ]);
    expect([...splitAcrossWards(1_000_003, ['d', 'c', 'b', 'a'])]).toEqual([
      ['d', 250_001],
      ['c', 250_001],
      ['b', 250_001],
      ['a', 250_000],
    ]);
  });

  it('gives some wards nothing when there are fewer pennies than wards', () => {
    expect([...splitAcrossWards(2, ['a', 'b', 'c'])]).toEqual([
      ['a', 1],
      ['b', 1],
      ['c', 0],
    ]);
    expect([...splitAcrossWards(0, ['a', 'b'])]).toEqual([
      ['a', 0],
      ['b', 0],
    ]);
  });

  it('puts the money in no ward when the bid names none', () => {
    expect(splitAcrossWards(500_000, [])).toEqual(new Map());
  });

  it('adds both shares to a ward named twice, so the whole amount is still counted', () => {
    expect([...splitAcrossWards(100, ['a', 'b', 'a'])]).toEqual([
      ['a', 67],
      ['b', 33],
    ]);
  });

  it('always adds up to the amount, to the penny', () => {
    fc.assert(
      fc.property(
        amounts,
        fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 10 }),
        (amount, wards) => {
          expect(total(splitAcrossWards(amount, wards))).toBe(amount);
        },
      ),
    );
    fc.assert(
      fc.property(amounts, distinctWards, (amount, wards) => {
        expect(total(splitAcrossWards(amount, wards))).toBe(amount);
      }),
    );
  });

  it('never gives two wards shares more than a penny apart, and never more to a later ward', () => {
    fc.assert(
      fc.property(amounts, distinctWards, (amount, wards) => {
        const shares = [...splitAcrossWards(amount, wards).values()];
        expect(shares).toHaveLength(wards.length);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
        for (let i = 1; i < shares.length; i += 1) {
          expect(shares[i]).toBeLessThanOrEqual(shares[i - 1] ?? 0);
        }
      }),
    );
  });

  it('keeps the wards in the order given, each in whole pence', () => {
    fc.assert(
      fc.property(amounts, distinctWards, (amount, wards) => {
        const split = splitAcrossWards(amount, wards);
        expect([...split.keys()]).toEqual(wards);
        for (const share of split.values()) expect(Number.isInteger(share)).toBe(true);
      }),
    );
  });
});
