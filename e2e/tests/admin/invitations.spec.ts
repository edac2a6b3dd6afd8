import { DEMO, expect, linkIn, mailTo, signInAs, test } from '../../fixtures';

test.describe('Staff invitations', () => {
  test('an admin resends an invitation (the old link stops working) and cancels another (confirmed first)', async ({
    page,
    browser,
    baseURL,
    axe,
    playwright,
  }) => {
    const url = baseURL ?? '';
    const stamp = Date.now();
    const email = `kim.resent.${stamp}@peterborough.gov.uk`;
    await signInAs(page, DEMO.admin);
    const invite = async (name: string, address: string) => {
      await page.goto('/admin/users/invite');
      await page.getByLabel('Full name').fill(name);
      await page.getByLabel('Email address').fill(address);
      await page.getByLabel('Finance officer').check();
      await page.getByRole('button', { name: 'Send invitation' }).click();
      await expect(page.getByText(`We have emailed an invitation to ${address}.`)).toBeVisible();
    };
    const invitationLink = async (address: string) => {
      const mail = await mailTo(playwright.request, url, address);
      const message = mail.find((m) => m.kind === 'invitation');
      if (!message) throw new Error(`No invitation to ${address}`);
      return linkIn(message.body, '/invitation/');
    };

    await invite('Kim Resent', email);
    const oldLink = await invitationLink(email);
    const invitation = page.getByRole('region', { name: 'Invitation' });
    await expect(invitation).toContainText('The link works until');
    await axe();
    await invitation.getByRole('button', { name: 'Resend invitation' }).click();
    await expect(
      page.getByText(`We have emailed a new invitation to ${email}. The link sent before no longer works.`),
    ).toBeVisible();
    const newLink = await invitationLink(email);
    expect(newLink).not.toBe(oldLink);

    const staff = await browser.newContext({ baseURL });
    const staffPage = await staff.newPage();
    await staffPage.goto(oldLink);
    await expect(
      staffPage.getByRole('heading', { level: 1, name: 'This invitation link does not work' }),
    ).toBeVisible();
    await staffPage.goto(newLink);
    await expect(staffPage.getByRole('heading', { level: 1, name: 'Set your password' })).toBeVisible();

    // Another invitation, sent to the wrong person: cancelled, after a warning.
    const wrong = `wrong.person.${stamp}@peterborough.gov.uk`;
    await invite('Wrong Person', wrong);
    const wrongLink = await invitationLink(wrong);
    await page
      .getByRole('region', { name: 'Invitation' })
      .getByRole('button', { name: 'Cancel invitation' })
      .click();
    await expect(page.getByText(/The link in the email to .* will stop working/)).toBeVisible();
    await axe();
    await page.getByRole('button', { name: 'Yes, cancel the invitation' }).click();
    await expect(page.getByText('Invitation cancelled. The link no longer works.')).toBeVisible();
    await expect(page.getByText('Closed', { exact: true })).toBeVisible();
    await axe();
    await staffPage.goto(wrongLink);
    await expect(
      staffPage.getByRole('heading', { level: 1, name: 'This invitation link does not work' }),
    ).toBeVisible();
    await staff.close();
  });
});
