// A group's reports on its home page's to-do list (issue 11): returned, overdue or due within the
// reminder window, for grants in delivery; soonest first with the bids and offers. And the demo's
// group contacts, who sign in to show this, are applicants like anyone who registers.
import { londonToday, REMINDER_DAYS_BEFORE } from '@cf/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { signedIn } from '../../support/client.js';

interface ToDoItem {
  kind: string;
  what: string;
  dueAt: string;
  grantId: string | null;
  reportId: string | null;
}

describe('reports on the group’s to-do list', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const reportOf = (group: string, kind: string) =>
    t.app.db.get<{ id: string; grantId: string; dueOn: string; status: string }>(
      sql`select r.id, r.grant_id as "grantId", r.due_on as "dueOn", r.status from grant_reports r
          join grants g on g.id = r.grant_id join organisations o on o.id = g.organisation_id
          where o.name = ${group} and r.kind = ${kind}`,
    );
  const toDoOf = async (email: string) =>
    ((await (await signedIn(t.app, email)).get('/api/bids/to-do')).json() as { items: ToDoItem[] }).items;

  it('asks for the changes to a returned report, linking the report, due on its day', async () => {
    const report = reportOf('Fletton Faith Forum', 'mid_point');
    expect(report?.status).toBe('returned');
    const items = await toDoOf('contact@fletton-faith-forum.demo.test');
    const item = items.find((i) => i.reportId === report?.id);
    expect(item).toMatchObject({ kind: 'report', grantId: report?.grantId });
    expect(item?.what).toMatch(/changes/i);
    expect(item?.what).toMatch(/mid-point report/i);
    expect(item?.dueAt.slice(0, 10)).toBe(report?.dueOn);
  });

  it('says an overdue report is overdue', async () => {
    const report = reportOf('Dogsthorpe Dads and Lads', 'mid_point');
    const today = londonToday(t.clock.now());
    expect(report && report.dueOn < today).toBe(true);
    const item = (await toDoOf('contact@dogsthorpe-dads-and-lads.demo.test')).find(
      (i) => i.reportId === report?.id,
    );
    expect(item?.kind).toBe('report');
    expect(item?.what).toMatch(/overdue/i);
  });

  it('lists a report due within the reminder window, and not one due later', async () => {
    const today = londonToday(t.clock.now());
    const soon = reportOf('Stanground Good Neighbours', 'final');
    const later = reportOf('Bretton Repair Café CIC', 'final');
    expect(soon && soon.dueOn >= today).toBe(true);
    const horizon = new Date(Date.parse(`${today}T12:00:00Z`) + REMINDER_DAYS_BEFORE * 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect(soon && soon.dueOn <= horizon).toBe(true);
    expect(later && later.dueOn > horizon).toBe(true);
    const soonItems = await toDoOf('contact@stanground-good-neighbours.demo.test');
    expect(soonItems.find((i) => i.reportId === soon?.id)?.what).toMatch(/final report/i);
    const laterItems = await toDoOf('contact@bretton-repair-cafe-cic.demo.test');
    expect(laterItems.some((i) => i.kind === 'report')).toBe(false);
  });

  it('shows a group only its own reports', async () => {
    const items = await toDoOf('applicant@demo.test');
    const theirs = [
      reportOf('Fletton Faith Forum', 'mid_point')?.id,
      reportOf('Dogsthorpe Dads and Lads', 'mid_point')?.id,
    ];
    expect(items.filter((i) => theirs.includes(i.reportId ?? ''))).toEqual([]);
  });

  it('gives every demo group contact who can sign in the applicant role, as registering does', () => {
    const withoutRole = t.app.db.all<{ email: string }>(
      sql`select u.email from users u join memberships m on m.user_id = u.id
          where not exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'applicant')`,
    );
    expect(withoutRole).toEqual([]);
  });
});
