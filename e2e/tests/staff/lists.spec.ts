import { expect, signInAs, test } from '../../fixtures';

test.describe('Long lists come a page at a time', () => {
  test('grants staff page through every bid with GOV.UK pagination, and a filter keeps its place @phone', async ({
    page,
    axe,
  }) => {
    await signInAs(page, 'officer@demo.test');
    await page.goto('/bids');
    await expect(page.getByRole('heading', { level: 1, name: 'Bids' })).toBeVisible();
    await expect(page.getByText(/^Showing 1 to 25 of \d+ bids$/)).toBeVisible();
    const pages = page.getByRole('navigation', { name: 'Pages of bids' });
    await expect(pages.getByRole('link', { name: 'Page 1' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(26);
    await axe();

    await pages.getByRole('link', { name: 'Next page' }).click();
    await expect(page.getByText(/^Showing 26 to \d+ of \d+ bids$/)).toBeVisible();
    await expect(pages.getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page');
    await expect(page).toHaveURL(/\/bids\?page=2$/);
    await axe();
    await pages.getByRole('link', { name: 'Previous page' }).click();
    await expect(page.getByText(/^Showing 1 to 25 of \d+ bids$/)).toBeVisible();

    // A filter starts again at its own first page, and its pages keep it.
    // (On a phone GOV.UK's pagination shows only the first, current and last pages: go by Next.)
    await pages.getByRole('link', { name: 'Next page' }).click();
    await expect(page).toHaveURL(/\/bids\?page=2$/);
    await page.getByLabel('Show bids that are').selectOption({ label: 'Awarded' });
    await page.getByRole('button', { name: 'Show bids' }).click();
    await expect(page).toHaveURL(/\/bids\?status=awarded$/);
    await expect(page.getByText(/^(\d+ bids|Showing 1 to \d+ of \d+ bids)$/)).toBeVisible();
    const statuses = page.getByRole('table').getByRole('row').locator('td:nth-child(2)');
    await expect(statuses.first()).toHaveText('Awarded');
    expect(new Set(await statuses.allTextContents())).toEqual(new Set(['Awarded']));
    await axe();
  });
});
