// Personal data (decision 0026): a person downloads what is held about them, and nothing of anyone
// else's, nor any secret; an admin sets the retention period; closed grants past it lose their
// personal data, once, while money, open-data fields and the audit chain stay whole.
import { REMOVED } from '@cf/shared';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/client.js';
import { grants as grantsTable } from '../../../src/db/schema/index.js';
import { unitOfWork } from '../../../src/db/unit-of-work.js';
import { verifyAuditChain } from '../../../src/modules/audit/service.js';
import { moveGrant } from '../../../src/modules/grants/service.js';
import { monthsBefore } from '../../../src/modules/privacy/rules.js';
import { anonymiseExpired } from '../../../src/modules/privacy/service.js';
import { createServiceContext } from '../../../src/plugins/app/context.js';
import { buildTestApp, contextAs, type TestApp } from '../../support/app.js';
import { signedIn } from '../../support/client.js';
import { lastAuditId, userIdOf } from '../../support/database.js';
import { refusedChangingNothing } from '../../support/errors.js';

const DAY = 86_400_000;

describe('GET /api/me/data', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp();
  });
  afterEach(async () => t.close());

  it('gives a member everything held about them as a file to download, and audits it', async () => {
    const amina = await signedIn(t.app, 'applicant@demo.test');
    const since = lastAuditId(t.app);
    const response = await amina.get('/api/me/data');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="communities-fund-your-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const data = response.json();
    expect(data.account).toMatchObject({ email: 'applicant@demo.test', name: 'Amina Hussain' });
    expect(data.memberships.map((m: { group: string }) => m.group)).toContain('Millfield Community Kitchen');
    expect(data.bidsYouStarted.length).toBeGreaterThan(0);
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(
      data.auditTrail.some(
        (e: { action: string; who: string }) => e.action === 'auth.signed_in' && e.who === 'You',
      ),
    ).toBe(true);
    const events = t.app.db.all<{ action: string; entity_id: string }>(
      sql`select action, entity_id from audit_events where id > ${since}`,
    );
    expect(events).toEqual([
      { action: 'user.data_downloaded', entity_id: userIdOf(t.app, 'applicant@demo.test') },
    ]);
  });

  it('includes the monitoring reports the person sent, with what they wrote, and no one else’s', async () => {
    const sent = t.app.db.all<{ email: string; story: string; bid: string }>(
      sql`select u.email, r.story, b.reference as bid from grant_reports r
          join users u on u.id = r.submitted_by join grants g on g.id = r.grant_id join bids b on b.id = g.bid_id
          where r.story is not null order by u.email`,
    );
    const mine = sent[0];
    const other = sent.find((row) => row.email !== mine?.email);
    if (!mine || !other) throw new Error('the demo should have reports sent by two people');
    const member = await signedIn(t.app, mine.email);
    const data = (await member.get('/api/me/data')).json();
    const reports = data.reportsYouSent as { bid: string; story: string }[];
    expect(reports).toContainEqual(expect.objectContaining({ bid: mine.bid, story: mine.story }));
    expect(reports.map((r) => r.bid)).not.toContain(other.bid);
    expect(data.evidenceYouUploaded).toEqual(expect.any(Array));
  });

  it('holds no secret and nobody else’s address: no password hash, second-factor secret, recovery code, token or session id', async () => {
    const sarah = await signedIn(t.app, 'officer@demo.test');
    const id = userIdOf(t.app, 'officer@demo.test');
    // An email with a secret link to this person, to prove its body is left out.
    const body = (await sarah.get('/api/me/data')).body;
    const secrets = [
      ...t.app.db.all<{ v: string }>(sql`select password_hash as v from users where id = ${id}`),
      ...t.app.db.all<{ v: string }>(sql`select secret as v from second_factors where user_id = ${id}`),
      ...t.app.db.all<{ v: string }>(sql`select code_hash as v from recovery_codes where user_id = ${id}`),
      ...t.app.db.all<{ v: string }>(sql`select id as v from sessions where user_id = ${id}`),
      ...t.app.db.all<{ v: string }>(sql`select token_hash as v from invitations where user_id = ${id}`),
      ...t.app.db.all<{ v: string }>(sql`select token_hash as v from account_tokens where user_id = ${id}`),
    ]
      .map((r) => r.v)
      .filter((v) => typeof v === 'string' && v.length > 0);
    expect(secrets.length).toBeGreaterThan(2);
    for (const secret of secrets) expect(body).not.toContain(secret);
    expect(body).not.toContain('COMMUNITIESFUNDDEMOSTAFFTOTPKEY2');
    expect(body).not.toMatch(/password_?hash|codeHash|tokenHash/i);
    // Other people: none of the other demo accounts' addresses or names.
    for (const other of [
      'admin@demo.test',
      'applicant@demo.test',
      'finance@demo.test',
      'Alex Morgan',
      'Amina Hussain',
    ]) {
      expect(body, other).not.toContain(other);
    }
  });

  it('leaves out the body of an email that held a secret link', async () => {
    // Ask for a password reset: the email holds a link that would let anyone in.
    const anonymous = await signedIn(t.app, 'applicant2@demo.test');
    await anonymous.post('/api/accounts/password-reset', { email: 'applicant2@demo.test' });
    const mails = t.app.db.all<{ body: string; secret: string | null }>(
      sql`select body, secret from outbox where to_address = 'applicant2@demo.test' and secret is not null`,
    );
    expect(mails.length).toBeGreaterThan(0);
    const body = (await anonymous.get('/api/me/data')).body;
    for (const mail of mails) expect(body).not.toContain(mail.body);
  });

  it('answers nobody who is not signed in (401)', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/me/data' });
    expect(response.statusCode).toBe(401);
  });
});

