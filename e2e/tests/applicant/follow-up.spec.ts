import { expect, mailTo, navigate, signInAs, test } from '../../fixtures';

test.describe('Following a bid', () => {
  test('a group withdraws a draft, giving a reason that stays on the record', async ({ page, axe }) => {
    await signInAs(page, 'applicant2@demo.test');
    await navigate(page, 'Your bids');
    await expect(page.getByRole('heading', { level: 1, name: 'Your bids' })).toBeVisible();
    await axe();
    await page.getByRole('link', { name: 'Vytis Summer Camp' }).click();
    await page.getByRole('link', { name: 'Withdraw this bid' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Withdraw your bid' })).toBeVisible();
    await page.getByRole('button', { name: 'Withdraw bid' }).click();
    await expect(page.getByRole('link', { name: 'Enter a reason' })).toBeVisible();
    await axe();
    await page.getByLabel('Why are you withdrawing it?').fill('Our coaches are not available this summer.');
    await page.getByRole('button', { name: 'Withdraw bid' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Vytis Summer Camp' })).toBeVisible();
    await expect(page.getByText('Withdrawn', { exact: true })).toBeVisible();
    await expect(page.getByText('Bid withdrawn')).toBeVisible();
    await expect(page.getByText('Our coaches are not available this summer.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Withdraw this bid' })).toHaveCount(0);
    await axe();
  });

  test('one group cannot open another group’s bid by changing the address', async ({
    page,
    browser,
    baseURL,
  }) => {
    await signInAs(page, 'applicant@demo.test');
    await navigate(page, 'Your bids');
    await page.getByRole('link', { name: 'Welcome Table Supper Club' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome Table Supper Club' })).toBeVisible();
    const address = new URL(page.url()).pathname;

    const other = await browser.newContext({ baseURL });
    const otherPage = await other.newPage();
    await signInAs(otherPage, 'applicant2@demo.test');
    await otherPage.goto(address);
    await expect(otherPage.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expect(otherPage.getByText('Welcome Table Supper Club')).toHaveCount(0);
    await other.close();
  });

  test('a bid returned for changes is corrected and sent again under the same reference', async ({
    page,
    axe,
  }) => {
    await signInAs(page, 'applicant@demo.test');
    await navigate(page, 'Your bids');
    const row = page.getByRole('row', { name: /Family Fun Days/ });
    await expect(row).toContainText('Changes needed');
    const firstReference = /PCF-\d{4}-\d{4}/.exec((await row.textContent()) ?? '')?.[0];
    expect(firstReference).toBeTruthy();
    await page.getByRole('link', { name: 'Family Fun Days' }).click();
    await expect(page.getByRole('region', { name: 'Changes needed' })).toContainText(
      'how you will keep children safe',
    );
    await axe();
    await page.getByRole('link', { name: 'About your project', exact: true }).click();
    await page
      .getByLabel('Describe your project')
      .fill(
        'Twelve Saturday fun days led by our trained volunteers, each with a named lead. Children are always with a parent or carer, and our volunteers have DBS checks.',
      );
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page.getByText('“About your project” saved.')).toBeVisible();
    await page.getByRole('link', { name: 'Check your answers and send' }).click();
    await expect(page.getByText(/named lead/).first()).toBeVisible();
    await page.getByRole('button', { name: 'Send bid' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Bid sent' })).toBeVisible();
    // The same reference as when it was first sent.
    await expect(page.locator('.govuk-panel__body strong')).toHaveText(firstReference ?? 'missing');
    await axe();
    await page.getByRole('link', { name: 'See your bid' }).click();
    await expect(page.getByText('Bid sent again after changes')).toBeVisible();
    await expect(page.getByText('Returned to the group for changes')).toBeVisible();
    await expect(page.getByText(/, by Grants team$/)).toBeVisible();
  });

  test('an officer returns a sent bid with a message; the group is told and sees it', async ({
    page,
    browser,
    baseURL,
    axe,
    playwright,
  }) => {
    await signInAs(page, 'officer@demo.test');
    await page.getByRole('link', { name: 'Bids waiting to be checked' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Bids' })).toBeVisible();
    await axe();
    await page.getByRole('link', { name: 'Welcome Table Supper Club' }).click();
    await expect(page.getByText('Check eligibility (screening)').first()).toBeVisible();
    await page.getByRole('button', { name: 'Return for changes' }).click();
    await page.getByRole('button', { name: 'Return bid' }).click();
    await expect(page.getByRole('link', { name: 'Enter what the group needs to change' })).toBeVisible();
    await axe();
    await page
      .getByLabel('What does the group need to change?')
      .fill('Please tell us which languages your interpreters will cover.');
    await page.getByRole('button', { name: 'Return bid' }).click();
    await expect(page.getByText('Returned to the group for changes:')).toBeVisible();
    await axe();

    const mail = await mailTo(playwright.request, baseURL ?? '', 'applicant@demo.test');
    expect(
      mail.some((m) => m.subject.includes('needs some changes') && m.body.includes('which languages')),
    ).toBe(true);

    const group = await browser.newContext({ baseURL });
    const groupPage = await group.newPage();
    await signInAs(groupPage, 'applicant@demo.test');
    await navigate(groupPage, 'Your bids');
    await groupPage.getByRole('link', { name: 'Welcome Table Supper Club' }).click();
    await expect(groupPage.getByRole('region', { name: 'Changes needed' })).toContainText('which languages');
    await group.close();
  });
});
