import { DEMO, expect, JOURNEY_LIMIT_MS, signInAs, tabTo, test } from '../../fixtures';
import { API_USER_PASSWORD, ApiUser } from '../../fixtures/api';
import { awardedBid } from '../../fixtures/grants';

test.describe('Keyboard only, for grants and money', () => {
  test('a member accepts an offer and finance approves its first payment without a mouse', async ({
    page,
    playwright,
    baseURL,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    const url = baseURL ?? '';
    const request = playwright.request;
    const awarded = await awardedBid(request, url, {
      title: 'Riverside Knit and Natter',
      amountPence: 200_000,
    });
    const { grantId } = await awarded.officerApi.get<{ grantId: string }>(`/api/bids/${awarded.bidId}`);
    await awarded.officerApi.send('POST', `/api/grants/${grantId}/offer/issue`);

    // The member accepts the offer with the keyboard alone.
    await signInAs(page, awarded.email, API_USER_PASSWORD);
    await page.goto(`/grants/${grantId}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Riverside Knit and Natter' })).toBeVisible();
    await tabTo(page, page.getByLabel('Your full name'));
    await page.keyboard.type('Noor Ali');
    await tabTo(page, page.getByLabel('Your role in the group'));
    await page.keyboard.type('Chair');
    await tabTo(page, page.getByLabel(/I accept this grant of £2,000/));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByRole('button', { name: 'Accept the offer' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('link', { name: 'Give your bank details' })).toBeVisible();

    // Set-up through the API: bank details given and checked, the first payment asked for.
    const account = await awarded.member.send<{ id: string }>(
      'PUT',
      `/api/organisations/${awarded.group.id}/bank-account`,
      { accountName: 'KNIT AND NATTER', sortCode: '309457', accountNumber: '00733445' },
    );
    await awarded.member.dispose();
    const finance2 = await ApiUser.signIn(request, url, DEMO.finance2);
    await finance2.send('POST', `/api/bank-accounts/${account.id}/check`, {
      phoneNumber: '01733 555 0100',
      numberFromRecords: true,
    });
    await finance2.dispose();
    await awarded.officerApi.send('POST', `/api/grants/${grantId}/payments`, {
      amountPence: 160_000,
      trigger: 'acceptance',
    });
    await awarded.officerApi.dispose();

    // finance approves it with the keyboard alone.
    await signInAs(page, DEMO.finance);
    await page.goto('/finance/payments');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Payments waiting for approval' }),
    ).toBeVisible();
    await tabTo(
      page,
      page.getByRole('row').filter({ hasText: awarded.groupName }).getByRole('link').first(),
      200,
    );
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Payments' })).toBeVisible();
    await tabTo(page, page.getByRole('button', { name: /^Approve/ }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('row').filter({ hasText: '£1,600' })).toContainText('Approved, to be paid');
  });
});
