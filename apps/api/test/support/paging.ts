// Checks on a paged list (packages/shared/src/paging.ts): page by page it shows the whole list
// once, in a stable order, no page is larger than the maximum, and bad page numbers are refused.
import { MAX_PAGE_SIZE, PAGE_SIZE } from '@cf/shared';
import { expect } from 'vitest';
import type { Client } from './client.js';
import { expectError } from './errors.js';

interface Page {
  items: { id: string | number }[];
  page: number;
  pageSize: number;
  total: number;
}

function withQuery(url: string, query: string): string {
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

/** One page of a list: its items (under `key`) and what it says about itself. */
export async function getPage(client: Client, url: string, key: string): Promise<Page> {
  const response = await client.get(url);
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json() as Record<string, unknown>;
  return {
    items: body[key] as { id: string | number }[],
    page: body.page as number,
    pageSize: body.pageSize as number,
    total: body.total as number,
  };
}

/**
 * Proves that a list pages: the first page by default holds at most PAGE_SIZE items and says the
 * total; walking it `pageSize` at a time gives every item of the one largest page exactly once, in
 * the same order; past the end is an empty page with the total; a page size over MAX_PAGE_SIZE, or
 * a page that is not a whole number from 1, is refused with 400 on that field.
 */
export async function expectPaged(
  client: Client,
  url: string,
  key: string,
  pageSize: number,
): Promise<{ total: number; ids: (string | number)[] }> {
  const first = await getPage(client, url, key);
  expect(first.page).toBe(1);
  expect(first.pageSize).toBe(PAGE_SIZE);
  expect(first.items.length).toBe(Math.min(first.total, PAGE_SIZE));

  const whole = await getPage(client, withQuery(url, `pageSize=${MAX_PAGE_SIZE}`), key);
  expect(whole.total).toBe(first.total);
  expect(whole.total).toBeGreaterThan(pageSize);
  expect(whole.total, 'the list is too long for this check: make it shorter').toBeLessThanOrEqual(
    MAX_PAGE_SIZE,
  );
  expect(whole.items).toHaveLength(whole.total);
  expect(first.items.map((i) => i.id)).toEqual(whole.items.slice(0, PAGE_SIZE).map((i) => i.id));

  const walked: (string | number)[] = [];
  const pages = Math.ceil(whole.total / pageSize);
  for (let page = 1; page <= pages; page++) {
    const next = await getPage(client, withQuery(url, `page=${page}&pageSize=${pageSize}`), key);
    expect(next).toMatchObject({ page, pageSize, total: whole.total });
    expect(next.items.length).toBe(page < pages ? pageSize : whole.total - (pages - 1) * pageSize);
    walked.push(...next.items.map((i) => i.id));
  }
  expect(walked).toEqual(whole.items.map((i) => i.id));

  const past = await getPage(client, withQuery(url, `page=${pages + 1}&pageSize=${pageSize}`), key);
  expect(past).toMatchObject({ items: [], page: pages + 1, total: whole.total });

  for (const [query, field] of [
    [`pageSize=${MAX_PAGE_SIZE + 1}`, 'pageSize'],
    ['pageSize=0', 'pageSize'],
    ['page=0', 'page'],
    ['page=-1', 'page'],
    ['page=1.5', 'page'],
    ['page=two', 'page'],
  ] as const) {
    const error = expectError(await client.get(withQuery(url, query)), 400, 'validation_failed');
    expect(Object.keys(error.fields ?? {}), query).toEqual([field]);
  }
  return { total: whole.total, ids: whole.items.map((i) => i.id) };
}
