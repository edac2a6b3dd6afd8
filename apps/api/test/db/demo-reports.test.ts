// The demo's monitoring reports (issue 11 item 9; demo-reports.ts): some approved with outcomes that
// add up across the fund, one returned with comments, one overdue, one due soon, one grant completed
// with its final instalment paid by two finance people; PRODUCT.md section 9's figures still true.
import { londonToday, OUTCOME_KEYS } from '@cf/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendReportReminders } from '../../src/modules/monitoring/service.js';
import { DEMO_AWARDS_TOTAL_PENCE } from '../../src/seed/demo-assessment.js';
import {
  DEMO_REPORT_DUE_SOON,
  DEMO_REPORTS,
  DEMO_RETURN_COMMENTS,
  demoAchieved,
} from '../../src/seed/demo-reports.js';
import { buildTestApp, contextAs, type TestApp } from '../support/app.js';
import { type Client, signedIn } from '../support/client.js';
import { outboxMessages, userIdOf } from '../support/database.js';

interface ReportRow {
  id: string;
  grantId: string;
  name: string;
  grantStatus: string;
  kind: string;
  dueOn: string;
  status: string;
  outcomes: string | null;
  returnComments: string | null;
  submittedBy: string | null;
  decidedBy: string | null;
}

describe('the demo’s monitoring reports', () => {
  let t: TestApp;
  let officer: Client;
  let fundId: string;
  let reports: ReportRow[];
  const named = (story: string) => Object.keys(DEMO_REPORTS).filter((n) => DEMO_REPORTS[n]?.story === story);
  const of = (name: string, kind: string) => {
    const row = reports.find((r) => r.name === name && r.kind === kind);
    if (!row) throw new Error(`No ${kind} report for ${name}`);
    return row;
  };
  const today = () => londonToday(t.clock.now());

  beforeAll(async () => {
    t = await buildTestApp();
    fundId = t.app.db.get<{ id: string }>(sql`select id from funds where code = 'PCF'`)?.id ?? '';
    officer = await signedIn(t.app, 'officer@demo.test');
    reports = t.app.db.all<ReportRow>(
      sql`select r.id, r.grant_id as "grantId", o.name, g.status as "grantStatus", r.kind, r.due_on as "dueOn",
            r.status, r.outcomes, r.return_comments as "returnComments", r.submitted_by as "submittedBy",
            r.decided_by as "decidedBy"
          from grant_reports r join grants g on g.id = r.grant_id join organisations o on o.id = g.organisation_id
          where g.fund_id = ${fundId}`,
    );
  });
  afterAll(async () => t.close());

  it('has mid-point reports sent by a member of the group and approved by officer@, the grants rated', () => {
    const officerId = userIdOf(t.app, 'officer@demo.test');
    const approved = named('approved');
    expect(approved.length).toBeGreaterThanOrEqual(5);
    for (const name of approved) {
      const report = of(name, 'mid_point');
      expect(report.status, name).toBe('approved');
      expect(report.decidedBy, name).toBe(officerId);
      const member = t.app.db.get<{ n: number }>(
        sql`select count(*) as n from memberships where user_id = ${report.submittedBy}
              and organisation_id = (select organisation_id from grants where id = ${report.grantId})`,
      );
      expect(member?.n, name).toBe(1);
      const rating = t.app.db.get<{ n: number }>(
        sql`select count(*) as n from grant_ratings where grant_id = ${report.grantId} and report_id = ${report.id}`,
      );
      expect(rating?.n, name).toBe(1);
    }
  });

  it('has one report returned with comments, not overdue', () => {
    const [name] = named('returned');
    const returned = reports.filter((r) => r.status === 'returned');
    expect(returned.map((r) => r.name)).toEqual([name]);
    expect(returned[0]?.returnComments).toBe(DEMO_RETURN_COMMENTS);
    expect(returned[0]?.dueOn && returned[0].dueOn > today()).toBe(true);
  });

  it('has exactly one report overdue (not started, its due date past) and one due in the next 14 days', async () => {
    const overdue = (await officer.get(`/api/monitoring/reports?state=overdue&fundId=${fundId}`)).json()
      .reports as { organisationName: string; status: string; dueOn: string }[];
    expect(overdue.map((r) => r.organisationName)).toEqual(named('overdue'));
    expect(of(named('overdue')[0] ?? '', 'mid_point').status).toBe('not_started');
    const dueSoon = (await officer.get(`/api/monitoring/reports?state=due_soon&fundId=${fundId}`)).json()
      .reports as { organisationName: string; kind: string }[];
    expect(dueSoon.map((r) => [r.organisationName, r.kind])).toEqual([[DEMO_REPORT_DUE_SOON, 'final']]);
    const work = (await officer.get('/api/work'))
      .json()
      .funds.find((f: { fundId: string }) => f.fundId === fundId);
    expect(work).toMatchObject({ reportsOverdue: 1, reportsDueSoon: 1 });
  });

  it('reminds the overdue group and the group due soon, once each', () => {
    const run = sendReportReminders(contextAs(t, null), today());
    expect(run).toMatchObject({ overdue: 1, dueSoon: 1 });
    expect(sendReportReminders(contextAs(t, null), today())).toMatchObject({
      overdue: 0,
      dueSoon: 0,
      emails: 0,
    });
    const overdueMail = outboxMessages(t.app, 'report_overdue');
    const dueSoonMail = outboxMessages(t.app, 'report_due_soon');
    expect(overdueMail.length).toBeGreaterThan(0);
    expect(dueSoonMail.length).toBeGreaterThan(0);
    expect(overdueMail.length + dueSoonMail.length).toBe(run.emails);
  });

  it('has one grant completed: both reports approved, its final instalment asked for by officer@, approved by finance@, paid by finance2@', () => {
    const [name] = named('completed');
    const completed = reports.filter((r) => r.grantStatus === 'completed');
    expect(new Set(completed.map((r) => r.name))).toEqual(new Set([name]));
    expect(completed.map((r) => r.status)).toEqual(['approved', 'approved']);
    const grantId = completed[0]?.grantId ?? '';
    const final = t.app.db.get<{
      amount: number;
      status: string;
      requestedBy: string;
      approvedBy: string;
      paidRecordedBy: string;
    }>(
      sql`select amount_pence as amount, status, requested_by as "requestedBy", approved_by as "approvedBy",
            paid_recorded_by as "paidRecordedBy" from payments where grant_id = ${grantId} and trigger = 'final_report'`,
    );
    const instalment = t.app.db.get<{ amount: number }>(
      sql`select amount_pence as amount from grant_instalments where grant_id = ${grantId} and trigger = 'final_report'`,
    );
    expect(final).toEqual({
      amount: instalment?.amount,
      status: 'paid',
      requestedBy: userIdOf(t.app, 'officer@demo.test'),
      approvedBy: userIdOf(t.app, 'finance@demo.test'),
      paidRecordedBy: userIdOf(t.app, 'finance2@demo.test'),
    });
    // The whole award is paid: first and final instalments.
    const paid = t.app.db.get<{ total: number; award: number }>(
      sql`select (select sum(amount_pence) from payments where grant_id = ${grantId} and status = 'paid') as total,
            (select a.amount_pence from grants g join awards a on a.id = g.award_id where g.id = ${grantId}) as award`,
    );
    expect(paid?.total).toBe(paid?.award);
  });

  it('has outcomes that add up across the fund: the page’s figures are the approved reports’ sums', async () => {
    const outcomes = (await officer.get(`/api/funds/${fundId}/outcomes`)).json() as {
      total: { grants: number; reported: number; figures: Record<string, { achieved: number }> };
    };
    const approved = reports.filter((r) => r.status === 'approved');
    const latest = new Map<string, Record<string, number>>();
    for (const r of [...approved].sort((a, b) => a.dueOn.localeCompare(b.dueOn))) {
      latest.set(r.grantId, JSON.parse(r.outcomes ?? '{}'));
    }
    expect(outcomes.total.grants).toBe(19);
    expect(outcomes.total.reported).toBe(named('approved').length + named('completed').length);
    for (const key of OUTCOME_KEYS) {
      const sum = [...latest.values()].reduce((s, o) => s + (o[key] ?? 0), 0);
      expect(outcomes.total.figures[key]?.achieved, key).toBe(sum);
      expect(sum, key).toBeGreaterThan(0);
    }
    // Achieved is the share of what each bid promised that the demo says.
    const first = named('approved')[0] ?? '';
    const promised = t.app.db.get<{ data: string }>(
      sql`select s.data from bid_sections s join grants g on g.bid_id = s.bid_id
          where g.id = ${of(first, 'mid_point').grantId} and s.section = 'outcomes'`,
    );
    const plan = DEMO_REPORTS[first];
    const bid = JSON.parse(promised?.data ?? '{}');
    const targets = {
      participants: bid.participants,
      events: bid.events,
      volunteers: bid.volunteers,
      peopleMeeting: bid.peopleMeeting,
    };
    expect(JSON.parse(of(first, 'mid_point').outcomes ?? '{}')).toEqual(
      demoAchieved(targets, plan?.story === 'approved' ? plan.share : 0),
    );
  });

  it('keeps PRODUCT.md section 9 true: £215,000 committed to 19 groups, £85,000 left', async () => {
    const budget = (await officer.get(`/api/funds/${fundId}/budget`)).json();
    expect(budget).toMatchObject({
      committedPence: DEMO_AWARDS_TOTAL_PENCE,
      awardsCount: 19,
      availablePence: 8_500_000,
      returnedPence: 0,
    });
  });
});
