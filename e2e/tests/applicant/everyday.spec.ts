import { ELIGIBLE } from '@cf/shared/examples';
import type { APIRequest, Page } from '@playwright/test';
import {
  DEMO,
  expect,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  JOURNEY_LIMIT_MS,
  navigate,
  newestLinkTo,
  PHONE_WIDTHS,
  pdfFile,
  signInAs,
  signInThroughPage,
  test,
  uniqueEmail,
} from '../../fixtures';
import { API_USER_PASSWORD, ApiUser, sentBid } from '../../fixtures/api';

/** The demo's Communities Fund, as anyone may read it. */
async function communitiesFundId(request: APIRequest, baseURL: string): Promise<string> {
  const context = await request.newContext({ baseURL });
  const { funds } = (await (await context.get('/api/funds')).json()) as {
    funds: { id: string; name: string }[];
  };
  await context.dispose();
  const fund = funds.find((f) => f.name === 'Communities Fund');
  if (!fund) throw new Error('No Communities Fund in the demo');
  return fund.id;
}

test.describe('Everyday use by groups @phone', () => {
  test('the home page starts with what needs doing; a returned bid marks what to change until it is done', async ({
    page,
    browser,
    baseURL,
    axe,
    playwright,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    const url = baseURL ?? '';
    const stamp = Date.now();
    const fundId = await communitiesFundId(playwright.request, url);
    const title = `Seed Swap ${stamp}`;
    const { bidId, applicant } = await sentBid(playwright.request, url, {
      fundId,
      groupName: `Eye Allotment Friends ${stamp}`,
      title,
      costPence: 300_000,
      ward: 'Eye, Thorney and Newborough',
      priority: 'Bringing Communities Together',
    });
    const me = await applicant.get<{ email: string; organisations: { id: string }[] }>('/api/auth/me');
    // A second bid, only started: no title and no amount yet.
    await applicant.send('POST', '/api/bids', {
      fundId,
      organisationId: me.organisations[0]?.id,
      eligibility: ELIGIBLE,
    });

    // The grants team returns the sent bid, ticking what must change.
    const staff = await browser.newContext({ baseURL, viewport: page.viewportSize() ?? undefined });
    const officer = await staff.newPage();
    await signInAs(officer, DEMO.officer);
    await officer.goto(`/bids/${bidId}`);
    await officer.getByRole('button', { name: 'Return for changes' }).click();
    await expect(
      officer.getByRole('heading', { level: 1, name: 'Return the bid for changes' }),
    ).toBeVisible();
    await officer
      .getByLabel('What does the group need to change?')
      .fill('Your budget needs a line for publicity, and the bank statement must be from the last 3 months.');
    await officer
      .getByRole('group', { name: /Which sections/ })
      .getByLabel('Budget')
      .check();
    await officer
      .getByRole('group', { name: /Which documents/ })
      .getByLabel('Latest accounts or bank statement')
      .check();
    await expectNoAxe(officer);
    await officer.getByRole('button', { name: 'Return bid' }).click();
    await expect(officer.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await staff.close();

    // The group's home page starts with what needs doing, soonest deadline first.
    await signInThroughPage(page, me.email, API_USER_PASSWORD);
    await expect(page.getByRole('heading', { level: 1, name: /^Hello, / })).toBeVisible();
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { level: 2 }).first()).toHaveText('What you need to do');
    const cards = main.locator('.govuk-summary-card');
    await expect(cards).toHaveCount(2);
    await expect(cards.nth(0)).toContainText(title);
    await expect(cards.nth(0)).toContainText('Make the changes the grants team asked for');
    await expect(cards.nth(0)).toContainText('Budget, a new latest accounts or bank statement');
    await expect(cards.nth(1)).toContainText('Untitled bid');
    await expect(cards.nth(1)).toContainText('Finish your bid and send it');
    await expect(cards.nth(0)).toContainText(
      /Send it by\s*(\d+(\.\d+)?(am|pm)|midday|midnight) on \d+ \w+ \d{4}/,
    );
    await axe();

    // The list of bids reads on a phone, and a bid with no budget yet says so.
    await navigate(page, 'Your bids');
    await expect(page.getByRole('heading', { level: 1, name: 'Your bids' })).toBeVisible();
    await expect(page.getByRole('row', { name: /Untitled bid/ })).toContainText('Not given yet');
    await axe();

    // The returned bid marks what to change, and cannot be sent until it is done.
    await page.getByRole('link', { name: title }).click();
    const changes = page.getByRole('region', { name: 'Changes needed' });
    await expect(changes).toContainText('bank statement must be from the last 3 months');
    await expect(changes.getByRole('link', { name: 'Budget' })).toBeVisible();
    await expect(changes.getByRole('link', { name: /Upload a new latest accounts/ })).toBeVisible();
    const task = (name: string) => page.locator('.govuk-task-list__item', { hasText: name });
    await expect(task('Budget')).toContainText('Changes needed');
    await expect(task('Supporting documents')).toContainText('Changes needed');
    await expect(task('About your project')).toContainText('Completed');
    await expect(task('Check your answers and send')).toContainText('Cannot start yet');
    await axe();

    // Documents: the new one asked for; one file cannot be two required documents.
    await page.getByRole('link', { name: 'Supporting documents' }).click();
    await expect(page.getByText('(the grants team asked for a new one)')).toBeVisible();
    await page.getByLabel('Governing document').check();
    await page.getByLabel('Choose the file').setInputFiles(pdfFile('our-rules.pdf'));
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect(page.getByText('our-rules.pdf uploaded.')).toBeVisible();
    await page.getByLabel('Latest accounts or bank statement').check();
    await page.getByLabel('Choose the file').setInputFiles(pdfFile('our-rules.pdf'));
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect(
      page.getByRole('link', { name: /This is the same file you uploaded as your governing document/ }),
    ).toBeVisible();
    await axe();
    await page.getByLabel('Latest accounts or bank statement').check();
    await page.getByLabel('Choose the file').setInputFiles(pdfFile('bank-statement-june.pdf'));
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect(page.getByText('bank-statement-june.pdf uploaded.')).toBeVisible();
    await expect(page.getByRole('table', { name: /Uploaded documents/ }).getByRole('row')).toHaveCount(5);
    await axe();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(task('Supporting documents')).toContainText('Completed');

    // The budget, saved again, is done; then the bid can be sent again.
    await page.getByRole('link', { name: 'Budget', exact: true }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Budget' })).toBeVisible();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page.getByText('“Budget” saved.')).toBeVisible();
    await expect(task('Budget')).toContainText('Completed');
    await page.getByRole('link', { name: 'Check your answers and send' }).click();
    await page.getByRole('button', { name: 'Send bid' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Bid sent' })).toBeVisible();

    // Only the unfinished draft is left to do.
    await navigate(page, 'Home');
    await expect(page.getByRole('main').locator('.govuk-summary-card')).toHaveCount(1);
    await expect(page.getByRole('main').locator('.govuk-summary-card')).toContainText('Untitled bid');
    await applicant.dispose();
  });

  test('a group registers as an informal group, changes its details, removes a member, and its last member cannot leave', async ({
    page,
    baseURL,
    axe,
    playwright,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    const url = baseURL ?? '';
    const stamp = Date.now();
    const email = uniqueEmail('founder');
    const founder = await ApiUser.register(playwright.request, url, 'Grace Mensah', email);
    await signInThroughPage(page, email, API_USER_PASSWORD);

    // Registering: the main contact is filled in from the account; every kind of group is explained.
    await page.goto('/groups/new');
    await expect(page.getByRole('heading', { level: 1, name: 'Register your group' })).toBeVisible();
    await expect(page.getByLabel('Full name')).toHaveValue('Grace Mensah');
    await expect(page.getByLabel('Email address')).toHaveValue(email);
    await expect(
      page.getByText('Neighbours or volunteers who meet and work together without written rules.'),
    ).toBeVisible();
    await axe();
    const groupName = `Park Road Neighbours ${stamp}`;
    await page.getByLabel('Name of your group').fill(groupName);
    await page.getByLabel('Informal group (not constituted)').check();
    await expect(page.getByLabel(/Charity number|Company number|URN/)).toHaveCount(0);
    await page.getByLabel('Address line 1', { exact: true }).fill('12 Park Road');
    await page.getByLabel('Postcode').fill('PE1 2TA');
    await page.getByLabel('Ward where your group mostly works').selectOption({ label: 'Park' });
    await page.getByRole('button', { name: 'Register group' }).click();
    await expect(page.getByText('Your group is registered.')).toBeVisible();
    await expect(page.getByText('Informal group (not constituted)')).toBeVisible();
    const groupPath = new URL(page.url()).pathname;
    const organisationId = groupPath.split('/')[2] ?? '';

    // A second member joins by invitation (seeded through the API).
    const secondEmail = uniqueEmail('member');
    await founder.send('POST', `/api/organisations/${organisationId}/invitations`, { email: secondEmail });
    const join = await newestLinkTo(
      playwright.request,
      url,
      secondEmail,
      'group_invitation',
      '/group-invitations/',
    );
    const second = await ApiUser.register(playwright.request, url, 'Ade Okoro', secondEmail);
    await second.send('POST', '/api/group-invitations/accept', { token: join.split('/').pop() });
    await page.goto(groupPath);
    await expect(page.getByRole('table', { name: 'Members' })).toContainText('Ade Okoro');
    await axe();

    // Changing the group's details.
    await page.getByRole('link', { name: 'Change your group’s details' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Change your group’s details' })).toBeVisible();
    await page.getByLabel('Name of your group').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('link', { name: 'Enter the name of your group' })).toBeVisible();
    await axe();
    await page.getByLabel('Name of your group').fill(`${groupName} Association`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByText('Your group’s details have been changed.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: `${groupName} Association` })).toBeVisible();

    // Removing a member ends their access at once.
    await page.getByRole('link', { name: 'Remove Ade Okoro' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: `Remove Ade Okoro from ${groupName} Association` }),
    ).toBeVisible();
    await axe();
    await page.getByRole('button', { name: 'Remove Ade Okoro' }).click();
    await expect(page.getByText('Ade Okoro is no longer a member of your group.')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Members' })).not.toContainText('Ade Okoro');
    expect((await second.context.get(`/api/organisations/${organisationId}`)).status()).toBe(404);

    // The last member cannot leave, and is told why.
    await page.getByRole('link', { name: `Leave ${groupName} Association` }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Are you sure you want to leave this group?' }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Leave group' }).click();
    await expect(page.getByRole('alert')).toContainText(
      'You are the only member of this group, so you cannot leave it. Invite someone to join first.',
    );
    await axe();

    // "Start a bid" goes straight to the fund's questions, for this group; each says what is missing.
    await page.goto(groupPath);
    await page.getByRole('button', { name: 'Start a bid to the Communities Fund' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Can your group apply?' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Which group is this bid for?' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(
      page.getByRole('link', { name: 'Select yes if your group has a safeguarding policy' }),
    ).toHaveCount(0);
    await expect(
      page.getByRole('link', {
        name: 'Select yes if any money left over will go back into your group’s work',
      }),
    ).toBeVisible();
    await axe();
    await founder.dispose();
    await second.dispose();
  });

  test('the declaration links to a plain privacy notice', async ({ page, axe }) => {
    await signInAs(page, DEMO.applicant);
    await navigate(page, 'Your bids');
    await page.getByRole('link', { name: 'Cook and Share' }).click();
    await page.getByRole('link', { name: 'Declarations' }).click();
    const link = page.getByRole('link', { name: 'Read the privacy notice (opens in new tab)' });
    await expect(link).toHaveAttribute('href', '/privacy');
    await page.goto('/privacy');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Privacy notice for the Communities Fund' }),
    ).toBeVisible();
    await expect(page.getByText(/never publish your name, email address or phone number/)).toBeVisible();
    await axe();
  });
});

/** What the `axe` fixture checks, on a page other than the test's own. */
async function expectNoAxe(page: Page): Promise<void> {
  await expectNoAxeViolations(page);
  if ((page.viewportSize()?.width ?? 1000) <= Math.max(...PHONE_WIDTHS)) await expectNoSidewaysScroll(page);
}
