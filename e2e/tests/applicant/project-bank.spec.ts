import { expect, navigate, signInAs, test } from '../../fixtures';

test.describe('Project bank', () => {
  test('an officer records a neighbourhood need and anyone can find it by ward @phone', async ({
    page,
    browser,
    baseURL,
    axe,
  }) => {
    const title = `Safe play space ${Date.now()}`;
    await signInAs(page, 'officer@demo.test');
    await navigate(page, 'Project bank');
    await expect(page.getByRole('heading', { level: 1, name: 'Project bank' })).toBeVisible();
    await axe();
    await page.getByRole('button', { name: 'Record a need' }).click();
    await page.getByRole('button', { name: 'Save need' }).click();
    await expect(page.getByRole('link', { name: 'Choose the ward' })).toBeVisible();
    await axe();
    await page.getByLabel('Ward').selectOption({ label: 'Ravensthorpe' });
    await page.getByLabel('Short name for the need').fill(title);
    await page
      .getByLabel('Describe the need')
      .fill('Parents asked for a safe place where children from different streets can play together.');
    await page.getByLabel('Community consultation').check();
    const when = page.getByRole('group', { name: 'When was it found?' });
    await when.getByLabel('Day').fill('12');
    await when.getByLabel('Month').fill('3');
    await when.getByLabel('Year').fill('2019');
    await page.getByRole('button', { name: 'Save need' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Project bank' })).toBeVisible();

    const visitor = await browser.newContext({ baseURL, viewport: page.viewportSize() ?? undefined });
    const visitorPage = await visitor.newPage();
    await visitorPage.goto('/project-bank');
    await visitorPage.getByLabel('Show needs in').selectOption({ label: 'Ravensthorpe' });
    await visitorPage.getByRole('button', { name: 'Show needs' }).click();
    await expect(visitorPage.getByRole('heading', { name: title })).toBeVisible();
    await expect(visitorPage.getByText('Practising everyday English')).toHaveCount(0);
    await visitor.close();
  });
});
