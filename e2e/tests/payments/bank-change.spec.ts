import { DEMO, expect, JOURNEY_LIMIT_MS, signInAs, test } from '../../fixtures';
import { API_USER_PASSWORD, ApiUser } from '../../fixtures/api';
import { acceptedGrant } from '../../fixtures/grants';

test.describe('A change of bank details', () => {
  test('the group changes its account; the next payment waits until finance has called back to check the change @phone', async ({
    page,
    axe,
    playwright,
    baseURL,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    const url = baseURL ?? '';
    const request = playwright.request;
    // Set-up through the API: an accepted grant, checked bank details, a first payment paid.
    const grant = await acceptedGrant(request, url, {
      title: 'Riverside Tool Library',
      amountPence: 500_000,
      memberName: 'Ada Treasurer',
    });
    const first = await grant.member.send<{ id: string }>(
      'PUT',
      `/api/organisations/${grant.organisationId}/bank-account`,
      { accountName: 'RIVERSIDE TOOLS', sortCode: '309457', accountNumber: '00733445' },
    );
    await grant.member.dispose();
    const finance2 = await ApiUser.signIn(request, url, DEMO.finance2);
    await finance2.send('POST', `/api/bank-accounts/${first.id}/check`, {
      phoneNumber: '01733 555 0100',
      numberFromRecords: true,
    });
    await finance2.dispose();
    const officer = await ApiUser.signIn(request, url, DEMO.officer);
    const paid = await officer.send<{ id: string }>('POST', `/api/grants/${grant.grantId}/payments`, {
      amountPence: 400_000,
      trigger: 'acceptance',
    });
    await officer.dispose();
    const finance = await ApiUser.signIn(request, url, DEMO.finance);
    await finance.send('POST', `/api/payments/${paid.id}/approve`);
    await finance.send('POST', `/api/payments/${paid.id}/paid`, {
      paidOn: new Date().toISOString().slice(0, 10),
      paidReference: 'AP-BC-1',
    });
    await finance.dispose();

    // The member changes the account; it waits for the council's check.
    await signInAs(page, grant.email, API_USER_PASSWORD);
    await page.goto(`/groups/${grant.organisationId}/bank-account`);
    await expect(page.getByRole('heading', { level: 1, name: 'Bank details' })).toBeVisible();
    await page.getByLabel('Name on the account').fill('RIVERSIDE TOOLS 2');
    await page.getByLabel('Sort code').fill('40-11-62');
    await page.getByLabel('Account number').fill('11223344');
    await page.getByRole('button', { name: 'Save bank details' }).click();
    await expect(page.getByText('Your new bank details are saved.')).toBeVisible();
    await expect(page.getByText('Not checked yet')).toBeVisible();
    await axe();

    // The officer's next payment is refused until the change is checked.
    await signInAs(page, DEMO.officer);
    await page.goto(`/grants/${grant.grantId}/payments`);
    await expect(page.getByRole('heading', { level: 1, name: 'Payments' })).toBeVisible();
    await page.getByLabel('Amount', { exact: true }).fill('1,000');
    await page.getByRole('button', { name: 'Ask for the payment' }).click();
    await expect(page.getByRole('alert')).toContainText(/bank details/i);
    await expect(page.getByRole('row').filter({ hasText: 'Waiting for approval' })).toHaveCount(0);
    await axe();

    // finance2 calls the group back and records the check of the new account.
    await signInAs(page, DEMO.finance2);
    await page.goto('/finance/bank-accounts');
    await page.getByRole('link', { name: grant.organisationName }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check bank details' })).toBeVisible();
    await page.getByLabel('Phone number you called').fill('01733 555 0100');
    await page.getByLabel('The number came from the council’s records from before the change').check();
    await page.getByRole('button', { name: 'Record the check' }).click();
    await expect(page.getByText(/called 01733 555 0100/)).toBeVisible();

    // Now the payment can be asked for, to the new account.
    await signInAs(page, DEMO.officer);
    await page.goto(`/grants/${grant.grantId}/payments`);
    await page.getByLabel('Amount', { exact: true }).fill('1,000');
    await page.getByRole('button', { name: 'Ask for the payment' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Waiting for approval' });
    await expect(row).toContainText('£1,000');
    await axe();
    const check = await ApiUser.signIn(request, url, DEMO.officer);
    const money = await check.get<{ payments: { status: string; payee: string }[] }>(
      `/api/grants/${grant.grantId}/money`,
    );
    await check.dispose();
    expect(money.payments.find((p) => p.status === 'requested')?.payee).toBe('RIVERSIDE TOOLS 2 (****3344)');
  });
});
