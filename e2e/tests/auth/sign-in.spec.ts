import {
  appCode,
  CODE_PAGE,
  DEMO,
  DEMO_PASSWORD,
  type DemoRole,
  enterAppCode,
  expect,
  signInThroughPage,
  test,
  untilNextCode,
} from '../../fixtures';

const HOMES: { role: DemoRole; name: string; sees: string }[] = [
  { role: 'applicant', name: 'Amina Hussain', sees: 'Your group’s bids' },
  { role: 'assessor', name: 'Cllr Margaret Ellis', sees: 'Bids to assess' },
  { role: 'officer', name: 'Sarah Whitfield', sees: 'Funds and budgets' },
  { role: 'finance', name: 'Helen Clarke', sees: 'Funds and budgets' },
  { role: 'youth', name: 'Zara Ahmed', sees: 'Bids to assess' },
  { role: 'admin', name: 'Alex Morgan', sees: 'Administration' },
];

test.describe('Signing in', () => {
  for (const { role, name, sees } of HOMES) {
    test(`a ${role} signs in and sees their home page`, async ({ page, axe }) => {
      await signInThroughPage(page, DEMO[role]);
      await expect(page.getByRole('heading', { level: 1, name: `Hello, ${name}` })).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: sees })).toBeVisible();
      await expect(page).toHaveTitle(/^Your home page – Communities Fund/);
      await axe();
    });
  }

  test('the youth commissioner is told they assess the Youth Fund only', async ({ page, signInAs }) => {
    await signInAs('youth');
    await expect(page.getByText('You assess bids for Youth Fund.')).toBeVisible();
  });

  test('a wrong password shows the error summary and keeps the person signed out @phone', async ({
    page,
    axe,
  }) => {
    await page.goto('/sign-in');
    await axe();
    await page.getByLabel('Email address').fill(DEMO.officer);
    await page.getByLabel('Password', { exact: true }).fill('not-the-right-password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const summary = page.getByRole('alert');
    await expect(summary).toContainText('There is a problem');
    await expect(
      summary.getByRole('link', { name: 'Enter a correct email address and password' }),
    ).toBeVisible();
    await expect(page.locator('.govuk-error-summary')).toBeFocused();
    await expect(page).toHaveTitle(/^Error: Sign in/);
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
    await axe();

    // The link in the summary takes you to the field.
    await summary.getByRole('link').click();
    await expect(page.getByLabel('Email address')).toBeFocused();

    const me = await page.request.get('/api/auth/me');
    expect(me.status()).toBe(401);
  });

  test('empty fields are explained field by field, in the browser, before anything is sent', async ({
    page,
    axe,
  }) => {
    await page.goto('/sign-in');
    let sent = false;
    page.on('request', (request) => {
      if (request.url().endsWith('/api/auth/login')) sent = true;
    });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('link', { name: 'Enter an email address' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Enter your password' })).toBeVisible();
    await expect(page.locator('#email-error')).toContainText('Enter an email address');
    await axe();
    expect(sent).toBe(false);
  });

  test('sign-out ends the session on the server: the old cookie no longer works', async ({
    page,
    signInAs,
    browser,
    baseURL,
  }) => {
    await signInAs('officer');
    const cookies = await page.context().cookies();
    const sid = cookies.find((c) => c.name === 'sid');
    expect(sid?.httpOnly).toBe(true);
    expect(sid?.sameSite).toBe('Lax');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByText('You have signed out.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

    // Someone who copied the cookie before sign-out gets nowhere with it.
    const other = await browser.newContext({ baseURL });
    await other.addCookies(cookies);
    const response = await other.request.get('/api/auth/me');
    expect(response.status()).toBe(401);
    await other.close();

    // And the staff pages send the browser back to sign in.
    await page.goto('/mail');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fmail/);
  });

  test('after signing in, a person returns to the page they asked for', async ({ page }) => {
    await page.goto('/admin/users');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Fusers/);
    await page.getByLabel('Email address').fill(DEMO.admin);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await enterAppCode(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  });

  test('a person can sign in with the keyboard alone', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    // The first Tab reaches the skip link, which jumps past the header.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
    await page.keyboard.press('Enter');
    for (let i = 0; i < 10; i++) {
      if (await page.getByLabel('Email address').evaluate((el) => el === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    await expect(page.getByLabel('Email address')).toBeFocused();
    await page.keyboard.type(DEMO.finance);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    // Staff then give the code from their authenticator app: the box has the focus's next Tab.
    await expect(page.getByRole('heading', { level: 1, name: CODE_PAGE })).toBeVisible();
    for (let i = 0; i < 10; i++) {
      if (await page.getByLabel(CODE_PAGE).evaluate((el) => el === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    await expect(page.getByLabel(CODE_PAGE)).toBeFocused();
    // The code of the step ahead (the service allows one step of drift): tests beside this one may
    // have just used this step's. If that one is taken too, wait for the next and try again.
    for (const wait of [false, true]) {
      if (wait) {
        await untilNextCode();
        for (let i = 0; i < 10; i++) {
          if (await page.getByLabel(CODE_PAGE).evaluate((el) => el === document.activeElement)) break;
          await page.keyboard.press('Tab');
        }
      }
      const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/second-factor');
      await page.keyboard.type(appCode(undefined, Date.now() + 30_000));
      await page.keyboard.press('Enter');
      if ((await answer).ok()) break;
      await expect(page.getByLabel(CODE_PAGE)).toHaveValue('');
    }
    await expect(page.getByRole('heading', { level: 1, name: 'Hello, Helen Clarke' })).toBeVisible();
  });

  test('a person without the role gets a plain "no permission" page, not the data', async ({
    page,
    signInAs,
    axe,
  }) => {
    await signInAs('applicant');
    await page.goto('/admin/users');
    await expect(
      page.getByRole('heading', { level: 1, name: 'You do not have permission to see this page' }),
    ).toBeVisible();
    await axe();
  });
});
