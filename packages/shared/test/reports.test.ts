import { describe, expect, it } from 'vitest';
import {
  daysOverdue,
  isReportOverdue,
  missingReportSections,
  OutcomesAchievedSection,
  type RatedReport,
  ratingProblems,
  reportChangeRefusal,
  reportDecisionRefusal,
  reportDueProblems,
  reportDueSoon,
  reportState,
  SpendSection,
  suggestedRating,
} from '../src/index.js';

const targets = { participants: 100, events: 10, volunteers: 8, peopleMeeting: 60 };
const budgetLines = [
  { item: 'Venue hire', costPence: 400_000 },
  { item: 'Food', costPence: 600_000 },
];
const mid = (over: Partial<RatedReport> = {}): RatedReport => ({
  kind: 'mid_point',
  dueOn: '2019-10-01',
  status: 'approved',
  spend: { lines: [{ spentPence: 200_000 }, { spentPence: 300_000 }] },
  outcomes: { participants: 50, events: 5, volunteers: 4, peopleMeeting: 30 },
  ...over,
});
const final = (over: Partial<RatedReport> = {}): RatedReport => ({
  kind: 'final',
  dueOn: '2020-04-01',
  status: 'not_started',
  spend: null,
  outcomes: null,
  ...over,
});

describe('a report’s state', () => {
  it('is overdue from the day after it is due, while not sent or approved', () => {
    const report = { status: 'draft' as const, dueOn: '2019-10-01' };
    expect(isReportOverdue(report, '2019-10-01')).toBe(false);
    expect(isReportOverdue(report, '2019-10-02')).toBe(true);
    expect(reportState(report, '2019-10-02')).toBe('overdue');
    expect(daysOverdue(report, '2019-10-31')).toBe(30);
    expect(isReportOverdue({ ...report, status: 'not_started' }, '2019-10-02')).toBe(true);
    expect(isReportOverdue({ ...report, status: 'returned' }, '2019-10-02')).toBe(true);
    expect(isReportOverdue({ ...report, status: 'submitted' }, '2019-10-02')).toBe(false);
    expect(isReportOverdue({ ...report, status: 'approved' }, '2020-10-02')).toBe(false);
    expect(reportState({ ...report, status: 'submitted' }, '2020-01-01')).toBe('submitted');
    expect(daysOverdue({ ...report, status: 'approved' }, '2020-10-02')).toBe(0);
  });

  it('is due soon within the given days (today included) while the group still holds it', () => {
    const report = { status: 'draft' as const, dueOn: '2019-10-15' };
    expect(reportDueSoon(report, '2019-10-01', 14)).toBe(true);
    expect(reportDueSoon(report, '2019-09-30', 14)).toBe(false);
    expect(reportDueSoon(report, '2019-10-15', 14)).toBe(true);
    expect(reportDueSoon(report, '2019-10-16', 14)).toBe(false);
    expect(reportDueSoon({ ...report, status: 'submitted' }, '2019-10-10', 14)).toBe(false);
  });

  it('may be changed only before it is sent or after it is returned, decided only once sent', () => {
    expect(reportChangeRefusal('not_started')).toBeNull();
    expect(reportChangeRefusal('returned')).toBeNull();
    expect(reportChangeRefusal('approved')).toMatch(/approved/);
    expect(reportChangeRefusal('submitted')).toMatch(/sent/);
    expect(reportDecisionRefusal('submitted')).toBeNull();
    expect(reportDecisionRefusal('draft')).toMatch(/not been sent/);
    expect(reportDecisionRefusal('approved')).toMatch(/approved already/);
  });

  it('names the sections still to answer, in order', () => {
    expect(missingReportSections({ progress: 'ok', spend: null, outcomes: null, story: null })).toEqual([
      'spend',
      'outcomes',
      'story',
    ]);
    expect(
      missingReportSections({ progress: 'ok', spend: { lines: [] }, outcomes: {}, story: 'A story' }),
    ).toEqual([]);
  });

  it('takes outcomes only as whole numbers of 0 or more, each field on its own', () => {
    const result = OutcomesAchievedSection.safeParse({
      participants: -1,
      events: 2.5,
      volunteers: 'ten',
      peopleMeeting: 3,
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.')).sort();
    expect(paths).toEqual(['events', 'participants', 'volunteers']);
    expect(SpendSection.safeParse({ lines: [{ spentPence: -1 }] }).success).toBe(false);
    expect(SpendSection.safeParse({ lines: [{ spentPence: 0 }] }).success).toBe(true);
  });

  it('wants the mid-point due before the final report, and both after today', () => {
    expect(
      reportDueProblems(
        [
          { kind: 'mid_point', dueOn: '2019-12-01' },
          { kind: 'final', dueOn: '2019-11-01' },
        ],
        '2019-06-01',
      ),
    ).toEqual({ 'reports.0.dueOn': 'The mid-point report must be due before the final report' });
    expect(reportDueProblems([{ kind: 'final', dueOn: '2019-06-01' }], '2019-06-01')).toEqual({
      'reports.0.dueOn': 'The due date must be after today',
    });
    // A date left as it was is not checked again: an old draft offer can still be saved.
    expect(
      reportDueProblems([{ kind: 'final', dueOn: '2019-05-01' }], '2019-06-01', [
        { kind: 'final', dueOn: '2019-05-01' },
      ]),
    ).toEqual({});
  });
});

describe('the suggested rating', () => {
  const today = '2019-10-20';

  it('is green when reports are on time and spend and outcomes are where they should be', () => {
    const result = suggestedRating({ today, reports: [mid(), final()], budgetLines, targets });
    expect(result).toEqual({ rating: 'green', reasons: ['Reports on time, spending and outcomes on track'] });
    expect(suggestedRating({ today, reports: [final()], budgetLines, targets }).rating).toBe('green');
  });

  it('is amber for a report overdue, red when more than 28 days overdue', () => {
    expect(
      suggestedRating({ today: '2019-10-02', reports: [mid({ status: 'draft' })], budgetLines, targets }),
    ).toEqual({
      rating: 'amber',
      reasons: ['The mid-point report is 1 day overdue'],
    });
    expect(
      suggestedRating({
        today: '2019-10-29',
        reports: [mid({ status: 'not_started' })],
        budgetLines,
        targets,
      }).rating,
    ).toBe('amber');
    expect(
      suggestedRating({
        today: '2019-10-30',
        reports: [mid({ status: 'not_started' })],
        budgetLines,
        targets,
      }),
    ).toEqual({
      rating: 'red',
      reasons: ['The mid-point report is 29 days overdue'],
    });
  });

  it('weighs spend against half the budget at the mid-point and all of it at the end', () => {
    // £10,000 budget: at the mid-point £5,000 is expected; £2,400 is £2,600 short (26%): amber.
    const under = mid({ spend: { lines: [{ spentPence: 100_000 }, { spentPence: 140_000 }] } });
    expect(suggestedRating({ today, reports: [under], budgetLines, targets })).toEqual({
      rating: 'amber',
      reasons: ['Spent £2,400 of a £10,000 budget: £2,600 less than expected by the mid-point'],
    });
    // £2,500 short is exactly 25%: still green.
    const edge = mid({ spend: { lines: [{ spentPence: 100_000 }, { spentPence: 150_000 }] } });
    expect(suggestedRating({ today, reports: [edge], budgetLines, targets }).rating).toBe('green');
    // At the end, £4,000 of £10,000 spent is 60% away: red.
    const finalUnder = final({
      status: 'submitted',
      spend: { lines: [{ spentPence: 400_000 }, { spentPence: 0 }] },
      outcomes: targets,
    });
    expect(suggestedRating({ today, reports: [mid(), finalUnder], budgetLines, targets })).toEqual({
      rating: 'red',
      reasons: ['Spent £4,000 of a £10,000 budget: £6,000 less than expected by the end'],
    });
  });

  it('flags each outcome short of its target, worst first', () => {
    const short = final({
      status: 'approved',
      spend: { lines: [{ spentPence: 400_000 }, { spentPence: 600_000 }] },
      outcomes: { participants: 70, events: 10, volunteers: 3, peopleMeeting: 60 },
    });
    expect(suggestedRating({ today, reports: [mid(), short], budgetLines, targets })).toEqual({
      rating: 'red',
      reasons: ['Volunteers: 3 of 8 promised', 'People taking part: 70 of 100 promised'],
    });
  });

  it('ignores a target of 0 and a report not sent yet', () => {
    const noTargets = { participants: 0, events: 0, volunteers: 0, peopleMeeting: 0 };
    const nothing = mid({ outcomes: noTargets });
    expect(suggestedRating({ today, reports: [nothing], budgetLines, targets: noTargets }).rating).toBe(
      'green',
    );
    const draft = mid({ status: 'draft', dueOn: '2019-12-01', outcomes: noTargets });
    expect(suggestedRating({ today, reports: [draft], budgetLines, targets }).reasons).toEqual([
      'No report is overdue',
    ]);
  });

  it('asks a reason only when the officer differs from the suggestion', () => {
    expect(ratingProblems({ rating: 'green', reason: '' }, 'green')).toEqual({});
    expect(ratingProblems({ rating: 'red', reason: '  ' }, 'green')).toHaveProperty('reason');
    expect(ratingProblems({ rating: 'red', reason: 'Venue lost' }, 'green')).toEqual({});
  });
});
