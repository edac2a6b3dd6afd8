import { describe, expect, it } from 'vitest';
import {
  documentLimitProblem,
  formatBytes,
  MAX_DOCUMENT_BYTES_PER_BID,
  MAX_DOCUMENTS_PER_BID,
  MAX_PAGE_SIZE,
  PAGE_SIZE,
  PageQuery,
  pageCount,
  pageWindow,
} from '../src/index.js';

const MB = 1024 * 1024;

describe('documentLimitProblem: what one bid’s documents may add up to', () => {
  it('allows a document while there is room, by count and by size', () => {
    expect(documentLimitProblem({ count: MAX_DOCUMENTS_PER_BID - 1, bytes: 0 }, MB)).toBeNull();
    expect(documentLimitProblem({ count: 0, bytes: MAX_DOCUMENT_BYTES_PER_BID - MB }, MB)).toBeNull();
  });

  it('refuses the document after the last place, saying the limit', () => {
    expect(documentLimitProblem({ count: MAX_DOCUMENTS_PER_BID, bytes: 0 })).toContain(
      `already has ${MAX_DOCUMENTS_PER_BID} documents`,
    );
  });

  it('refuses a file that takes the total over, saying the size, the limit and what is left', () => {
    expect(documentLimitProblem({ count: 3, bytes: MAX_DOCUMENT_BYTES_PER_BID - MB }, MB + 1)).toBe(
      'Your bid’s documents can add up to 50 MB. The selected file is 1 MB and there is 1 MB left. Remove a document, or upload a smaller file.',
    );
  });

  it('writes sizes in plain units', () => {
    expect(formatBytes(500)).toBe('1 KB');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(9.5 * MB)).toBe('9.5 MB');
    expect(formatBytes(50 * MB)).toBe('50 MB');
  });
});

describe('paging', () => {
  it('reads ?page= and ?pageSize= from the address, with defaults and a maximum', () => {
    expect(PageQuery.parse({})).toEqual({ page: 1, pageSize: PAGE_SIZE });
    expect(PageQuery.parse({ page: '3', pageSize: '10' })).toEqual({ page: 3, pageSize: 10 });
    for (const bad of [
      { page: '0' },
      { page: '1.5' },
      { page: 'x' },
      { pageSize: String(MAX_PAGE_SIZE + 1) },
    ]) {
      expect(PageQuery.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('turns a page into rows to skip and take, and counts the pages', () => {
    expect(pageWindow({ page: 1, pageSize: 25 })).toEqual({ offset: 0, limit: 25 });
    expect(pageWindow({ page: 3, pageSize: 10 })).toEqual({ offset: 20, limit: 10 });
    expect(pageCount({ total: 0, pageSize: 25 })).toBe(1);
    expect(pageCount({ total: 25, pageSize: 25 })).toBe(1);
    expect(pageCount({ total: 26, pageSize: 25 })).toBe(2);
  });
});
