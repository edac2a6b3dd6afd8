import { financialYearOf } from '@cf/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payableGrant } from '../../builders/payments.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { expectError, refusedChangingNothing } from '../../support/errors.js';

interface Months {
  financialYear: number;
  label: string;
  months: { month: string; committedPence: number; paidPence: number }[];
}

/** Issue 10, item 6: committed and paid month by month across the financial year (April to March). */
describe('a fund’s money month by month (GET /api/funds/:fundId/months)', () => {
  let t: TestApp;
  let finance: Client;
  let grant: Awaited<ReturnType<typeof payableGrant>>;

  beforeAll(async () => {
    t = await buildTestApp();
    finance = await signedIn(t.app, 'finance@demo.test');
    grant = await payableGrant(t);
  });
  afterAll(async () => t.close());

  const months = async (year: number): Promise<Months> => {
    const response = await finance.get(`/api/funds/${grant.fundId}/months?year=${year}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Months;
  };
  /** Every financial year the fund's awards and payments fall in, added up. */
  const allYears = async () => {
    const dates = t.app.db.all<{ d: string }>(
      sql`select substr(awarded_at, 1, 10) as d from awards where fund_id = ${grant.fundId}
          union select paid_on from payments where fund_id = ${grant.fundId} and paid_on is not null`,
    );
    const years = dates.map((row) => financialYearOf(row.d));
    let committed = 0;
    let paid = 0;
    for (let year = Math.min(...years) - 1; year <= Math.max(...years) + 1; year++) {
      for (const month of (await months(year)).months) {
        committed += month.committedPence;
        paid += month.paidPence;
      }
    }
    return { committed, paid };
  };
  const budget = async () =>
    (await finance.get(`/api/funds/${grant.fundId}/budget`)).json() as {
      committedPence: number;
      paidPence: number;
    };

  it('gives the twelve months from April, named, and adds up across the years to the budget', async () => {
    const now = await finance.get(`/api/funds/${grant.fundId}/months`);
    const body = now.json() as Months;
    expect(body.months).toHaveLength(12);
    expect(body.months[0]?.month).toBe(`${body.financialYear}-04`);
    expect(body.months[11]?.month).toBe(`${body.financialYear + 1}-03`);
    expect(body.label).toBe(
      `${body.financialYear}/${String((body.financialYear + 1) % 100).padStart(2, '0')}`,
    );
    const sums = await allYears();
    expect(sums.committed).toBe((await budget()).committedPence);
    expect(sums.paid).toBe((await budget()).paidPence);
  });

  it('puts a payment in the month it was paid, and its money back in the month it came back', async () => {
    const officer = await signedIn(t.app, 'officer@demo.test');
    const asked = await officer.post(`/api/grants/${grant.grantId}/payments`, {
      amountPence: 2_000_00,
      trigger: 'acceptance',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const id = asked.json().id as string;
    expect((await finance.post(`/api/payments/${id}/approve`)).statusCode).toBe(200);
    const paidOn = t.clock.now().toISOString().slice(0, 10);
    const paid = await finance.post(`/api/payments/${id}/paid`, { paidOn, paidReference: 'AP-M-1' });
    expect(paid.statusCode, paid.body).toBe(200);
    const before = (await months(financialYearOf(paidOn))).months.find((m) => m.month === paidOn.slice(0, 7));
    const returned = await finance.post(`/api/grants/${grant.grantId}/returns`, {
      amountPence: 150_00,
      receivedOn: paidOn,
      reason: 'Unspent',
      receiptReference: 'RC-M-1',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    const after = (await months(financialYearOf(paidOn))).months.find((m) => m.month === paidOn.slice(0, 7));
    expect(after?.paidPence).toBe(before?.paidPence ?? 0);
    expect(after?.committedPence).toBe((before?.committedPence ?? 0) - 150_00);
    const sums = await allYears();
    expect(sums).toEqual({ committed: (await budget()).committedPence, paid: (await budget()).paidPence });
    expect(sums.paid).toBeGreaterThanOrEqual(2_000_00);
  });

  it('refuses a year it cannot read (400 on the field), other people (403), and an unknown fund (404)', async () => {
    const error = expectError(await finance.get(`/api/funds/${grant.fundId}/months?year=twenty`), 400);
    expect(error.fields?.year).toMatch(/year the financial year starts in/);
    const applicant = await signedIn(t.app, 'applicant@demo.test');
    await refusedChangingNothing(t.app, () => applicant.get(`/api/funds/${grant.fundId}/months`), 403);
    expectError(await finance.get(`/api/funds/${crypto.randomUUID()}/months`), 404);
  });
});
