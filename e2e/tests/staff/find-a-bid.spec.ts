import { expect, expectNoSidewaysScroll, signInAs, test } from '../../fixtures';

test.describe('Finding a bid in the staff list', () => {
  test('an officer finds a bid by searching, and pages through a sorted list, seeing what was awarded @phone', async ({
    page,
    axe,
  }) => {
    await signInAs(page, 'officer@demo.test');
    await page.goto('/bids');
    await expect(page.getByRole('heading', { level: 1, name: 'Bids' })).toBeVisible();

    // Searching by part of a project's name, in any case.
    await page.getByLabel('Search').fill('basketBALL');
    await page.getByRole('button', { name: 'Show bids' }).click();
    await expect(page).toHaveURL(/\/bids\?q=basketBALL$/);
    // Only bids with the words in their name, reference or group (here the project and its club).
    const rows = page.getByRole('table').getByRole('row');
    for (const row of (await rows.all()).slice(1)) await expect(row).toContainText(/basketball/i);
    const found = page.getByRole('row', { name: /Basketball for All/ });
    await expect(found).toContainText(/Awarded £[\d,]+(\.\d\d)?/);
    await expect(page.getByLabel('Search')).toHaveValue('basketBALL');
    await axe();
    await expectNoSidewaysScroll(page);

    await page.getByRole('link', { name: 'Basketball for All' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Basketball for All' })).toBeVisible();
    await expect(
      page
        .locator('.govuk-summary-list__row')
        .filter({ has: page.getByRole('term').filter({ hasText: /^Awarded$/ }) }),
    ).toContainText(/£[\d,]+(\.\d\d)?/);
    await axe();

    // Nothing found says so, and offers the whole list again.
    await page.goto('/bids?q=no%20bid%20has%20this%20name');
    await expect(page.getByText('No bids match.')).toBeVisible();
    await page.getByRole('link', { name: 'Show every bid' }).click();
    await expect(page).toHaveURL(/\/bids$/);

    // Sorted by project name, page 2 carries on where page 1 ended, keeping the order in the address.
    await page.getByLabel('Sort by').selectOption({ label: 'Project name (A to Z)' });
    await page.getByRole('button', { name: 'Show bids' }).click();
    await expect(page).toHaveURL(/\/bids\?sort=title$/);
    await expect(page.getByText(/^Showing 1 to 25 of \d+ bids$/)).toBeVisible();
    const titles = page.getByRole('table').getByRole('row').locator('td:nth-child(1) a');
    const first = await titles.allTextContents();
    const folded = first.map((t) => t.toLowerCase());
    expect(folded).toEqual([...folded].sort());
    await axe();
    await expectNoSidewaysScroll(page);

    await page
      .getByRole('navigation', { name: 'Pages of bids' })
      .getByRole('link', { name: 'Next page' })
      .click();
    await expect(page).toHaveURL(/\/bids\?sort=title&page=2$/);
    await expect(page.getByText(/^Showing 26 to \d+ of \d+ bids$/)).toBeVisible();
    await expect(page.getByLabel('Sort by')).toHaveValue('title');
    const second = await titles.allTextContents();
    expect(second.length).toBeGreaterThan(0);
    expect((second[0] ?? '').toLowerCase() >= (first.at(-1) ?? '').toLowerCase()).toBe(true);
    await axe();

    await page
      .getByRole('link', { name: second[0] ?? '' })
      .first()
      .click();
    await expect(page.getByRole('heading', { level: 1, name: second[0] ?? '' })).toBeVisible();
  });
});
