import { describe, expect, it } from 'vitest';
import {
  AboutSection,
  BID_SECTIONS,
  BID_TRANSITIONS,
  BidStatus,
  BudgetSection,
  draftSectionSchema,
  ELIGIBILITY_QUESTIONS,
  EligibilityAnswers,
  eligibilityProblems,
  fundRuleProblems,
  nextBidStatus,
  sectionSchema,
  TimetableSection,
  transitionRefusal,
  wardChoiceProblems,
} from '../src/bids.js';
import { issuesToFields } from '../src/errors.js';
import { ELIGIBLE } from '../src/examples.js';

describe('the life of a bid', () => {
  it('allows only the moves PRODUCT.md section 3 draws', () => {
    expect(nextBidStatus('draft', 'submit')).toBe('submitted');
    expect(nextBidStatus('submitted', 'return')).toBe('draft');
    expect(nextBidStatus('scored', 'award')).toBe('awarded');
    expect(nextBidStatus('awarded', 'withdraw')).toBeNull();
    expect(nextBidStatus('draft', 'award')).toBeNull();
    expect(nextBidStatus('withdrawn', 'submit')).toBeNull();
  });

  it('lets a bid be withdrawn in every state before a decision, and in none after', () => {
    const withdrawable = BidStatus.options.filter((s) => nextBidStatus(s, 'withdraw') === 'withdrawn');
    expect(withdrawable.sort()).toEqual([
      'deferred',
      'draft',
      'eligible',
      'in_assessment',
      'scored',
      'submitted',
    ]);
  });

  it('has no way out of a final state (an awarded bid lives on as its grant)', () => {
    for (const status of ['ineligible', 'rejected', 'awarded', 'withdrawn'] as const) {
      expect(Object.keys(BID_TRANSITIONS[status])).toEqual([]);
    }
  });

  it('names the current state when refusing a move', () => {
    expect(transitionRefusal('submitted', 'submit')).toBe(
      'This bid has already been sent, so it cannot be sent',
    );
    expect(transitionRefusal('draft', 'return')).toBe(
      'This bid is still a draft, so it cannot be returned for changes',
    );
  });
});

describe('eligibility', () => {
  it('passes a group that answers yes to everything that matters', () => {
    expect(eligibilityProblems({ ...ELIGIBLE })).toEqual([]);
  });

  it('names each "no" that stops a group applying', () => {
    expect(eligibilityProblems({ ...ELIGIBLE, constituted: 'no', bankAccount: 'no' })).toEqual([
      'constituted',
      'bankAccount',
    ]);
  });

  it('asks every question the positive way round: no "Is your group not for private profit?"', () => {
    for (const q of ELIGIBILITY_QUESTIONS) expect(q.question).not.toMatch(/\bnot\b/i);
    expect(ELIGIBILITY_QUESTIONS.find((q) => q.id === 'notForProfit')?.question).toBe(
      'Will any money left over go back into your group’s work?',
    );
    // The stored key keeps its meaning: "yes" is still "not for private profit".
    expect(eligibilityProblems({ ...ELIGIBLE, notForProfit: 'no' })).toEqual(['notForProfit']);
  });

  it('says which answer is missing, question by question, never just "Select yes or no"', () => {
    const result = EligibilityAnswers.safeParse({ worksWithAtRisk: 'yes' });
    const fields = issuesToFields(result.error?.issues ?? []);
    expect(fields).toEqual({
      basedInPeterborough:
        'Select yes if your group is based in Peterborough or works with people who live there',
      constituted: 'Select yes if your group has a governing document',
      bankAccount:
        'Select yes if your group has its own bank account with two unrelated people to approve payments',
      notForProfit: 'Select yes if any money left over will go back into your group’s work',
      withinCap: 'Select yes if you will ask for no more than the most this fund gives',
      withinDelivery: 'Select yes if your project can finish by the date the fund gives',
      safeguardingPolicy: 'Select yes if your group has a safeguarding policy',
    });
    expect(issuesToFields(EligibilityAnswers.safeParse({}).error?.issues ?? []).worksWithAtRisk).toBe(
      'Select yes if your project will work with children or adults at risk',
    );
  });

  it('needs a safeguarding policy only when working with children or adults at risk', () => {
    expect(eligibilityProblems({ ...ELIGIBLE, worksWithAtRisk: 'no', safeguardingPolicy: 'no' })).toEqual([]);
    expect(eligibilityProblems({ ...ELIGIBLE, worksWithAtRisk: 'yes', safeguardingPolicy: 'no' })).toEqual([
      'safeguardingPolicy',
    ]);
  });
});

