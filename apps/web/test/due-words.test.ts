import { londonToday } from '@cf/shared';
import { describe, expect, it } from 'vitest';
import { dueWords } from '../src/features/assessment/components/assignment-list';

describe('when an assessor’s scores are due, in plain words', () => {
  const today = '2026-03-10';

  it('says nothing when the fund has no scoring deadline', () => {
    expect(dueWords(null, today)).toBeNull();
  });

  it('counts the days left, with today and tomorrow in words', () => {
    expect(dueWords('2026-03-15', today)).toEqual({
      text: 'Scores due by 15 March 2026 (in 5 days)',
      late: false,
    });
    expect(dueWords('2026-03-11', today)).toEqual({
      text: 'Scores due by 11 March 2026 (tomorrow)',
      late: false,
    });
    expect(dueWords('2026-03-10', today)).toEqual({
      text: 'Scores due by 10 March 2026 (today)',
      late: false,
    });
  });

  it('says when the date has passed, and by how long', () => {
    expect(dueWords('2026-03-09', today)).toEqual({
      text: 'Scores were due by 9 March 2026 (1 day ago)',
      late: true,
    });
    expect(dueWords('2026-02-28', today)).toEqual({
      text: 'Scores were due by 28 February 2026 (10 days ago)',
      late: true,
    });
  });

  it('counts whole days across the clocks going forward', () => {
    expect(dueWords('2026-03-30', '2026-03-28')?.text).toBe('Scores due by 30 March 2026 (in 2 days)');
  });

  it('takes today as London’s date, not the UTC date', () => {
    // 23:30 UTC on 30 June is already 1 July in London (summer time).
    expect(londonToday(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(londonToday(new Date('2026-01-15T23:30:00Z'))).toBe('2026-01-15');
  });
});