describe('the retention period and anonymising closed grants', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterEach(async () => t.close());

  it('counts months back from a date, to the end of a shorter month', () => {
    expect(monthsBefore('2031-03-31', 1)).toBe('2031-02-28');
    expect(monthsBefore('2031-01-15', 12)).toBe('2030-01-15');
    expect(monthsBefore('2031-01-15', 13)).toBe('2029-12-15');
    expect(monthsBefore('2032-03-30', 25)).toBe('2030-02-28');
  });

  it('lets an admin set it, audited; refuses anyone else (403) and bad input (400), changing nothing', async () => {
    const pub = await t.app.inject({ method: 'GET', url: '/api/privacy/retention' });
    expect(pub.json()).toEqual({ months: 72, isDefault: true, words: '6 years', updatedAt: null });
    const admin = await signedIn(t.app, 'admin@demo.test');
    for (const months of [0, 11, 301, 1.5, '24', null]) {
      const refused = await refusedChangingNothing(
        t.app,
        () => admin.put('/api/admin/retention', { months }),
        400,
      );
      expect(Object.keys(refused.fields ?? {}), String(months)).toEqual(['months']);
    }
    const officer = await signedIn(t.app, 'officer@demo.test');
    await refusedChangingNothing(t.app, () => officer.put('/api/admin/retention', { months: 24 }), 403);
    await refusedChangingNothing(t.app, () => officer.post('/api/admin/retention/run'), 403);
    const since = lastAuditId(t.app);
    const set = await admin.put('/api/admin/retention', { months: 18 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ months: 18, isDefault: false, words: '1 year and 6 months' });
    const events = t.app.db.all<{ action: string; before: string; after: string }>(
      sql`select action, before, after from audit_events where id > ${since}`,
    );
    expect(events).toEqual([
      { action: 'system.retention_changed', before: '{"months":72}', after: '{"months":18}' },
    ]);
    expect((await t.app.inject({ method: 'GET', url: '/api/privacy/retention' })).json()).toMatchObject({
      months: 18,
    });
  });

  /** Every figure and open-data field that must not change, and the audit trail as it stands. */
  function record() {
    const all = (q: ReturnType<typeof sql>) => t.app.db.all<Record<string, unknown>>(q);
    return {
      awards: all(sql`select * from awards order by id`),
      payments: all(sql`select * from payments order by id`),
      moneyReturns: all(sql`select * from money_returns order by id`),
      bankAccounts: all(sql`select * from bank_accounts order by id`),
      grants: all(
        sql`select id, status, fund_id, organisation_id, purpose, main_priority_id, ward_ids, issued_at, accepted_at, created_at, updated_at from grants order by id`,
      ),
      bids: all(
        sql`select id, reference, title, amount_requested_pence, status, submitted_at from bids order by id`,
      ),
      about: all(
        sql`select bid_id, data from bid_sections where section in ('about', 'budget', 'beneficiaries') order by bid_id, section`,
      ),
      organisations: all(
        sql`select id, name, type, registered_number, ward_id from organisations order by id`,
      ),
    };
  }

  /** The demo's one completed grant (Bainton and Ashton, closed in the demo's past). */
  function demoCompletedGrantId(): string {
    const rows = t.app.db.all<{ id: string }>(sql`select id from grants where status = 'completed'`);
    expect(rows).toHaveLength(1);
    return rows[0]?.id ?? '';
  }

  it('removes the names of closed grants past the period, once, keeping money, open data and the audit chain whole', async () => {
    const demoCompleted = demoCompletedGrantId();
    // Two grants close: one accepted and completed, one declined by its group.
    const accepted = t.app.db.get<{ id: string; bid_id: string; accepted_name: string }>(
      sql`select id, bid_id, accepted_name from grants where status = 'in_delivery' and accepted_name is not null order by id limit 1`,
    );
    const officer = contextAs(t, 'officer@demo.test');
    unitOfWork(t.app.db, (tx) => {
      const row = tx
        .select()
        .from(grantsTable)
        .all()
        .find((g) => g.id === accepted.id);
      if (!row) throw new Error('no grant');
      moveGrant(officer, tx, row, 'complete');
    });
    const eastWard = t.app.db.get<{ id: string; organisation_id: string; bid_id: string }>(
      sql`select g.id, g.organisation_id, g.bid_id from grants g join organisations o on o.id = g.organisation_id where o.name = 'East Ward Bike Kitchen'`,
    );
    const member = await signedIn(t.app, 'contact@east-ward-bike-kitchen.demo.test');
    const declined = await member.post(`/api/grants/${eastWard.id}/decline`, {
      reason: 'We found other money',
    });
    expect(declined.statusCode, declined.body).toBe(200);
    const admin = await signedIn(t.app, 'admin@demo.test');
    expect((await admin.put('/api/admin/retention', { months: 12 })).statusCode).toBe(200);
    // The demo's own completed grant closed years ago: the first run takes it at once.
    const first = await admin.post('/api/admin/retention/run');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().grantIds).toEqual([demoCompleted]);

    // Not yet: eleven months on, nothing is due.
    t.clock.advance(335 * DAY);
    // Sessions do not last months: sign in again.
    let adminNow = await signedIn(t.app, 'admin@demo.test');
    const early = await adminNow.post('/api/admin/retention/run');
    expect(early.statusCode, early.body).toBe(200);
    expect(early.json().grantIds).toEqual([]);

    t.clock.advance(60 * DAY);
    adminNow = await signedIn(t.app, 'admin@demo.test');
    const before = record();
    const auditBefore = t.app.db.all(sql`select * from audit_events order by id`);
    const since = lastAuditId(t.app);
    const run = await adminNow.post('/api/admin/retention/run');
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().grantIds.sort()).toEqual([accepted.id, eastWard.id].sort());

    // The names are gone…
    const grant = t.app.db.get<{ accepted_name: string; accepted_role: string }>(
      sql`select accepted_name, accepted_role from grants where id = ${accepted.id}`,
    );
    expect(grant).toEqual({ accepted_name: REMOVED, accepted_role: REMOVED });
    for (const table of ['bid_sections', 'bid_section_versions']) {
      const rows = t.app.db
        .all<{ data: string }>(
          sql.raw(
            `select data from ${table} where bid_id = '${accepted.bid_id}' and section = 'declarations'`,
          ),
        )
        .map((row) => {
          const { name, position } = JSON.parse(row.data) as { name: string; position: string };
          return { name, position };
        });
      expect(rows.length, table).toBeGreaterThan(0);
      for (const row of rows) expect(row, table).toEqual({ name: REMOVED, position: REMOVED });
    }
    const group = t.app.db.get<{ contact_name: string; contact_email: string; contact_phone: string | null }>(
      sql`select contact_name, contact_email, contact_phone from organisations where id = ${eastWard.organisation_id}`,
    );
    expect(group).toEqual({
      contact_name: REMOVED,
      contact_email: 'removed@anonymised.invalid',
      contact_phone: null,
    });
    expect(JSON.stringify(t.app.db.all(sql`select * from grants where id = ${accepted.id}`))).not.toContain(
      accepted.accepted_name,
    );

    // …and everything else is as it was: money, open-data fields, and every audit row.
    expect(record()).toEqual(before);
    expect(t.app.db.all(sql`select * from audit_events where id <= ${since} order by id`)).toEqual(
      auditBefore,
    );
    const events = t.app.db.all<{ action: string; entity_id: string; actor_id: string | null }>(
      sql`select action, entity_id, actor_id from audit_events where id > ${since} order by id`,
    );
    expect(events.map((e) => e.action)).toEqual([
      'grant.personal_data_removed',
      'grant.personal_data_removed',
    ]);
    expect(verifyAuditChain(t.app.db).ok).toBe(true);

    // Again, from the API and from a second connection as a second copy of the job would: nothing.
    const again = await adminNow.post('/api/admin/retention/run');
    expect(again.json().grantIds).toEqual([]);
    const second = openDatabase(t.app.config.DATABASE_URL ?? `${t.dir}/test.sqlite`);
    try {
      const job = createServiceContext({ db: second.db, clock: t.clock, publicUrl: '', actor: null });
      const today = t.clock.now().toISOString().slice(0, 10);
      expect(anonymiseExpired(job, today).grantIds).toEqual([]);
    } finally {
      second.close();
    }
    expect(lastAuditId(t.app)).toBe(since + 2);
    expect(verifyAuditChain(t.app.db).ok).toBe(true);
  });

  it('keeps a group’s contact while the group has anything live', async () => {
    const eastWard = t.app.db.get<{ id: string; organisation_id: string }>(
      sql`select g.id, g.organisation_id from grants g join organisations o on o.id = g.organisation_id where o.name = 'East Ward Bike Kitchen'`,
    );
    const member = await signedIn(t.app, 'contact@east-ward-bike-kitchen.demo.test');
    expect(
      (await member.post(`/api/grants/${eastWard.id}/decline`, { reason: 'No longer needed' })).statusCode,
    ).toBe(200);
    // A new draft bid from the group, started after the decline: the group is live.
    t.app.db.run(
      sql`insert into bids (id, fund_id, organisation_id, status, eligibility, created_by, updated_at)
          select 'live-bid', fund_id, organisation_id, 'draft', '{}', ${userIdOf(t.app, 'contact@east-ward-bike-kitchen.demo.test')}, '2032-01-01T00:00:00.000Z'
          from grants where id = ${eastWard.id}`,
    );
    t.clock.advance(800 * DAY);
    const job = createServiceContext({ db: t.app.db, clock: t.clock, publicUrl: '', actor: null });
    const today = t.clock.now().toISOString().slice(0, 10);
    const retentionMonths = 24;
    t.app.db.run(
      sql`insert into retention_settings (id, months, updated_at) values (1, ${retentionMonths}, '2030-01-01')`,
    );
    // The demo's completed grant closed long before the period too; the live group's does not count.
    expect(anonymiseExpired(job, today).grantIds).toEqual([demoCompletedGrantId(), eastWard.id]);
    const group = t.app.db.get<{ contact_name: string }>(
      sql`select contact_name from organisations where id = ${eastWard.organisation_id}`,
    );
    expect(group.contact_name).not.toBe(REMOVED);
  });
});
