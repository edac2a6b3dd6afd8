import { FundBudget, splitAcrossWards } from '@cf/shared';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awards, bidSections, bids, wards } from '../../../src/db/schema/index.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import { expectError } from '../../support/errors.js';

interface FundView {
  id: string;
  name: string;
  potPence: number;
  capPence: number;
  status: string;
  priorities: { name: string }[];
  criteria: { title: string; weight: number }[];
}

describe('funds and their budgets', () => {
  let t: TestApp;
  let funds: FundView[];
  const fund = (name: string) => {
    const found = funds.find((f) => f.name === name);
    if (!found) throw new Error(`No fund ${name}`);
    return found;
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const response = await new Client(t.app).get('/api/funds');
    expect(response.statusCode).toBe(200);
    funds = response.json().funds;
  });
  afterAll(async () => t.close());

  it('lists the two published demo funds to anyone, without signing in', () => {
    expect(funds.map((f) => f.name).sort()).toEqual(['Communities Fund', 'Youth Fund']);
  });

  it('shows the Communities Fund with a £300,000 pot, a £20,000 cap and the four priorities', () => {
    const communities = fund('Communities Fund');
    expect(communities.potPence).toBe(30_000_000);
    expect(communities.capPence).toBe(2_000_000);
    expect(communities.priorities).toHaveLength(4);
  });

  it('shows the Youth Fund with a £60,000 pot', () => {
    expect(fund('Youth Fund').potPence).toBe(6_000_000);
  });

  it('gives every fund criteria whose weights add up to 100', () => {
    for (const f of funds) {
      expect(f.criteria.length, f.name).toBeGreaterThan(0);
      expect(
        f.criteria.reduce((sum, c) => sum + c.weight, 0),
        f.name,
      ).toBe(100);
    }
  });

  it('hides an unpublished fund from the public and applicants, but not from officers and admins', async () => {
    const other = await buildTestApp();
    try {
      other.app.db.run(sql`update funds set published = 0 where name = 'Youth Fund'`);
      const names = async (client: Client) =>
        ((await client.get('/api/funds')).json().funds as FundView[]).map((f) => f.name);
      expect(await names(new Client(other.app))).toEqual(['Communities Fund']);
      expect(await names(await signedIn(other.app, 'applicant@demo.test'))).toEqual(['Communities Fund']);
      expect(await names(await signedIn(other.app, 'officer@demo.test'))).toHaveLength(2);
      expect(await names(await signedIn(other.app, 'admin@demo.test'))).toHaveLength(2);
      const youthId = other.app.db.get<{ id: string }>(
        sql`select id from funds where name = 'Youth Fund'`,
      ).id;
      // Not even its existence is shown to those who may not see it.
      expectError(await new Client(other.app).get(`/api/funds/${youthId}`), 404);
    } finally {
      await other.close();
    }
  });

  it('shows one fund by id', async () => {
    const communities = fund('Communities Fund');
    const response = await new Client(t.app).get(`/api/funds/${communities.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(communities);
  });

  describe('GET /api/funds/:fundId/budget', () => {
    const budgetUrl = () => `/api/funds/${fund('Communities Fund').id}/budget`;

    it('asks an anonymous caller to sign in (401)', async () => {
      expectError(await new Client(t.app).get(budgetUrl()), 401, 'unauthenticated');
    });

    for (const email of ['applicant@demo.test', 'assessor@demo.test', 'youth@demo.test']) {
      it(`refuses ${email.split('@')[0]} (403)`, async () => {
        const client = await signedIn(t.app, email);
        expectError(await client.get(budgetUrl()), 403, 'forbidden');
      });
    }

    for (const email of ['officer@demo.test', 'finance@demo.test', 'admin@demo.test']) {
      it(`shows ${email.split('@')[0]} the pot, the cap, what the awards commit and what is left`, async () => {
        const fundId = fund('Communities Fund').id;
        const client = await signedIn(t.app, email);
        const response = await client.get(budgetUrl());
        expect(response.statusCode).toBe(200);
        const budget = response.json();
        expect(FundBudget.safeParse(budget).success).toBe(true);
        // What the database holds, worked out here independently of the budget's own code.
        const grants = awardsFromDatabase(t, fundId);
        const committed = grants.reduce((total, g) => total + g.amountPence, 0);
        // The demo's money (demo-money.ts): first instalments paid, nothing back yet.
        const money = t.app.db.get<{ paid: number; returned: number }>(
          sql`select (select coalesce(sum(amount_pence), 0) from payments where fund_id = ${fundId} and status = 'paid') as paid,
                     (select coalesce(sum(amount_pence), 0) from money_returns where fund_id = ${fundId}) as returned`,
        );
        expect(money?.paid).toBeGreaterThan(0);
        expect(money?.returned).toBe(0);
        expect(budget).toMatchObject({
          fundId,
          potPence: 30_000_000,
          capPence: 2_000_000,
          committedPence: committed,
          paidPence: money?.paid,
          returnedPence: money?.returned,
          availablePence: 30_000_000 - committed,
          awardsCount: grants.length,
          // Asked for by the bids sent and not yet decided (the demo has bids in screening, assessment and scored).
          pipelinePence: pipelineFromDatabase(t, fundId),
        });
        expect(budget.committedPence).toBeGreaterThan(0);
        expect(budget.pipelinePence).toBeGreaterThan(0);

        // By priority: every priority of the fund, in order, each with the awards whose main priority it is.
        expect(budget.byPriority.map((p: { name: string }) => p.name)).toEqual(
          fund('Communities Fund').priorities.map((p) => p.name),
        );
        for (const slice of budget.byPriority as {
          id: string;
          committedPence: number;
          awardsCount: number;
        }[]) {
          const mine = grants.filter((g) => g.mainPriorityId === slice.id);
          expect(slice).toMatchObject({
            committedPence: mine.reduce((total, g) => total + g.amountPence, 0),
            awardsCount: mine.length,
          });
        }
        const sumOf = (slices: { committedPence: number }[]) =>
          slices.reduce((total, s) => total + s.committedPence, 0);
        expect(sumOf(budget.byPriority)).toBe(committed);
        // The demo's awards are spread over more than one priority.
        expect(
          budget.byPriority.filter((p: { awardsCount: number }) => p.awardsCount > 0).length,
        ).toBeGreaterThan(1);

        // By ward: each award split across its bid's wards to the penny, so the wards add up to the whole.
        const expectedByWard = new Map<string, { committedPence: number; awardsCount: number }>();
        for (const grant of grants) {
          for (const [wardId, share] of splitAcrossWards(grant.amountPence, grant.wardIds)) {
            const entry = expectedByWard.get(wardId) ?? { committedPence: 0, awardsCount: 0 };
            entry.committedPence += share;
            entry.awardsCount += 1;
            expectedByWard.set(wardId, entry);
          }
        }
        const byWard = budget.byWard as {
          id: string;
          name: string;
          committedPence: number;
          awardsCount: number;
        }[];
        expect(
          new Map(
            byWard.map((w) => [w.id, { committedPence: w.committedPence, awardsCount: w.awardsCount }]),
          ),
        ).toEqual(expectedByWard);
        expect(sumOf(byWard)).toBe(committed);
        // In the council's order of wards.
        const order = t.app.db.select({ name: wards.name }).from(wards).orderBy(asc(wards.position)).all();
        const names = byWard.map((w) => w.name);
        expect(names).toEqual(order.map((w) => w.name).filter((name) => names.includes(name)));
      });
    }

    it("shows the Youth Fund's own pot and cap, with nothing awarded from it yet", async () => {
      const officer = await signedIn(t.app, 'officer@demo.test');
      const budget = (await officer.get(`/api/funds/${fund('Youth Fund').id}/budget`)).json();
      expect(awardsFromDatabase(t, fund('Youth Fund').id)).toEqual([]);
      expect(budget).toMatchObject({
        potPence: 6_000_000,
        availablePence: 6_000_000,
        committedPence: 0,
        awardsCount: 0,
        byWard: [],
      });
    });

    it('answers 404 for a fund that does not exist', async () => {
      const officer = await signedIn(t.app, 'officer@demo.test');
      expectError(await officer.get(`/api/funds/${crypto.randomUUID()}/budget`), 404, 'not_found');
    });
  });
});

function pipelineFromDatabase(t: TestApp, fundId: string): number {
  return t.app.db
    .select({ amount: bids.amountRequestedPence })
    .from(bids)
    .where(
      and(
        eq(bids.fundId, fundId),
        inArray(bids.status, ['submitted', 'eligible', 'in_assessment', 'scored', 'deferred']),
      ),
    )
    .all()
    .reduce((total, row) => total + row.amount, 0);
}

/** The fund's awards, each with its bid's main priority and wards as the bid's answers give them. */
function awardsFromDatabase(
  t: TestApp,
  fundId: string,
): { amountPence: number; mainPriorityId: string | undefined; wardIds: string[] }[] {
  const sectionOf = (bidId: string, section: 'priorities' | 'beneficiaries') =>
    t.app.db
      .select({ data: bidSections.data })
      .from(bidSections)
      .where(and(eq(bidSections.bidId, bidId), eq(bidSections.section, section)))
      .get()?.data;
  const returnedFrom = (bidId: string) =>
    t.app.db.get<{ n: number }>(
      sql`select coalesce(sum(r.amount_pence), 0) as n from money_returns r join grants g on g.id = r.grant_id
          where g.bid_id = ${bidId}`,
    )?.n ?? 0;
  return t.app.db
    .select({ bidId: awards.bidId, amountPence: awards.amountPence })
    .from(awards)
    .where(eq(awards.fundId, fundId))
    .all()
    .map((award) => ({
      // What the award still commits: less any money returned from its grant (rule 4).
      amountPence: award.amountPence - returnedFrom(award.bidId),
      mainPriorityId: sectionOf(award.bidId, 'priorities')?.mainPriorityId as string | undefined,
      wardIds: (sectionOf(award.bidId, 'beneficiaries')?.wardIds as string[] | undefined) ?? [],
    }));
}
