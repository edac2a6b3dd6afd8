import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  criterionResults,
  FundBody,
  isToDo,
  ReopenAnswerBody,
  scoreSetProblems,
  weightedTotal,
} from '../src/assessment.js';

/** The Communities Fund's six criteria (PRODUCT.md section 5): weights that add up to 100. */
const FUND = [30, 20, 15, 15, 10, 10].map((weight, index) => ({
  id: `c${index + 1}`,
  title: `Criterion ${index + 1}`,
  weight,
}));

const entries = (
  scores: readonly (number | null | undefined)[],
  criteria: readonly { id: string }[] = FUND,
) => criteria.map((criterion, index) => ({ criterionId: criterion.id, score: scores[index] }));

/** Any whole-number weights from 1 to 100 that add up to 100, as a fund's criteria must. */
const weightsTo100 = fc
  .array(fc.integer({ min: 1, max: 99 }), { minLength: 0, maxLength: 9 })
  .map((cuts) => [0, ...new Set([...cuts].sort((a, b) => a - b)), 100])
  .map((marks) => marks.slice(1).map((mark, i) => mark - (marks[i] ?? 0)))
  .map((weights) => weights.map((weight, index) => ({ id: `c${index + 1}`, weight })));

/** A fund's criteria and one score (0–5) per criterion. */
const fundAndScores = weightsTo100.chain((criteria) =>
  fc.tuple(
    fc.constant(criteria),
    fc.array(fc.integer({ min: 0, max: 5 }), { minLength: criteria.length, maxLength: criteria.length }),
  ),
);

