import { readFileSync } from 'node:fs';
import { DEMO, expect, JOURNEY_LIMIT_MS, signInAs, test } from '../fixtures';

// The audit trail and personal data (issue 11 items 7 and 8, decision 0026).
test.describe('Data protection', () => {
  test('a member downloads everything held about them from their account page @phone', async ({
    page,
    axe,
  }) => {
    await signInAs(page, DEMO.applicant);
    await page.goto('/account');
    await expect(page.getByRole('heading', { level: 2, name: 'Your data' })).toBeVisible();
    await axe();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download your data' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^communities-fund-your-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8'));
    expect(data.account).toMatchObject({ email: DEMO.applicant, name: 'Amina Hussain' });
    expect(data.memberships.map((m: { group: string }) => m.group)).toContain('Millfield Community Kitchen');
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/argon2|passwordHash|tokenHash/i);
    expect(text).not.toContain(DEMO.applicant2);

    // The privacy notice says how to get it, and how long personal data is kept.
    await page.goto('/privacy');
    await expect(page.getByText('choose “Download your data”')).toBeVisible();
    await axe();
  });

  test('an admin sets how long closed grants keep personal data, and the privacy notice says so', async ({
    page,
    axe,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    await signInAs(page, DEMO.admin);
    await page.getByRole('link', { name: 'Set how long personal data is kept' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Keeping personal data' })).toBeVisible();
    await axe();

    // Bad input, said on the field.
    const months = page.getByLabel('How many months closed grants keep personal data');
    await months.fill('3');
    await page.getByRole('button', { name: 'Save the period' }).click();
    await expect(
      page.getByRole('link', { name: 'Enter a whole number of months from 12 to 300' }),
    ).toBeVisible();
    await axe();

    await months.fill('84');
    await page.getByRole('button', { name: 'Save the period' }).click();
    await expect(page.getByText('Closed grants now keep personal data for 7 years.')).toBeVisible();
    await page.getByRole('button', { name: 'Remove personal data now' }).click();
    await expect(page.getByText(/still held personal data|Removed the personal data of/)).toBeVisible();
    await axe();

    await page.goto('/privacy');
    await expect(page.getByText('7 years', { exact: true })).toBeVisible();

    // On the record.
    await page.goto('/admin/audit?kind=system');
    await expect(
      page
        .getByRole('list', { name: 'Entries' })
        .getByText('Alex Morgan set how long closed grants keep personal data to 7 years')
        .first(),
    ).toBeVisible();
    // The chain holds.
    await page.getByRole('button', { name: 'Check the audit trail' }).click();
    await expect(
      page.getByText(/^No change found: all [\d,]+ entries are as they were written\.$/),
    ).toBeVisible();
    await axe();
  });

  test('an officer filters the audit trail by a bid and follows an entry to the bid @phone', async ({
    page,
    axe,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    await signInAs(page, DEMO.officer);
    // The header links to it (behind the menu on a phone).
    await page.goto('/admin/audit');
    await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
    // Officers read the trail; exporting and checking it are for admins.
    await expect(page.getByRole('link', { name: /Download .* \(CSV\)/ })).toHaveCount(0);
    await axe();

    // A bid that was awarded: its reference from the trail itself.
    await page.getByLabel('Kind of action').selectOption({ label: 'Bids' });
    await page.getByRole('button', { name: 'Show entries' }).click();
    const entries = page.getByRole('list', { name: 'Entries' });
    const bidLink = entries.getByRole('link', { name: /^bid [A-Z]+-\d{4}-\d{4}$/ }).first();
    const reference = ((await bidLink.textContent()) ?? '').replace(/^bid /, '');
    expect(reference).toMatch(/^[A-Z]+-\d{4}-\d{4}$/);

    await page.getByLabel('Kind of action').selectOption({ label: 'Every kind' });
    await page.getByLabel('Bid reference or record id').fill(reference);
    await page.getByRole('button', { name: 'Show entries' }).click();
    await expect(page).toHaveURL(new RegExp(`record=${reference}`));
    const sentences = await entries.locator('.app-audit__sentence').allTextContents();
    expect(sentences.length).toBeGreaterThan(0);
    for (const sentence of sentences) expect(sentence).toContain(`bid ${reference}`);
    await axe();

    // Each entry links to its record: the bid's page.
    await entries
      .getByRole('link', { name: `bid ${reference}` })
      .first()
      .click();
    await expect(page).toHaveURL(/\/bids\/[0-9a-f-]{36}$/);
    await expect(page.getByText(reference).first()).toBeVisible();
    await axe();

    // And back: the bid's History opens the trail about it.
    await page.getByRole('link', { name: 'History of this bid in the audit trail' }).click();
    await expect(page).toHaveURL(/entityType=bid&entityId=/);
    await expect(
      page.getByRole('heading', { level: 2, name: `Entries about bid ${reference}` }),
    ).toBeVisible();
    await axe();
  });
});
