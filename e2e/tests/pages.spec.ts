import { expect, expectNoSidewaysScroll, test } from '../fixtures';

test.describe('Public pages', () => {
  test('the start page explains the fund and lists the funds open now @phone', async ({ page, axe }) => {
    await page.goto('/');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Apply for a Communities Fund grant' }),
    ).toBeVisible();
    await expect(page.getByRole('link', { name: 'Communities Fund', exact: true }).first()).toBeVisible();
    await expect(
      page
        .getByRole('button', { name: 'Sign in' })
        .or(page.getByRole('link', { name: 'Sign in' }))
        .first(),
    ).toBeVisible();
    await expect(page.getByText('Peterborough City Council').first()).toBeVisible();
    await axe();
    await expectNoSidewaysScroll(page);
  });

  test('a fund page shows the cap, the dates and the weighted criteria @phone', async ({ page, axe }) => {
    await page.goto('/funds');
    await expect(page.getByRole('heading', { level: 1, name: 'Funds' })).toBeVisible();
    await axe();
    await page.getByRole('link', { name: 'Communities Fund' }).last().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Communities Fund' })).toBeVisible();
    await expect(page.getByText('£20,000').first()).toBeVisible();
    const criteria = page.getByRole('table', { name: 'Scoring criteria' });
    await expect(criteria.getByRole('row')).toHaveCount(7);
    await expect(criteria).toContainText('Brings people from different backgrounds together');
    await expect(criteria).toContainText('30%');
    await axe();
    await expectNoSidewaysScroll(page);
  });

  test('the accessibility statement is linked from every page footer', async ({ page, axe }) => {
    await page.goto('/funds');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibility statement' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Accessibility statement/ })).toBeVisible();
    await axe();
  });

  test('an unknown address shows a helpful "page not found" @phone', async ({ page, axe }) => {
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(200); // the app shell; the page itself says not found
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(page).toHaveTitle(/^Page not found/);
    await axe();
    await expectNoSidewaysScroll(page);
  });

  test('on a phone the navigation folds behind a Menu button that opens it @phone-only', async ({
    page,
    signInAs,
    axe,
  }) => {
    await signInAs('admin');
    const menu = page.getByRole('button', { name: 'Menu' });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('link', { name: 'Users', exact: true })).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('link', { name: 'Users', exact: true })).toBeVisible();
    await axe();
    await expectNoSidewaysScroll(page);
  });
});

test.describe('Staff pages', () => {
  test('finance sees the Communities Fund budget as the council reported it: £215,000 committed to 19 groups, £85,000 left @phone', async ({
    page,
    signInAs,
    axe,
  }) => {
    await signInAs('finance');
    await page.getByRole('link', { name: 'Communities Fund budget' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Budget' })).toBeVisible();
    // The headline figures (the summary below repeats them, now that whole pounds show no pence).
    await expect(page.getByText('committed to 19 groups')).toContainText('£215,000');
    await expect(page.getByText('left to award')).toContainText('£85,000');
    await expect(page.getByRole('table', { name: 'Committed by priority' }).getByRole('row')).toHaveCount(5);
    await expect(page.getByRole('table', { name: 'Committed by ward' })).toContainText('City-wide');
    await axe();
    await expectNoSidewaysScroll(page);
  });
});
