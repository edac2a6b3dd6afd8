import { addDays, londonToday, OUTCOME_KEYS, OUTCOME_TARGET_LABELS, type OutcomeTargets } from '@cf/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptGrant, vytisGrant } from '../../builders/payments.js';
import { buildTestApp, type TestApp } from '../../support/app.js';
import { type Client, signedIn } from '../../support/client.js';
import { refusedChangingNothing } from '../../support/errors.js';

/** A CSV line's cells: quoted text (quotes doubled) or plain numbers, empty for none. */
function cells(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"]|"")*)"|([^,]*)/y;
  let at = 0;
  while (at <= line.length) {
    re.lastIndex = at;
    const m = re.exec(line);
    out.push(m?.[1] !== undefined ? m[1].replaceAll('""', '"') : (m?.[2] ?? ''));
    at = re.lastIndex + 1;
  }
  return out;
}
const csvLines = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map(cells);

interface Slice {
  id: string;
  name: string;
  grants: number;
  reported: number;
  figures: Record<keyof OutcomeTargets, { promised: number; achieved: number }>;
}

describe('the officers’ lists of reports due soon and overdue, and their counts on the home page', () => {
  let t: TestApp;
  let officer: Client;
  let fundId: string;

  beforeAll(async () => {
    t = await buildTestApp();
    const vytis = vytisGrant(t);
    fundId = vytis.fundId;
    await acceptGrant(t, vytis.grantId);
    officer = await signedIn(t.app, 'officer@demo.test');
    // One report of Vytis due in a week, one of another grant in delivery made overdue yesterday.
    const today = londonToday(t.clock.now());
    t.app.db.run(
      sql`update grant_reports set due_on = ${addDays(today, 7)} where grant_id = ${vytis.grantId} and kind = 'mid_point'`,
    );
    t.app.db.run(
      sql`update grant_reports set due_on = ${addDays(today, 200)} where grant_id = ${vytis.grantId} and kind = 'final'`,
    );
  });
  afterAll(async () => t.close());

  const countsOf = async () => {
    const work = (await officer.get('/api/work')).json() as {
      funds: { fundId: string; reportsDueSoon: number; reportsOverdue: number }[];
    };
    return work.funds.find((f) => f.fundId === fundId);
  };

  it('counts on the home page exactly the reports each list shows', async () => {
    const counts = await countsOf();
    for (const state of ['due_soon', 'overdue'] as const) {
      const list = await officer.get(`/api/monitoring/reports?state=${state}&fundId=${fundId}`);
      expect(list.statusCode, list.body).toBe(200);
      const reports = list.json().reports as { fundId: string; state: string; dueOn: string }[];
      expect(reports.every((r) => r.fundId === fundId)).toBe(true);
      expect(reports.length).toBe(state === 'due_soon' ? counts?.reportsDueSoon : counts?.reportsOverdue);
    }
    expect(counts?.reportsDueSoon).toBeGreaterThan(0);
  });

  it('moves a report from the due-soon list to the overdue list the day after its due date', async () => {
    const before = await countsOf();
    const due = (await officer.get(`/api/monitoring/reports?state=due_soon&fundId=${fundId}`)).json()
      .reports as { reportId: string; dueOn: string; state: string }[];
    const report = due[0];
    if (!report) throw new Error('Nothing due soon');
    t.app.db.run(
      sql`update grant_reports set due_on = ${addDays(londonToday(t.clock.now()), -1)} where id = ${report.reportId}`,
    );
    const after = await countsOf();
    expect(after?.reportsDueSoon).toBe((before?.reportsDueSoon ?? 0) - 1);
    expect(after?.reportsOverdue).toBe((before?.reportsOverdue ?? 0) + 1);
    const overdue = (await officer.get(`/api/monitoring/reports?state=overdue&fundId=${fundId}`)).json()
      .reports as { reportId: string; state: string; daysOverdue: number }[];
    expect(overdue.find((r) => r.reportId === report.reportId)).toMatchObject({
      state: 'overdue',
      daysOverdue: 1,
    });
  });

  it('refuses the lists to groups and bad filters field by field', async () => {
    const applicant = await signedIn(t.app, 'applicant2@demo.test');
    await refusedChangingNothing(t.app, () => applicant.get('/api/monitoring/reports?state=overdue'), 403);
    const bad = await officer.get('/api/monitoring/reports?state=late');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('state');
  });
});

