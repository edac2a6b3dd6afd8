import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addAwards,
  awardRefusal,
  type PotAward,
  potChangeRefusal,
  potPosition,
  splitAcrossWards,
} from '../src/pot.js';

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

const PRIORITIES = ['economic', 'together', 'young', 'english'];
const WARDS = ['central', 'east', 'north', 'park', 'west'];

/** A grant as the pot sees it: an award, some of it perhaps returned, placed by priority and wards. */
const potAward = fc
  .record({
    amountPence: fc.integer({ min: 1, max: 2_000_000 }),
    returnedShare: fc.integer({ min: 0, max: 100 }),
    mainPriorityId: fc.constantFrom(...PRIORITIES),
    wardIds: fc.uniqueArray(fc.constantFrom(...WARDS), { minLength: 1, maxLength: WARDS.length }),
  })
  .map(
    ({ amountPence, returnedShare, mainPriorityId, wardIds }): PotAward => ({
      amountPence,
      returnedPence: Math.floor((amountPence * returnedShare) / 100),
      mainPriorityId,
      wardIds,
    }),
  );

const sum = (slices: { committedPence: number }[]) => slices.reduce((t, s) => t + s.committedPence, 0);

describe('potPosition', () => {
  it('commits the awards less the money returned, and leaves the rest of the pot available', () => {
    const position = potPosition(30_000_000, [
      { amountPence: 2_000_000, mainPriorityId: 'together', wardIds: ['park'] },
      { amountPence: 1_000_000, returnedPence: 250_000, mainPriorityId: 'young', wardIds: ['east', 'west'] },
    ]);
    expect(position).toMatchObject({
      potPence: 30_000_000,
      committedPence: 2_750_000,
      returnedPence: 250_000,
      availablePence: 27_250_000,
      awardsCount: 2,
    });
    expect(position.byPriority).toEqual([
      { id: 'together', committedPence: 2_000_000, awardsCount: 1 },
      { id: 'young', committedPence: 750_000, awardsCount: 1 },
    ]);
    expect(position.byWard).toEqual([
      { id: 'park', committedPence: 2_000_000, awardsCount: 1 },
      { id: 'east', committedPence: 375_000, awardsCount: 1 },
      { id: 'west', committedPence: 375_000, awardsCount: 1 },
    ]);
  });

  it('no longer counts a grant whose award has all come back (an offer declined)', () => {
    const position = potPosition(1_000_000, [
      { amountPence: 400_000, returnedPence: 400_000, mainPriorityId: 'young', wardIds: ['park'] },
    ]);
    expect(position).toMatchObject({ committedPence: 0, availablePence: 1_000_000, awardsCount: 0 });
    expect(position.byPriority).toEqual([{ id: 'young', committedPence: 0, awardsCount: 0 }]);
  });

  it('lists every priority asked for in the order given, with nothing committed to those without grants', () => {
    const position = potPosition(100, [{ amountPence: 10, mainPriorityId: 'young', wardIds: [] }], {
      priorityIds: ['economic', 'young'],
    });
    expect(position.byPriority).toEqual([
      { id: 'economic', committedPence: 0, awardsCount: 0 },
      { id: 'young', committedPence: 10, awardsCount: 1 },
    ]);
  });

  it('adds up by priority and by ward to the whole committed, to the penny, whatever the grants', () => {
    fc.assert(
      fc.property(fc.array(potAward, { maxLength: 40 }), (awards) => {
        const position = potPosition(1_000_000_000, awards);
        expect(sum(position.byPriority)).toBe(position.committedPence);
        expect(sum(position.byWard)).toBe(position.committedPence);
        expect(position.committedPence + position.availablePence).toBe(position.potPence);
        expect(position.committedPence + position.returnedPence).toBe(
          awards.reduce((t, a) => t + a.amountPence, 0),
        );
      }),
    );
  });

  it('never commits more than the pot when every award is first checked by awardRefusal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(
          fc.oneof(
            potAward,
            potAward.map((a) => ({ ...a, returnedPence: 0 })),
          ),
          { maxLength: 60 },
        ),
        (pot, candidates) => {
          const made: PotAward[] = [];
          for (const award of candidates) {
            const { availablePence } = potPosition(pot, made);
            const refusal = awardRefusal({
              amountPence: award.amountPence,
              requestedPence: award.amountPence,
              capPence: 2_000_000,
              availablePence,
            });
            if (refusal === null) made.push(award);
            else expect(refusal.rule).toBe('overdraws');
            const after = potPosition(pot, made);
            expect(after.committedPence).toBeLessThanOrEqual(pot);
            expect(after.availablePence).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });
});

