import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, isoToLondonLocal, londonLocalToIso } from '../src/dates.js';

describe('London deadlines', () => {
  it('reads a winter wall-clock time as GMT', () => {
    expect(londonLocalToIso('2019-01-14T09:00')).toBe('2019-01-14T09:00:00.000Z');
  });

  it('reads a summer wall-clock time as BST (UTC+1)', () => {
    expect(londonLocalToIso('2019-09-30T17:00')).toBe('2019-09-30T16:00:00.000Z');
  });

  it('moves a time in the hour skipped in spring forward, as clocks do', () => {
    expect(londonLocalToIso('2019-03-31T01:30')).toBe('2019-03-31T01:30:00.000Z');
  });

  it('shows an instant as London wall-clock time and back', () => {
    expect(isoToLondonLocal('2019-09-30T16:00:00.000Z')).toBe('2019-09-30T17:00');
    expect(londonLocalToIso(isoToLondonLocal('2024-07-01T11:15:00.000Z'))).toBe('2024-07-01T11:15:00.000Z');
  });

  it('formats dates and times the GOV.UK way', () => {
    expect(formatDate('2019-09-30')).toBe('30 September 2019');
    expect(formatDateTime('2019-09-30T16:00:00.000Z')).toBe('5pm on 30 September 2019');
    expect(formatDateTime('2019-09-30T16:30:00.000Z')).toBe('5:30pm on 30 September 2019');
    expect(formatDateTime('2019-12-31T12:00:00.000Z')).toBe('midday on 31 December 2019');
  });
});