describe('outcomes across a fund (GET /api/funds/:fundId/outcomes and outcomes.csv)', () => {
  let t: TestApp;
  let officer: Client;
  let fundId: string;
  const achieved = { participants: 40, events: 12, volunteers: 5, peopleMeeting: 30 };
  let baseline: Slice;

  beforeAll(async () => {
    t = await buildTestApp();
    fundId = vytisGrant(t).fundId;
    officer = await signedIn(t.app, 'officer@demo.test');
    // Set-up (the reports module, on its own branch, approves reports): the mid-point reports of
    // two grants in delivery approved with outcomes, and one more only sent (it must not count).
    baseline = (await officer.get(`/api/funds/${fundId}/outcomes`)).json().total;
    const grants = t.app.db.all<{ id: string }>(
      sql`select id from grants g where fund_id = ${fundId} and status = 'in_delivery'
            and not exists (select 1 from grant_reports r where r.grant_id = g.id and r.status = 'approved')
          order by id limit 3`,
    );
    expect(grants).toHaveLength(3);
    grants.forEach((g, i) => {
      t.app.db.run(
        sql`update grant_reports set status = ${i < 2 ? 'approved' : 'submitted'}, outcomes = ${JSON.stringify(achieved)}
            where grant_id = ${g.id} and kind = 'mid_point'`,
      );
    });
  });
  afterAll(async () => t.close());

  it('adds up promised and achieved: the page’s totals are the CSV’s sums, only approved reports count', async () => {
    const response = await officer.get(`/api/funds/${fundId}/outcomes`);
    expect(response.statusCode, response.body).toBe(200);
    const outcomes = response.json() as { total: Slice; byPriority: Slice[]; byWard: Slice[] };
    const csv = await officer.get(`/api/funds/${fundId}/outcomes.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const [header = [], ...rows] = csvLines(csv.body);
    expect(rows).toHaveLength(outcomes.total.grants);
    expect(outcomes.total.reported).toBe(baseline.reported + 2);
    for (const key of OUTCOME_KEYS) {
      const promisedAt = header.indexOf(`${OUTCOME_TARGET_LABELS[key]}: promised`);
      expect(header[promisedAt + 1]).toBe(`${OUTCOME_TARGET_LABELS[key]}: achieved`);
      const sum = (index: number) => rows.reduce((s, row) => s + Number(row[index] || 0), 0);
      expect(sum(promisedAt)).toBe(outcomes.total.figures[key].promised);
      expect(sum(promisedAt + 1)).toBe(outcomes.total.figures[key].achieved);
      expect(outcomes.total.figures[key].achieved).toBe(baseline.figures[key].achieved + 2 * achieved[key]);
      // Each grant has one main priority: the priorities add up to the total.
      expect(outcomes.byPriority.reduce((s, p) => s + p.figures[key].promised, 0)).toBe(
        outcomes.total.figures[key].promised,
      );
      // A grant in several wards counts whole in each: the wards add up to at least the total.
      expect(outcomes.byWard.reduce((s, w) => s + w.figures[key].promised, 0)).toBeGreaterThanOrEqual(
        outcomes.total.figures[key].promised,
      );
    }
    expect(rows.filter((r) => r[7] !== 'None approved yet')).toHaveLength(outcomes.total.reported);
  });

  it('counts the grants still standing: 19 in the demo fund', async () => {
    const outcomes = (await officer.get(`/api/funds/${fundId}/outcomes`)).json() as { total: Slice };
    expect(outcomes.total.grants).toBe(19);
  });

  it('is for staff with the budget: a group is refused, an unknown fund is 404', async () => {
    const applicant = await signedIn(t.app, 'applicant2@demo.test');
    await refusedChangingNothing(t.app, () => applicant.get(`/api/funds/${fundId}/outcomes`), 403);
    await refusedChangingNothing(t.app, () => applicant.get(`/api/funds/${fundId}/outcomes.csv`), 403);
    const unknown = await officer.get('/api/funds/00000000-0000-4000-8000-000000000000/outcomes');
    expect(unknown.statusCode).toBe(404);
  });
});
