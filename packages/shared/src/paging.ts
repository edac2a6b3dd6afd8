import { z } from 'zod';

// Lists come a page at a time (docs/decisions/0016-limits.md): `?page=` (from 1) and, if wanted,
// `?pageSize=` up to a maximum. Each answer says which page it is, its size and the total, so a
// page can show GOV.UK pagination. Lists keep a stable order (ties broken by id) so that walking
// the pages shows everything once.

/** Items on a page unless the address asks for another number. */
export const PAGE_SIZE = 25;
/** The most items one page may hold, whatever the address asks for. */
export const MAX_PAGE_SIZE = 100;
/** Far past the end of any list we hold; stops absurd offsets. */
export const MAX_PAGE = 100_000;

/** The page fields of a list's query string. */
export const PageFields = {
  page: z.coerce
    .number({ error: 'The page must be a whole number, 1 or more' })
    .int('The page must be a whole number, 1 or more')
    .min(1, 'The page must be a whole number, 1 or more')
    .max(MAX_PAGE, `The page must be ${MAX_PAGE.toLocaleString('en-GB')} or less`)
    .default(1),
  pageSize: z.coerce
    .number({ error: `The page size must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
    .int(`The page size must be a whole number from 1 to ${MAX_PAGE_SIZE}`)
    .min(1, `The page size must be a whole number from 1 to ${MAX_PAGE_SIZE}`)
    .max(MAX_PAGE_SIZE, `The page size must be a whole number from 1 to ${MAX_PAGE_SIZE}`)
    .default(PAGE_SIZE),
};
export const PageQuery = z.strictObject(PageFields);
export type PageQuery = z.input<typeof PageQuery>;
export interface PageRequest {
  page: number;
  pageSize: number;
}

/** What a paged answer says about itself, beside its items. */
export const PageInfo = {
  /** This page's number, from 1. */
  page: z.int().min(1),
  pageSize: z.int().min(1),
  /** Items in the whole list, on every page. */
  total: z.int().min(0),
};
export interface PageInfo {
  page: number;
  pageSize: number;
  total: number;
}

/** Rows to skip and to take for a page. */
export function pageWindow(request: PageRequest): { offset: number; limit: number } {
  return { offset: (request.page - 1) * request.pageSize, limit: request.pageSize };
}

/** How many pages a list has (at least one, even when it is empty). */
export function pageCount(info: Pick<PageInfo, 'pageSize' | 'total'>): number {
  return Math.max(1, Math.ceil(info.total / info.pageSize));
}