describe('bid sections', () => {
  it('explains a missing or over-long answer field by field', () => {
    const result = AboutSection.safeParse({
      title: 'x'.repeat(141),
      summary: '',
      description: 'word '.repeat(501),
    });
    expect(result.success).toBe(false);
    const fields = issuesToFields(result.error?.issues ?? []);
    expect(fields.title).toBe('A project title must be 140 characters or fewer');
    expect(fields.summary).toBe('Enter a short summary');
    expect(fields.description).toBe('A description of the project must be 500 words or fewer');
  });

  it('keeps money in whole pence', () => {
    const result = BudgetSection.safeParse({ lines: [{ item: 'Hall', category: 'venue', costPence: 10.5 }] });
    expect(result.success).toBe(false);
    expect(issuesToFields(result.error?.issues ?? [])['lines.0.costPence']).toMatch(/pounds and pence/);
  });

  it('saves drafts with fields missing but never with a field that is wrong', () => {
    for (const { key } of BID_SECTIONS) expect(draftSectionSchema(key).safeParse({}).success).toBe(true);
    expect(draftSectionSchema('about').safeParse({ title: 'A garden' }).success).toBe(true);
    expect(draftSectionSchema('about').safeParse({ title: 'x'.repeat(141) }).success).toBe(false);
    expect(draftSectionSchema('budget').safeParse({ lines: [{ item: 'Seeds' }] }).success).toBe(true);
    expect(draftSectionSchema('budget').safeParse({ lines: [{ costPence: -5 }] }).success).toBe(false);
    expect(draftSectionSchema('about').safeParse({ unknown: 1 }).success).toBe(false);
    expect(sectionSchema('about').safeParse({ title: 'A garden' }).success).toBe(false);
  });

  it('checks a timetable against itself and the fund’s delivery period', () => {
    const bad = TimetableSection.safeParse({
      startDate: '2019-05-01',
      endDate: '2019-04-01',
      milestones: [{ date: '2019-06-01', description: 'Launch' }],
    });
    expect(issuesToFields(bad.error?.issues ?? [])).toMatchObject({
      endDate: expect.stringMatching(/after the start date/),
      'milestones.0.date': expect.stringMatching(/between the start and end/),
    });
    const rules = {
      capPence: 2_000_000,
      deliveryStartsOn: '2019-04-01',
      deliveryEndsOn: '2020-03-31',
      priorityIds: [],
    };
    const outside = { startDate: '2019-03-01', endDate: '2020-06-01', milestones: [] };
    expect(Object.keys(fundRuleProblems('timetable', outside, rules)).sort()).toEqual([
      'endDate',
      'startDate',
    ]);
  });

  it('refuses a budget over the fund’s cap, naming both amounts', () => {
    const rules = {
      capPence: 2_000_000,
      deliveryStartsOn: '2019-04-01',
      deliveryEndsOn: '2020-03-31',
      priorityIds: [],
    };
    const budget = { lines: [{ item: 'Coach', category: 'staff', costPence: 2_000_001 }], otherFunding: [] };
    expect(fundRuleProblems('budget', budget, rules).lines).toBe(
      'Your budget adds up to £20,000.01, which is more than the most you can ask for, £20,000',
    );
    expect(
      fundRuleProblems('budget', { ...budget, lines: [{ ...budget.lines[0], costPence: 2_000_000 }] }, rules),
    ).toEqual({});
  });
});

describe('wards', () => {
  it('takes City-wide on its own, or wards without it, never both', () => {
    const cityWide = ['city'];
    expect(wardChoiceProblems({ wardIds: ['city'] }, cityWide)).toEqual({});
    expect(wardChoiceProblems({ wardIds: ['park', 'east'] }, cityWide)).toEqual({});
    expect(wardChoiceProblems({ wardIds: ['park', 'city'] }, cityWide)).toEqual({
      wardIds: 'Choose City-wide on its own, or choose the wards your project works in',
    });
    expect(wardChoiceProblems({}, cityWide)).toEqual({});
  });
});
