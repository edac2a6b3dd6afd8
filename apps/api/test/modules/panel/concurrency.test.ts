import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAssessorRole } from '../../builders/accounts.js';
import { type AssessorHandle, scoreBid } from '../../builders/assessment.js';
import { type JourneyRefs, refsForFund, submittedBid } from '../../builders/bids.js';
import { createFund, type FundView } from '../../builders/funds.js';
import { applicantWithGroup } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { recoveryCodeFor, userIdOf } from '../../support/database.js';
import { expectError } from '../../support/errors.js';
import { startWorkerProcess, workerDatabaseOf } from '../../support/worker-process.js';
import type { RaceAnswer, RaceGo, RaceWorker } from './race-worker.js';

const PANEL_DATE = '2025-07-15';
const WORKER = fileURLToPath(new URL('./race-worker.ts', import.meta.url));

/**
 * PRODUCT.md section 4, rule 2: the sum of a fund's awards never exceeds its pot — also when many
 * decisions arrive at the same moment. And a bid is decided once, however many try at once.
 */
describe('decisions arriving at the same moment', () => {
  let t: TestApp;
  let officer: Client;
  let officer2: Client;
  let admin: Client;
  let margaret: AssessorHandle;
  let group: { client: Client; organisationId: string };

  /** A fund whose bids need one assessor, and `count` scored bids asking for `askPence` each. */
  async function fundWithScoredBids(potPence: number, askPence: number, count: number) {
    const fund = await createFund(t, officer, { potPence, capPence: askPence, minAssessors: 1 });
    await grantAssessorRole(admin, margaret.id, fund.id);
    const refs: JourneyRefs = await refsForFund(t.app, fund);
    const bids: string[] = [];
    for (let i = 0; i < count; i++) {
      const bidId = await submittedBid(group.client, refs, group.organisationId, { amountPence: askPence });
      await scoreBid(officer, fund, bidId, [margaret], [[4, 4, 4, 4, 4, 4]]);
      bids.push(bidId);
    }
    return { fund, bids };
  }

  const award = (client: Client, bidId: string, amountPence: number) =>
    client.post(`/api/bids/${bidId}/decision`, {
      panelDate: PANEL_DATE,
      decision: { outcome: 'award', amountPence },
    });

  /** What the database holds for the fund: every award, and each bid's final (award or reject) decisions. */
  function ledger(fund: FundView) {
    const awards = t.app.db.all<{ bidId: string; amount: number }>(
      sql`select bid_id as "bidId", amount_pence as amount from awards where fund_id = ${fund.id}`,
    );
    const finals = t.app.db.all<{ bidId: string; n: number }>(
      sql`select bid_id as "bidId", count(*) as n from decisions where fund_id = ${fund.id} and outcome in ('award', 'reject') group by bid_id`,
    );
    return {
      awards,
      total: awards.reduce((sum, a) => sum + a.amount, 0),
      finalsPerBid: new Map(finals.map((f) => [f.bidId, f.n])),
    };
  }

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    officer = await signedIn(t.app, 'officer@demo.test');
    officer2 = await signedIn(t.app, 'officer2@demo.test');
    admin = await signedIn(t.app, 'admin@demo.test');
    margaret = {
      client: await signedIn(t.app, 'assessor@demo.test'),
      id: userIdOf(t.app, 'assessor@demo.test'),
    };
    group = await applicantWithGroup(t.app, 'racing@example.org', { name: 'Racing Group' });
  });
  afterAll(async () => t.close());

  it('lets through exactly as many of ten simultaneous £1,000 awards as a £6,500 pot holds (6); the rest get 409 naming the £500 left', async () => {
    const { fund, bids } = await fundWithScoredBids(650_000, 100_000, 10);
    const responses = await Promise.all(
      bids.map((bidId, i) => award(i % 2 === 0 ? officer : officer2, bidId, 100_000)),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(6);
    expect(statuses.filter((s) => s === 409)).toHaveLength(4);
    for (const refused of responses.filter((r) => r.statusCode === 409)) {
      const error = expectError(refused, 409, 'conflict');
      expect(error.message).toMatch(/^This would overdraw the fund: only £500 is still available/);
    }
    const { awards, total } = ledger(fund);
    expect(total).toBe(600_000);
    expect(total).toBeLessThanOrEqual(fund.potPence);
    expect(awards).toHaveLength(6);
    // The bids that got 200 are exactly the ones awarded; the others are still waiting, untouched.
    const won = bids.filter((_, i) => responses[i]?.statusCode === 200).sort();
    expect(awards.map((a) => a.bidId).sort()).toEqual(won);
    const statusOf = (id: string) =>
      t.app.db.get<{ status: string }>(sql`select status from bids where id = ${id}`)?.status;
    expect(bids.map((id) => statusOf(id)).sort()).toEqual([
      ...Array(6).fill('awarded'),
      ...Array(4).fill('scored'),
    ]);
    const budget = (await officer.get(`/api/funds/${fund.id}/budget`)).json();
    expect(budget).toMatchObject({ committedPence: 600_000, availablePence: 50_000, awardsCount: 6 });
  });

  it('decides one bid once when two decisions on it arrive at the same moment: one 200, one 409, one decision', async () => {
    const { fund, bids } = await fundWithScoredBids(1_000_000, 100_000, 3);
    const [a, b, c] = bids as [string, string, string];
    const races: [string, () => Promise<LightMyRequestResponse>, () => Promise<LightMyRequestResponse>][] = [
      // Award against reject, by two officers.
      [
        a,
        () => award(officer, a, 100_000),
        () =>
          officer2.post(`/api/bids/${a}/decision`, {
            panelDate: PANEL_DATE,
            decision: { outcome: 'reject', feedback: 'No.' },
          }),
      ],
      // The same award twice: the pot has room for both, the bid for one.
      [b, () => award(officer, b, 100_000), () => award(officer2, b, 100_000)],
      // A batch and a single decision on the same bid.
      [
        c,
        () =>
          officer.post(`/api/funds/${fund.id}/panel-decisions`, {
            panelDate: PANEL_DATE,
            decisions: [{ bidId: c, decision: { outcome: 'award', amountPence: 50_000, reason: 'Part' } }],
          }),
        () => award(officer2, c, 100_000),
      ],
    ];
    for (const [bidId, first, second] of races) {
      const responses = await Promise.all([first(), second()]);
      expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const refused = responses.find((r) => r.statusCode === 409);
      if (refused)
        expect(expectError(refused, 409, 'invalid_state').message).toMatch(
          /This bid has been (awarded|turned down)/,
        );
      expect(ledger(fund).finalsPerBid.get(bidId)).toBe(1);
      expect(ledger(fund).awards.filter((x) => x.bidId === bidId).length).toBeLessThanOrEqual(1);
    }
  });

  it('holds across OS processes: four processes award at once against a pot for two; exactly two succeed, one bid at most once', async () => {
    // The processes start (each builds the app on this test's database file and signs in) while
    // the bids are made; they get their decision only with the word to go.
    const workers = [
      'officer@demo.test',
      'officer2@demo.test',
      'officer@demo.test',
      'officer2@demo.test',
    ].map((email) =>
      startWorkerProcess<RaceAnswer>(WORKER, {
        ...workerDatabaseOf(t.app),
        email,
        recoveryCode: recoveryCodeFor(t.app, email),
      } satisfies RaceWorker),
    );
    try {
      const { fund, bids } = await fundWithScoredBids(200_000, 100_000, 3);
      const [first] = bids as [string];
      // Three different bids, and the first one a second time from another process: four at once.
      // Whichever order they land in, the pot takes exactly two awards and the first bid at most one.
      const targets = [...bids, first];
      await Promise.all(workers.map((w) => w.ready));
      for (const [i, w] of workers.entries()) {
        const go: RaceGo = {
          type: 'go',
          bidId: targets[i] ?? '',
          panelDate: PANEL_DATE,
          decision: { outcome: 'award', amountPence: 100_000 },
        };
        w.child.send(go);
      }
      const results = await Promise.all(workers.map((w) => w.result));
      const statuses = results.map((r) => r.statusCode).sort();
      expect(statuses, results.map((r) => `${r.statusCode} ${r.body.slice(0, 160)}`).join('\n')).toEqual([
        200, 200, 409, 409,
      ]);
      for (const refused of results.filter((r) => r.statusCode === 409)) {
        const error = JSON.parse(refused.body).error as { code: string; message: string };
        expect(['conflict', 'invalid_state']).toContain(error.code);
      }
      const { awards, total, finalsPerBid } = ledger(fund);
      expect(total).toBe(200_000);
      expect(total).toBeLessThanOrEqual(fund.potPence);
      expect(awards).toHaveLength(2);
      expect(new Set(awards.map((a) => a.bidId)).size).toBe(2);
      expect(finalsPerBid.get(first) ?? 0).toBeLessThanOrEqual(1);
      expect([...finalsPerBid.values()].reduce((sum, n) => sum + n, 0)).toBe(2);
    } finally {
      for (const w of workers) if (w.child.exitCode === null) w.child.kill();
    }
  }, 60_000);
});