describe('weightedTotal', () => {
  it('weights each criterion by its percentage, out of 100', () => {
    expect(weightedTotal(FUND, entries([5, 5, 5, 5, 5, 5]))).toBe(100);
    expect(weightedTotal(FUND, entries([3, 3, 3, 3, 3, 3]))).toBe(60);
    // 30×5 + 20×4 + 15×3 + 15×2 + 10×1 + 10×0 = 315 points of a possible 500.
    expect(weightedTotal(FUND, entries([5, 4, 3, 2, 1, 0]))).toBe(63);
    expect(weightedTotal(FUND, entries([0, 0, 0, 0, 0, 0]))).toBe(0);
  });

  it('gives the total in tenths of a point, exactly', () => {
    const thirds = [
      { id: 'a', weight: 33 },
      { id: 'b', weight: 33 },
      { id: 'c', weight: 34 },
    ];
    // (33×1 + 33×2 + 34×0) / 5 = 19.8
    expect(weightedTotal(thirds, entries([1, 2, 0], thirds))).toBe(19.8);
    expect(weightedTotal(thirds, entries([1, 0, 0], thirds))).toBe(6.6);
    expect(weightedTotal(thirds, entries([4, 4, 5], thirds))).toBe(86.8);
  });

  it('counts a criterion not yet scored as nothing, so a draft shows the total so far', () => {
    expect(weightedTotal(FUND, entries([5, null, undefined]))).toBe(30);
    expect(weightedTotal(FUND, [{ criterionId: 'c2', score: 5 }])).toBe(20);
    expect(weightedTotal(FUND, [])).toBe(0);
  });

  it('is 0 for a fund with no criteria', () => {
    expect(weightedTotal([], [])).toBe(0);
    expect(weightedTotal([], [{ criterionId: 'c1', score: 5 }])).toBe(0);
  });

  it('ignores scores for criteria that are not the fund’s', () => {
    expect(
      weightedTotal(FUND, [...entries([1, 1, 1, 1, 1, 1]), { criterionId: 'elsewhere', score: 5 }]),
    ).toBe(20);
  });

  it('matches scores to criteria by id, whatever order they come in', () => {
    const scores = entries([5, 4, 3, 2, 1, 0]);
    expect(weightedTotal(FUND, [...scores].reverse())).toBe(weightedTotal(FUND, scores));
  });

  it('stays within 0 to 100 for any fund whose weights add up to 100', () => {
    fc.assert(
      fc.property(fundAndScores, ([criteria, scores]) => {
        const total = weightedTotal(criteria, entries(scores, criteria));
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('gives 100 for full marks on every criterion and 0 for none, whatever the weights', () => {
    fc.assert(
      fc.property(weightsTo100, (criteria) => {
        expect(
          weightedTotal(
            criteria,
            entries(
              criteria.map(() => 5),
              criteria,
            ),
          ),
        ).toBe(100);
        expect(
          weightedTotal(
            criteria,
            entries(
              criteria.map(() => 0),
              criteria,
            ),
          ),
        ).toBe(0);
      }),
    );
  });

  it('rises by a fifth of the criterion’s weight when one of its scores rises by a point, so never falls', () => {
    fc.assert(
      fc.property(fundAndScores, fc.nat(), ([criteria, scores], pick) => {
        const index = pick % criteria.length;
        const score = scores[index] ?? 0;
        fc.pre(score < 5);
        const raised = scores.map((s, i) => (i === index ? s + 1 : s));
        const before = weightedTotal(criteria, entries(scores, criteria));
        const after = weightedTotal(criteria, entries(raised, criteria));
        expect(after).toBeGreaterThan(before);
        expect(after - before).toBeCloseTo((criteria[index]?.weight ?? 0) / 5, 9);
      }),
    );
  });
});

describe('criterionResults', () => {
  const set = (...scores: (number | null)[]) => ({
    scores: entries(scores).map((e) => ({ ...e, score: e.score ?? null })),
  });

  it('gives each criterion’s lowest, highest, spread and mean across the score sets, in the fund’s order', () => {
    const { criteria } = criterionResults(
      FUND,
      [set(3, 4, 2, 5, 1, 0), set(4, 4, 3, 5, 1, 2), set(5, 4, 3, 4, 2, 2)],
      2,
    );
    expect(criteria[0]).toEqual({
      criterionId: 'c1',
      title: 'Criterion 1',
      weight: 30,
      min: 3,
      max: 5,
      spread: 2,
      mean: 4,
    });
    expect(criteria.map((c) => c.criterionId)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
    expect(criteria.map((c) => c.spread)).toEqual([2, 0, 1, 1, 1, 2]);
    expect(criteria.map((c) => c.mean)).toEqual([4, 4, 2.7, 4.7, 1.3, 1.3]);
  });

  it('rounds the mean to one decimal place', () => {
    const { criteria } = criterionResults(FUND, [set(3, 1), set(3, 2), set(4, 2)], 2);
    expect(criteria[0]?.mean).toBe(3.3); // 10 / 3
    expect(criteria[1]?.mean).toBe(1.7); // 5 / 3
  });

  it('flags the bid for moderation only when assessors differ by more than the threshold', () => {
    const atThreshold = criterionResults(FUND, [set(1, 3, 3, 3, 3, 3), set(3, 3, 3, 3, 3, 3)], 2);
    expect(atThreshold.criteria[0]?.spread).toBe(2);
    expect(atThreshold.moderationFlag).toBe(false);
    const over = criterionResults(FUND, [set(3, 3, 3, 3, 3, 0), set(3, 3, 3, 3, 3, 3)], 2);
    expect(over.moderationFlag).toBe(true);
    expect(criterionResults(FUND, [set(1, 3), set(2, 3)], 0).moderationFlag).toBe(true);
  });

  it('leaves out criteria a score set has not scored, and shows nothing for a criterion nobody has', () => {
    const { criteria, moderationFlag } = criterionResults(FUND, [set(1, null, 4), set(5)], 2);
    expect(criteria[0]).toMatchObject({ min: 1, max: 5, spread: 4, mean: 3 });
    expect(criteria[1]).toMatchObject({ min: null, max: null, spread: null, mean: null });
    expect(criteria[2]).toMatchObject({ min: 4, max: 4, spread: 0, mean: 4 });
    expect(moderationFlag).toBe(true);
  });

  it('shows every criterion empty and no flag before any score set', () => {
    const { criteria, moderationFlag } = criterionResults(FUND, [], 2);
    expect(criteria).toHaveLength(6);
    for (const c of criteria) expect(c).toMatchObject({ min: null, max: null, spread: null, mean: null });
    expect(moderationFlag).toBe(false);
  });

  it('gives nothing and no flag for a fund with no criteria', () => {
    expect(criterionResults([], [set(0, 5)], 0)).toEqual({ criteria: [], moderationFlag: false });
  });

  it('keeps the mean between the lowest and highest score, and the spread their difference', () => {
    const sets = fc.array(
      fc.array(fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }), { minLength: 6, maxLength: 6 }),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(sets, fc.integer({ min: 0, max: 5 }), (scoreLists, threshold) => {
        const result = criterionResults(
          FUND,
          scoreLists.map((scores) => set(...scores)),
          threshold,
        );
        for (const c of result.criteria) {
          if (c.min === null || c.max === null || c.mean === null) continue;
          expect(c.mean).toBeGreaterThanOrEqual(c.min);
          expect(c.mean).toBeLessThanOrEqual(c.max);
          expect(c.spread).toBe(c.max - c.min);
        }
        expect(result.moderationFlag).toBe(result.criteria.some((c) => (c.spread ?? 0) > threshold));
      }),
    );
  });
});

describe('scoreSetProblems', () => {
  const complete = FUND.map((c) => ({ criterionId: c.id, score: 3, comment: 'Seen in the bid' }));

  it('finds nothing when every criterion is scored and commented and there is a recommendation', () => {
    expect(scoreSetProblems(FUND, { scores: complete, recommendation: 'fund' })).toEqual({});
  });

  it('names each missing score, comment and the recommendation, in the order of the criteria', () => {
    const scores = complete.map((entry, index) =>
      index === 1 ? { ...entry, score: null } : index === 4 ? { ...entry, comment: '  ' } : entry,
    );
    expect(Object.entries(scoreSetProblems(FUND, { scores }))).toEqual([
      ['criteria.1.score', 'Score “Criterion 2”'],
      ['criteria.4.comment', 'Add a comment on “Criterion 5”'],
      ['recommendation', 'Choose your recommendation'],
    ]);
  });

  it('counts a score of 0 as a score', () => {
    const zeros = complete.map((entry) => ({ ...entry, score: 0 }));
    expect(scoreSetProblems(FUND, { scores: zeros, recommendation: 'do_not_fund' })).toEqual({});
  });

  it('asks for everything when nothing is scored', () => {
    expect(Object.keys(scoreSetProblems(FUND, { scores: [] }))).toHaveLength(FUND.length * 2 + 1);
  });
});

describe('what an assessor still has to do', () => {
  it('is declaring and scoring; submitted scores and declared conflicts are done', () => {
    expect(isToDo('awaiting_declaration')).toBe(true);
    expect(isToDo('scoring')).toBe(true);
    for (const status of ['submitted', 'conflict', 'removed', 'closed'] as const)
      expect(isToDo(status)).toBe(false);
  });
});

describe('a fund’s scoring deadline', () => {
  const fund = {
    name: 'Test Fund',
    code: 'TF',
    description: 'A fund.',
    potPence: 1_000_000,
    capPence: 100_000,
    opensAt: '2027-01-04T09:00:00.000Z',
    closesAt: '2027-03-31T16:00:00.000Z',
    deliveryStartsOn: '2027-04-01',
    deliveryEndsOn: '2028-03-31',
    minAssessors: 3,
    moderationThreshold: 2,
    priorityIds: ['0b7e9c3e-6a61-4f2c-9a55-7e1c2c1b2a10'],
    criteria: [
      { title: 'All', description: 'Everything', weight: 100, guidance: ['0', '1', '2', '3', '4', '5'] },
    ],
  };

  it('is optional: none given is none', () => {
    expect(FundBody.parse(fund).scoresDueOn).toBeNull();
  });

  it('may be any real date from the day the fund opens, while it is open too', () => {
    expect(FundBody.parse({ ...fund, scoresDueOn: '2027-01-04' }).scoresDueOn).toBe('2027-01-04');
    expect(FundBody.parse({ ...fund, scoresDueOn: '2027-02-15' }).scoresDueOn).toBe('2027-02-15');
  });

  it('is refused before the fund opens, or when it is not a real date, on its own field', () => {
    for (const [scoresDueOn, message] of [
      ['2027-01-03', 'Scores cannot be due before the fund opens'],
      ['2027-02-30', 'Enter a real date for when scores are due'],
      ['soon', 'Enter a real date for when scores are due'],
    ]) {
      const result = FundBody.safeParse({ ...fund, scoresDueOn });
      expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
        ['scoresDueOn', message],
      ]);
    }
  });
});

describe('answering a request to reopen scores', () => {
  it('reopens with no more said, or declines with a reason', () => {
    expect(ReopenAnswerBody.safeParse({ decision: 'reopen' }).success).toBe(true);
    expect(ReopenAnswerBody.safeParse({ decision: 'decline', reason: 'Too late' }).success).toBe(true);
    const bare = ReopenAnswerBody.safeParse({ decision: 'decline' });
    expect(bare.error?.issues.map((i) => i.path.join('.'))).toEqual(['reason']);
    expect(ReopenAnswerBody.safeParse({ decision: 'maybe' }).success).toBe(false);
  });
});
