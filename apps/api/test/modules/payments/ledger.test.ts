import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvRows, csvTotalPence, payableGrant } from '../../builders/payments.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { auditSince, lastAuditId } from '../../support/database.js';
import { refusedChangingNothing } from '../../support/errors.js';

describe('returned money, ending early, the budget and the ledger', () => {
  let t: TestApp;
  let officer: Client;
  let finance: Client;
  let grant: Awaited<ReturnType<typeof payableGrant>>;
  const today = () => t.clock.now().toISOString().slice(0, 10);
  const budget = async () => (await finance.get(`/api/funds/${grant.fundId}/budget`)).json();
  const csv = async (client: Client = finance, query = '') =>
    client.get(`/api/funds/${grant.fundId}/payments.csv${query}`);

  async function paid(amountPence: number, reference = 'AP-1'): Promise<string> {
    const asked = await officer.post(`/api/grants/${grant.grantId}/payments`, {
      amountPence,
      trigger: 'acceptance',
    });
    const id = asked.json().id as string;
    await finance.post(`/api/payments/${id}/approve`);
    const done = await finance.post(`/api/payments/${id}/paid`, {
      paidOn: today(),
      paidReference: reference,
    });
    if (done.statusCode !== 200) throw new Error(done.body);
    return id;
  }

  const returned = (body: Record<string, unknown>, client: Client = finance) =>
    client.post(`/api/grants/${grant.grantId}/returns`, {
      amountPence: 500_00,
      receivedOn: today(),
      reason: 'Unspent: the hall was free',
      receiptReference: 'RCPT-0042',
      ...body,
    });

  beforeEach(async () => {
    t = await buildTestApp();
    officer = await signedIn(t.app, 'officer@demo.test');
    finance = await signedIn(t.app, 'finance@demo.test');
    grant = await payableGrant(t);
  });
  afterEach(async () => t.close());

  it('counts paid (less reversals) and returned money in the budget, its shape unchanged', async () => {
    const before = await budget();
    // The demo's first instalments, paid in 2019 (demo-money.ts).
    const demoPaid = t.app.db.get<{ n: number }>(
      sql`select coalesce(sum(amount_pence), 0) as n from payments where fund_id = ${grant.fundId} and status = 'paid'`,
    )?.n;
    expect(before.paidPence).toBe(demoPaid);
    const first = await paid(12_000_00);
    expect((await budget()).paidPence).toBe(before.paidPence + 12_000_00);
    await finance.post(`/api/payments/${first}/reverse`, {
      reason: 'Wrong',
      reversedOn: today(),
      paidReference: 'AP-1-R',
    });
    await paid(10_000_00, 'AP-2');
    await returned({ amountPence: 1_234_56 });
    const after = await budget();
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(after).toMatchObject({
      paidPence: before.paidPence + 10_000_00,
      returnedPence: before.returnedPence + 1_234_56,
      committedPence: before.committedPence - 1_234_56,
      availablePence: before.availablePence + 1_234_56,
    });
  });

  it('exports the ledger for the finance system: date, payee, amount, reference, cost centre, account code — adding up to the budget’s paid figure', async () => {
    const first = await paid(12_000_00);
    await finance.post(`/api/payments/${first}/reverse`, {
      reason: 'Wrong',
      reversedOn: today(),
      paidReference: 'AP-1-R',
    });
    await paid(10_000_50, 'AP-2');
    // Asked for but not paid: not in the ledger.
    await officer.post(`/api/grants/${grant.grantId}/payments`, {
      amountPence: 100,
      trigger: 'final_report',
    });
    const response = await csv();
    expect(response.statusCode, response.body).toBe(200);
    // Today's rows: the demo's own payments were paid in 2019.
    const todays = await csv(finance, `?from=${today()}`);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="PCF-payments.csv"');
    const rows = csvRows(response.body);
    expect(rows[0]).toEqual([
      'Date',
      'Payee',
      'Amount',
      'Reference',
      'Cost centre',
      'Account code',
      'Finance system reference',
    ]);
    const reference = t.app.db.get<{ reference: string }>(
      sql`select b.reference from grants g join bids b on b.id = g.bid_id where g.id = ${grant.grantId}`,
    )?.reference;
    expect(csvRows(todays.body)[0]).toEqual(rows[0]);
    expect(csvRows(todays.body).slice(1)).toEqual([
      [today(), 'BC VYTIS', '12000.00', reference, 'CF100', '5810', 'AP-1'],
      [today(), 'BC VYTIS', '-12000.00', reference, 'CF100', '5810', 'AP-1-R'],
      [today(), 'BC VYTIS', '10000.50', reference, 'CF100', '5810', 'AP-2'],
    ]);
    // A negative amount is a number, not a formula escaped as text.
    expect(response.body).toContain(',-12000.00,');
    expect(csvTotalPence(response.body)).toBe((await budget()).paidPence);
    expect(csvTotalPence((await csv(finance, '?from=2999-01-01')).body)).toBe(0);
  });

  it('lists the fund’s payments by status and dates, for finance and officers only', async () => {
    await paid(1_000_00);
    await officer.post(`/api/grants/${grant.grantId}/payments`, {
      amountPence: 100,
      trigger: 'final_report',
    });
    // The demo's other grants have payments of their own (demo-money.ts): look at this grant's.
    const mine = (p: { grantId: string }) => p.grantId === grant.grantId;
    const all = (await officer.get(`/api/funds/${grant.fundId}/payments`)).json().payments;
    expect(all.filter(mine).map((p: { status: string }) => p.status)).toEqual(['paid', 'requested']);
    const waiting = (await finance.get(`/api/funds/${grant.fundId}/payments?status=requested`)).json()
      .payments;
    expect(waiting.filter(mine)).toHaveLength(1);
    expect(waiting.every((p: { status: string }) => p.status === 'requested')).toBe(true);
    expect(waiting.length).toBeLessThan(all.length);
    expect(
      (await finance.get(`/api/funds/${grant.fundId}/payments?from=2999-01-01`)).json().payments,
    ).toEqual([]);
    await refusedChangingNothing(
      t.app,
      () => finance.get(`/api/funds/${grant.fundId}/payments?status=lost`),
      400,
    );
    for (const who of ['applicant2@demo.test', 'assessor@demo.test', 'admin@demo.test']) {
      const client = await signedIn(t.app, who);
      await refusedChangingNothing(t.app, () => csv(client), 403);
    }
    expect((await csv(officer)).statusCode).toBe(200);
  });

  it('lists the fund’s grants with what each was awarded, paid, has on its way and gave back', async () => {
    await paid(2_000_00);
    await officer.post(`/api/grants/${grant.grantId}/payments`, {
      amountPence: 500_00,
      trigger: 'acceptance',
    });
    await returned({ amountPence: 100_00 });
    const list = (await finance.get(`/api/funds/${grant.fundId}/grants-money`)).json().grants;
    expect(list).toHaveLength(19);
    expect(list.find((g: { grantId: string }) => g.grantId === grant.grantId)).toMatchObject({
      organisationName: 'Basketball Club Vytis',
      status: 'in_delivery',
      awardPence: 15_000_00,
      paidPence: 2_000_00,
      inFlightPence: 500_00,
      returnedPence: 100_00,
    });
    expect((await officer.get(`/api/funds/${grant.fundId}/grants-money`)).statusCode).toBe(200);
    for (const who of ['applicant2@demo.test', 'assessor@demo.test']) {
      const client = await signedIn(t.app, who);
      await refusedChangingNothing(t.app, () => client.get(`/api/funds/${grant.fundId}/grants-money`), 403);
    }
  });

  it('records money paid back, never more than was paid less what came back, audited', async () => {
    const none = await refusedChangingNothing(t.app, () => returned({}), 409);
    expect(none.message).toBe('Only £0 has been paid and not returned');
    await paid(1_000_00);
    const since = lastAuditId(t.app);
    const ok = await returned({ amountPence: 600_00 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().returns).toEqual([
      expect.objectContaining({
        kind: 'returned',
        amountPence: 600_00,
        receiptReference: 'RCPT-0042',
        receivedOn: today(),
      }),
    ]);
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({ action: 'grant.money_returned', entityId: grant.grantId }),
    ]);
    const more = await refusedChangingNothing(t.app, () => returned({ amountPence: 400_01 }), 409);
    expect(more.message).toBe('Only £400 has been paid and not returned');
    const bad = await refusedChangingNothing(
      t.app,
      () => returned({ amountPence: 0, receivedOn: 'yesterday', reason: '', receiptReference: '' }),
      400,
    );
    expect(Object.keys(bad.fields ?? {}).sort()).toEqual([
      'amountPence',
      'reason',
      'receiptReference',
      'receivedOn',
    ]);
    for (const who of ['applicant2@demo.test', 'assessor@demo.test']) {
      const client = await signedIn(t.app, who);
      await refusedChangingNothing(t.app, () => returned({ amountPence: 1 }, client), 404);
    }
  });

  it('gives returned money back to the pot the panel spends from: its available figure rises', async () => {
    const scored = t.app.db.get<{ id: string }>(
      sql`select id from bids where fund_id = ${grant.fundId} and status = 'scored' limit 1`,
    );
    if (!scored) throw new Error('No scored demo bid to check a panel decision on');
    const panelAvailable = async () => {
      const response = await officer.post(`/api/funds/${grant.fundId}/panel-decisions/check`, {
        panelDate: today(),
        decisions: [{ bidId: scored.id, decision: { outcome: 'defer' } }],
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json().availablePence as number;
    };
    const before = await panelAvailable();
    const budgetBefore = (await budget()).availablePence;
    expect(before).toBe(budgetBefore);
    await paid(2_000_00);
    await returned({ amountPence: 750_00 });
    expect(await panelAvailable()).toBe(before + 750_00);
    expect((await budget()).availablePence).toBe(budgetBefore + 750_00);
  });

  it('ends a grant early: why, what was never paid back to the pot, and what the group still owes', async () => {
    await paid(10_000_00);
    const waiting = (
      await officer.post(`/api/grants/${grant.grantId}/payments`, {
        amountPence: 100_00,
        trigger: 'final_report',
      })
    ).json();
    const end = (body: Record<string, unknown>, client: Client = officer) =>
      client.post(`/api/grants/${grant.grantId}/end-early`, {
        reason: 'The club has folded',
        owedBackPence: 2_500_00,
        ...body,
      });
    const inFlight = await refusedChangingNothing(t.app, () => end({}), 409);
    expect(inFlight.message).toMatch(/pay or reject them/);
    await finance.post(`/api/payments/${waiting.id}/reject`, { reason: 'Ending early' });
    const tooMuch = await refusedChangingNothing(t.app, () => end({ owedBackPence: 10_000_01 }), 400);
    expect(tooMuch.fields?.owedBackPence).toMatch(/£10,000 paid and not yet returned/);
    await refusedChangingNothing(t.app, () => end({}, finance), 403);
    const before = await budget();
    const since = lastAuditId(t.app);
    const ended = await end({});
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({
      grant: { status: 'ended_early' },
      ending: { reason: 'The club has folded', owedBackPence: 2_500_00 },
      returns: [expect.objectContaining({ kind: 'released', amountPence: 5_000_00 })],
    });
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['grant.ended_early']);
    expect(await budget()).toMatchObject({
      committedPence: before.committedPence - 5_000_00,
      availablePence: before.availablePence + 5_000_00,
    });
    // What is owed comes back as money paid back; no more payments.
    expect((await returned({ amountPence: 2_500_00 })).statusCode).toBe(200);
    await refusedChangingNothing(
      t.app,
      () =>
        officer.post(`/api/grants/${grant.grantId}/payments`, { amountPence: 100, trigger: 'final_report' }),
      409,
    );
    await refusedChangingNothing(t.app, () => end({}), 409);
  });

  it('releases what a reversal un-pays on a grant ended early, so committed stays what was really paid', async () => {
    const first = await paid(4_000_00, 'AP-1');
    await paid(6_000_00, 'AP-2');
    await officer.post(`/api/grants/${grant.grantId}/end-early`, { reason: 'Folded', owedBackPence: 0 });
    const before = await budget();
    const reversed = await finance.post(`/api/payments/${first}/reverse`, {
      reason: 'Paid twice by mistake',
      reversedOn: today(),
      paidReference: 'AP-1-R',
    });
    expect(reversed.statusCode, reversed.body).toBe(201);
    const after = await budget();
    expect(after).toMatchObject({
      paidPence: before.paidPence - 4_000_00,
      committedPence: before.committedPence - 4_000_00,
      availablePence: before.availablePence + 4_000_00,
    });
    const money = (await finance.get(`/api/grants/${grant.grantId}/money`)).json();
    expect(money.money.paidPence).toBe(6_000_00);
  });
});
