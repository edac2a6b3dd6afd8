// Issue 11, item 2: monitoring reports, written by the group section by section, approved or
// returned by an officer, the grant rated; the final report completes the grant and asks for the
// final payment (decision 0024).
import { join } from 'node:path';
import { type GrantReports, MAX_UPLOAD_BYTES, type ReportDetail } from '@cf/shared';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { payableGrant } from '../../builders/payments.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { auditSince, lastAuditId, outboxMessages, userIdOf } from '../../support/database.js';
import { expectError, refusedChangingNothing } from '../../support/errors.js';
import { filesUnder, postMultipart, testFiles } from '../../support/files.js';

describe('monitoring reports', () => {
  let t: TestApp;
  let officer: Client;
  let member: Client;
  let grant: Awaited<ReturnType<typeof payableGrant>>;

  beforeEach(async () => {
    t = await buildTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    officer = await signedIn(t.app, 'officer@demo.test');
    grant = await payableGrant(t);
    member = grant.member;
  });
  afterEach(async () => t.close());

  const reportsOf = async (client: Client) => {
    const response = await client.get(`/api/grants/${grant.grantId}/reports`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as GrantReports;
  };
  const reportId = async (kind: 'mid_point' | 'final') => {
    const found = (await reportsOf(officer)).reports.find((r) => r.kind === kind);
    if (!found) throw new Error(`No ${kind} report`);
    return found.id;
  };
  const detail = async (client: Client, id: string) => {
    const response = await client.get(`/api/reports/${id}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as ReportDetail;
  };
  const save = (client: Client, id: string, section: string, version: number, data: unknown) =>
    client.put(`/api/reports/${id}/sections/${section}`, { version, data });

  /** Every section answered, as the group would: what was spent on each line, outcomes as promised. */
  async function completeReport(id: string, share = 0.5): Promise<ReportDetail> {
    let report = await detail(member, id);
    const answers: [string, unknown][] = [
      ['progress', { progress: 'Training sessions run every Saturday; the league started in October.' }],
      [
        'spend',
        {
          lines: report.budgetLines.map((line) => ({ spentPence: Math.round(line.costPence * share) })),
          explanation: '',
        },
      ],
      [
        'outcomes',
        {
          participants: Math.ceil((report.targets?.participants ?? 0) * share),
          events: Math.ceil((report.targets?.events ?? 0) * share),
          volunteers: Math.ceil((report.targets?.volunteers ?? 0) * share),
          peopleMeeting: Math.ceil((report.targets?.peopleMeeting ?? 0) * share),
        },
      ],
      ['story', { story: 'A boy who had just arrived in the city now coaches the under-tens.' }],
    ];
    for (const [section, data] of answers) {
      const saved = await save(member, id, section, report.version, data);
      expect(saved.statusCode, saved.body).toBe(200);
      report = saved.json() as ReportDetail;
    }
    return report;
  }

  it('makes each grant’s reports from its schedule: Vytis’s £15,000 owes a mid-point and a final report', async () => {
    const { reports, rating } = await reportsOf(member);
    expect(reports.map((r) => r.kind)).toEqual(['mid_point', 'final']);
    expect(reports.every((r) => r.status === 'not_started')).toBe(true);
    expect(rating).toBeNull();
    const schedule = (await (await officer.get(`/api/grants/${grant.grantId}`)).json()) as {
      reports: { kind: string; dueOn: string }[];
    };
    expect(reports.map(({ kind, dueOn }) => ({ kind, dueOn }))).toEqual(schedule.reports);
  });

  it('goes from the group to the officer and back, then approved and the grant rated: each step audited, the group emailed', async () => {
    const mid = await reportId('mid_point');
    const since = lastAuditId(t.app);
    const filled = await completeReport(mid);
    expect(filled).toMatchObject({
      status: 'draft',
      missing: [],
      permissions: { write: true, decide: false },
    });
    expect(filled.budgetLines.every((line) => line.spentPence === Math.round(line.costPence * 0.5))).toBe(
      true,
    );
    const photo = await postMultipart(member, `/api/reports/${mid}/evidence`, [
      { name: 'file', filename: 'league-day.jpg', content: testFiles.jpeg() },
    ]);
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json()).toMatchObject({ filename: 'league-day.jpg', contentType: 'image/jpeg' });
    const download = await officer.get(`/api/reports/${mid}/evidence/${photo.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(testFiles.jpeg())).toBe(true);

    const sent = await member.post(`/api/reports/${mid}/send`);
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({
      status: 'submitted',
      state: 'submitted',
      submittedByName: expect.any(String),
    });

    const officerView = await detail(officer, mid);
    expect(officerView.permissions).toEqual({ write: false, decide: true, rate: true });
    expect(officerView.suggestion?.rating).toEqual(expect.stringMatching(/^(green|amber|red)$/));

    const returned = await officer.post(`/api/reports/${mid}/return`, {
      comments: 'Please say what the £200 on kit was spent on.',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({
      status: 'returned',
      returnComments: 'Please say what the £200 on kit was spent on.',
    });
    const mail = outboxMessages(t.app).filter((m) => m.kind === 'report_returned');
    expect(mail.length).toBeGreaterThan(0);
    expect(mail[0]?.body).toContain('Please say what the £200 on kit was spent on.');

    // The group corrects it and sends it again.
    const again = await detail(member, mid);
    expect(again.permissions.write).toBe(true);
    const corrected = await save(member, mid, 'progress', again.version, {
      progress: 'The £200 on kit bought 20 training bibs and two balls.',
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect((await member.post(`/api/reports/${mid}/send`)).statusCode).toBe(200);

    const approved = await officer.post(`/api/reports/${mid}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedByName: 'Sarah Whitfield' });
    expect(outboxMessages(t.app).some((m) => m.kind === 'report_approved')).toBe(true);
    // Approving the mid-point neither completes the grant nor asks for money.
    const grantRow = t.app.db.get<{ status: string }>(
      sql`select status from grants where id = ${grant.grantId}`,
    );
    expect(grantRow?.status).toBe('in_delivery');
    expect(
      t.app.db.all(
        sql`select id from payments where grant_id = ${grant.grantId} and trigger = 'final_report'`,
      ),
    ).toEqual([]);

    // The officer rates the grant; differing from the suggestion needs a reason.
    const suggested = (await detail(officer, mid)).suggestion?.rating ?? 'green';
    const other = suggested === 'green' ? 'amber' : 'green';
    const rated = await officer.post(`/api/grants/${grant.grantId}/ratings`, {
      rating: other,
      reason: 'The league has grown faster than planned.',
      reportId: mid,
    });
    expect(rated.statusCode, rated.body).toBe(201);
    expect(rated.json().rating).toMatchObject({ rating: other, suggestedRating: suggested, reportId: mid });
    // The group sees its reports but not the council's rating.
    expect((await reportsOf(member)).rating).toBeNull();

    expect(auditSince(t.app, since).map((e) => e.action)).toEqual([
      'grant.report_saved',
      'grant.report_saved',
      'grant.report_saved',
      'grant.report_saved',
      'grant.report_evidence_added',
      'grant.report_submitted',
      'grant.report_returned',
      'grant.report_saved',
      'grant.report_submitted',
      'grant.report_approved',
      'grant.rated',
    ]);
  });

  it('completes the grant when the final report is approved, asking for the final payment for finance to approve', async () => {
    const final = await reportId('final');
    await completeReport(final, 1);
    expect((await member.post(`/api/reports/${final}/send`)).statusCode).toBe(200);
    const since = lastAuditId(t.app);
    const approved = await officer.post(`/api/reports/${final}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', grantStatus: 'completed' });
    expect(auditSince(t.app, since).map((e) => e.action)).toEqual([
      'grant.report_approved',
      'payment.requested',
      'grant.completed',
    ]);
    const payments = t.app.db.all<{ id: string; amount_pence: number; status: string; requested_by: string }>(
      sql`select id, amount_pence, status, requested_by from payments where grant_id = ${grant.grantId} and trigger = 'final_report'`,
    );
    // 20% of £15,000, asked for by the approving officer: finance must still approve it.
    expect(payments).toEqual([
      {
        id: expect.any(String),
        amount_pence: 3_000_00,
        status: 'requested',
        requested_by: userIdOf(t.app, 'officer@demo.test'),
      },
    ]);
    const mail = outboxMessages(t.app).find((m) => m.kind === 'report_approved');
    expect(mail?.body).toContain('final payment of £3,000');
    const finance = await signedIn(t.app, 'finance@demo.test');
    const paid = await finance.post(`/api/payments/${payments[0]?.id}/approve`);
    expect(paid.statusCode, paid.body).toBe(200);
  });

  it('completes a grant paid in full on acceptance without asking for any payment', async () => {
    t.app.db.run(
      sql`delete from grant_instalments where grant_id = ${grant.grantId} and trigger = 'final_report'`,
    );
    t.app.db.run(
      sql`update grant_instalments set amount_pence = ${grant.awardPence} where grant_id = ${grant.grantId}`,
    );
    const final = await reportId('final');
    await completeReport(final, 1);
    expect((await member.post(`/api/reports/${final}/send`)).statusCode).toBe(200);
    const approved = await officer.post(`/api/reports/${final}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().grantStatus).toBe('completed');
    expect(t.app.db.all(sql`select id from payments where grant_id = ${grant.grantId}`)).toEqual([]);
    expect(outboxMessages(t.app, 'report_approved')[0]?.body).toContain('Your grant is now complete.');
  });

  it('refuses to approve the final report when its payment cannot be asked for, approving nothing (409)', async () => {
    const final = await reportId('final');
    await completeReport(final, 1);
    expect((await member.post(`/api/reports/${final}/send`)).statusCode).toBe(200);
    // The group changes its bank details; finance has not checked the new ones.
    const changed = await member.put(`/api/organisations/${grant.organisationId}/bank-account`, {
      accountName: 'BC VYTIS',
      sortCode: '40-11-22',
      accountNumber: '12345678',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const error = await refusedChangingNothing(
      t.app,
      () => officer.post(`/api/reports/${final}/approve`),
      409,
    );
    expect(error.message).toMatch(
      /^The final report cannot be approved yet, because approving it asks for the final payment/,
    );
  });

  describe('bad input and abuse: refused, nothing changed', () => {
    it('answers a member of another group as if the report did not exist (404)', async () => {
      const mid = await reportId('mid_point');
      const amina = await signedIn(t.app, 'applicant@demo.test');
      await refusedChangingNothing(t.app, () => amina.get(`/api/reports/${mid}`), 404);
      await refusedChangingNothing(t.app, () => amina.get(`/api/grants/${grant.grantId}/reports`), 404);
      await refusedChangingNothing(
        t.app,
        () => save(amina, mid, 'progress', 1, { progress: 'Not our grant at all.' }),
        404,
      );
      await refusedChangingNothing(t.app, () => amina.post(`/api/reports/${mid}/send`), 404);
      const photo = await postMultipart(member, `/api/reports/${mid}/evidence`, [
        { name: 'file', filename: 'private.pdf', content: testFiles.pdf('Private') },
      ]);
      expect(photo.statusCode, photo.body).toBe(201);
      await refusedChangingNothing(
        t.app,
        () => amina.get(`/api/reports/${mid}/evidence/${photo.json().id}`),
        404,
      );
      await refusedChangingNothing(
        t.app,
        () => amina.delete(`/api/reports/${mid}/evidence/${photo.json().id}`),
        404,
      );
      await refusedChangingNothing(
        t.app,
        () =>
          postMultipart(amina, `/api/reports/${mid}/evidence`, [
            { name: 'file', filename: 'a.pdf', content: testFiles.pdf() },
          ]),
        404,
      );
    });

    it('takes outcome figures only as whole numbers of 0 or more, field by field (400)', async () => {
      const mid = await reportId('mid_point');
      const error = await refusedChangingNothing(
        t.app,
        () =>
          save(member, mid, 'outcomes', 1, {
            participants: -3,
            events: 2.5,
            volunteers: 'ten',
            peopleMeeting: 4,
          }),
        400,
      );
      expect(Object.keys(error.fields ?? {}).sort()).toEqual(['events', 'participants', 'volunteers']);
      expect(error.fields?.participants).toMatch(/0 or more/);
      expect(error.fields?.events).toMatch(/whole number/);
      expect(error.fields?.volunteers).toMatch(/whole number/);
      const spend = await refusedChangingNothing(
        t.app,
        () => save(member, mid, 'spend', 1, { lines: [{ spentPence: -100 }] }),
        400,
      );
      expect(spend.fields?.['lines.0.spentPence']).toBe('The amount spent must be £0 or more');
      const lines = await refusedChangingNothing(
        t.app,
        () => save(member, mid, 'spend', 1, { lines: [{ spentPence: 100 }], explanation: '' }),
        400,
      );
      expect(lines.fields?.lines).toMatch(
        /^Enter what you have spent on each of the \d+ lines of your budget$/,
      );
    });

    it('refuses evidence of the wrong type (415) or over 10 MB (413), leaving no file behind', async () => {
      const mid = await reportId('mid_point');
      const filesDir = join(t.dir, 'files');
      const before = filesUnder(filesDir);
      const exe = await refusedChangingNothing(
        t.app,
        () =>
          postMultipart(member, `/api/reports/${mid}/evidence`, [
            { name: 'file', filename: 'photo.pdf', content: testFiles.exe() },
          ]),
        415,
      );
      expect(exe.fields?.file).toMatch(/PDF/);
      const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x20);
      big.write('%PDF-1.4\n', 0, 'latin1');
      await refusedChangingNothing(
        t.app,
        () =>
          postMultipart(member, `/api/reports/${mid}/evidence`, [
            { name: 'file', filename: 'big.pdf', content: big },
          ]),
        413,
      );
      expect(filesUnder(filesDir)).toEqual(before);
    });

    it('refuses a member approving or returning their own group’s report, and an officer who belongs to the group (403)', async () => {
      const mid = await reportId('mid_point');
      await completeReport(mid);
      expect((await member.post(`/api/reports/${mid}/send`)).statusCode).toBe(200);
      await refusedChangingNothing(t.app, () => member.post(`/api/reports/${mid}/approve`), 403);
      await refusedChangingNothing(
        t.app,
        () => member.post(`/api/reports/${mid}/return`, { comments: 'No' }),
        403,
      );
      await refusedChangingNothing(
        t.app,
        () => member.post(`/api/grants/${grant.grantId}/ratings`, { rating: 'green', reason: '' }),
        403,
      );
      // An officer who joins the group no longer stands apart from it.
      t.app.db.run(
        sql`insert into memberships (user_id, organisation_id) values (${userIdOf(t.app, 'officer2@demo.test')}, ${grant.organisationId})`,
      );
      const officer2 = await signedIn(t.app, 'officer2@demo.test');
      await refusedChangingNothing(t.app, () => officer2.post(`/api/reports/${mid}/approve`), 403);
      // Staff never write a group's report.
      await refusedChangingNothing(
        t.app,
        () => save(officer, mid, 'progress', 1, { progress: 'Written by the officer.' }),
        403,
      );
    });

    it('refuses editing, adding evidence to or sending a report once approved (409 naming the state)', async () => {
      const mid = await reportId('mid_point');
      const filled = await completeReport(mid);
      expect((await member.post(`/api/reports/${mid}/send`)).statusCode).toBe(200);
      // Sent: the group waits for the officer.
      const waiting = await refusedChangingNothing(
        t.app,
        () => save(member, mid, 'story', filled.version, { story: 'A better story.' }),
        409,
      );
      expect(waiting.message).toBe(
        'This report has been sent to the grants officer, so it cannot be changed',
      );
      expect((await officer.post(`/api/reports/${mid}/approve`)).statusCode).toBe(200);
      const edit = await refusedChangingNothing(
        t.app,
        () => save(member, mid, 'story', filled.version, { story: 'A better story.' }),
        409,
        'invalid_state',
      );
      expect(edit.message).toBe('This report has been approved, so it cannot be changed');
      const send = await refusedChangingNothing(t.app, () => member.post(`/api/reports/${mid}/send`), 409);
      expect(send.message).toBe('This report has been approved, so it cannot be changed');
      await refusedChangingNothing(
        t.app,
        () =>
          postMultipart(member, `/api/reports/${mid}/evidence`, [
            { name: 'file', filename: 'late.pdf', content: testFiles.pdf('Late') },
          ]),
        409,
      );
      const twice = await refusedChangingNothing(
        t.app,
        () => officer.post(`/api/reports/${mid}/approve`),
        409,
      );
      expect(twice.message).toBe('This report has been approved already');
    });

    it('refuses approving or returning a report that is not sent (409)', async () => {
      const mid = await reportId('mid_point');
      const error = await refusedChangingNothing(
        t.app,
        () => officer.post(`/api/reports/${mid}/approve`),
        409,
      );
      expect(error.message).toBe('This report has not been sent yet, so it cannot be approved or returned');
      await refusedChangingNothing(
        t.app,
        () => officer.post(`/api/reports/${mid}/return`, { comments: 'Too early' }),
        409,
      );
    });

    it('refuses sending with sections unanswered, naming each one (400)', async () => {
      const mid = await reportId('mid_point');
      const saved = await save(member, mid, 'progress', 1, { progress: 'Going well.' });
      expect(saved.statusCode, saved.body).toBe(200);
      const error = await refusedChangingNothing(t.app, () => member.post(`/api/reports/${mid}/send`), 400);
      expect(error.fields).toEqual({
        spend: 'Answer the “Spending” section',
        outcomes: 'Answer the “Outcomes” section',
        story: 'Answer the “A story” section',
      });
    });

    it('refuses a save from a version someone else has saved over (409)', async () => {
      const mid = await reportId('mid_point');
      expect((await save(member, mid, 'progress', 1, { progress: 'First.' })).statusCode).toBe(200);
      const error = await refusedChangingNothing(
        t.app,
        () => save(member, mid, 'story', 1, { story: 'Stale.' }),
        409,
      );
      expect(error.fields?.version).toBe('This report has changed since you opened it');
    });

    it('wants comments to return a report, and a reason to differ from the suggested rating (400)', async () => {
      const mid = await reportId('mid_point');
      await completeReport(mid);
      expect((await member.post(`/api/reports/${mid}/send`)).statusCode).toBe(200);
      const comments = await refusedChangingNothing(
        t.app,
        () => officer.post(`/api/reports/${mid}/return`, { comments: '  ' }),
        400,
      );
      expect(comments.fields?.comments).toBe('Enter what the group needs to change');
      const suggested = (await detail(officer, mid)).suggestion?.rating ?? 'green';
      const other = suggested === 'red' ? 'green' : 'red';
      const reason = await refusedChangingNothing(
        t.app,
        () => officer.post(`/api/grants/${grant.grantId}/ratings`, { rating: other, reason: '' }),
        400,
      );
      expect(reason.fields?.reason).toMatch(/^Say why you rate this grant/);
      const same = await officer.post(`/api/grants/${grant.grantId}/ratings`, { rating: suggested });
      expect(same.statusCode, same.body).toBe(201);
      // Ratings are a history the database keeps: never changed, never deleted.
      expect(() => t.app.db.run(sql`update grant_ratings set rating = 'green'`)).toThrow();
      expect(() => t.app.db.run(sql`delete from grant_ratings`)).toThrow();
    });

    it('refuses reports of a grant not in delivery (409)', async () => {
      const mid = await reportId('mid_point');
      expectError(await member.post(`/api/reports/${mid}/send`), 400);
      t.app.db.run(sql`update grants set status = 'ended_early' where id = ${grant.grantId}`);
      const error = await refusedChangingNothing(
        t.app,
        () => save(member, mid, 'progress', 1, { progress: 'Still going.' }),
        409,
      );
      expect(error.message).toBe('This grant is ended early, so its reports cannot be changed');
    });
  });
});
