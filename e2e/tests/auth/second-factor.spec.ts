import {
  apiSignIn,
  appCode,
  CODE_PAGE,
  DEMO,
  enterAppCode,
  expect,
  expectNoAxeViolations,
  JOURNEY_LIMIT_MS,
  signInThroughPage,
  test,
} from '../../fixtures';

test.describe('The staff second factor', () => {
  test('a new officer sets up an authenticator app, saves recovery codes, and from then on signs in with a code', async ({
    page,
    playwright,
    baseURL,
  }) => {
    // A journey of many pages, with a wait for the app's next code after setting it up.
    test.setTimeout(JOURNEY_LIMIT_MS);
    // The admin invites a new officer through the API (the invitation journey has its own test).
    const email = `sam.patel.${Date.now()}@peterborough.gov.uk`;
    const admin = await playwright.request.newContext({ baseURL });
    const csrf = await apiSignIn(admin, DEMO.admin);
    const invited = await admin.post('/api/admin/users', {
      data: { name: 'Sam Patel', email, role: 'officer' },
      headers: { 'x-csrf-token': csrf },
    });
    expect(invited.status(), await invited.text()).toBe(201);
    const { messages } = (await (await admin.get('/api/mail')).json()) as {
      messages: { to: string; body: string }[];
    };
    const invitation = messages.find((m) => m.to === email)?.body ?? '';
    const link = /(http\S+\/invitation\/\S+)/.exec(invitation)?.[1] ?? '';
    await admin.dispose();

    await page.goto(new URL(link).pathname);
    await page.getByLabel('Create a password').fill('kettle river garden 42');
    await page.getByRole('button', { name: 'Save password and sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Hello, Sam Patel' })).toBeVisible();

    // Staff pages wait for the second factor; every page says so.
    await expect(page.getByText('Set up your second factor to use your staff pages.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sent mail' })).toHaveCount(0);
    await expectNoAxeViolations(page);
    await page.goto('/mail');
    await expect(page.getByRole('heading', { level: 1, name: 'Set up a second factor' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Set up my authenticator app' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Set up your authenticator app' }),
    ).toBeVisible();
    await expect(
      page.getByRole('img', { name: 'QR code to scan with your authenticator app' }),
    ).toBeVisible();
    await expectNoAxeViolations(page);
    // Typed in by hand, as someone who cannot scan the code would.
    const key = ((await page.getByTestId('second-factor-key').textContent()) ?? '').replaceAll(' ', '');
    expect(key).toMatch(/^[A-Z2-7]{32}$/);

    await page.getByLabel('Enter the 6-digit code the app now shows').fill('123456');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(
      page.getByRole('link', { name: 'Enter the 6-digit code your authenticator app shows now' }),
    ).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel('Enter the 6-digit code the app now shows').fill(appCode(key));
    await page.getByRole('button', { name: 'Continue' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Save your recovery codes' })).toBeVisible();
    const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await expect(codes).toHaveCount(10);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();
    // Back where they were going, with the staff role counting now.
    await expect(page.getByRole('heading', { level: 1, name: 'Sent mail' })).toBeVisible();

    // Next time: password, then the code.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('kettle river garden 42');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: CODE_PAGE })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByLabel(CODE_PAGE).fill('000000');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(
      page.getByRole('link', { name: /Enter the code shown in your authenticator app/ }),
    ).toBeVisible();
    await expect(page).toHaveTitle(/^Error: /);
    await expectNoAxeViolations(page);
    await enterAppCode(page, key);
    await expect(page.getByRole('heading', { level: 1, name: 'Hello, Sam Patel' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sent mail' })).toBeVisible();
  });

  test('a demo officer signs in with the code from the demo app; applicants are never asked', async ({
    page,
  }) => {
    await signInThroughPage(page, DEMO.officer);
    await expect(page.getByRole('heading', { level: 1, name: /^Hello, / })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sent mail' })).toBeVisible();
    await page.getByRole('button', { name: 'Sign out' }).click();

    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(DEMO.applicant);
    await page.getByLabel('Password', { exact: true }).fill('communities-fund-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Hello, / })).toBeVisible();
  });
});
