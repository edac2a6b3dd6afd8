import { ELIGIBLE } from '@cf/shared/examples';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAssessorRole } from '../../builders/accounts.js';
import { type AssessorHandle, scoreBid } from '../../builders/assessment.js';
import { refsForFund, submittedBid } from '../../builders/bids.js';
import { createFund, type FundView, fundBody, priorityIdsOf } from '../../builders/funds.js';
import { applicantWithGroup } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { Client, signedIn } from '../../support/client.js';
import { auditSince, lastAuditId, userIdOf } from '../../support/database.js';
import { expectError, refusedChangingNothing } from '../../support/errors.js';

describe('setting up a fund', () => {
  let t: TestApp;
  let officer: Client;
  let admin: Client;
  let priorityIds: string[];
  const body = (overrides: Record<string, unknown> = {}) => fundBody(t.clock.now(), priorityIds, overrides);

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    officer = await signedIn(t.app, 'officer@demo.test');
    admin = await signedIn(t.app, 'admin@demo.test');
    priorityIds = await priorityIdsOf(t.app);
  });
  afterAll(async () => t.close());

  const refused = (send: () => Promise<LightMyRequestResponse>, status: number) =>
    refusedChangingNothing(t.app, send, status);

  it('lets an officer create a fund: 201 with its pot, cap, dates, priorities and weighted criteria, audited', async () => {
    const since = lastAuditId(t.app);
    const sent = body({
      code: 'csf',
      potPence: 5_000_000,
      capPence: 250_000,
      priorityIds: priorityIds.slice(0, 2),
    });
    const response = await officer.post('/api/funds', sent);
    expect(response.statusCode, response.body).toBe(201);
    const fund = response.json() as FundView;
    expect(fund).toMatchObject({
      name: sent.name,
      code: 'CSF',
      potPence: 5_000_000,
      capPence: 250_000,
      opensAt: sent.opensAt,
      closesAt: sent.closesAt,
      minAssessors: 1,
      moderationThreshold: 2,
      published: true,
      status: 'open',
      rulesLocked: false,
    });
    expect(fund.priorities.map((p) => p.id)).toEqual(priorityIds.slice(0, 2));
    expect(fund.criteria.map((c) => c.weight)).toEqual([30, 20, 15, 15, 10, 10]);
    expect(fund.criteria[0]?.guidance).toHaveLength(6);
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({ action: 'fund.created', entityType: 'fund', entityId: fund.id }),
    ]);
    // Anyone sees a published fund.
    expect((await new Client(t.app).get(`/api/funds/${fund.id}`)).json()).toEqual(fund);
  });

  it('lets an admin create and change a fund too', async () => {
    const created = await admin.post('/api/funds', body());
    expect(created.statusCode, created.body).toBe(201);
    const fund = created.json() as FundView;
    const changed = await admin.put(
      `/api/funds/${fund.id}`,
      body({ code: fund.code, name: 'Renamed by admin' }),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().name).toBe('Renamed by admin');
  });

  it('lets an officer change a fund before any bid is sent: pot down, cap, criteria and weights', async () => {
    const fund = await createFund(t, officer);
    const since = lastAuditId(t.app);
    const response = await officer.put(
      `/api/funds/${fund.id}`,
      body({
        code: fund.code,
        potPence: 2_000_000,
        potChangeReason: 'The council moved £80,000 to the youth fund.',
        capPence: 500_000,
        criteria: [
          {
            title: 'Impact',
            description: 'What changes',
            weight: 60,
            guidance: ['0', '1', '2', '3', '4', '5'],
          },
          { title: 'Plan', description: 'How', weight: 40, guidance: ['0', '1', '2', '3', '4', '5'] },
        ],
      }),
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ potPence: 2_000_000, capPence: 500_000, rulesLocked: false });
    expect(
      response.json().criteria.map((c: { title: string; weight: number }) => [c.title, c.weight]),
    ).toEqual([
      ['Impact', 60],
      ['Plan', 40],
    ]);
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['fund.pot_changed', 'fund.changed']);
  });

  it('refuses a new pot without a reason (400 on potChangeReason), changing nothing; with one, audits the reason with the pot before and after', async () => {
    const fund = await createFund(t, officer, { potPence: 5_000_000 });
    for (const reason of [undefined, '', '   ']) {
      const error = await refused(
        () =>
          officer.put(
            `/api/funds/${fund.id}`,
            body({
              code: fund.code,
              potPence: 6_000_000,
              ...(reason === undefined ? {} : { potChangeReason: reason }),
            }),
          ),
        400,
      );
      expect(error.fields).toEqual({ potChangeReason: 'Say why the pot is changing' });
    }
    const tooLong = await refused(
      () =>
        officer.put(
          `/api/funds/${fund.id}`,
          body({ code: fund.code, potPence: 6_000_000, potChangeReason: 'x'.repeat(1001) }),
        ),
      400,
    );
    expect(Object.keys(tooLong.fields ?? {})).toEqual(['potChangeReason']);

    const since = lastAuditId(t.app);
    const reason = 'Extra money from the integration grant, agreed by cabinet on 3 June.';
    const response = await officer.put(
      `/api/funds/${fund.id}`,
      body({ code: fund.code, potPence: 6_000_000, potChangeReason: `  ${reason} ` }),
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().potPence).toBe(6_000_000);
    const [potChanged] = auditSince(t.app, since).filter((e) => e.action === 'fund.pot_changed');
    expect(potChanged).toMatchObject({
      entityType: 'fund',
      entityId: fund.id,
      after: { potPence: 6_000_000 },
      reason,
    });
    expect(
      t.app.db.get<{ before: string }>(sql`select before from audit_events where id = ${potChanged?.id ?? 0}`)
        ?.before,
    ).toBe(JSON.stringify({ potPence: 5_000_000 }));
  });

  it('asks no reason when the pot stays as it is', async () => {
    const fund = await createFund(t, officer, { potPence: 5_000_000 });
    const since = lastAuditId(t.app);
    const response = await officer.put(
      `/api/funds/${fund.id}`,
      body({ code: fund.code, potPence: 5_000_000, name: 'Same pot' }),
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['fund.changed']);
  });

  for (const email of ['applicant@demo.test', 'finance@demo.test', 'assessor@demo.test', 'youth@demo.test']) {
    it(`refuses ${email.split('@')[0]} to create or change a fund (403), changing nothing`, async () => {
      const fund = await createFund(t, officer);
      const client = await signedIn(t.app, email);
      await refused(() => client.post('/api/funds', body()), 403);
      await refused(
        () => client.put(`/api/funds/${fund.id}`, body({ code: fund.code, potPence: 20_000_000 })),
        403,
      );
    });
  }

  it('asks an anonymous caller to sign in before creating a fund (401)', async () => {
    await refused(() => new Client(t.app).post('/api/funds', body()), 401);
  });

  it('refuses criteria whose weights do not add up to 100 (400 on criteria), changing nothing', async () => {
    const criteria = (body().criteria as { weight: number }[]).map((c, i) =>
      i === 5 ? { ...c, weight: 5 } : c,
    );
    const error = await refused(() => officer.post('/api/funds', body({ criteria })), 400);
    expect(error.fields).toEqual({ criteria: 'The weights must add up to 100; they add up to 95' });
    const over = (body().criteria as { weight: number }[]).map((c, i) =>
      i === 0 ? { ...c, weight: 31 } : c,
    );
    expect((await refused(() => officer.post('/api/funds', body({ criteria: over })), 400)).fields).toEqual({
      criteria: 'The weights must add up to 100; they add up to 101',
    });
  });

  it('refuses a closing time before, or at, the opening time (400 on closesAt), changing nothing', async () => {
    const opensAt = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    for (const closesAt of [new Date(Date.parse(opensAt) - 60_000).toISOString(), opensAt]) {
      const error = await refused(() => officer.post('/api/funds', body({ opensAt, closesAt })), 400);
      expect(error.fields).toEqual({ closesAt: 'The closing time must be after the opening time' });
    }
  });

  it('refuses a cap larger than the pot (400 on capPence), but accepts a cap equal to it', async () => {
    const error = await refused(
      () => officer.post('/api/funds', body({ potPence: 1_000_000, capPence: 1_000_001 })),
      400,
    );
    expect(error.fields).toEqual({ capPence: 'The largest grant cannot be more than the total to award' });
    expect(
      (await officer.post('/api/funds', body({ potPence: 1_000_000, capPence: 1_000_000 }))).statusCode,
    ).toBe(201);
  });

  it('refuses a code another fund uses, in any case (409 on code), on create and on change', async () => {
    const first = await createFund(t, officer);
    const error = await refused(
      () => officer.post('/api/funds', body({ code: first.code.toLowerCase() })),
      409,
    );
    expect(error.code).toBe('conflict');
    expect(error.fields).toEqual({ code: 'Another fund already uses this code' });
    const second = await createFund(t, officer);
    const onChange = await refused(
      () => officer.put(`/api/funds/${second.id}`, body({ code: first.code })),
      409,
    );
    expect(onChange.fields).toEqual({ code: 'Another fund already uses this code' });
  });

  it('answers 404 when changing a fund that does not exist', async () => {
    await refused(() => officer.put(`/api/funds/${crypto.randomUUID()}`, body()), 404);
  });

  describe('once bids have been sent', () => {
    let fund: FundView;
    let assessor: AssessorHandle;
    const same = (overrides: Record<string, unknown> = {}) =>
      body({
        name: fund.name,
        code: fund.code,
        potPence: fund.potPence,
        capPence: fund.capPence,
        opensAt: fund.opensAt,
        closesAt: fund.closesAt,
        deliveryStartsOn: fund.deliveryStartsOn,
        deliveryEndsOn: fund.deliveryEndsOn,
        priorityIds: fund.priorities.map((p) => p.id),
        criteria: fund.criteria.map(({ title, description, weight, guidance }) => ({
          title,
          description,
          weight,
          guidance,
        })),
        ...overrides,
      });
    const criteriaWith = (change: (c: Record<string, unknown>, i: number) => Record<string, unknown>) =>
      (same().criteria as Record<string, unknown>[]).map(change);

    beforeAll(async () => {
      fund = await createFund(t, officer, { potPence: 3_000_000, capPence: 500_000 });
      const group = await applicantWithGroup(t.app, 'locked-rules@example.org', {
        name: 'Locked Rules Group',
      });
      const refs = await refsForFund(t.app, fund);
      const bids = [
        await submittedBid(group.client, refs, group.organisationId, { amountPence: 500_000 }),
        await submittedBid(group.client, refs, group.organisationId, { amountPence: 400_000 }),
      ];
      const assessorId = userIdOf(t.app, 'assessor@demo.test');
      await grantAssessorRole(admin, assessorId, fund.id);
      assessor = { client: await signedIn(t.app, 'assessor@demo.test'), id: assessorId };
      for (const bidId of bids) await scoreBid(officer, fund, bidId, [assessor], [[4, 4, 4, 4, 4, 4]]);
      // £9,000 awarded in all.
      for (const [bidId, amountPence] of [
        [bids[0], 500_000],
        [bids[1], 400_000],
      ] as const) {
        const decided = await officer.post(`/api/bids/${bidId}/decision`, {
          panelDate: '2025-06-01',
          decision: { outcome: 'award', amountPence },
        });
        if (decided.statusCode !== 200) throw new Error(decided.body);
      }
      fund = (await officer.get(`/api/funds/${fund.id}`)).json();
    });

    it('shows the fund’s rules as locked', () => {
      expect(fund.rulesLocked).toBe(true);
    });

    it('refuses a new cap (409 naming capPence), changing nothing', async () => {
      const error = await refused(
        () => officer.put(`/api/funds/${fund.id}`, same({ capPence: 600_000 })),
        409,
      );
      expect(error.message).toBe(
        'Bids have been sent to this fund, so the rules they are judged by cannot change',
      );
      expect(error.fields).toEqual({ capPence: 'Bids have been sent, so the largest grant cannot change' });
    });

    it('refuses new weights, a new criterion title, or a criterion fewer (409 naming criteria), changing nothing', async () => {
      const reweighted = criteriaWith((c, i) => ({ ...c, weight: i === 0 ? 25 : i === 4 ? 15 : c.weight }));
      const retitled = criteriaWith((c, i) => (i === 2 ? { ...c, title: 'Something else' } : c));
      const fewer = criteriaWith((c, i) => (i === 0 ? { ...c, weight: 40 } : c)).filter((_, i) => i !== 5);
      for (const criteria of [reweighted, retitled, fewer]) {
        const error = await refused(() => officer.put(`/api/funds/${fund.id}`, same({ criteria })), 409);
        expect(error.fields).toEqual({
          criteria: 'Bids have been sent, so the criteria and their weights cannot change',
        });
      }
      const both = await refused(
        () => officer.put(`/api/funds/${fund.id}`, same({ capPence: 400_000, criteria: reweighted })),
        409,
      );
      expect(Object.keys(both.fields ?? {}).sort()).toEqual(['capPence', 'criteria']);
    });

    it('still lets the wording and guidance of criteria be improved, and the pot grow', async () => {
      const criteria = criteriaWith((c, i) =>
        i === 0 ? { ...c, description: 'Clearer words', guidance: ['a', 'b', 'c', 'd', 'e', 'f'] } : c,
      );
      const response = await officer.put(
        `/api/funds/${fund.id}`,
        same({ criteria, potPence: 3_500_000, potChangeReason: 'Money returned from last year.' }),
      );
      expect(response.statusCode, response.body).toBe(200);
      const changed = response.json() as FundView;
      expect(changed.potPence).toBe(3_500_000);
      expect(changed.criteria[0]).toMatchObject({
        id: fund.criteria[0]?.id,
        description: 'Clearer words',
        guidance: ['a', 'b', 'c', 'd', 'e', 'f'],
        weight: 30,
      });
      // The criteria keep their ids: the scores given against them still count.
      expect(changed.criteria.map((c) => c.id)).toEqual(fund.criteria.map((c) => c.id));
      fund = changed;
    });

    it('refuses a pot below what is awarded (409 naming the amount awarded), but allows exactly that amount', async () => {
      const error = await refused(
        () => officer.put(`/api/funds/${fund.id}`, same({ potPence: 899_999 })),
        409,
      );
      expect(error.message).toBe('The pot cannot be less than the £9,000 already awarded');
      expect(error.fields).toEqual({ potPence: 'The pot cannot be less than the £9,000 already awarded' });
      const response = await officer.put(
        `/api/funds/${fund.id}`,
        same({ potPence: 900_000, potChangeReason: 'What is left goes back to the council.' }),
      );
      expect(response.statusCode, response.body).toBe(200);
      const budget = (await officer.get(`/api/funds/${fund.id}/budget`)).json();
      expect(budget).toMatchObject({ potPence: 900_000, committedPence: 900_000, availablePence: 0 });
    });
  });

  describe('a fund not yet published', () => {
    let hidden: FundView;
    beforeAll(async () => {
      hidden = await createFund(t, officer, { published: false });
    });

    it('is shown to officers and admins, in the list and by id', async () => {
      for (const client of [officer, admin]) {
        const ids = ((await client.get('/api/funds')).json().funds as FundView[]).map((f) => f.id);
        expect(ids).toContain(hidden.id);
        expect((await client.get(`/api/funds/${hidden.id}`)).statusCode).toBe(200);
      }
    });

    it('is hidden from anonymous callers, applicants, assessors and finance: not listed, and 404 by id', async () => {
      const clients = [
        new Client(t.app),
        await signedIn(t.app, 'applicant@demo.test'),
        await signedIn(t.app, 'assessor@demo.test'),
        await signedIn(t.app, 'finance@demo.test'),
      ];
      for (const client of clients) {
        const ids = ((await client.get('/api/funds')).json().funds as FundView[]).map((f) => f.id);
        expect(ids).not.toContain(hidden.id);
        expectError(await client.get(`/api/funds/${hidden.id}`), 404, 'not_found');
      }
    });

    it('takes no bids: an applicant cannot start one in it (404)', async () => {
      const group = await applicantWithGroup(t.app, 'hidden-fund@example.org', { name: 'Hidden Fund Group' });
      await refused(
        () =>
          group.client.post('/api/bids', {
            fundId: hidden.id,
            organisationId: group.organisationId,
            eligibility: ELIGIBLE,
          }),
        404,
      );
    });

    it('appears to everyone once published', async () => {
      const response = await officer.put(
        `/api/funds/${hidden.id}`,
        body({
          ...Object.fromEntries(
            [
              'name',
              'code',
              'potPence',
              'capPence',
              'opensAt',
              'closesAt',
              'deliveryStartsOn',
              'deliveryEndsOn',
            ].map((key) => [key, hidden[key as keyof FundView]]),
          ),
          published: true,
        }),
      );
      expect(response.statusCode, response.body).toBe(200);
      expect((await new Client(t.app).get(`/api/funds/${hidden.id}`)).statusCode).toBe(200);
    });
  });
});