describe('addAwards', () => {
  it('is the position with the chosen awards too, keeping what the slices already carry', () => {
    const budget = {
      ...potPosition(1_000_000, [{ amountPence: 300_000, mainPriorityId: 'young', wardIds: ['park'] }]),
    };
    const named = {
      ...budget,
      byPriority: budget.byPriority.map((p) => ({ ...p, name: 'Young People' })),
      byWard: budget.byWard.map((w) => ({ ...w, name: 'Park' })),
    };
    const after = addAwards(named, [
      { amountPence: 200_001, mainPriorityId: 'young', wardIds: ['park', 'east'] },
    ]);
    expect(after).toMatchObject({ committedPence: 500_001, availablePence: 499_999, awardsCount: 2 });
    expect(after.byPriority).toEqual([
      { id: 'young', name: 'Young People', committedPence: 500_001, awardsCount: 2 },
    ]);
    expect(after.byWard).toEqual([
      { id: 'park', name: 'Park', committedPence: 400_001, awardsCount: 2 },
      { id: 'east', committedPence: 100_000, awardsCount: 1 },
    ]);
  });

  it('gives the same position as counting every grant afresh', () => {
    fc.assert(
      fc.property(
        fc.array(potAward, { maxLength: 20 }),
        fc.array(potAward, { maxLength: 20 }),
        (before, chosen) => {
          const stepwise = addAwards(potPosition(5_000_000, before), chosen);
          const afresh = potPosition(5_000_000, [...before, ...chosen]);
          expect(stepwise.committedPence).toBe(afresh.committedPence);
          expect(stepwise.availablePence).toBe(afresh.availablePence);
          expect(stepwise.awardsCount).toBe(afresh.awardsCount);
          expect(new Set(stepwise.byWard.map((w) => JSON.stringify(w)))).toEqual(
            new Set(afresh.byWard.map((w) => JSON.stringify(w))),
          );
        },
      ),
    );
  });
});

describe('awardRefusal', () => {
  const ok = {
    amountPence: 500_000,
    requestedPence: 500_000,
    capPence: 2_000_000,
    availablePence: 8_500_000,
  };

  it('allows a full award within the cap and the pot', () => {
    expect(awardRefusal(ok)).toBeNull();
  });

  it('refuses more than the group asked for', () => {
    expect(awardRefusal({ ...ok, amountPence: 500_001 })).toMatchObject({
      rule: 'more_than_asked',
      field: 'amountPence',
      fieldMessage: 'The award cannot be more than the £5,000 asked for',
    });
  });

  it('refuses more than the largest grant, even when the group asked for more', () => {
    expect(awardRefusal({ ...ok, amountPence: 2_000_001, requestedPence: 2_500_000 })).toMatchObject({
      rule: 'over_cap',
      fieldMessage: 'The award cannot be more than the largest grant, £20,000',
    });
  });

  it('needs a reason for a partial award, and accepts one with it', () => {
    expect(awardRefusal({ ...ok, amountPence: 400_000 })).toMatchObject({
      rule: 'no_reason',
      field: 'reason',
    });
    expect(awardRefusal({ ...ok, amountPence: 400_000, reason: 'The venue is free' })).toBeNull();
  });

  it('refuses to overdraw the pot, naming what is left and the bid', () => {
    expect(awardRefusal({ ...ok, availablePence: 499_999, reference: 'PCF-2019-0042' })).toEqual({
      rule: 'overdraws',
      field: 'amountPence',
      message: 'This would overdraw the fund: only £4,999.99 is still available for PCF-2019-0042',
      fieldMessage: 'Only £4,999.99 is still available',
      availablePence: 499_999,
    });
  });

  it('allows an award of exactly what is left', () => {
    expect(awardRefusal({ ...ok, availablePence: 500_000 })).toBeNull();
  });
});

describe('potChangeRefusal', () => {
  it('lets the pot grow or shrink to what is committed, never below', () => {
    expect(potChangeRefusal(21_500_000, 21_500_000)).toBeNull();
    expect(potChangeRefusal(40_000_000, 21_500_000)).toBeNull();
    expect(potChangeRefusal(21_499_999, 21_500_000)).toBe(
      'The pot cannot be less than the £215,000 already awarded',
    );
  });
});
