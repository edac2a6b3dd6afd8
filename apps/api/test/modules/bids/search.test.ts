// Staff find a bid among many (issue 9, item 12): search, sort, fund and round, done by the
// server so that it holds at any size, with paging; and the amount awarded beside the amount
// asked for wherever a bid with an award appears.
import { MAX_PAGE_SIZE } from '@cf/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { bidIdOf } from '../../support/database.js';
import { expectError } from '../../support/errors.js';
import { expectPaged, getPage } from '../../support/paging.js';

interface Summary {
  id: string;
  fundId: string;
  reference: string | null;
  title: string | null;
  organisationName: string;
  status: string;
  amountRequestedPence: number;
  amountAwardedPence: number | null;
  updatedAt: string;
}

async function everyBid(client: Client, query = ''): Promise<Summary[]> {
  const page = await getPage(client, `/api/bids?pageSize=${MAX_PAGE_SIZE}${query}`, 'bids');
  expect(page.total).toBeLessThanOrEqual(MAX_PAGE_SIZE);
  return page.items as unknown as Summary[];
}

/** SQLite's NOCASE: ASCII letters folded, then code units compared. */
const folded = (text: string | null) => (text ?? '').replace(/[A-Z]/g, (c) => c.toLowerCase());
const byText = (key: (b: Summary) => string | null) => (a: Summary, b: Summary) => {
  const [x, y] = [key(a), key(b)];
  if (x === null || y === null) return x === y ? a.id.localeCompare(b.id) : x === null ? 1 : -1;
  const [fx, fy] = [folded(x), folded(y)];
  return fx < fy ? -1 : fx > fy ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};
const byId = (a: Summary, b: Summary) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('finding a bid in the staff list', () => {
  let t: TestApp;
  let officer: Client;
  let all: Summary[];
  beforeAll(async () => {
    t = await buildTestApp();
    officer = await signedIn(t.app, 'officer@demo.test');
    all = await everyBid(officer);
  });
  afterAll(async () => t.close());

  it('finds bids by words in their reference, project name or group name, in any case, and only those', async () => {
    for (const words of ['olive', 'OLIVE branch', 'pcf-2019-000', 'Together', 'no bid is called this']) {
      const expected = all.filter((b) =>
        [b.reference, b.title, b.organisationName].some((text) => folded(text).includes(folded(words))),
      );
      const found = await everyBid(officer, `&q=${encodeURIComponent(words)}`);
      expect(found.map((b) => b.id).sort()).toEqual(expected.map((b) => b.id).sort());
    }
    expect((await everyBid(officer, '&q=olive')).length).toBeGreaterThan(0);
  });

  it('takes % and _ in a search as the characters themselves, not as wildcards', async () => {
    expect(await everyBid(officer, '&q=%25')).toEqual([]);
    expect(await everyBid(officer, '&q=_')).toEqual([]);
  });

  it('puts the list in the order asked for, every bid once across the pages', async () => {
    const orders: [string, (a: Summary, b: Summary) => number][] = [
      ['reference', byText((b) => b.reference)],
      ['title', byText((b) => b.title)],
      ['group', byText((b) => b.organisationName)],
      ['requested', (a, b) => b.amountRequestedPence - a.amountRequestedPence || byId(a, b)],
      ['updated', (a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : byId(a, b))],
    ];
    for (const [sort, compare] of orders) {
      const sorted = await everyBid(officer, `&sort=${sort}`);
      expect(
        sorted.map((b) => b.id),
        sort,
      ).toEqual([...all].sort(compare).map((b) => b.id));
      await expectPaged(officer, `/api/bids?sort=${sort}`, 'bids', 6);
    }
  });

  it('filters by fund and by round (the year a bid was first sent), with search, sort and paging together', async () => {
    const fundId = all.find((b) => b.title === 'Basketball for All')?.fundId as string;
    const inRound = all.filter((b) => b.fundId === fundId && b.reference?.includes('-2019-'));
    expect(inRound.length).toBeGreaterThan(5);
    const found = await everyBid(officer, `&fundId=${fundId}&round=2019&sort=title`);
    expect(found.map((b) => b.id)).toEqual([...inRound].sort(byText((b) => b.title)).map((b) => b.id));
    expect(await everyBid(officer, '&round=2018')).toEqual([]);
    const { total } = await expectPaged(
      officer,
      `/api/bids?fundId=${fundId}&round=2019&q=a&sort=group`,
      'bids',
      3,
    );
    expect(total).toBe(
      inRound.filter((b) => /a/i.test(`${b.reference}${b.title}${b.organisationName}`)).length,
    );
  });

  it('refuses a search, sort or round it cannot use with 400 on that field', async () => {
    const cases: [string, string][] = [
      [`q=${'x'.repeat(101)}`, 'q'],
      ['sort=amount', 'sort'],
      ['round=nineteen', 'round'],
      ['round=1899', 'round'],
      ['fundId=not-a-fund', 'fundId'],
    ];
    for (const [query, field] of cases) {
      const body = expectError(await officer.get(`/api/bids?${query}`), 400, 'validation_failed');
      expect(Object.keys(body.fields ?? {}), query).toEqual([field]);
    }
  });

  it('finds only the group’s own bids when a group member searches', async () => {
    const amina = await signedIn(t.app, 'applicant@demo.test');
    const own = await everyBid(amina);
    const found = await everyBid(amina, '&q=a');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((b) => own.some((o) => o.id === b.id))).toBe(true);
    // Another group's bid is not found by its name.
    expect(await everyBid(amina, '&q=Basketball')).toEqual([]);
  });

  it('shows the amount awarded beside the amount asked for, in the list and on the bid', async () => {
    const awarded = all.filter((b) => b.status === 'awarded');
    expect(awarded).toHaveLength(19);
    expect(awarded.reduce((sum, b) => sum + (b.amountAwardedPence ?? 0), 0)).toBe(21_500_000);
    expect(all.filter((b) => b.status !== 'awarded').every((b) => b.amountAwardedPence === null)).toBe(true);
    const basketball = await officer.get(`/api/bids/${bidIdOf(t.app, 'Basketball for All')}`);
    expect(basketball.json().amountAwardedPence).toBe(
      awarded.find((b) => b.title === 'Basketball for All')?.amountAwardedPence,
    );
    expect(basketball.json().amountAwardedPence).toBeGreaterThan(0);
  });
});

