import { expect, navigate, signInAs, test } from '../../fixtures';

test.describe('An assessor on a phone', () => {
  test('declares no conflict and reads the scoring page at 320 pixels wide @phone-only', async ({
    page,
    axe,
  }) => {
    await signInAs(page, 'assessor2@demo.test');
    await navigate(page, 'Bids to assess');
    await expect(page.getByRole('heading', { level: 1, name: 'Bids to assess' })).toBeVisible();
    await axe();
    await page.getByRole('link', { name: 'School Gate English' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Do you have a conflict of interest?' }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(
      page.getByRole('link', { name: 'Say whether you have a conflict of interest' }),
    ).toBeVisible();
    await axe();
    await page.getByLabel('No, I have no conflict of interest').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Your scores' })).toBeVisible();
    await expect(page.getByText(/Weighted total: .* out of 100/)).toBeVisible();
    await axe();
  });
});
