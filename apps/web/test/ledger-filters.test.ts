import { describe, expect, it } from 'vitest';
import { filtersOf, ledgerSearch } from '../src/features/payments/api/payments';

describe('the payments ledger’s filters', () => {
  it('reads status and dates from the address, and writes them back in the same order', () => {
    const { query, problems } = filtersOf(new URLSearchParams('to=2019-07-31&status=paid&from=2019-07-01'));
    expect(query).toEqual({ status: 'paid', from: '2019-07-01', to: '2019-07-31' });
    expect(problems).toEqual([]);
    expect(ledgerSearch(query)).toBe('?status=paid&from=2019-07-01&to=2019-07-31');
  });

  it('leaves out a filter that is not valid, and says why, rather than failing the page', () => {
    const { query, problems } = filtersOf(new URLSearchParams('status=lost&from=yesterday&to=2019-07-31'));
    expect(query).toEqual({ to: '2019-07-31' });
    expect(problems).toEqual(['Choose a status from the list', 'Enter dates like 2019-07-31']);
  });

  it('asks for everything when there are no filters', () => {
    expect(filtersOf(new URLSearchParams('')).query).toEqual({});
    expect(ledgerSearch({})).toBe('');
  });
});
