import { DEMO, expect, expectNoSidewaysScroll, JOURNEY_LIMIT_MS, signInAs, test } from '../../fixtures';
import { API_USER_PASSWORD, ApiUser } from '../../fixtures/api';
import { acceptedGrant } from '../../fixtures/grants';

test.describe('Paying a grant takes two people', () => {
  test('a member gives bank details, finance checks them, an officer asks for a payment they cannot approve, another finance user approves and records it paid @phone', async ({
    page,
    axe,
    playwright,
    baseURL,
  }) => {
    const request = playwright.request;
    test.setTimeout(JOURNEY_LIMIT_MS);
    // Set-up through the API: a new group's grant, its offer issued and accepted by its treasurer.
    const grant = await acceptedGrant(request, baseURL ?? '', {
      title: 'Riverside Repair Café',
      amountPence: 500_000,
      memberName: 'Grace Treasurer',
    });
    await grant.member.dispose();
    const email = grant.email;

    // The member gives the group's bank details; they show masked, waiting for the council's check.
    await signInAs(page, email, API_USER_PASSWORD);
    await page.goto(`/groups/${grant.organisationId}`);
    await page.getByRole('link', { name: 'Your group’s bank details' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Bank details' })).toBeVisible();
    await page.getByRole('button', { name: 'Save bank details' }).click();
    await expect(page.getByRole('alert').getByText('Enter the name on the account')).toBeVisible();
    await axe();
    await page.getByLabel('Name on the account').fill('GROUP ACCOUNT');
    await page.getByLabel('Sort code').fill('30-94-57');
    await page.getByLabel('Account number').fill('00733445');
    await page.getByRole('button', { name: 'Save bank details' }).click();
    await expect(page.getByText('Your new bank details are saved.')).toBeVisible();
    await expect(page.getByText('****3445')).toBeVisible();
    await expect(page.getByText('Not checked yet')).toBeVisible();
    await axe();
    await expectNoSidewaysScroll(page);

    // finance2 checks the new details by calling the group back.
    await signInAs(page, DEMO.finance2);
    await page.goto('/finance/bank-accounts');
    await expect(page.getByRole('heading', { level: 1, name: 'Bank details to check' })).toBeVisible();
    await axe();
    await expectNoSidewaysScroll(page);
    await page.getByRole('link', { name: grant.organisationName }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check bank details' })).toBeVisible();
    await expect(page.getByText('****3445')).toBeVisible();
    await expect(page.getByText('00733445')).toHaveCount(0);
    await page.getByRole('button', { name: 'Show the full details' }).click();
    await expect(page.getByText('00733445')).toBeVisible();
    // Without the confirmation the check is refused, field by field.
    await page.getByLabel('Phone number you called').fill('01733 555 0100');
    await page.getByRole('button', { name: 'Record the check' }).click();
    await expect(page.getByRole('alert').getByText(/records from before the change/)).toBeVisible();
    await axe();
    await page.getByLabel('The number came from the council’s records from before the change').check();
    await page.getByRole('button', { name: 'Record the check' }).click();
    await expect(page.getByText(/called 01733 555 0100/)).toBeVisible();
    await axe();

    // The officer asks for a payment, and has no way to approve it.
    await signInAs(page, DEMO.officer);
    await page.goto(`/funds/${grant.fundId}/budget`);
    await page.getByRole('link', { name: 'Grants and payments' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Grants and payments' })).toBeVisible();
    await axe();
    await expectNoSidewaysScroll(page);
    await page
      .getByRole('table', { name: 'Grants' })
      .getByRole('link', { name: new RegExp(grant.organisationName) })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Payments' })).toBeVisible();
    await axe();
    await expectNoSidewaysScroll(page);
    await page.getByLabel('Amount', { exact: true }).fill('1,000');
    await page.getByRole('button', { name: 'Ask for the payment' }).click();
    const row = page.getByRole('row').filter({ hasText: '£1,000' });
    await expect(row).toContainText('Waiting for approval');
    await expect(page.getByRole('button', { name: /^Approve/ })).toHaveCount(0);
    await axe();
    const officer = await ApiUser.signIn(request, baseURL ?? '', DEMO.officer);
    const money = await officer.get<{ payments: { id: string }[] }>(`/api/grants/${grant.grantId}/money`);
    const paymentId = money.payments[0]?.id ?? '';
    await officer.send('POST', `/api/payments/${paymentId}/approve`, undefined, [403]);
    await officer.dispose();

    // finance sees it waiting on their home page, approves it from the list, and records it paid.
    await signInAs(page, DEMO.finance);
    await page.goto('/');
    await expect(page.getByRole('table', { name: 'Each fund’s money' })).toBeVisible();
    await page.getByRole('link', { name: /^\d+ payments? waiting for approval$/ }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Payments waiting for approval' }),
    ).toBeVisible();
    await axe();
    await expectNoSidewaysScroll(page);
    await page.getByRole('row').filter({ hasText: grant.organisationName }).getByRole('link').first().click();
    await page.getByRole('button', { name: /^Approve/ }).click();
    await expect(page.getByRole('row').filter({ hasText: '£1,000' })).toContainText('Approved, to be paid');
    await page.getByRole('button', { name: /^Record as paid/ }).click();
    const today = new Date();
    const paidOn = page.getByRole('group', { name: 'Date paid' });
    await paidOn.getByLabel('Day').fill(String(today.getDate()));
    await paidOn.getByLabel('Month').fill(String(today.getMonth() + 1));
    await paidOn.getByLabel('Year').fill(String(today.getFullYear()));
    await page.getByLabel('The finance system’s reference').fill('AP-E2E-1');
    await axe();
    await page.getByRole('button', { name: 'Record payment' }).click();
    await expect(page.getByRole('row').filter({ hasText: '£1,000' })).toContainText('Paid');
    await expect(page.getByRole('row').filter({ hasText: '£1,000' })).toContainText('AP-E2E-1');
    await axe();
    await expectNoSidewaysScroll(page);

    // The fund's ledger shows it, with the CSV for the finance system.
    await page.goto(`/funds/${grant.fundId}/payments?status=paid`);
    await expect(page.getByRole('heading', { level: 1, name: 'Grants and payments' })).toBeVisible();
    await expect(page.getByRole('table', { name: /^\d+ payments?$/ })).toContainText('AP-E2E-1');
    await expect(page.getByRole('link', { name: /Download the paid entries/ })).toBeVisible();
    await axe();
    await expectNoSidewaysScroll(page);

    // The fund's budget: paid this month, in the month-by-month table beside its chart.
    await page.goto(`/funds/${grant.fundId}/budget`);
    const thisMonth = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric' }).format(today);
    const byMonth = page.getByRole('table', { name: /^Committed and paid, month by month/ });
    await expect(byMonth.getByRole('row', { name: new RegExp(`^${thisMonth}`) })).toContainText('£1,000');
    await axe();
  });
});
