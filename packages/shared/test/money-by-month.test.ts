import { describe, expect, it } from 'vitest';
import { financialYearLabel, financialYearOf, moneyByMonth } from '../src/funds.js';

describe('money month by month across the financial year (April to March)', () => {
  it('puts a date in the year that starts the April before it', () => {
    expect(financialYearOf('2026-04-01')).toBe(2026);
    expect(financialYearOf('2027-03-31')).toBe(2026);
    expect(financialYearOf('2026-03-31')).toBe(2025);
    expect(financialYearLabel(2026)).toBe('2026/27');
    expect(financialYearLabel(2099)).toBe('2099/00');
  });

  it('gives twelve months from April, sums each month to the penny, and leaves out other years', () => {
    const months = moneyByMonth(2026, [
      { on: '2026-04-02', committedPence: 1_000_00 },
      { on: '2026-04-30', committedPence: 250_01, paidPence: 800_00 },
      { on: '2026-05-01', committedPence: -250_00 },
      { on: '2027-03-31', paidPence: 199_99 },
      { on: '2026-03-31', committedPence: 9_999_00 },
      { on: '2027-04-01', paidPence: 9_999_00 },
    ]);
    expect(months.map((m) => m.month)).toEqual([
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
    ]);
    expect(months[0]).toEqual({ month: '2026-04', committedPence: 1_250_01, paidPence: 800_00 });
    expect(months[1]).toEqual({ month: '2026-05', committedPence: -250_00, paidPence: 0 });
    expect(months[11]).toEqual({ month: '2027-03', committedPence: 0, paidPence: 199_99 });
    expect(months.reduce((sum, m) => sum + m.paidPence, 0)).toBe(999_99);
  });
});
