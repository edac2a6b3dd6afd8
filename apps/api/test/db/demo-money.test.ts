// The demo's money part way through the year (issue 10, item 8; demo-money.ts): what the rows say,
// what the budget says, and that the work it leaves for finance can be done.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AWARDS_COUNT, DEMO_AWARDS_TOTAL_PENCE } from '../../src/seed/demo-assessment.js';
import { DEMO_GRANT_MONEY } from '../../src/seed/demo-money.js';
import { buildTestApp, type TestApp } from '../support/app.js';
import { type Client, signedIn } from '../support/client.js';
import { userIdOf } from '../support/database.js';

interface GrantRow {
  id: string;
  organisationId: string;
  name: string;
  status: string;
  award: number;
  issuedAt: string | null;
  issuedBy: string | null;
  offerDeadline: string | null;
  acceptedAt: string | null;
  acceptedBy: string | null;
  acceptedName: string | null;
  acceptedRole: string | null;
  members: number;
}

describe('the demo’s money', () => {
  let t: TestApp;
  let fundId: string;
  let finance: Client;
  let rows: GrantRow[];
  const byName = (name: string) => {
    const row = rows.find((g) => g.name === name);
    if (!row) throw new Error(`No demo grant for ${name}`);
    return row;
  };
  const story = (s: string) => Object.keys(DEMO_GRANT_MONEY).filter((n) => DEMO_GRANT_MONEY[n]?.story === s);
  const paymentsOf = (status: string) =>
    t.app.db.all<{
      grantId: string;
      amount: number;
      trigger: string;
      requestedBy: string;
      approvedBy: string | null;
      paidRecordedBy: string | null;
      paidOn: string | null;
      paidReference: string | null;
      requestedAt: string;
      approvedAt: string | null;
      bankAccountId: string;
    }>(sql`select grant_id as "grantId", amount_pence as amount, trigger, requested_by as "requestedBy",
             approved_by as "approvedBy", paid_recorded_by as "paidRecordedBy", paid_on as "paidOn",
             paid_reference as "paidReference", requested_at as "requestedAt", approved_at as "approvedAt",
             bank_account_id as "bankAccountId"
           from payments where fund_id = ${fundId} and status = ${status} order by rowid`);
  const firstInstalment = (grantId: string) =>
    t.app.db.get<{ amount: number }>(
      sql`select amount_pence as amount from grant_instalments where grant_id = ${grantId} and trigger = 'acceptance'`,
    )?.amount;
  const today = () => t.clock.now().toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await buildTestApp();
    fundId = t.app.db.get<{ id: string }>(sql`select id from funds where code = 'PCF'`)?.id ?? '';
    finance = await signedIn(t.app, 'finance@demo.test');
    rows = t.app.db.all<GrantRow>(
      sql`select g.id, g.organisation_id as "organisationId", o.name, g.status, a.amount_pence as award,
            g.issued_at as "issuedAt", g.issued_by as "issuedBy", g.offer_deadline as "offerDeadline",
            g.accepted_at as "acceptedAt", g.accepted_by as "acceptedBy", g.accepted_name as "acceptedName",
            g.accepted_role as "acceptedRole",
            (select count(*) from memberships m where m.organisation_id = g.organisation_id) as members
          from grants g join awards a on a.id = g.award_id join organisations o on o.id = g.organisation_id
          where g.fund_id = ${fundId}`,
    );
  });
  afterAll(async () => t.close());

  it('has the 19 grants and £215,000 the council awarded', () => {
    expect(rows).toHaveLength(DEMO_AWARDS_COUNT);
    expect(rows.reduce((sum, g) => sum + g.award, 0)).toBe(DEMO_AWARDS_TOTAL_PENCE);
  });

  it('has 14 offers issued by the officer and accepted by a member of the group, after they were issued', () => {
    const officer = userIdOf(t.app, 'officer@demo.test');
    // One of them has since completed its project (demo-reports.ts).
    const accepted = rows.filter((g) => g.status === 'in_delivery' || g.status === 'completed');
    expect(accepted.map((g) => g.name).sort()).toEqual([...story('paid'), ...story('waiting')].sort());
    expect(accepted).toHaveLength(14);
    for (const g of accepted) {
      expect(g.issuedBy, g.name).toBe(officer);
      expect(g.acceptedAt && g.issuedAt && g.acceptedAt > g.issuedAt, g.name).toBe(true);
      expect(g.acceptedName, g.name).toMatch(/\S+ \S+/);
      expect(g.acceptedRole, g.name).toBeTruthy();
      const member = t.app.db.get<{ n: number }>(
        sql`select count(*) as n from memberships where user_id = ${g.acceptedBy} and organisation_id = ${g.organisationId}`,
      );
      expect(member?.n, g.name).toBe(1);
      // The safeguarding policy, to be had before the first payment, ticked by the officer.
      const unmet = t.app.db.get<{ n: number }>(
        sql`select count(*) as n from grant_conditions where grant_id = ${g.id} and before_first_payment = 1
              and (met_at is null or met_by != ${officer})`,
      );
      expect(unmet?.n, g.name).toBe(0);
    }
  });

  it('paid the first instalment of 11 grants: asked for by the officer, approved and paid by finance@, with a reference', () => {
    const all = paymentsOf('paid');
    // Besides, the completed grant's final instalment (demo-reports.ts; see demo-reports.test.ts).
    expect(all.filter((p) => p.trigger !== 'acceptance').map((p) => p.trigger)).toEqual(['final_report']);
    const paid = all.filter((p) => p.trigger === 'acceptance');
    expect(paid).toHaveLength(11);
    const names = paid.map((p) => rows.find((g) => g.id === p.grantId)?.name).sort();
    expect(names).toEqual(story('paid').sort());
    const officer = userIdOf(t.app, 'officer@demo.test');
    const helen = userIdOf(t.app, 'finance@demo.test');
    for (const p of paid) {
      expect(p).toMatchObject({
        trigger: 'acceptance',
        requestedBy: officer,
        approvedBy: helen,
        paidRecordedBy: helen,
      });
      expect(p.amount).toBe(firstInstalment(p.grantId));
      expect(p.paidReference).toMatch(/^AP-2019-\d{4}$/);
      expect(p.paidOn && p.paidOn < today()).toBe(true);
      expect(p.approvedAt && p.approvedAt > p.requestedAt).toBe(true);
    }
    expect(new Set(paid.map((p) => p.paidReference)).size).toBe(11);
  });

  it('has three first payments asked for by the officer and waiting for finance’s approval', async () => {
    const waiting = paymentsOf('requested');
    expect(waiting.map((p) => rows.find((g) => g.id === p.grantId)?.name).sort()).toEqual(
      story('waiting').sort(),
    );
    expect(waiting).toHaveLength(3);
    for (const p of waiting) {
      expect(p.requestedBy).toBe(userIdOf(t.app, 'officer@demo.test'));
      expect(p.amount).toBe(firstInstalment(p.grantId));
    }
    const listed = (await finance.get('/api/payments/waiting')).json().payments;
    expect(listed.map((p: { grantId: string }) => p.grantId).sort()).toEqual(
      waiting.map((p) => p.grantId).sort(),
    );
  });

  it('has one group whose new bank details, given after the first check, are waiting for finance2@’s check', async () => {
    const langdyke = byName('Langdyke Countryside Trust');
    const accounts = t.app.db.all<{ id: string; checked: number; recordedBy: string }>(
      sql`select b.id, (select count(*) from bank_account_checks c where c.bank_account_id = b.id) as checked,
            b.recorded_by as "recordedBy"
          from bank_accounts b where b.organisation_id = ${langdyke.organisationId} order by b.recorded_at`,
    );
    expect(accounts.map((a) => a.checked)).toEqual([1, 0]);
    expect(accounts[1]?.recordedBy).toBe(langdyke.acceptedBy);
    const finance2 = await signedIn(t.app, 'finance2@demo.test');
    const toCheck = (await finance2.get('/api/bank-accounts/to-check')).json().accounts;
    expect(toCheck.map((a: { id: string }) => a.id)).toEqual([accounts[1]?.id]);
    // Every other accepted group's current account was checked by finance2@ on a number from the records.
    const checked = t.app.db.get<{ n: number }>(
      sql`select count(*) as n from bank_account_checks where checked_by = ${userIdOf(t.app, 'finance2@demo.test')}
            and number_from_records = 1`,
    );
    expect(checked?.n).toBe(14);
  });

  it('has no money back in the pot yet, so PRODUCT.md’s £215,000 committed and £85,000 left hold', () => {
    const returns = t.app.db.get<{ n: number }>(
      sql`select count(*) as n from money_returns where fund_id = ${fundId}`,
    );
    expect(returns?.n).toBe(0);
  });

  it('keeps Vytis’s offer and three others, of groups with no member, as drafts; one offer is issued and not answered yet', () => {
    const drafts = rows.filter((g) => g.status === 'offered' && g.issuedAt === null);
    expect(drafts.map((g) => g.name)).toContain('Basketball Club Vytis');
    expect(drafts).toHaveLength(4);
    expect(drafts.filter((g) => g.members === 0)).toHaveLength(3);
    const issued = rows.filter((g) => g.status === 'offered' && g.issuedAt !== null);
    expect(issued.map((g) => g.name)).toEqual(story('issued'));
    expect((issued[0]?.offerDeadline ?? '') > today()).toBe(true);
    expect(issued[0]?.members).toBe(1);
  });

  it('lets the member of the group with the unanswered offer sign in with the demo password and read it', async () => {
    const grant = byName('East Ward Bike Kitchen');
    const member = await signedIn(t.app, 'contact@east-ward-bike-kitchen.demo.test');
    const read = await member.get(`/api/grants/${grant.id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.body).toContain(grant.offerDeadline ?? 'no deadline');
    // A member of another group sees nothing of it.
    const vytis = await signedIn(t.app, 'applicant2@demo.test');
    expect((await vytis.get(`/api/grants/${grant.id}`)).statusCode).toBe(404);
  });

  it('writes each paid grant’s story to the audit trail in the order it happened', () => {
    const grant = byName('Bainton and Ashton Parish Council');
    const actions = t.app.db
      .all<{ action: string }>(
        sql`select action from audit_events where entity_type = 'grant' and entity_id = ${grant.id} order by id`,
      )
      .map((e) => e.action);
    expect(actions).toEqual([
      'grant.offered',
      'grant.offer_issued',
      'grant.accepted',
      'grant.condition_met',
      'payment.requested',
      'payment.approved',
      'payment.paid',
      // Its project completed and its final instalment paid (demo-reports.ts).
      'grant.completed',
      'payment.requested',
      'payment.approved',
      'payment.paid',
    ]);
    // The assessment's and the money's events are written together, oldest first (demo-bids.ts writes its own before).
    const trail = t.app.db.all<{ at: string; action: string }>(
      sql`select created_at as at, action from audit_events order by id`,
    );
    const from = trail.findIndex((e) => e.at.startsWith('2019'));
    const to = trail.findIndex((e) => e.action === 'system.demo_seeded');
    const written = trail.slice(from, to);
    expect(written.length).toBeGreaterThan(100);
    const atsInOrder = written.every((e, i) => i === 0 || (written[i - 1]?.at ?? '') <= e.at);
    expect(atsInOrder).toBe(true);
  });

  it('agrees with the budget: £215,000 awarded and committed, £85,000 left, and what was paid', async () => {
    const budget = (await finance.get(`/api/funds/${fundId}/budget`)).json();
    const paidTotal = paymentsOf('paid').reduce((sum, p) => sum + p.amount, 0);
    const completed = byName('Bainton and Ashton Parish Council');
    const finalInstalment = t.app.db.get<{ amount: number }>(
      sql`select amount_pence as amount from grant_instalments where grant_id = ${completed.id} and trigger = 'final_report'`,
    )?.amount;
    expect(paidTotal).toBe(
      story('paid').reduce((sum, name) => sum + (firstInstalment(byName(name).id) ?? 0), 0) +
        (finalInstalment ?? Number.NaN),
    );
    expect(budget).toMatchObject({
      potPence: 30_000_000,
      committedPence: DEMO_AWARDS_TOTAL_PENCE,
      returnedPence: 0,
      availablePence: 8_500_000,
      paidPence: paidTotal,
      awardsCount: 19,
    });
    const csv = await finance.get(`/api/funds/${fundId}/payments.csv`);
    expect(csv.body.trim().split('\r\n')).toHaveLength(1 + 11 + 1);
  });

  // Last: it changes the demo. What the demo leaves finance to do can be done.
  it('lets finance@ approve a waiting payment, and finance2@ check the changed bank details', async () => {
    const [payment] = t.app.db.all<{ id: string }>(
      sql`select id from payments where fund_id = ${fundId} and status = 'requested' order by rowid limit 1`,
    );
    const approved = await finance.post(`/api/payments/${payment?.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    const finance2 = await signedIn(t.app, 'finance2@demo.test');
    const [account] = (await finance2.get('/api/bank-accounts/to-check')).json().accounts;
    const checked = await finance2.post(`/api/bank-accounts/${account.id}/check`, {
      phoneNumber: '01632 960 999',
      numberFromRecords: true,
    });
    expect(checked.statusCode, checked.body).toBe(200);
  });
});
