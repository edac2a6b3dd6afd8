import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newGroupMember } from '../../builders/organisations.js';
import { databaseRefuses, GOOD_ACCOUNT, vytisGrant } from '../../builders/payments.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { auditSince, lastAuditId, outboxMessages, refusalCount, userIdOf } from '../../support/database.js';
import { expectError, refusedChangingNothing } from '../../support/errors.js';

describe('bank details', () => {
  let t: TestApp;
  let member: Client;
  let organisationId: string;
  const url = () => `/api/organisations/${organisationId}/bank-account`;

  beforeEach(async () => {
    t = await buildTestApp();
    member = await signedIn(t.app, 'applicant2@demo.test');
    organisationId = vytisGrant(t).organisationId;
  });
  afterEach(async () => t.close());

  it('are given by a member, shown masked to the group and to staff, and start unverified', async () => {
    expect((await member.get(url())).json()).toEqual({ account: null });
    const given = await member.put(url(), GOOD_ACCOUNT);
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json()).toMatchObject({
      accountName: 'BC VYTIS',
      sortCode: '**-**-57',
      accountNumber: '****3445',
      check: null,
    });
    expect(given.body).not.toContain('733445');
    expect(given.body).not.toContain('309457');
    for (const who of ['applicant2@demo.test', 'officer@demo.test', 'finance@demo.test']) {
      const client = await signedIn(t.app, who);
      const shown = await client.get(url());
      expect(shown.statusCode).toBe(200);
      expect(shown.json().account).toMatchObject({ sortCode: '**-**-57', accountNumber: '****3445' });
      expect(shown.body).not.toContain('00733445');
    }
  });

  it('refuse bad details field by field, changing nothing', async () => {
    const error = await refusedChangingNothing(
      t.app,
      () => member.put(url(), { accountName: '', sortCode: '12-34', accountNumber: '12ab' }),
      400,
      'validation_failed',
    );
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['accountName', 'accountNumber', 'sortCode']);
  });

  it('keep every change: a new row each time, the newest current, the old never edited or deleted', async () => {
    await member.put(url(), GOOD_ACCOUNT);
    t.clock.advance(60_000);
    const second = await member.post(url(), { ...GOOD_ACCOUNT, accountNumber: '11112222' });
    expect(second.statusCode).toBe(200);
    expect((await member.get(url())).json().account.accountNumber).toBe('****2222');
    const rows = t.app.db.all<{ account_number: string }>(
      sql`select account_number from bank_accounts where organisation_id = ${organisationId} order by rowid`,
    );
    expect(rows.map((r) => r.account_number)).toEqual(['00733445', '11112222']);
    databaseRefuses(
      () => t.app.db.run(sql`update bank_accounts set account_number = '99999999'`),
      /never changed/,
    );
    databaseRefuses(() => t.app.db.run(sql`delete from bank_accounts`), /never deleted/);
  });

  it('are audited, and every other member is emailed to call the council if it was not them', async () => {
    const other = await newGroupMember(t.app, member, organisationId, 'jonas@example.org', 'Jonas Petraitis');
    expect(other).toBeDefined();
    const since = lastAuditId(t.app);
    await member.put(url(), GOOD_ACCOUNT);
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({
        action: 'payment.bank_changed',
        entityType: 'organisation',
        entityId: organisationId,
        after: expect.objectContaining({ accountNumber: '****3445', sortCode: '**-**-57' }),
      }),
    ]);
    const mails = outboxMessages(t.app, 'bank_details_changed');
    expect(mails.map((m) => m.to)).toEqual(['jonas@example.org']);
    expect(mails[0]?.body).toContain('If you did not make this change, call us');
    expect(mails[0]?.body).not.toContain('00733445');
  });

  it('cannot be changed or seen by anyone outside the group: 404, audited as a refusal', async () => {
    for (const who of ['applicant@demo.test']) {
      const outsider = await signedIn(t.app, who);
      await refusedChangingNothing(t.app, () => outsider.put(url(), GOOD_ACCOUNT), 404);
      await refusedChangingNothing(t.app, () => outsider.get(url()), 404);
    }
    // Staff do not give a group's bank details on its behalf either.
    const officer = await signedIn(t.app, 'officer@demo.test');
    await refusedChangingNothing(t.app, () => officer.put(url(), GOOD_ACCOUNT), 404);
    const outsider = await signedIn(t.app, 'applicant@demo.test');
    const refusals = refusalCount(t.app);
    await outsider.put(url(), GOOD_ACCOUNT);
    expect(refusalCount(t.app)).toBe(refusals + 1);
  });

  it('are readable in full by finance only, as a deliberate act the audit trail records', async () => {
    const id = (await member.put(url(), GOOD_ACCOUNT)).json().id;
    const finance = await signedIn(t.app, 'finance@demo.test');
    const since = lastAuditId(t.app);
    const full = await finance.post(`/api/bank-accounts/${id}/full`);
    expect(full.json()).toEqual({
      id,
      accountName: 'BC VYTIS',
      sortCode: '309457',
      accountNumber: '00733445',
    });
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({ action: 'payment.bank_read_full', entityId: organisationId }),
    ]);
    for (const who of ['officer@demo.test', 'applicant2@demo.test', 'admin@demo.test']) {
      const client = await signedIn(t.app, who);
      await refusedChangingNothing(t.app, () => client.post(`/api/bank-accounts/${id}/full`), 404);
    }
  });

  it('are verified by a finance user’s call-back check: who, when, the number, from the records before the change', async () => {
    const finance = await signedIn(t.app, 'finance@demo.test');
    const toCheck = async () =>
      (await finance.get('/api/bank-accounts/to-check')).json().accounts.map((a: { id: string }) => a.id);
    // The demo has one group's changed details waiting already (demo-money.ts).
    const before = await toCheck();
    const id = (await member.put(url(), GOOD_ACCOUNT)).json().id;
    expect(await toCheck()).toEqual([...before, id]);
    const noConfirm = await refusedChangingNothing(
      t.app,
      () =>
        finance.post(`/api/bank-accounts/${id}/check`, {
          phoneNumber: '01733 555 0100',
          numberFromRecords: false,
        }),
      400,
    );
    expect(noConfirm.fields?.numberFromRecords).toMatch(/records from before the change/);
    await refusedChangingNothing(
      t.app,
      () => finance.post(`/api/bank-accounts/${id}/check`, { phoneNumber: '', numberFromRecords: true }),
      400,
    );
    const since = lastAuditId(t.app);
    const checked = await finance.post(`/api/bank-accounts/${id}/check`, {
      phoneNumber: '01733 555 0100',
      numberFromRecords: true,
    });
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json().check).toMatchObject({
      checkedById: userIdOf(t.app, 'finance@demo.test'),
      phoneNumber: '01733 555 0100',
      checkedAt: t.clock.now().toISOString(),
    });
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual(['payment.bank_checked']);
    expect(await toCheck()).toEqual(before);
    const again = await finance.post(`/api/bank-accounts/${id}/check`, {
      phoneNumber: '01733 555 0100',
      numberFromRecords: true,
    });
    expectError(again, 409, 'conflict');
    // A change after the check is unverified again.
    const changed = (await member.put(url(), { ...GOOD_ACCOUNT, accountNumber: '11112222' })).json().id;
    expect(await toCheck()).toEqual([...before, changed]);
  });

  it('are never checked by the person who recorded the change, nor by anyone without the finance role', async () => {
    // A finance user who is also a member of the group records the change...
    const financeMember = await signedIn(t.app, 'finance@demo.test');
    const financeId = userIdOf(t.app, 'finance@demo.test');
    t.app.db.run(
      sql`insert into memberships (organisation_id, user_id) values (${organisationId}, ${financeId})`,
    );
    const id = (await financeMember.put(url(), GOOD_ACCOUNT)).json().id;
    expect(id).toBeTruthy();
    const refused = await refusedChangingNothing(
      t.app,
      () =>
        financeMember.post(`/api/bank-accounts/${id}/check`, {
          phoneNumber: '01733 555 0100',
          numberFromRecords: true,
        }),
      403,
    );
    expect(refused.message).toMatch(/someone else with the finance role/);
    for (const who of ['officer@demo.test', 'applicant2@demo.test']) {
      const client = await signedIn(t.app, who);
      await refusedChangingNothing(
        t.app,
        () =>
          client.post(`/api/bank-accounts/${id}/check`, {
            phoneNumber: '01733 555 0100',
            numberFromRecords: true,
          }),
        404,
      );
      await refusedChangingNothing(t.app, () => client.get('/api/bank-accounts/to-check'), 403);
    }
    // And the database holds the rule too.
    databaseRefuses(
      () =>
        t.app.db.run(
          sql`insert into bank_account_checks (id, bank_account_id, checked_by, checked_at, phone_number, number_from_records)
              values ('x', ${id}, ${financeId}, '2019-01-01', '01733', 1)`,
        ),
      /someone other than who recorded/,
    );
  });
});
