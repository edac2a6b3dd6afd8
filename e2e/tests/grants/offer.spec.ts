import type { APIRequest, Page } from '@playwright/test';
import {
  DEMO,
  expect,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  JOURNEY_LIMIT_MS,
  PHONE_WIDTHS,
  signInAs,
  test,
  uniqueEmail,
} from '../../fixtures';
import { API_USER_PASSWORD, ApiUser, sentBid } from '../../fixtures/api';
import { fundWithAssessors, scoredByAssessors, screenedEligible } from '../../fixtures/officers';

/** The axe fixture's checks, for the second person's page. */
async function expectAxe(page: Page): Promise<void> {
  await expectNoAxeViolations(page);
  if ((page.viewportSize()?.width ?? 1000) <= Math.max(...PHONE_WIDTHS)) await expectNoSidewaysScroll(page);
}

/**
 * Set-up through the API: a fund of the journey's own, a new group's bid scored and awarded £1,000
 * (its offer a draft). Returns the fund, the member's email, the group and the bid.
 */
async function awardedBid(request: APIRequest, url: string, title: string) {
  const fund = await fundWithAssessors(request, url, {
    name: `Offers Fund ${Date.now()}`,
    potPence: 1_000_000,
    capPence: 500_000,
    minAssessors: 1,
  });
  const email = uniqueEmail('offer.member');
  const applicant = await ApiUser.register(request, url, 'Noor Ali', email);
  const reference = await applicant.get<{ wards: { id: string; name: string }[] }>('/api/reference');
  const group = await applicant.send<{ id: string }>('POST', '/api/organisations', {
    name: `Riverside Neighbours ${Date.now()}`,
    type: 'community_group',
    addressLine1: '1 High Street',
    town: 'Peterborough',
    postcode: 'PE1 1AA',
    wardId: reference.wards[0]?.id,
    contactName: 'Noor Ali',
    contactEmail: email,
  });
  const { bidId } = await sentBid(request, url, {
    fundId: fund.fundId,
    groupName: 'Riverside Neighbours',
    title,
    costPence: 100_000,
    ward: reference.wards[0]?.name ?? '',
    priority: 'Bringing Communities Together',
    from: { applicant, organisationId: group.id },
  });
  await screenedEligible(request, url, bidId);
  await scoredByAssessors(request, url, fund.fundId, bidId, 1, [4, 4]);
  const officerApi = await ApiUser.signIn(request, url, DEMO.officer);
  await officerApi.send('POST', `/api/bids/${bidId}/decision`, {
    panelDate: new Date().toISOString().slice(0, 10),
    decision: { outcome: 'award', amountPence: 100_000 },
  });

  return { fund, email, group, bidId, officerApi };
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
    const { fund, email, group } = await awardedBid(playwright.request, url, 'Riverside Supper Club');
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
    const { email, bidId, officerApi } = await awardedBid(playwright.request, url, 'Riverside Walking Group');
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
