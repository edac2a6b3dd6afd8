import {
  appSecretOf,
  DEMO,
  enterAppCode,
  expect,
  JOURNEY_LIMIT_MS,
  navigate,
  newestLinkTo,
  signInHere,
  test,
  uniqueEmail,
} from '../../fixtures';
import { ApiUser } from '../../fixtures/api';

const PASSWORD = 'river kettle garden 7';

test.describe('Accounts', () => {
  test('registering and confirming an email address @phone', async ({ page, baseURL, axe, playwright }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    const email = uniqueEmail('new.member');

    await page.goto('/register');
    await page.getByLabel('Your full name').fill('Amina\u2028Hussain');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Create a password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    // A name is one line: the form says so before anything is sent.
    await expect(page.getByRole('link', { name: /must be on one line/ })).toBeVisible();
    await axe();
    await page.getByLabel('Your full name').fill('Amina Hussain');
    await page.getByRole('button', { name: 'Create account' }).click();

    // Nobody is signed in yet: the address must be confirmed first. The demo says where the email is.
    await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
    await expect(page.getByText(`We have sent an email to ${email}`)).toBeVisible();
    await expect(page.getByText(/does not send emails/)).toBeVisible();
    await axe();
    expect((await page.request.get('/api/auth/me')).status()).toBe(401);

    // Signed in before confirming, they are asked to confirm, and may ask for the email again.
    await navigate(page, 'Sign in');
    await signInHere(page, email, PASSWORD);
    await expect(page.getByRole('heading', { level: 1, name: 'Confirm your email address' })).toBeVisible();
    await axe();
    await page.goto('/groups/new');
    await expect(page.getByRole('heading', { level: 1, name: 'Confirm your email address' })).toBeVisible();
    await page.getByRole('button', { name: 'Send the email again' }).click();
    await expect(page.getByText(`We have sent a new email to ${email}.`)).toBeVisible();
    await axe();

    // The link from the newest email confirms the address.
    await page.goto(
      await newestLinkTo(playwright.request, baseURL ?? '', email, 'email_verification', '/confirm-email/'),
    );
    await expect(page.getByRole('heading', { level: 1, name: 'Confirm your email address' })).toBeVisible();
    await axe();
    await page.getByRole('button', { name: 'Confirm email address' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Email address confirmed' })).toBeVisible();
    await axe();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Register your group' })).toBeVisible();

    // Registering again with the same address tells nobody it has an account: the same page.
    const other = await page.context().browser()?.newContext({ baseURL });
    const again = await other?.newPage();
    if (!again || !other) throw new Error('No second browser');
    await again.goto('/register');
    await again.getByLabel('Your full name').fill('Someone Else');
    await again.getByLabel('Email address').fill(email);
    await again.getByLabel('Create a password').fill('another long passphrase');
    await again.getByRole('button', { name: 'Create account' }).click();
    await expect(again.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
    await expect(again.getByText(`We have sent an email to ${email}`)).toBeVisible();
    await other.close();
  });

  test('a forgotten password, end to end @phone', async ({ page, baseURL, axe, playwright }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    // A new member of staff (who may read their own emails on "Sent mail" in the demo; nobody else
    // may read a password-reset link).
    const email = uniqueEmail('forgetful.officer');
    const admin = await ApiUser.signIn(playwright.request, baseURL ?? '', DEMO.admin);
    await admin.send('POST', '/api/admin/users', { name: 'Dana Forgetful', email, role: 'officer' });
    const invitation = await newestLinkTo(
      playwright.request,
      baseURL ?? '',
      email,
      'invitation',
      '/invitation/',
    );
    await admin.send('POST', '/api/invitations/accept', {
      token: invitation.split('/').pop(),
      password: PASSWORD,
    });
    await admin.dispose();

    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgotten your password?' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect(page.getByRole('link', { name: 'Enter an email address' })).toBeVisible();
    await axe();
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
    await expect(page.getByText(`If there is an account with ${email}`)).toBeVisible();
    await axe();

    // Only the person it is for may read the link: they read it with the password they still have.
    const resetPath = await newestLinkTo(
      playwright.request,
      baseURL ?? '',
      email,
      'password_reset',
      '/reset-password/',
      {
        email,
        password: PASSWORD,
      },
    );
    await page.goto(resetPath);
    await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();
    await axe();
    await page.getByLabel('New password').fill('password1234');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await expect(page.getByRole('link', { name: /too common/ })).toBeVisible();
    await expect(page).toHaveTitle(/^Error: Choose a new password/);
    await axe();
    await page.getByLabel('New password').fill('harbour lantern meadow 9');
    await page.getByRole('button', { name: 'Save new password' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Password changed' })).toBeVisible();
    await axe();

    // The link worked once; the old password no longer does; the new one does.
    await page.goto(resetPath);
    await expect(page.getByRole('heading', { level: 1, name: 'This link does not work' })).toBeVisible();
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(
      page.getByRole('link', { name: 'Enter a correct email address and password' }),
    ).toBeVisible();
    await page.getByLabel('Password', { exact: true }).fill('harbour lantern meadow 9');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Staff then give the code from the authenticator app they set up to read their mail.
    await enterAppCode(page, appSecretOf(email));
    await expect(page.getByRole('heading', { level: 1, name: 'Hello, Dana Forgetful' })).toBeVisible();
  });

  test('your account: change the password and the email address, and sign out everywhere', async ({
    page,
    browser,
    baseURL,
    axe,
    playwright,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    const email = uniqueEmail('account.owner');
    const newEmail = uniqueEmail('account.moved');
    const api = await ApiUser.register(playwright.request, baseURL ?? '', 'Kofi Mensah', email);
    await api.dispose();
    await page.goto('/sign-in');
    await signInHere(page, email, 'a long test password 123');

    await navigate(page, 'Your account');
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();
    await axe();

    // Change the password: the current one is needed.
    await page.getByRole('link', { name: 'Change password' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Change your password' })).toBeVisible();
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('link', { name: /current password is not right/ })).toBeVisible();
    await axe();
    await page.getByLabel('Current password').fill('a long test password 123');
    await page.getByLabel('New password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText('Your password has been changed.')).toBeVisible();

    // Change the email address: it changes when the link sent to the new address is opened.
    await page.getByRole('link', { name: 'Change email address' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Change your email address' })).toBeVisible();
    await axe();
    await page.getByLabel('New email address').fill(newEmail);
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
    await axe();
    await page.goto(
      await newestLinkTo(playwright.request, baseURL ?? '', newEmail, 'email_change', '/confirm-new-email/'),
    );
    await page.getByRole('button', { name: 'Confirm new email address' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Email address changed' })).toBeVisible();
    await axe();
    await page.getByRole('button', { name: 'Go to your account' }).click();
    // Wait for the account page itself: until it is there, the confirmation above names the address too.
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    await expect(page.getByText(newEmail)).toBeVisible();

    // Sign out everywhere: another browser's session ends too.
    const elsewhere = await browser.newContext({ baseURL });
    const otherPage = await elsewhere.newPage();
    await otherPage.goto('/sign-in');
    await signInHere(otherPage, newEmail, PASSWORD);
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign out everywhere' })).toBeVisible();
    await axe();
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await expect(page.getByText('You have signed out.')).toBeVisible();
    expect((await otherPage.request.get('/api/auth/me')).status()).toBe(401);
    await elsewhere.close();
  });
});

test('an officer reading Sent mail sees that an admin invitation holds a link, but not the link', async ({
  page,
  baseURL,
  signInAs,
  axe,
  playwright,
}) => {
  const email = uniqueEmail('new.admin');
  const admin = await ApiUser.signIn(playwright.request, baseURL ?? '', DEMO.admin);
  await admin.send('POST', '/api/admin/users', { name: 'Nia Admin', email, role: 'admin' });
  await admin.dispose();

  await signInAs('officer');
  await page.goto('/mail');
  await expect(page.getByRole('heading', { level: 1, name: 'Sent mail' })).toBeVisible();
  await page.getByText(`Read the email “You have been invited to the Communities Fund” to ${email}`).click();
  const item = page.getByRole('listitem').filter({ hasText: `To ${email}` });
  await expect(item.getByText('Staff invitation link', { exact: true })).toBeVisible();
  await expect(item.getByText(/Hidden because it holds a staff invitation link/)).toBeVisible();
  await expect(item).not.toContainText('/invitation/');
  await axe();
});
