import { expect, signInAs, test } from '../../fixtures';

test.describe('Managing staff', () => {
  test('an admin invites an assessor for the Youth Fund, who sets a password; disabling them ends their session', async ({
    page,
    browser,
    baseURL,
    axe,
  }) => {
    const email = `jo.bloggs.${Date.now()}@peterborough.gov.uk`;
    await signInAs(page, 'admin@demo.test');

    // Invite.
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
    await axe();
    await page.getByRole('button', { name: 'Invite a member of staff' }).click();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect(page.getByRole('link', { name: 'Enter their full name' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Choose a role' })).toBeVisible();
    await axe();
    await page.getByLabel('Full name').fill('Jo Bloggs');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Assessor').check();
    await page.getByLabel('Which fund do they assess?').selectOption({ label: 'Youth Fund' });
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect(page.getByText(`We have emailed an invitation to ${email}.`)).toBeVisible();
    await expect(page.getByRole('table', { name: 'Roles' })).toContainText('Youth Fund');
    await axe();
    const userPage = page.url();

    // The email waits in the outbox (no mail server in the demo); staff can read it.
    await page.getByRole('link', { name: 'Sent mail' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sent mail' })).toBeVisible();
    await page
      .getByText(`Read the email “You have been invited to the Communities Fund” to ${email}`)
      .click();
    const body = await page
      .locator('.govuk-details__text', { hasText: email.split('@')[0] ?? email })
      .or(page.locator('.govuk-details[open] .govuk-details__text'))
      .first()
      .textContent();
    await axe();
    const link = /(http\S+\/invitation\/\S+)/.exec(body ?? '')?.[1];
    expect(link, 'the invitation email has a link').toBeTruthy();
    const invitationPath = new URL(link ?? '').pathname;

    // The new member of staff sets a password — a common one is refused.
    const staff = await browser.newContext({ baseURL });
    const staffPage = await staff.newPage();
    await staffPage.goto(invitationPath);
    await expect(staffPage.getByRole('heading', { level: 1, name: 'Set your password' })).toBeVisible();
    await expect(staffPage.getByText(email)).toBeVisible();
    await staffPage.getByLabel('Create a password').fill('password1234');
    await staffPage.getByRole('button', { name: 'Save password and sign in' }).click();
    await expect(staffPage.getByRole('link', { name: /too common/ })).toBeVisible();
    await expect(staffPage).toHaveTitle(/^Error: Set your password/);
    await staffPage.getByLabel('Create a password').fill('kettle river garden 42');
    await staffPage.getByRole('button', { name: 'Save password and sign in' }).click();
    await expect(staffPage.getByRole('heading', { level: 1, name: 'Hello, Jo Bloggs' })).toBeVisible();
    await expect(staffPage.getByText('You assess bids for Youth Fund.')).toBeVisible();

    // The link works once only.
    const again = await staff.newPage();
    await again.goto(invitationPath);
    await expect(
      again.getByRole('heading', { level: 1, name: 'This invitation link does not work' }),
    ).toBeVisible();

    // The admin disables the account: the session ends at once.
    await page.goto(userPage);
    await page.getByRole('button', { name: 'Disable account' }).click();
    await page.getByRole('button', { name: 'Yes, disable account' }).click();
    await expect(page.getByText('Account disabled. The user has been signed out.')).toBeVisible();
    await axe();

    await staffPage.getByRole('link', { name: 'Funds', exact: true }).click();
    const me = await staffPage.request.get('/api/auth/me');
    expect(me.status()).toBe(401);
    await staffPage.goto('/');
    await expect(
      staffPage.getByRole('heading', { level: 1, name: 'Apply for a Communities Fund grant' }),
    ).toBeVisible();
    await staff.close();

    // Every step is in the audit trail, in words.
    await page.getByRole('link', { name: 'Audit trail' }).click();
    const entries = page.getByRole('list', { name: 'Entries' });
    await expect(entries).toContainText('Alex Morgan disabled the account of Jo Bloggs');
    await expect(entries).toContainText('Jo Bloggs accepted their invitation and set a password');
    await expect(entries).toContainText(
      'Alex Morgan invited Jo Bloggs to join as an assessor for the Youth Fund',
    );
    await axe();
  });

  test('an admin grants and then revokes a role', async ({ page, axe }) => {
    await signInAs(page, 'admin@demo.test');
    await page.goto('/admin/users');
    // Journeys add people as they run: the admin pages through the list to find the person.
    const robert = page.getByRole('link', { name: 'Robert Kowalski' });
    await expect(page.getByRole('table').first()).toBeVisible();
    for (let next = 2; next <= 20 && !(await robert.isVisible()); next++) {
      await page.getByRole('link', { name: 'Next page' }).click();
      await expect(page).toHaveURL(new RegExp(`page=${next}`));
      await expect(page.getByRole('table').first()).toBeVisible();
    }
    await robert.click();
    const roles = page.getByRole('table', { name: 'Roles' });
    await expect(roles).toContainText('Finance officer');

    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Grants officer' });
    await page.getByRole('button', { name: 'Add role' }).click();
    await expect(page.getByText('Robert Kowalski is now grants officer.')).toBeVisible();
    await expect(roles).toContainText('Grants officer');
    await axe();

    // Granting the same role again is refused with a clear message.
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Grants officer' });
    await page.getByRole('button', { name: 'Add role' }).click();
    await expect(page.getByRole('alert')).toContainText('This user already has that role');
    await axe();

    // Removing a role is confirmed first; cancelling leaves it.
    await page.getByRole('button', { name: 'Remove Grants officer role' }).click();
    await expect(
      page.getByText('Robert Kowalski will no longer be able to work as grants officer.'),
    ).toBeVisible();
    await axe();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(roles).toContainText('Grants officer');
    await page.getByRole('button', { name: 'Remove Grants officer role' }).click();
    await page.getByRole('button', { name: 'Yes, remove the Grants officer role' }).click();
    await expect(page.getByText('Grants officer role removed.')).toBeVisible();
    await expect(roles).not.toContainText('Grants officer');
  });
});
