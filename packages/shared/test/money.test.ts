import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPence, PoundsInput, parsePounds, pence, penceToPoundsInput, pounds } from '../src/money.js';

describe('formatPence', () => {
  it('shows pence as pounds with a comma for thousands (en-GB)', () => {
    expect(formatPence(123456)).toBe('£1,234.56');
    expect(formatPence(0)).toBe('£0.00');
    expect(formatPence(5)).toBe('£0.05');
    expect(formatPence(30_000_000)).toBe('£300,000.00');
    expect(formatPence(-150)).toBe('-£1.50');
  });

  it('leaves out .00 for headline figures when asked', () => {
    expect(formatPence(30_000_000, { omitZeroPence: true })).toBe('£300,000');
    expect(formatPence(30_000_001, { omitZeroPence: true })).toBe('£300,000.01');
  });
});

describe('parsePounds', () => {
  it.each([
    ['1234', 123400],
    ['1,234', 123400],
    ['£1,234.56', 123456],
    ['£ 20000', 2_000_000],
    ['0.5', 50],
    [' 12.30 ', 1230],
  ])('reads %s as %i pence', (input, expected) => {
    expect(parsePounds(input)).toBe(expected);
  });

  it.each(['', 'abc', '-5', '1.234', '12,34', '1,2345', '£', '1e5', '12.', '99999999999999'])(
    'refuses %s',
    (input) => {
      expect(parsePounds(input)).toBeNull();
    },
  );

  it('reads back whatever it formats, for every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), (value) => {
        expect(parsePounds(formatPence(value))).toBe(value);
        expect(parsePounds(penceToPoundsInput(value))).toBe(value);
      }),
    );
  });
});

describe('pence', () => {
  it('refuses fractions of a penny', () => {
    expect(() => pence(10.5)).toThrow(RangeError);
    expect(pounds(20_000)).toBe(2_000_000);
  });
});

describe('PoundsInput', () => {
  it('turns a typed amount into pence and explains a bad one', () => {
    expect(PoundsInput.parse('£1,250.50')).toBe(125050);
    const result = PoundsInput.safeParse('twelve');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/Enter an amount in pounds/);
  });
});
