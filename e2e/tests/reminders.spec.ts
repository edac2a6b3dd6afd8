import { DEMO, expect, JOURNEY_LIMIT_MS, signInAs, test } from '../fixtures';
import { ApiUser, isoDay } from '../fixtures/api';
import { acceptedGrant } from '../fixtures/grants';

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

test.describe('Monitoring across grants', () => {
  test('an overdue report: the officer sees it, sends reminders twice, and the group is reminded exactly once @phone', async ({
    page,
    axe,
    playwright,
    baseURL,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    const url = baseURL ?? '';
    const request = playwright.request;
    // Set-up through the API: a project that started 300 days ago (£6,000: a mid-point report,
    // due half way, months ago), its offer issued and accepted; its mid-point report not sent.
    const title = `Late Reporters Lunch Club ${Date.now()}`;
    const grant = await acceptedGrant(request, url, {
      title,
      amountPence: 600_000,
      memberName: 'Rita Late',
      timetable: { startDate: isoDay(-300), endDate: isoDay(-10) },
    });
    const detail = await grant.member.get<{ reference: string | null; status: string }>(
      `/api/grants/${grant.grantId}`,
    );
    await grant.member.dispose();
    expect(detail.status).toBe('in_delivery');
    const subject = `Your mid-point report for ${detail.reference} is overdue`;

    // The officer's home page counts it; the count links to the list that shows it.
    await signInAs(page, DEMO.officer);
    await page.goto('/');
    const count = page.getByRole('link', { name: `1 report overdue in ${grant.fundName}` });
    await expect(count).toBeVisible();
    await axe();
    await count.click();
    await expect(page.getByRole('heading', { level: 1, name: 'Reports overdue' })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/reports\\?state=overdue&fundId=${grant.fundId}$`));
    const row = page.getByRole('row').filter({ hasText: title });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Mid-point report');
    await expect(row).toContainText('Not yet');
    await axe();

    // Sending reminders now, twice: the first reminds the group, the second finds nothing new.
    await page.getByRole('button', { name: 'Send reminders now' }).click();
    await expect(page.getByText(/reminders? sent/)).toBeVisible();
    await expect(row).not.toContainText('Not yet');
    await page.getByRole('button', { name: 'Send reminders now' }).click();
    await expect(page.getByText('No new reminders were needed')).toBeVisible();

    // The sent mail page shows the reminder once, to the group's contact.
    await page.goto('/mail');
    await expect(page.getByRole('heading', { level: 1, name: 'Sent mail' })).toBeVisible();
    const reminder = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { level: 2, name: subject }) });
    await expect(reminder).toHaveCount(1);
    await expect(reminder).toContainText(`To ${grant.email},`);

    // And through the API, every email to the group's contact: one reminder, however many runs.
    const admin = await ApiUser.signIn(request, url, DEMO.admin);
    const mail = await admin.get<{ messages: { to: string; subject: string }[] }>('/api/mail');
    await admin.dispose();
    expect(mail.messages.filter((m) => m.subject === subject)).toHaveLength(1);
  });

  test('the outcomes of the demo fund: charts beside tables whose totals are the CSV’s sums @phone', async ({
    page,
    axe,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    await signInAs(page, DEMO.officer);
    await page.goto('/funds');
    await page.getByRole('main').getByRole('link', { name: 'Communities Fund', exact: true }).click();
    await page.getByRole('link', { name: 'Outcomes: promised against achieved' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Outcomes' })).toBeVisible();
    await axe();

    const totals = page.getByRole('table', { name: 'All grants: promised and achieved' });
    const figure = async (outcome: string, column: number) => {
      const text = await totals
        .getByRole('row')
        .filter({ hasText: outcome })
        .getByRole('cell')
        .nth(column)
        .textContent();
      return Number((text ?? '').replace(/[^\d]/g, ''));
    };
    const href = await page
      .getByRole('link', { name: /Download the outcomes of each grant/ })
      .getAttribute('href');
    const csv = await page.request.get(href ?? '');
    expect(csv.status()).toBe(200);
    const [header = [], ...rows] = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
      .map(cells);
    expect(rows).toHaveLength(19);
    for (const outcome of [
      'People taking part',
      'Events or sessions',
      'Volunteers',
      'People from different backgrounds meeting',
    ]) {
      const promisedAt = header.indexOf(`${outcome}: promised`);
      const sum = (index: number) => rows.reduce((s, r) => s + Number(r[index] || 0), 0);
      // The table's cells: the outcome, promised, achieved, achieved of promised.
      expect(await figure(outcome, 1), outcome).toBe(sum(promisedAt));
      expect(await figure(outcome, 2), outcome).toBe(sum(promisedAt + 1));
      expect(sum(promisedAt + 1), outcome).toBeGreaterThan(0);
    }
  });
});
