import { DEMO, expect, JOURNEY_LIMIT_MS, signInAs, test } from '../../fixtures';
import { ApiUser } from '../../fixtures/api';
import { acceptedGrant } from '../../fixtures/grants';

test.describe('Correcting a grant’s money', () => {
  test('finance reverses a payment made in error and records money the group returned; an officer ends the grant early', async ({
    page,
    axe,
    playwright,
    baseURL,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    const url = baseURL ?? '';
    // Set-up through the API: a grant whose offer the group accepted, checked bank details, and
    // two payments made.
    const grant = await acceptedGrant(playwright.request, url, {
      title: 'Riverside Lunch Club',
      amountPence: 500_000,
      memberName: 'Sam Treasurer',
    });
    const member = grant.member;
    const account = await member.send<{ id: string }>(
      'PUT',
      `/api/organisations/${grant.organisationId}/bank-account`,
      {
        accountName: 'GROUP ACCOUNT',
        sortCode: '309457',
        accountNumber: '12345678',
      },
    );
    await member.dispose();
    const finance2 = await ApiUser.signIn(playwright.request, url, DEMO.finance2);
    await finance2.send('POST', `/api/bank-accounts/${account.id}/check`, {
      phoneNumber: '01733 555 0100',
      numberFromRecords: true,
    });
    const officer = await ApiUser.signIn(playwright.request, url, DEMO.officer);
    const finance = await ApiUser.signIn(playwright.request, url, DEMO.finance);
    const today = new Date().toISOString().slice(0, 10);
    for (const [pence, reference] of [
      [100_000, 'AP-C-1'],
      [50_000, 'AP-C-2'],
    ] as const) {
      const payment = await officer.send<{ id: string }>('POST', `/api/grants/${grant.grantId}/payments`, {
        amountPence: pence,
        trigger: 'acceptance',
      });
      await finance.send('POST', `/api/payments/${payment.id}/approve`);
      await finance.send('POST', `/api/payments/${payment.id}/paid`, {
        paidOn: today,
        paidReference: reference,
      });
    }

    // Finance reverses the first payment: a new, negative entry; the payment itself stays.
    await signInAs(page, DEMO.finance);
    await page.goto(`/grants/${grant.grantId}/payments`);
    await expect(page.getByRole('heading', { level: 1, name: 'Payments' })).toBeVisible();
    await page.getByRole('button', { name: 'Reverse the payment of £1,000' }).click();
    await page.getByLabel('Why is it reversed?').fill('Paid to the wrong grant');
    const reversedOn = page.getByRole('group', { name: 'Date of the reversal' });
    const now = new Date();
    await reversedOn.getByLabel('Day').fill(String(now.getDate()));
    await reversedOn.getByLabel('Month').fill(String(now.getMonth() + 1));
    await reversedOn.getByLabel('Year').fill(String(now.getFullYear()));
    await page.getByLabel('The finance system’s reference for the reversal').fill('AP-C-1-R');
    await axe();
    await page.getByRole('button', { name: 'Reverse payment' }).click();
    await expect(
      page.getByRole('row').filter({ hasText: 'Reversal: Paid to the wrong grant' }),
    ).toContainText('-£1,000');
    const summary = page.locator('.govuk-summary-list').first();
    await expect(summary.locator('.govuk-summary-list__row').filter({ hasText: /^Paid/ })).toContainText(
      '£500',
    );

    // Money the group returned: more than was paid is refused, in words.
    await page.getByText('Record money the group returned').click();
    await page.getByLabel('Amount returned').fill('600');
    const receivedOn = page.getByRole('group', { name: 'Date received' });
    await receivedOn.getByLabel('Day').fill(String(now.getDate()));
    await receivedOn.getByLabel('Month').fill(String(now.getMonth() + 1));
    await receivedOn.getByLabel('Year').fill(String(now.getFullYear()));
    await page.getByLabel('Why was it returned?').fill('Unspent: the hall was free');
    await page.getByLabel('The council’s receipt reference').fill('RCPT-7');
    await page.getByRole('button', { name: 'Record money returned' }).click();
    await expect(page.getByText('Only £500 has been paid and not returned').first()).toBeVisible();
    await axe();
    await page.getByLabel('Amount returned').fill('125.50');
    await page.getByRole('button', { name: 'Record money returned' }).click();
    await expect(page.getByRole('table', { name: 'Money back to the pot' })).toContainText('£125.50');
    await axe();

    // An officer ends the grant early: what was never paid goes back to the pot.
    await signInAs(page, DEMO.officer);
    await page.goto(`/grants/${grant.grantId}/payments`);
    await page.getByText('End the grant early').first().click();
    await page.getByLabel('Why is it ending early?').fill('The group has closed');
    await page.getByLabel('What the group owes back').fill('374.50');
    await page.getByRole('button', { name: 'End the grant early' }).click();
    await expect(page.getByText(/Ended early by .*: The group has closed/)).toBeVisible();
    await expect(page.getByRole('table', { name: 'Money back to the pot' })).toContainText(
      'Not paid: released to the pot',
    );
    await axe();
    for (const client of [officer, finance, finance2]) await client.dispose();
  });
});
