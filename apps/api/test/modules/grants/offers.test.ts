// Issue 10: the offer of a grant, its payment schedule and conditions, and the group's answer.
import { type GrantDetail, type GrantList, londonToday, type WorkWaiting } from '@cf/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessorHandle } from '../../builders/assessment.js';
import { assessorOf } from '../../builders/assessment.js';
import { type JourneyRefs, refsForFund } from '../../builders/bids.js';
import { createFund, type FundView, fundBody, priorityIdsOf } from '../../builders/funds.js';
import { awardedGrant } from '../../builders/grants.js';
import { applicantWithGroup, newGroupMember } from '../../builders/organisations.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { auditSince, lastAuditId, outboxMessages, refusalCount } from '../../support/database.js';
import { expectError, refusedChangingNothing } from '../../support/errors.js';
import { addDays } from '../../support/time.js';

const CONDITIONS = [
  { text: 'Acknowledge the council’s funding in publicity', beforeFirstPayment: false },
  { text: 'Upload your safeguarding policy', beforeFirstPayment: true },
];

describe('grant offers', () => {
  let t: TestApp;
  let officer: Client;
  let finance: Client;
  let fund: FundView;
  let refs: JourneyRefs;
  let assessor: AssessorHandle;
  let group: { client: Client; organisationId: string };
  let outsider: { client: Client; organisationId: string };
  let setting: { officer: Client; fund: FundView; refs: JourneyRefs; assessor: AssessorHandle };

  beforeAll(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    officer = await signedIn(t.app, 'officer@demo.test');
    finance = await signedIn(t.app, 'finance@demo.test');
    const admin = await signedIn(t.app, 'admin@demo.test');
    fund = await createFund(t, officer, {
      minAssessors: 1,
      potPence: 10_000_000,
      capPence: 1_000_000,
      standardConditions: CONDITIONS,
    });
    assessor = await assessorOf(t.app, admin, fund.id, 'assessor@demo.test');
    refs = await refsForFund(t.app, fund);
    setting = { officer, fund, refs, assessor };
    group = await applicantWithGroup(t.app, 'offer.founder@example.org', {
      name: 'Offer Test Group',
      contactName: 'Rasa Jankauskiene',
      contactEmail: 'rasa.offers@example.org',
    });
    outsider = await applicantWithGroup(t.app, 'offer.outsider@example.org', { name: 'Another Group' });
  });
  afterAll(async () => t.close());

  const detail = async (client: Client, grantId: string) => {
    const response = await client.get(`/api/grants/${grantId}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as GrantDetail;
  };
  const changeBody = (grant: GrantDetail, overrides: Record<string, unknown> = {}) => ({
    version: grant.version,
    purpose: grant.purpose,
    offerDeadline: grant.offerDeadline,
    instalments: grant.instalments.map(({ trigger, amountPence }) => ({ trigger, amountPence })),
    conditions: grant.conditions
      .filter((c) => !c.standard)
      .map(({ text, beforeFirstPayment }) => ({ text, beforeFirstPayment })),
    ...overrides,
  });
  const committed = async () =>
    ((await officer.get(`/api/funds/${fund.id}/budget`)).json() as { committedPence: number }).committedPence;
  const today = () => londonToday(t.clock.now());

  it('makes an award a draft offer: the bid’s summary as purpose, 80/20 schedule, the fund’s conditions, reports and targets', async () => {
    const { bidId, grantId } = await awardedGrant(t.app, setting, group, { askPence: 400_000 });
    const grant = await detail(group.client, grantId);
    expect(grant).toMatchObject({
      bidId,
      status: 'offered',
      offerState: 'draft',
      awardPence: 400_000,
      purpose: 'A weekly café where people practise English and get to know their neighbours.',
      offerDeadline: null,
      overdue: false,
      targets: { participants: 80, events: 40, volunteers: 8, peopleMeeting: 60 },
      permissions: { change: false, tickConditions: false, end: false, answer: false },
    });
    expect(grant.instalments).toEqual([
      { position: 1, trigger: 'acceptance', amountPence: 320_000 },
      { position: 2, trigger: 'final_report', amountPence: 80_000 },
    ]);
    expect(
      grant.conditions.map(({ text, beforeFirstPayment, standard, metAt }) => ({
        text,
        beforeFirstPayment,
        standard,
        metAt,
      })),
    ).toEqual(CONDITIONS.map((c) => ({ ...c, standard: true, metAt: null })));
    // Under £5,000: a final report only, six weeks after the project's end.
    expect(grant.reports).toEqual([{ kind: 'final', dueOn: addDays(addDays(fund.deliveryEndsOn, -30), 42) }]);
    expect(grant.firstPaymentBlockers).toEqual([
      'The group has not accepted the offer yet',
      'Condition not met yet: Upload your safeguarding policy',
    ]);
    expect((await detail(officer, grantId)).permissions.change).toBe(true);
  });

  it('asks £5,000 or more for a mid-point report as well, halfway through delivery', async () => {
    const { grantId } = await awardedGrant(t.app, setting, group, { askPence: 500_000 });
    const grant = await detail(officer, grantId);
    expect(grant.reports.map((r) => r.kind)).toEqual(['mid_point', 'final']);
    const start = addDays(fund.deliveryStartsOn, 30);
    const end = addDays(fund.deliveryEndsOn, -30);
    const mid = grant.reports[0]?.dueOn ?? '';
    expect(mid > start && mid < end).toBe(true);
  });

  it('lets the officer move the reports’ due dates while the offer is a draft; not once it is issued (decision 0024)', async () => {
    const { grantId } = await awardedGrant(t.app, setting, group, { askPence: 600_000 });
    const grant = await detail(officer, grantId);
    const put = (body: unknown) => () => officer.put(`/api/grants/${grantId}/offer`, body);
    const mid = addDays(today(), 60);
    const end = addDays(today(), 200);

    // The mid-point after the final report, a date already past, or a report the grant does not owe: 400, nothing changed.
    const order = await refusedChangingNothing(
      t.app,
      put(
        changeBody(grant, {
          reports: [
            { kind: 'mid_point', dueOn: end },
            { kind: 'final', dueOn: mid },
          ],
        }),
      ),
      400,
    );
    expect(order.fields?.['reports.0.dueOn']).toBe(
      'The mid-point report must be due before the final report',
    );
    const past = await refusedChangingNothing(
      t.app,
      put(
        changeBody(grant, {
          reports: [
            { kind: 'mid_point', dueOn: today() },
            { kind: 'final', dueOn: end },
          ],
        }),
      ),
      400,
    );
    expect(past.fields?.['reports.0.dueOn']).toBe('The due date must be after today');
    const missing = await refusedChangingNothing(
      t.app,
      put(changeBody(grant, { reports: [{ kind: 'final', dueOn: end }] })),
      400,
    );
    expect(missing.fields?.reports).toMatch(/mid-point report and final report/);

    const since = lastAuditId(t.app);
    const moved = await officer.put(
      `/api/grants/${grantId}/offer`,
      changeBody(grant, {
        reports: [
          { kind: 'mid_point', dueOn: mid },
          { kind: 'final', dueOn: end },
        ],
      }),
    );
    expect(moved.statusCode, moved.body).toBe(200);
    expect((moved.json() as GrantDetail).reports).toEqual([
      { kind: 'mid_point', dueOn: mid },
      { kind: 'final', dueOn: end },
    ]);
    const [changed] = auditSince(t.app, since);
    expect(changed?.action).toBe('grant.offer_changed');
    expect(JSON.stringify(changed?.after)).toContain(end);
    // The reports the group will write carry the new dates.
    const rows = t.app.db.all<{ kind: string; due_on: string }>(
      sql`select kind, due_on from grant_reports where grant_id = ${grantId} order by due_on`,
    );
    expect(rows).toEqual([
      { kind: 'mid_point', due_on: mid },
      { kind: 'final', due_on: end },
    ]);

    expect((await officer.post(`/api/grants/${grantId}/offer/issue`)).statusCode).toBe(200);
    const issued = await detail(officer, grantId);
    const refused = await refusedChangingNothing(
      t.app,
      put(
        changeBody(issued, {
          reports: [
            { kind: 'mid_point', dueOn: addDays(mid, 1) },
            { kind: 'final', dueOn: end },
          ],
        }),
      ),
      409,
    );
    expect(refused.message).toBe('This offer has been issued to the group, so it cannot be changed');
  });

  it('still saves a draft whose reports were due before today, when the officer leaves their dates alone', async () => {
    const { grantId } = await awardedGrant(t.app, setting, group, { askPence: 610_000 });
    const grant = await detail(officer, grantId);
    t.app.db.run(
      sql`update grant_reports set due_on = '2019-01-01' where grant_id = ${grantId} and kind = 'mid_point'`,
    );
    const reports = (await detail(officer, grantId)).reports;
    const saved = await officer.put(`/api/grants/${grantId}/offer`, changeBody(grant, { reports }));
    expect(saved.statusCode, saved.body).toBe(200);
  });

  it('splits an award of £1,234.57 into £987.65 and £246.92: the last instalment takes the odd penny', async () => {
    const { grantId } = await awardedGrant(t.app, setting, group, { askPence: 123_457 });
    expect((await detail(officer, grantId)).instalments.map((i) => i.amountPence)).toEqual([98_765, 24_692]);
  });

  it('lets the officer change a draft: a schedule that does not add up is refused field by field, changing nothing', async () => {
    const { grantId } = await awardedGrant(t.app, setting, group, { askPence: 300_000 });
    const grant = await detail(officer, grantId);
    const put = (body: unknown) => () => officer.put(`/api/grants/${grantId}/offer`, body);

    const short = await refusedChangingNothing(
      t.app,
      put(
        changeBody(grant, {
          instalments: [
            { trigger: 'acceptance', amountPence: 200_000 },
            { trigger: 'final_report', amountPence: 99_999 },
          ],
        }),
      ),
      400,
      'validation_failed',
    );
    expect(short.fields).toEqual({
      instalments: 'The instalments add up to £2,999.99; they must add up to the award, £3,000',
    });
    const twice = await refusedChangingNothing(
      t.app,
      put(
        changeBody(grant, {
          instalments: [
            { trigger: 'acceptance', amountPence: 100_000 },
            { trigger: 'acceptance', amountPence: 200_000 },
          ],
        }),
      ),
      400,
    );
    expect(twice.fields).toEqual({
      'instalments.1.trigger': 'Each instalment needs a different moment to be paid',
    });
    const zero = await refusedChangingNothing(
      t.app,
      put(changeBody(grant, { instalments: [{ trigger: 'acceptance', amountPence: 0 }] })),
      400,
    );
    expect(Object.keys(zero.fields ?? {})).toContain('instalments.0.amountPence');
    const past = await refusedChangingNothing(t.app, put(changeBody(grant, { offerDeadline: today() })), 400);
    expect(past.fields).toEqual({ offerDeadline: 'The deadline must be after today' });

    const since = lastAuditId(t.app);
    const deadline = addDays(today(), 14);
    const changed = await officer.put(
      `/api/grants/${grantId}/offer`,
      changeBody(grant, {
        purpose: 'Weekly conversation café for the whole year',
        offerDeadline: deadline,
        instalments: [{ trigger: 'acceptance', amountPence: 300_000 }],
        conditions: [{ text: 'Send us the dates of your sessions', beforeFirstPayment: true }],
      }),
    );
    expect(changed.statusCode, changed.body).toBe(200);
    const after = changed.json() as GrantDetail;
    expect(after).toMatchObject({
      version: grant.version + 1,
      purpose: 'Weekly conversation café for the whole year',
      offerDeadline: deadline,
      instalments: [{ position: 1, trigger: 'acceptance', amountPence: 300_000 }],
    });
    expect(after.conditions.map((c) => [c.text, c.standard])).toEqual([
      ...CONDITIONS.map((c) => [c.text, true]),
      ['Send us the dates of your sessions', false],
    ]);
    expect(auditSince(t.app, since).map((a) => a.action)).toEqual(['grant.offer_changed']);

    // From the version opened before that change: someone changed it since.
    const stale = await refusedChangingNothing(t.app, put(changeBody(grant)), 409, 'conflict');
    expect(stale.message).toMatch(/changed this offer since you opened it/);
  });

  it('refuses the offer’s changes to anyone but an officer standing apart from the group', async () => {
    const { grantId } = await awardedGrant(t.app, setting, group, { askPence: 200_000 });
    const grant = await detail(officer, grantId);
    await refusedChangingNothing(
      t.app,
      () => group.client.put(`/api/grants/${grantId}/offer`, changeBody(grant)),
      403,
    );
    await refusedChangingNothing(
      t.app,
      () => finance.put(`/api/grants/${grantId}/offer`, changeBody(grant)),
      403,
    );
    await refusedChangingNothing(
      t.app,
      () => outsider.client.put(`/api/grants/${grantId}/offer`, changeBody(grant)),
      404,
    );
    await refusedChangingNothing(t.app, () => group.client.post(`/api/grants/${grantId}/offer/issue`), 403);
  });

  it('issues the offer: 28 days to answer, the group’s members and main contact emailed, audited; then it cannot change', async () => {
    const member = await newGroupMember(
      t.app,
      group.client,
      group.organisationId,
      'offer.treasurer@example.org',
      'Tom Reed',
    );
    const { grantId } = await awardedGrant(t.app, setting, group, { askPence: 250_000 });
    const grant = await detail(officer, grantId);
    const mailBefore = outboxMessages(t.app).length;
    const since = lastAuditId(t.app);
    const issued = await officer.post(`/api/grants/${grantId}/offer/issue`);
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({ offerState: 'issued', offerDeadline: addDays(today(), 28) });
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({ action: 'grant.offer_issued', entityId: grantId }),
    ]);
    const mail = outboxMessages(t.app).slice(mailBefore);
    expect(new Set(mail.map((m) => m.kind))).toEqual(new Set(['offer_issued']));
    expect(mail.map((m) => m.to).sort()).toEqual([
      'offer.founder@example.org',
      'offer.treasurer@example.org',
      'rasa.offers@example.org',
    ]);
    expect(mail[0]?.body).toContain(`/grants/${grantId}/agreement`);
    expect((await detail(member, grantId)).permissions.answer).toBe(true);

    const change = await refusedChangingNothing(
      t.app,
      () => officer.put(`/api/grants/${grantId}/offer`, changeBody(grant, { version: grant.version + 1 })),
      409,
      'invalid_state',
    );
    expect(change.message).toBe('This offer has been issued to the group, so it cannot be changed');
    await refusedChangingNothing(t.app, () => officer.post(`/api/grants/${grantId}/offer/issue`), 409);
  });

  it('lets only a member of the group accept, once, with name, role and the declaration; the grant goes into delivery', async () => {
    const { grantId } = await awardedGrant(t.app, setting, group, { askPence: 350_000 });
    await officer.post(`/api/grants/${grantId}/offer/issue`);
    const body = { fullName: 'Amina Hassan', role: 'Treasurer', declaration: true };

    // Another group's applicant: as if there were no such grant, and the refusal audited.
    const refusals = refusalCount(t.app);
    await refusedChangingNothing(t.app, () => outsider.client.get(`/api/grants/${grantId}`), 404);
    await refusedChangingNothing(
      t.app,
      () => outsider.client.post(`/api/grants/${grantId}/accept`, body),
      404,
    );
    expect(refusalCount(t.app)).toBe(refusals + 2);
    // Staff never answer for a group.
    await refusedChangingNothing(t.app, () => officer.post(`/api/grants/${grantId}/accept`, body), 403);
    await refusedChangingNothing(
      t.app,
      () => finance.post(`/api/grants/${grantId}/decline`, { reason: 'No' }),
      403,
    );
    const missing = await refusedChangingNothing(
      t.app,
      () => group.client.post(`/api/grants/${grantId}/accept`, { fullName: '', role: 'Treasurer' }),
      400,
    );
    expect(Object.keys(missing.fields ?? {}).sort()).toEqual(['declaration', 'fullName']);

    const accepted = await group.client.post(`/api/grants/${grantId}/accept`, body);
    expect(accepted.statusCode, accepted.body).toBe(200);
    const grant = accepted.json() as GrantDetail;
    expect(grant).toMatchObject({
      status: 'in_delivery',
      offerState: 'accepted',
      acceptance: { fullName: 'Amina Hassan', role: 'Treasurer' },
      permissions: { answer: false },
    });
    expect(Date.parse(grant.acceptance?.at ?? '')).toBe(t.clock.now().getTime());

    const twice = await refusedChangingNothing(
      t.app,
      () => group.client.post(`/api/grants/${grantId}/accept`, body),
      409,
    );
    expect(twice.message).toBe('This offer is accepted already');
    await refusedChangingNothing(
      t.app,
      () => group.client.post(`/api/grants/${grantId}/decline`, { reason: 'Changed our minds' }),
      409,
    );
    const change = await refusedChangingNothing(
      t.app,
      () => officer.put(`/api/grants/${grantId}/offer`, changeBody(grant)),
      409,
    );
    expect(change.message).toBe('This offer has been accepted, so it cannot be changed');
  });

  it('refuses an answer to an offer not issued yet', async () => {
    const { grantId } = await awardedGrant(t.app, setting, group, { askPence: 150_000 });
    const refused = await refusedChangingNothing(
      t.app,
      () =>
        group.client.post(`/api/grants/${grantId}/accept`, {
          fullName: 'Amina Hassan',
          role: 'Chair',
          declaration: true,
        }),
      409,
    );
    expect(refused.message).toBe('This offer has not been issued yet');
  });

  it('ticks conditions before the first payment (who, when; audited): the grant is then ready for it', async () => {
    const { grantId } = await awardedGrant(t.app, setting, group, { askPence: 220_000 });
    const draft = await detail(officer, grantId);
    const policy = draft.conditions.find((c) => c.beforeFirstPayment);
    if (!policy) throw new Error('No condition before the first payment');
    const tick = (client: Client) => () => client.post(`/api/grants/${grantId}/conditions/${policy.id}/met`);
    await refusedChangingNothing(t.app, tick(officer), 409);

    await officer.post(`/api/grants/${grantId}/offer/issue`);
    await group.client.post(`/api/grants/${grantId}/accept`, {
      fullName: 'Amina Hassan',
      role: 'Chair',
      declaration: true,
    });
    expect((await detail(officer, grantId)).firstPaymentBlockers).toEqual([
      'Condition not met yet: Upload your safeguarding policy',
    ]);
    await refusedChangingNothing(t.app, tick(group.client), 403);
    await refusedChangingNothing(
      t.app,
      () => officer.post(`/api/grants/${grantId}/conditions/${crypto.randomUUID()}/met`),
      404,
    );

    const since = lastAuditId(t.app);
    const ticked = await tick(officer)();
    expect(ticked.statusCode, ticked.body).toBe(200);
    const grant = ticked.json() as GrantDetail;
    expect(grant.conditions.find((c) => c.id === policy.id)).toMatchObject({ metByName: 'Sarah Whitfield' });
    expect(grant.firstPaymentBlockers).toEqual([]);
    expect(auditSince(t.app, since)).toEqual([
      expect.objectContaining({
        action: 'grant.condition_met',
        after: { conditionId: policy.id, text: policy.text },
      }),
    ]);
    const again = await refusedChangingNothing(t.app, tick(officer), 409);
    expect(again.message).toMatch(/already/);
  });

  it('gives the whole award back to the pot when the group declines: committed falls by the award', async () => {
    const { grantId } = await awardedGrant(t.app, setting, group, { askPence: 180_000 });
    await officer.post(`/api/grants/${grantId}/offer/issue`);
    const before = await committed();
    await refusedChangingNothing(
      t.app,
      () => group.client.post(`/api/grants/${grantId}/decline`, { reason: '' }),
      400,
    );
    const declined = await group.client.post(`/api/grants/${grantId}/decline`, {
      reason: 'We could not find a venue',
    });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({
      status: 'declined',
      offerState: 'declined',
      declineReason: 'We could not find a venue',
    });
    expect(await committed()).toBe(before - 180_000);
    expect(
      t.app.db.get<{ amount: number }>(
        sql`select amount_pence as amount from money_returns where grant_id = ${grantId}`,
      )?.amount,
    ).toBe(180_000);
  });

  it('flags an offer not answered by its deadline, refuses a late answer, and lets the officer end it', async () => {
    const { grantId } = await awardedGrant(t.app, setting, group, { askPence: 120_000 });
    await officer.post(`/api/grants/${grantId}/offer/issue`);
    const end = () =>
      officer.post(`/api/grants/${grantId}/offer/end`, { reason: 'No answer from the group' });
    const early = await refusedChangingNothing(t.app, end, 409);
    expect(early.message).toMatch(/^The group has until .* to answer this offer/);

    // Its deadline passes (the database holds the date; moving the clock 28 days would end every session).
    t.app.db.run(sql`update grants set offer_deadline = ${addDays(today(), -1)} where id = ${grantId}`);
    {
      const grant = await detail(officer, grantId);
      expect(grant).toMatchObject({ overdue: true, permissions: { end: true } });
      const late = await refusedChangingNothing(
        t.app,
        () =>
          group.client.post(`/api/grants/${grantId}/accept`, {
            fullName: 'Amina Hassan',
            role: 'Chair',
            declaration: true,
          }),
        409,
      );
      expect(late.message).toBe("The offer's deadline has passed; ask the grants officer");

      // The dashboard's count and the list it links to agree.
      const list = (await officer.get(`/api/grants?fundId=${fund.id}&offer=overdue`)).json() as GrantList;
      expect(list.grants.map((g) => g.id)).toContain(grantId);
      expect(list.grants.every((g) => g.overdue)).toBe(true);
      const work = (await officer.get('/api/work')).json() as WorkWaiting;
      expect(work.funds.find((f) => f.fundId === fund.id)?.offersOverdue).toBe(list.total);

      const before = await committed();
      const ended = await end();
      expect(ended.statusCode, ended.body).toBe(200);
      expect(ended.json()).toMatchObject({
        status: 'ended_early',
        offerState: 'ended',
        endReason: 'No answer from the group',
      });
      expect(await committed()).toBe(before - 120_000);
    }
  });

  it('lists grants: staff see every grant by fund, status and offer; a member their groups’ grants only', async () => {
    const { grantId } = await awardedGrant(t.app, setting, outsider, { askPence: 100_000 });
    const all = (await officer.get(`/api/grants?fundId=${fund.id}&pageSize=100`)).json() as GrantList;
    expect(all.grants.map((g) => g.id)).toContain(grantId);
    const mine = (await group.client.get('/api/grants?pageSize=100')).json() as GrantList;
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.grants.every((g) => g.organisationId === group.organisationId)).toBe(true);
    const theirs = (await outsider.client.get('/api/grants')).json() as GrantList;
    expect(theirs.grants.map((g) => g.id)).toEqual([grantId]);

    const toIssue = (
      await officer.get(`/api/grants?fundId=${fund.id}&offer=to_issue&pageSize=100`)
    ).json() as GrantList;
    expect(toIssue.grants.every((g) => g.offerState === 'draft')).toBe(true);
    const work = (await officer.get('/api/work')).json() as WorkWaiting;
    expect(work.funds.find((f) => f.fundId === fund.id)?.offersToIssue).toBe(toIssue.total);

    const paged = (await officer.get(`/api/grants?fundId=${fund.id}&pageSize=2&page=2`)).json() as GrantList;
    expect(paged).toMatchObject({ page: 2, pageSize: 2, total: all.total });
    expectError(await officer.get('/api/grants?offer=soon'), 400, 'validation_failed');
  });

  it('puts “Accept or decline your offer” on the group’s to-do list, with its deadline', async () => {
    const { grantId } = await awardedGrant(t.app, setting, group, { askPence: 110_000 });
    await officer.post(`/api/grants/${grantId}/offer/issue`);
    const toDo = (await group.client.get('/api/bids/to-do')).json() as {
      items: { kind: string; what: string; dueAt: string; grantId?: string | null }[];
    };
    const item = toDo.items.find((i) => i.grantId === grantId);
    expect(item).toMatchObject({ kind: 'offer', what: 'Accept or decline your offer' });
    expect(item?.dueAt.slice(0, 10)).toBe(addDays(today(), 28));
  });

  it('answers two acceptances at the same moment once: one accepted, the other 409', async () => {
    const { grantId } = await awardedGrant(t.app, setting, group, { askPence: 130_000 });
    await officer.post(`/api/grants/${grantId}/offer/issue`);
    const body = { fullName: 'Amina Hassan', role: 'Chair', declaration: true };
    const answers = await Promise.all([
      group.client.post(`/api/grants/${grantId}/accept`, body),
      group.client.post(`/api/grants/${grantId}/accept`, body),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(
      t.app.db.all(
        sql`select id from audit_events where action = 'grant.accepted' and entity_id = ${grantId}`,
      ),
    ).toHaveLength(1);
  });

  it('keeps an offer’s conditions as they were when the fund’s standard conditions change later', async () => {
    const { grantId } = await awardedGrant(t.app, setting, group, { askPence: 140_000 });
    const current = (await officer.get(`/api/funds/${fund.id}`)).json() as Record<string, unknown> & {
      standardConditions: unknown[];
    };
    expect(current.standardConditions).toEqual(CONDITIONS);
    const changed = await officer.put(`/api/funds/${fund.id}`, {
      ...fundBody(t.clock.now(), await priorityIdsOf(t.app), {
        name: current.name,
        code: current.code,
        opensAt: current.opensAt,
        closesAt: current.closesAt,
        deliveryStartsOn: current.deliveryStartsOn,
        deliveryEndsOn: current.deliveryEndsOn,
        potPence: current.potPence,
        capPence: current.capPence,
        minAssessors: 1,
      }),
      criteria: (
        current.criteria as { title: string; description: string; weight: number; guidance: string[] }[]
      ).map(({ title, description, weight, guidance }) => ({ title, description, weight, guidance })),
      standardConditions: [{ text: 'Send us photographs of the project', beforeFirstPayment: false }],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((changed.json() as { standardConditions: unknown }).standardConditions).toEqual([
      { text: 'Send us photographs of the project', beforeFirstPayment: false },
    ]);
    expect((await detail(officer, grantId)).conditions.map((c) => c.text)).toEqual(
      CONDITIONS.map((c) => c.text),
    );
    const later = await awardedGrant(t.app, setting, group, { askPence: 145_000 });
    expect((await detail(officer, later.grantId)).conditions.map((c) => c.text)).toEqual([
      'Send us photographs of the project',
    ]);
  });
});
