import type { Page } from '@playwright/test';
import {
  DEMO,
  expect,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  JOURNEY_LIMIT_MS,
  PHONE_WIDTHS,
  signInAs,
  test,
} from '../../fixtures';
import { API_USER_PASSWORD } from '../../fixtures/api';
import { awardedBid } from '../../fixtures/grants';

/** The axe fixture's checks, for the second person's page. */
async function expectAxe(page: Page): Promise<void> {
  await expectNoAxeViolations(page);
  if ((page.viewportSize()?.width ?? 1000) <= Math.max(...PHONE_WIDTHS)) await expectNoSidewaysScroll(page);
}

/**
 * Issue 10: the officer checks, changes and issues a grant offer; a member of the group reads the
 * agreement, accepts it, and is sent on to give the group's bank details.
 */
test.describe('A grant offer @phone', () => {
  test('an officer edits and issues an offer; the group reads the agreement and accepts it', async ({
    page,
    browser,
    baseURL,
    axe,
    playwright,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    const url = baseURL ?? '';
    const { fund, email, group } = await awardedBid(playwright.request, url, {
      title: 'Riverside Supper Club',
    });
    // The officer finds the offer among those to issue, and changes it.
    await signInAs(page, DEMO.officer);
    await page.getByRole('link', { name: `1 offer to check and issue in ${fund.name}` }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Grants' })).toBeVisible();
    await expect(page.getByRole('table', { name: '1 grant' })).toBeVisible();
    await axe();
    await page.getByRole('link', { name: 'Riverside Supper Club' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Riverside Supper Club' })).toBeVisible();
    await expect(page.getByText('Offer not issued yet')).toBeVisible();
    await axe();
    await page.getByRole('button', { name: 'Change the offer' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Change the offer' })).toBeVisible();
    await page.getByLabel('Paid when the offer is accepted').fill('900');
    await page.getByLabel('Paid when the final report is approved').fill('50');
    await page.getByRole('button', { name: 'Save the offer' }).click();
    await expect(page.getByRole('link', { name: /they must add up to the award, £1,000/ })).toBeVisible();
    await axe();
    await page.getByLabel('Paid when the final report is approved').fill('100');
    await page
      .getByLabel('What the grant is for')
      .fill('Monthly suppers where neighbours cook for each other.');
    await page
      .getByLabel('Other conditions to meet before the first payment')
      .fill('Send us your food hygiene certificate');
    await page.getByRole('button', { name: 'Save the offer' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Riverside Supper Club' })).toBeVisible();
    await expect(page.getByText('Monthly suppers where neighbours cook for each other.')).toBeVisible();
    await expect(page.getByText('£900')).toBeVisible();
    await page.getByRole('button', { name: 'Issue the offer to the group' }).click();
    await expect(page.getByText('Waiting for the group')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Change the offer' })).toHaveCount(0);
    await axe();

    // A member of the group answers it, from their to-do list.
    const member = await browser.newContext({ baseURL: url, viewport: page.viewportSize() });
    const memberPage = await member.newPage();
    await signInAs(memberPage, email, API_USER_PASSWORD);
    await memberPage.goto('/');
    await expect(memberPage.getByText('Accept or decline your offer')).toBeVisible();
    await expectAxe(memberPage);
    await memberPage.getByRole('link', { name: 'Riverside Supper Club' }).first().click();
    await expect(memberPage.getByRole('heading', { level: 1, name: 'Riverside Supper Club' })).toBeVisible();
    await expect(memberPage.getByText('Monthly suppers where neighbours cook for each other.')).toBeVisible();
    await expectAxe(memberPage);
    await memberPage.getByRole('link', { name: 'Read the grant agreement' }).click();
    await expect(memberPage.getByRole('heading', { level: 1, name: 'Grant agreement' })).toBeVisible();
    await expect(memberPage.getByText('Send us your food hygiene certificate')).toBeVisible();
    await expect(memberPage.getByText('People taking part')).toBeVisible();
    await expectAxe(memberPage);
    await memberPage.getByRole('link', { name: 'Back to the grant' }).click();
    await memberPage.getByRole('button', { name: 'Accept the offer' }).click();
    await expect(memberPage.getByRole('link', { name: 'Enter your full name' })).toBeVisible();
    await expectAxe(memberPage);
    await memberPage.getByLabel('Your full name').fill('Noor Ali');
    await memberPage.getByLabel('Your role in the group').fill('Chair');
    await memberPage.getByLabel(/I accept this grant of £1,000/).check();
    await memberPage.getByRole('button', { name: 'Accept the offer' }).click();
    await expect(memberPage.getByText('Next, give us your group’s bank details')).toBeVisible();
    await expect(memberPage.getByRole('link', { name: 'Give your bank details' })).toHaveAttribute(
      'href',
      `/groups/${group.id}/bank-account`,
    );
    await expectAxe(memberPage);
    await member.close();
  });

  test('a group declines an offer, giving a reason, and can no longer accept it', async ({
    page,
    baseURL,
    axe,
    playwright,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    const url = baseURL ?? '';
    const { email, bidId, officerApi } = await awardedBid(playwright.request, url, {
      title: 'Riverside Walking Group',
    });
    const bid = await officerApi.get<{ grantId: string }>(`/api/bids/${bidId}`);
    await officerApi.send('POST', `/api/grants/${bid.grantId}/offer/issue`);

    await signInAs(page, email, API_USER_PASSWORD);
    await page.getByRole('link', { name: 'Riverside Walking Group' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Riverside Walking Group' })).toBeVisible();
    await page.getByRole('link', { name: 'Decline the offer' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Decline the offer' })).toBeVisible();
    await page.getByRole('button', { name: 'Decline the offer' }).click();
    await expect(page.getByRole('link', { name: 'Enter why your group is declining' })).toBeVisible();
    await axe();
    await page.getByLabel('Why is your group declining the offer?').fill('Our volunteers have moved away.');
    await page.getByRole('button', { name: 'Decline the offer' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Riverside Walking Group' })).toBeVisible();
    await expect(page.getByText('Declined', { exact: true })).toBeVisible();
    await expect(page.getByText('Our volunteers have moved away.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Accept the offer' })).toHaveCount(0);
    await axe();
  });
});
