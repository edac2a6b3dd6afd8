import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatAmountAsked,
  formatPence,
  PoundsInput,
  parsePounds,
  pence,
  penceToPoundsInput,
  pounds,
} from '../src/money.js';

describe('formatPence', () => {
  it('shows whole pounds without pence, as GOV.UK does: £11,750 rather than with .00', () => {
    expect(formatPence(1_175_000)).toBe('£11,750');
    expect(formatPence(0)).toBe('£0');
    expect(formatPence(30_000_000)).toBe('£300,000');
    expect(formatPence(-15_000)).toBe('-£150');
  });

  it('shows the pence when there are any, always two figures: £11,750.50', () => {
    expect(formatPence(1_175_050)).toBe('£11,750.50');
    expect(formatPence(123456)).toBe('£1,234.56');
    expect(formatPence(5)).toBe('£0.05');
    expect(formatPence(30_000_001)).toBe('£300,000.01');
    expect(formatPence(-150)).toBe('-£1.50');
  });
});

describe('formatAmountAsked', () => {
  it('says "Not given yet" for a draft whose budget has no amount, rather than £0', () => {
    expect(formatAmountAsked(0)).toBe('Not given yet');
  });

  it('shows any amount asked for as money', () => {
    expect(formatAmountAsked(1_175_000)).toBe('£11,750');
    expect(formatAmountAsked(300_050)).toBe('£3,000.50');
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