// Words of three characters or more are found through the trigram index bid_search (decision
// 0033), which triggers keep in step with the bids and their groups' names.
describe('the search index keeps up with the bids', () => {
  let t: TestApp;
  let officer: Client;
  beforeAll(async () => {
    t = await buildTestApp();
    officer = await signedIn(t.app, 'officer@demo.test');
  });
  afterAll(async () => t.close());

  const found = async (words: string) =>
    (await everyBid(officer, `&q=${encodeURIComponent(words)}`)).map((b) => b.id).sort();
  const sqlite = () => (t.app.db as unknown as { $client: import('better-sqlite3').Database }).$client;

  it('finds a bid by its new title, reference and group name once they change, and no longer by the old', async () => {
    const bid = sqlite()
      .prepare("select id, organisation_id as org from bids where title = 'Cook and Share'")
      .get() as {
      id: string;
      org: string;
    };
    expect(await found('Cook and Share')).toEqual([bid.id]);
    sqlite()
      .prepare("update bids set title = 'Soup Évening Zyx', reference = 'PCF-2019-9911' where id = ?")
      .run(bid.id);
    expect(await found('Cook and Share')).toEqual([]);
    expect(await found('soup évening zyx')).toEqual([bid.id]);
    expect(await found('9911')).toEqual([bid.id]);
    const before = await found('Millfield Community Kitchen');
    expect(before).toContain(bid.id);
    sqlite().prepare("update organisations set name = 'Qwv Kitchen Collective' where id = ?").run(bid.org);
    expect(await found('Millfield Community Kitchen')).toEqual([]);
    expect(await found('QWV kitchen')).toEqual(before);
  });

  it('finds a bid added and forgets a bid removed', async () => {
    // Every column but PostgreSQL's rowid (decision 0035), which numbers rows by itself.
    const { rowid: _, ...source } = t.app.db.get<Record<string, unknown>>(
      sql`select * from bids where status = 'draft' limit 1`,
    );
    const id = crypto.randomUUID();
    sqlite()
      .prepare(
        `insert into bids (${Object.keys(source).join(', ')}) values (${Object.keys(source)
          .map(() => '?')
          .join(', ')})`,
      )
      .run(...Object.values({ ...source, id, title: 'Xylophone Club Jkq', reference: null }));
    expect(await found('xylophone club')).toEqual([id]);
    sqlite().prepare('delete from bids where id = ?').run(id);
    expect(await found('xylophone club')).toEqual([]);
  });

  it('finds short words (one or two characters) and quotes, percent signs and brackets as they are', async () => {
    const bid = sqlite().prepare("select id from bids where title = 'Chat and Chai'").get() as { id: string };
    sqlite().prepare(`update bids set title = 'Chat "and" Chai (50% off) Jz' where id = ?`).run(bid.id);
    expect(await found('"and" chai')).toEqual([bid.id]);
    expect(await found('(50% off)')).toEqual([bid.id]);
    expect(await found('50% of')).toEqual([bid.id]);
    expect(await found('Jz')).toEqual([bid.id]);
    expect(await found('5_%')).toEqual([]);
  });
});
