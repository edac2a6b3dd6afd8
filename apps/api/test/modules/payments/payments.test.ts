import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  acceptGrant,
  checkedBankDetails,
  databaseRefuses,
  firstPaymentConditionsMet,
  GOOD_ACCOUNT,
  payableGrant,
} from '../../builders/payments.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { auditSince, lastAuditId, userIdOf } from '../../support/database.js';
import { expectError, refusedChangingNothing } from '../../support/errors.js';

describe('payments: two people, never more than the award', () => {
  let t: TestApp;
  let officer: Client;
  let finance: Client;
  let grant: Awaited<ReturnType<typeof payableGrant>>;

  beforeEach(async () => {
    t = await buildTestApp();
    officer = await signedIn(t.app, 'officer@demo.test');
    finance = await signedIn(t.app, 'finance@demo.test');
    grant = await payableGrant(t);
  });
  afterEach(async () => t.close());

  const ask = (client: Client, amountPence: number, key?: string) =>
    client.request('POST', `/api/grants/${grant.grantId}/payments`, {
      body: { amountPence, trigger: 'acceptance' },
      headers: key ? { 'idempotency-key': key } : {},
    });
  const paymentRows = () =>
    t.app.db.all<{ id: string; amount_pence: number; status: string }>(
      sql`select id, amount_pence, status from payments where grant_id = ${grant.grantId} order by rowid`,
    );
  const today = () => t.clock.now().toISOString().slice(0, 10);

  it('is asked for by an officer, approved by finance, recorded as paid: each step audited', async () => {
    let since = lastAuditId(t.app);
    const asked = await ask(officer, 12_000_00);
    expect(asked.statusCode, asked.body).toBe(201);
    const payment = asked.json();
    expect(payment).toMatchObject({
      amountPence: 12_000_00,
      status: 'requested',
      trigger: 'acceptance',
      requestedById: userIdOf(t.app, 'officer@demo.test'),
      bankAccountId: grant.bankAccountId,
      payee: 'BC VYTIS (****3445)',
    });
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['payment.requested']);
    since = lastAuditId(t.app);
    const approved = await finance.post(`/api/payments/${payment.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', approvedByName: expect.any(String) });
    const paid = await finance.post(`/api/payments/${payment.id}/paid`, {
      paidOn: today(),
      paidReference: 'AP-2019-0101',
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'paid', paidOn: today(), paidReference: 'AP-2019-0101' });
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['payment.approved', 'payment.paid']);
    const money = (await finance.get(`/api/grants/${grant.grantId}/money`)).json();
    expect(money.money).toMatchObject({
      awardPence: 15_000_00,
      paidPence: 12_000_00,
      inFlightPence: 0,
      unpaidPence: 3_000_00,
    });
  });

  it('refuses more than is left of the award, counting what is paid and on its way (409, nothing changed)', async () => {
    await ask(officer, 10_000_00);
    const error = await refusedChangingNothing(t.app, () => ask(officer, 5_000_01), 409, 'conflict');
    expect(error.message).toBe('This is more than is left to pay on the grant: £5,000 of the £15,000 award');
    expect(error.fields?.amountPence).toBeDefined();
    expect((await ask(officer, 5_000_00)).statusCode).toBe(201);
  });

  it('refuses zero, negative and fractional pence (400 field by field)', async () => {
    for (const amountPence of [0, -100, 12.5]) {
      const error = await refusedChangingNothing(
        t.app,
        () => ask(officer, amountPence),
        400,
        'validation_failed',
      );
      expect(Object.keys(error.fields ?? {})).toEqual(['amountPence']);
    }
  });

  it('waits for every condition to be met before the first payment, naming what is missing (409)', async () => {
    const other = t.app.db.get<{ id: string; organisationId: string }>(
      sql`select id, organisation_id as "organisationId" from grants
          where status = 'offered' and id != ${grant.grantId} limit 1`,
    );
    const grantId = other?.id ?? '';
    const draft = (await officer.get(`/api/grants/${grantId}`)).json() as {
      version: number;
      purpose: string;
      offerDeadline: string | null;
      instalments: { trigger: string; amountPence: number }[];
    };
    const changed = await officer.put(`/api/grants/${grantId}/offer`, {
      version: draft.version,
      purpose: draft.purpose,
      offerDeadline: draft.offerDeadline,
      instalments: draft.instalments.map(({ trigger, amountPence }) => ({ trigger, amountPence })),
      conditions: [{ text: 'Show us your signed constitution', beforeFirstPayment: true }],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const member = await acceptGrant(t, grantId);
    await firstPaymentConditionsMet(t, grantId, ['Show us your signed constitution']);
    await checkedBankDetails(t, member, other?.organisationId ?? '');
    const askFor = () =>
      officer.post(`/api/grants/${grantId}/payments`, { amountPence: 100_00, trigger: 'acceptance' });
    const error = await refusedChangingNothing(t.app, askFor, 409);
    expect(error.message).toMatch(/Condition not met yet: Show us your signed constitution/);

    const conditions = (
      (await officer.get(`/api/grants/${grantId}`)).json() as {
        conditions: { id: string; text: string }[];
      }
    ).conditions;
    const constitution = conditions.find((c) => c.text === 'Show us your signed constitution');
    const met = await officer.post(`/api/grants/${grantId}/conditions/${constitution?.id}/met`);
    expect(met.statusCode, met.body).toBe(200);
    expect((await askFor()).statusCode).toBe(201);
  });

  it('refuses a grant whose offer is not accepted', async () => {
    const other = t.app.db.get<{ id: string }>(
      sql`select id from grants where status = 'offered' and id != ${grant.grantId} limit 1`,
    );
    const error = await refusedChangingNothing(
      t.app,
      () => officer.post(`/api/grants/${other?.id}/payments`, { amountPence: 100_00, trigger: 'acceptance' }),
      409,
      'invalid_state',
    );
    expect(error.message).toMatch(/offered, so no payment can be asked for/);
  });

  it('refuses a group with no bank details, or whose newest details are unchecked: at request, approval and paid', async () => {
    const asked = (await ask(officer, 1_000_00)).json();
    const approvedOne = (await ask(officer, 1_000_00)).json();
    expect((await finance.post(`/api/payments/${approvedOne.id}/approve`)).statusCode).toBe(200);
    // The group changes its details: unchecked now.
    t.clock.advance(1000);
    await grant.member.put(`/api/organisations/${grant.organisationId}/bank-account`, {
      ...GOOD_ACCOUNT,
      accountNumber: '55556666',
    });
    const atRequest = await refusedChangingNothing(t.app, () => ask(officer, 1_000_00), 409);
    expect(atRequest.message).toMatch(/not checked them yet/);
    await refusedChangingNothing(t.app, () => finance.post(`/api/payments/${asked.id}/approve`), 409);
    await refusedChangingNothing(
      t.app,
      () => finance.post(`/api/payments/${approvedOne.id}/paid`, { paidOn: today(), paidReference: 'AP-1' }),
      409,
    );
    // Checked again, the new account is not the one those payments were asked for.
    const newest = (await finance.get(`/api/organisations/${grant.organisationId}/bank-account`)).json()
      .account;
    const finance2 = await signedIn(t.app, 'finance2@demo.test');
    await finance2.post(`/api/bank-accounts/${newest.id}/check`, {
      phoneNumber: '01733 555 0100',
      numberFromRecords: true,
    });
    const changed = await refusedChangingNothing(
      t.app,
      () => finance.post(`/api/payments/${asked.id}/approve`),
      409,
    );
    expect(changed.message).toMatch(/changed its bank details since this payment was asked for/);

    // A group with no bank details at all.
    const bare = t.app.db.get<{ id: string }>(
      sql`select id from grants where status = 'offered' and id != ${grant.grantId} limit 1`,
    );
    await acceptGrant(t, bare?.id ?? '');
    await firstPaymentConditionsMet(t, bare?.id ?? '');
    const none = await refusedChangingNothing(
      t.app,
      () => officer.post(`/api/grants/${bare?.id}/payments`, { amountPence: 100_00, trigger: 'acceptance' }),
      409,
    );
    expect(none.message).toMatch(/has not given its bank details/);
  });

  it('is never approved by the person who asked for it (403, audited), nor by an officer', async () => {
    // finance@ also holds the officer role and asks for a payment...
    t.app.db.run(
      sql`insert into user_roles (id, user_id, role) values ('r-fin-off', ${userIdOf(t.app, 'finance@demo.test')}, 'officer')`,
    );
    const own = (await ask(finance, 1_000_00)).json();
    expect(own.status).toBe('requested');
    const refused = await refusedChangingNothing(
      t.app,
      () => finance.post(`/api/payments/${own.id}/approve`),
      403,
    );
    expect(refused.message).toBe(
      'You asked for this payment, so someone else with the finance role must approve it',
    );
    const byOfficer = (await ask(officer, 1_000_00)).json();
    await refusedChangingNothing(t.app, () => officer.post(`/api/payments/${byOfficer.id}/approve`), 403);
    await refusedChangingNothing(
      t.app,
      () => officer.post(`/api/payments/${byOfficer.id}/paid`, { paidOn: today(), paidReference: 'X' }),
      403,
    );
    // The database holds the rule too.
    databaseRefuses(
      () =>
        t.app.db.run(
          sql`update payments set status = 'approved', approved_by = requested_by where id = ${own.id}`,
        ),
      /someone other than who asked/,
    );
  });

  it('is never approved by the finance user who checked (or recorded) the account it goes to', async () => {
    const payment = (await ask(officer, 1_000_00)).json();
    const finance2 = await signedIn(t.app, 'finance2@demo.test'); // checked the account in set-up
    const refused = await refusedChangingNothing(
      t.app,
      () => finance2.post(`/api/payments/${payment.id}/approve`),
      403,
    );
    expect(refused.message).toMatch(/recorded or checked the bank details/);
  });

  it('is never approved by the finance user who recorded the change of account it goes to', async () => {
    const financeId = userIdOf(t.app, 'finance@demo.test');
    t.app.db.run(
      sql`insert into memberships (organisation_id, user_id) values (${grant.organisationId}, ${financeId})`,
    );
    t.clock.advance(1000);
    const changed = await finance.put(`/api/organisations/${grant.organisationId}/bank-account`, {
      ...GOOD_ACCOUNT,
      accountNumber: '44443333',
    });
    const finance2 = await signedIn(t.app, 'finance2@demo.test');
    await finance2.post(`/api/bank-accounts/${changed.json().id}/check`, {
      phoneNumber: '01733 555 0100',
      numberFromRecords: true,
    });
    t.app.db.run(
      sql`delete from memberships where organisation_id = ${grant.organisationId} and user_id = ${financeId}`,
    );
    const payment = (await ask(officer, 1_000_00)).json();
    expect(payment.bankAccountId).toBe(changed.json().id);
    const refused = await refusedChangingNothing(
      t.app,
      () => finance.post(`/api/payments/${payment.id}/approve`),
      403,
    );
    expect(refused.message).toMatch(/recorded or checked the bank details/);
  });

  it('is out of reach of applicants and assessors, even the group’s own members', async () => {
    const payment = (await ask(officer, 1_000_00)).json();
    for (const who of ['applicant2@demo.test', 'applicant@demo.test', 'assessor@demo.test']) {
      const client = await signedIn(t.app, who);
      await refusedChangingNothing(t.app, () => ask(client, 100), 404);
      await refusedChangingNothing(t.app, () => client.get(`/api/grants/${grant.grantId}/money`), 404);
      await refusedChangingNothing(t.app, () => client.post(`/api/payments/${payment.id}/approve`), 404);
      await refusedChangingNothing(
        t.app,
        () => client.post(`/api/payments/${payment.id}/reject`, { reason: 'No' }),
        404,
      );
      await refusedChangingNothing(t.app, () => client.get('/api/payments/waiting'), 403);
      await refusedChangingNothing(t.app, () => client.get(`/api/funds/${grant.fundId}/payments`), 403);
    }
  });

  it('is rejected with a reason, and a rejected or paid payment moves no further (409 naming its state)', async () => {
    const payment = (await ask(officer, 1_000_00)).json();
    const noReason = await refusedChangingNothing(
      t.app,
      () => finance.post(`/api/payments/${payment.id}/reject`, { reason: ' ' }),
      400,
    );
    expect(Object.keys(noReason.fields ?? {})).toEqual(['reason']);
    const rejected = await finance.post(`/api/payments/${payment.id}/reject`, { reason: 'Wrong instalment' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectedReason: 'Wrong instalment' });
    const again = await refusedChangingNothing(
      t.app,
      () => finance.post(`/api/payments/${payment.id}/approve`),
      409,
    );
    expect(again.message).toBe('This payment was rejected, so it cannot be approved');
    // Rejected money is free to ask for again.
    expect((await ask(officer, 15_000_00)).statusCode).toBe(201);
  });

  it('records one payment for the same Idempotency-Key sent twice, one after the other or at once', async () => {
    const first = await ask(officer, 2_000_00, 'key-1');
    const second = await ask(officer, 2_000_00, 'key-1');
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    const together = await Promise.all([ask(officer, 3_000_00, 'key-2'), ask(officer, 3_000_00, 'key-2')]);
    expect(together.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(together[0]?.json().id).toBe(together[1]?.json().id);
    expect(paymentRows().map((p) => p.amount_pence)).toEqual([2_000_00, 3_000_00]);
    const reused = await refusedChangingNothing(t.app, () => ask(officer, 9_00, 'key-1'), 409);
    expect(reused.message).toMatch(/already used for a different payment/);
    // Without a key, each request is a new payment.
    await ask(officer, 1_00);
    await ask(officer, 1_00);
    expect(paymentRows()).toHaveLength(4);
  });

  it('lets one of two approvals at once win; the other is told it is approved already (409)', async () => {
    const payment = (await ask(officer, 1_000_00)).json();
    const otherSession = await signedIn(t.app, 'finance@demo.test');
    const answers = await Promise.all([
      finance.post(`/api/payments/${payment.id}/approve`),
      otherSession.post(`/api/payments/${payment.id}/approve`),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const loser = answers.find((a) => a.statusCode === 409);
    if (!loser) throw new Error('no loser');
    expect(expectError(loser, 409).message).toBe(
      'This payment is approved and waiting to be paid, so it cannot be approved',
    );
    expect(
      t.app.db.all(
        sql`select 1 from audit_events where action = 'payment.approved' and after like ${`%${payment.id}%`}`,
      ),
    ).toHaveLength(1);
  });

  it('corrects a paid payment only by a reversing entry (finance; audited); the payment itself never changes', async () => {
    const payment = (await ask(officer, 12_000_00)).json();
    await finance.post(`/api/payments/${payment.id}/approve`);
    await finance.post(`/api/payments/${payment.id}/paid`, { paidOn: today(), paidReference: 'AP-1' });
    const body = { reason: 'Paid to the wrong grant', reversedOn: today(), paidReference: 'AP-1-R' };
    await refusedChangingNothing(t.app, () => officer.post(`/api/payments/${payment.id}/reverse`, body), 403);
    const since = lastAuditId(t.app);
    const reversal = await finance.post(`/api/payments/${payment.id}/reverse`, body);
    expect(reversal.statusCode, reversal.body).toBe(201);
    expect(reversal.json()).toMatchObject({
      amountPence: -12_000_00,
      status: 'paid',
      reversesPaymentId: payment.id,
    });
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({ action: 'payment.reversed', reason: 'Paid to the wrong grant' }),
    ]);
    await refusedChangingNothing(t.app, () => finance.post(`/api/payments/${payment.id}/reverse`, body), 409);
    await refusedChangingNothing(
      t.app,
      () => finance.post(`/api/payments/${reversal.json().id}/reverse`, body),
      409,
    );
    const money = (await finance.get(`/api/grants/${grant.grantId}/money`)).json();
    expect(money.money).toMatchObject({ paidPence: 0, unpaidPence: 15_000_00 });
    expect(paymentRows().map((p) => [p.amount_pence, p.status])).toEqual([
      [12_000_00, 'paid'],
      [-12_000_00, 'paid'],
    ]);
    databaseRefuses(() => t.app.db.run(sql`delete from payments`), /never deleted/);
    databaseRefuses(() => t.app.db.run(sql`update payments set amount_pence = 1`), /never change/);
    databaseRefuses(
      () => t.app.db.run(sql`update payments set status = 'requested' where id = ${payment.id}`),
      /moves only/,
    );
  });

  it('refuses a date paid in the future', async () => {
    const payment = (await ask(officer, 1_000_00)).json();
    await finance.post(`/api/payments/${payment.id}/approve`);
    const error = await refusedChangingNothing(
      t.app,
      () => finance.post(`/api/payments/${payment.id}/paid`, { paidOn: '2999-01-01', paidReference: 'AP-1' }),
      400,
    );
    expect(Object.keys(error.fields ?? {})).toEqual(['paidOn']);
  });

  it('lists payments waiting for approval for finance, with who asked', async () => {
    const payment = (await ask(officer, 1_000_00)).json();
    const waiting = (await finance.get('/api/payments/waiting')).json().payments;
    // After the demo's first payments waiting for approval (demo-money.ts), oldest first.
    expect(
      waiting
        .slice(0, -1)
        .every((p: { organisationName: string }) => p.organisationName !== 'Basketball Club Vytis'),
    ).toBe(true);
    expect(waiting.slice(-1)).toEqual([
      expect.objectContaining({
        id: payment.id,
        requestedByName: expect.any(String),
        organisationName: 'Basketball Club Vytis',
      }),
    ]);
    await refusedChangingNothing(t.app, () => officer.get('/api/payments/waiting'), 403);
  });
});
