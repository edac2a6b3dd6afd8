import { describe, expect, it } from 'vitest';
import { pageItems, pageParam, showing } from '../src/components/ui/pagination';

describe('GOV.UK pagination', () => {
  it.each([
    [1, 1, [1]],
    [1, 3, [1, 2, 3]],
    [1, 10, [1, 2, null, 10]],
    [5, 10, [1, null, 4, 5, 6, null, 10]],
    [10, 10, [1, null, 9, 10]],
    [3, 5, [1, 2, 3, 4, 5]],
  ])('on page %i of %i offers %j', (current, last, items) => {
    expect(pageItems(current, last)).toEqual(items);
  });

  it.each([
    ['', 1],
    ['page=3', 3],
    ['page=0', 1],
    ['page=-2', 1],
    ['page=1.5', 1],
    ['page=abc', 1],
    ['page=99999999999', 1],
  ])('reads the page from %j as %i', (query, page) => {
    expect(pageParam(new URLSearchParams(query))).toBe(page);
  });

  it('says which items a page shows', () => {
    expect(showing({ page: 2, pageSize: 25, total: 29 }, 'bids')).toBe('Showing 26 to 29 of 29 bids');
    expect(showing({ page: 1, pageSize: 25, total: 29 }, 'bids')).toBe('Showing 1 to 25 of 29 bids');
  });
});
