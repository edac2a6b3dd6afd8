import { expect, JOURNEY_LIMIT_MS, tabTo, test } from '../../fixtures';

test.describe('Keyboard only', () => {
  test('a group member signs in, starts a bid and completes a section without a mouse', async ({ page }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await tabTo(page, page.getByLabel('Email address'));
    await page.keyboard.type('applicant2@demo.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type('communities-fund-demo');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Hello, Tomas Petrauskas' })).toBeVisible();

    await tabTo(page, page.getByRole('link', { name: 'Start a new bid' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Funds' })).toBeVisible();
    await tabTo(page, page.getByRole('main').getByRole('link', { name: 'Communities Fund' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Communities Fund' })).toBeVisible();
    await tabTo(page, page.getByRole('button', { name: 'Start a bid' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Can your group apply?' })).toBeVisible();

    // Each question: Tab into the group lands on "Yes"; Space selects it.
    for (const question of [
      /based in Peterborough/,
      /governing document/,
      /bank account/,
      /money left over/,
      /or less\?/,
      /Can your project finish/,
    ]) {
      const yes = page.getByRole('group', { name: question }).getByLabel('Yes', { exact: true });
      await tabTo(page, yes);
      await page.keyboard.press('Space');
      await expect(yes).toBeChecked();
    }
    const atRisk = page.getByRole('group', { name: /children or with adults at risk/ });
    await tabTo(page, atRisk.getByLabel('Yes', { exact: true }));
    await page.keyboard.press('ArrowRight');
    await expect(atRisk.getByLabel('No', { exact: true })).toBeChecked();
    await tabTo(page, page.getByRole('button', { name: 'Continue' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Your bid' })).toBeVisible();

    await tabTo(page, page.getByRole('link', { name: 'Bringing people together' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Bringing people together' })).toBeVisible();
    await tabTo(
      page,
      page.getByLabel('How will your project bring people from different backgrounds together?'),
    );
    await page.keyboard.type(
      'Children from every community train and play in mixed teams, and families cook together after matches.',
    );
    await tabTo(page, page.getByRole('button', { name: 'Save and continue' }));
    await page.keyboard.press('Enter');
    await expect(page.getByText('“Bringing people together” saved.')).toBeVisible();
    await expect(page.getByText('You have completed 1 of 11 sections.')).toBeVisible();
  });
});
