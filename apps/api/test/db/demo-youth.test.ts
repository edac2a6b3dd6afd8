import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignments, bids } from '../../src/db/schema/index.js';
import { type JourneyRefs, journeyRefs } from '../builders/bids.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Client, signedIn } from '../support/client.js';
import { userIdOf } from '../support/database.js';

const COMMISSIONERS = ['youth@demo.test', 'youth2@demo.test', 'youth3@demo.test', 'youth4@demo.test'];

interface Assignment {
  id: string;
  bidId: string;
  bidTitle: string;
  status: string;
  fundId: string;
}

/**
 * Issue 9, item 21: the demo's Youth Fund can be assessed and decided. It needs three assessors per
 * bid, so the demo has enough Youth Commissioners; it has its own criteria, written for projects by
 * and for young people; and it has youth bids in assessment that the commissioners can finish and
 * an officer can then decide.
 */
describe('the demo’s Youth Fund', () => {
  let t: TestApp;
  let refs: JourneyRefs;
  let officer: Client;
  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    refs = await journeyRefs(t.app);
    officer = await signedIn(t.app, 'officer@demo.test');
  });
  afterAll(async () => t.close());

  it('has four Youth Commissioners, each signing in with the demo password and assessing the Youth Fund only', async () => {
    const response = await officer.get(`/api/funds/${refs.youthFundId}/assessors`);
    expect(response.statusCode, response.body).toBe(200);
    const { assessors } = response.json() as { assessors: { id: string; fundOnly: boolean }[] };
    const ids = COMMISSIONERS.map((email) => userIdOf(t.app, email));
    expect(assessors.map((a) => a.id).sort()).toEqual([...ids].sort());
    for (const a of assessors) expect(a.fundOnly).toBe(true);
    const fund = (await officer.get(`/api/funds/${refs.youthFundId}`)).json();
    expect(assessors.length).toBeGreaterThanOrEqual(fund.minAssessors);
    for (const email of COMMISSIONERS) {
      const me = (await (await signedIn(t.app, email)).get('/api/auth/me')).json();
      expect(me.roles).toEqual([
        expect.objectContaining({ role: 'assessor', fundId: refs.youthFundId, fundName: 'Youth Fund' }),
      ]);
    }
  });

  it('has its own criteria, for projects led by young people, not the Communities Fund’s', async () => {
    const youth = (await officer.get(`/api/funds/${refs.youthFundId}`)).json();
    const communities = (await officer.get(`/api/funds/${refs.fundId}`)).json();
    const titles = youth.criteria.map((c: { title: string }) => c.title);
    expect(titles).toContain('Young people lead the project');
    expect(titles).toContain('What young people said they need');
    expect(youth.criteria.reduce((sum: number, c: { weight: number }) => sum + c.weight, 0)).toBe(100);
    for (const c of youth.criteria) expect(c.guidance).toHaveLength(6);
    const adult = new Set(communities.criteria.map((c: { title: string }) => c.title));
    for (const title of titles) expect(adult.has(title), title).toBe(false);
  });

  it('has youth bids in assessment, each given to three Youth Commissioners', () => {
    const rows = t.app.db
      .select()
      .from(bids)
      .where(and(eq(bids.fundId, refs.youthFundId), eq(bids.status, 'in_assessment')))
      .all();
    expect(rows.length).toBeGreaterThanOrEqual(1);
    const commissioners = new Set(COMMISSIONERS.map((email) => userIdOf(t.app, email)));
    for (const bid of rows) {
      expect(bid.reference ?? '').toMatch(/^PYF-\d{4}-\d{4}$/);
      const given = t.app.db.select().from(assignments).where(eq(assignments.bidId, bid.id)).all();
      expect(given, bid.title ?? '').toHaveLength(3);
      for (const a of given) expect(commissioners.has(a.assessorId)).toBe(true);
    }
  });

  it('is assessable and decidable end to end: the commissioners finish scoring a bid, then an officer awards it', async () => {
    const youth = (await officer.get(`/api/funds/${refs.youthFundId}`)).json() as {
      criteria: { id: string }[];
    };
    const inAssessment = t.app.db
      .select()
      .from(bids)
      .where(and(eq(bids.fundId, refs.youthFundId), eq(bids.status, 'in_assessment')))
      .all();
    const bid = inAssessment[0];
    if (!bid) throw new Error('No youth bid in assessment');
    for (const email of COMMISSIONERS) {
      const commissioner = await signedIn(t.app, email);
      const mine = (
        (await commissioner.get('/api/assignments?pageSize=100')).json().assignments as Assignment[]
      ).find((a) => a.bidId === bid.id);
      if (!mine || mine.status === 'submitted') continue;
      if (mine.status === 'awaiting_declaration') {
        const declared = await commissioner.post(`/api/assignments/${mine.id}/declaration`, {
          conflict: false,
        });
        expect(declared.statusCode, declared.body).toBe(200);
      }
      const view = (await commissioner.get(`/api/assignments/${mine.id}`)).json();
      const sent = await commissioner.put(`/api/assignments/${mine.id}/scores`, {
        baseVersion: view.scoreSet?.version ?? 0,
        submit: true,
        recommendation: 'fund',
        scores: youth.criteria.map((c) => ({ criterionId: c.id, score: 4, comment: 'Young people run it.' })),
      });
      expect(sent.statusCode, sent.body).toBe(200);
    }
    const scored = t.app.db.select().from(bids).where(eq(bids.id, bid.id)).get();
    expect(scored?.status).toBe('scored');

    const today = t.clock.now().toISOString().slice(0, 10);
    const decided = await officer.post(`/api/bids/${bid.id}/decision`, {
      panelDate: today,
      decision: { outcome: 'award', amountPence: bid.amountRequestedPence },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const budget = (await officer.get(`/api/funds/${refs.youthFundId}/budget`)).json();
    expect(budget).toMatchObject({ committedPence: bid.amountRequestedPence, awardsCount: 1 });
  });
});
