import type { Locator, Page } from '@playwright/test';
import {
  confirmEmailAddress,
  expect,
  JOURNEY_LIMIT_MS,
  linkIn,
  mailTo,
  navigate,
  pdfFile,
  signInAs,
  signInHere,
  test,
  uniqueEmail,
} from '../../fixtures';

const PASSWORD = 'river kettle garden 7';

function dateIn(days: number) {
  const d = new Date(Date.now() + days * 86_400_000);
  return {
    day: String(d.getUTCDate()),
    month: String(d.getUTCMonth() + 1),
    year: String(d.getUTCFullYear()),
  };
}

async function fillDate(
  page: Page | Locator,
  group: string,
  date: { day: string; month: string; year: string },
) {
  const fieldset = page.getByRole('group', { name: group });
  await fieldset.getByLabel('Day').fill(date.day);
  await fieldset.getByLabel('Month').fill(date.month);
  await fieldset.getByLabel('Year').fill(date.year);
}

async function openTask(page: Page, name: string) {
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function saveAndContinue(page: Page, section: string) {
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page.getByText(`“${section}” saved.`)).toBeVisible();
}

async function createAccount(page: Page, name: string, email: string) {
  await page.getByLabel('Your full name').fill(name);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Create a password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
}

test.describe('A new community group applies @phone', () => {
  test('registers, checks eligibility, drafts with a second member, uploads documents and sends the bid', async ({
    page,
    browser,
    baseURL,
    axe,
    playwright,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    const chair = uniqueEmail('chair');
    const treasurer = uniqueEmail('treasurer');
    const groupName = `Dogsthorpe Neighbours ${Date.now()}`;

    // An account, then the group — a mistake first, explained field by field.
    await page.goto('/');
    await page.getByRole('button', { name: 'Start now' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Create an account' })).toBeVisible();
    await axe();
    await createAccount(page, 'Joanna Nowak', chair);
    // The address is confirmed from the emailed link, then they sign in.
    await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
    await confirmEmailAddress(page, playwright.request, baseURL ?? '', chair);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await signInHere(page, chair, PASSWORD);
    await expect(page.getByRole('heading', { level: 1, name: 'Register your group' })).toBeVisible();
    await page.getByRole('button', { name: 'Register group' }).click();
    await expect(page.getByRole('link', { name: 'Enter the name of your group' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Choose what kind of group it is' })).toBeVisible();
    await axe();
    await page.getByLabel('Name of your group').fill(groupName);
    await page.getByLabel('Registered charity').check();
    await page.getByLabel('Charity number').fill('12AB');
    await page.getByLabel('Address line 1', { exact: true }).fill('1 Welland Road');
    await page.getByLabel('Postcode').fill('pe1 3sa');
    await page.getByLabel('Ward where your group mostly works').selectOption({ label: 'Dogsthorpe' });
    await page.getByLabel('Full name').fill('Joanna Nowak');
    await page.getByLabel('Email address').fill(chair);
    await page.getByRole('button', { name: 'Register group' }).click();
    await expect(page.getByRole('link', { name: /Enter a real charity number/ })).toBeVisible();
    await page.getByLabel('Charity number').fill('1123456');
    await page.getByRole('button', { name: 'Register group' }).click();
    await expect(page.getByText('Your group is registered.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: groupName })).toBeVisible();
    await expect(page.getByText('PE1 3SA')).toBeVisible();
    await axe();

    // Eligibility: a "no" stops them, with plain reasons and where to get help.
    // From the group's page, straight to the open fund's questions for this group.
    await page.getByRole('button', { name: 'Start a bid to the Communities Fund' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Can your group apply?' })).toBeVisible();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert')).toContainText('Select yes if your group has a governing document');
    await axe();
    const answer = async (question: RegExp, value: 'Yes' | 'No') =>
      page.getByRole('group', { name: question }).getByLabel(value, { exact: true }).check();
    await answer(/based in Peterborough/, 'Yes');
    await answer(/governing document/, 'No');
    await answer(/bank account/, 'Yes');
    await answer(/money left over/, 'Yes');
    await answer(/£20,000 or less/, 'Yes');
    await answer(/Can your project finish/, 'Yes');
    await answer(/children or with adults at risk/, 'No');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your group cannot apply yet' })).toBeVisible();
    await expect(page.getByText('We can only fund groups with a governing document.')).toBeVisible();
    await expect(page.getByText(/bid-writing courses/)).toBeVisible();
    await axe();
    await page.getByRole('button', { name: 'Change your answers' }).click();
    await answer(/governing document/, 'Yes');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Your bid' })).toBeVisible();
    await expect(page.getByText('You have completed 0 of 11 sections.')).toBeVisible();
    await axe();
    const bidUrl = page.url();

    // First section: errors explained, then saved.
    await openTask(page, 'About your project');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page.getByRole('link', { name: 'Enter a project title' })).toBeVisible();
    await expect(page).toHaveTitle(/^Error: About your project/);
    await axe();
    await page.getByLabel('Project title').fill('Dogsthorpe Conversation Café');
    await page
      .getByLabel('Summary')
      .fill('A weekly café where people learning English practise with local volunteers.');
    await expect(page.locator('#summary-info')).toHaveText('You have 39 words remaining');
    await page
      .getByLabel('Describe your project')
      .fill(
        'Every Thursday morning at the community centre, volunteers and learners meet over tea to talk, play games and plan a monthly outing together.',
      );
    await saveAndContinue(page, 'About your project');

    await openTask(page, 'Who will benefit');
    await page.getByLabel('Dogsthorpe').check();
    // How many people will take part is asked once, in Outcomes.
    await expect(page.getByLabel('How many people will take part?')).toHaveCount(0);
    await page
      .getByLabel('Which communities will your project bring together?')
      .fill('New arrivals learning English and long-standing residents.');
    await saveAndContinue(page, 'Who will benefit');

    // Sign out mid-way: nothing is lost.
    await navigate(page, 'Sign out', 'button');
    await signInAs(page, chair, PASSWORD);
    await page.goto(bidUrl);
    await expect(page.getByText('You have completed 2 of 11 sections.')).toBeVisible();

    // A second member joins through an emailed invitation and completes other sections.
    await navigate(page, 'Home');
    await page.getByRole('link', { name: groupName }).click();
    await page.getByLabel('Their email address').fill(treasurer);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await expect(page.getByText(`We have emailed an invitation to ${treasurer}.`)).toBeVisible();
    const [invitation] = await mailTo(playwright.request, baseURL ?? '', treasurer);
    expect(invitation?.subject).toContain(groupName);
    const joinPath = linkIn(invitation?.body ?? '', '/group-invitations/');

    const second = await browser.newContext({ baseURL, viewport: page.viewportSize() ?? undefined });
    const other = await second.newPage();
    await other.goto(joinPath);
    await expect(other.getByRole('heading', { level: 1, name: `Join ${groupName}` })).toBeVisible();
    await other.getByRole('button', { name: 'Create an account' }).click();
    await createAccount(other, 'Ade Okoro', treasurer);
    await expect(other.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
    await confirmEmailAddress(other, playwright.request, baseURL ?? '', treasurer);
    await other.getByRole('button', { name: 'Sign in' }).click();
    await signInHere(other, treasurer, PASSWORD);
    await other.getByRole('button', { name: `Join ${groupName}` }).click();
    await expect(other.getByRole('heading', { level: 1, name: groupName })).toBeVisible();
    await expect(other.getByRole('table', { name: 'Members' })).toContainText('Ade Okoro');
    await other.goto(bidUrl);
    await openTask(other, 'Fund priorities');
    await other
      .getByRole('group', { name: 'What is the main priority of your project?' })
      .getByLabel('English Language')
      .check();
    await saveAndContinue(other, 'Fund priorities');
    await openTask(other, 'Bringing people together');
    await other
      .getByLabel('How will your project bring people from different backgrounds together?')
      .fill(
        'Learners and volunteers sit together at small tables, swap places every half hour, and plan outings as one group.',
      );
    await saveAndContinue(other, 'Bringing people together');
    await second.close();

    // Back to the first member: the rest, with the budget checked against the cap as they type.
    await page.goto(bidUrl);
    await expect(page.getByText('You have completed 4 of 11 sections.')).toBeVisible();
    await openTask(page, 'Evidence of need');
    await page
      .getByLabel('How do you know your project is needed?')
      .fill('Our survey of 45 learners found most had no one to practise English with outside class.');
    await page.getByLabel('Practising everyday English').check();
    await saveAndContinue(page, 'Evidence of need');

    await openTask(page, 'Timetable');
    await fillDate(page, 'When will your project start?', dateIn(30));
    await fillDate(page, 'When will it finish?', dateIn(200));
    const milestone = page.getByRole('group', { name: 'Milestone 1' });
    await fillDate(milestone, 'Date', dateIn(30));
    await milestone.getByLabel('What will happen').fill('First café morning');
    await saveAndContinue(page, 'Timetable');

    await openTask(page, 'Budget');
    const line1 = page.getByRole('group', { name: 'Budget line 1' });
    await line1.getByLabel('What it is for').fill('Room hire');
    await line1.getByLabel('Category').selectOption({ label: 'Venue hire' });
    await line1.getByLabel('Cost').fill('25,000');
    await expect(
      page.getByText('This is £5,000 more than the most you can ask for (£20,000).'),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page.getByRole('alert')).toContainText('more than the most you can ask for');
    await axe();
    await line1.getByLabel('Cost').fill('2,400');
    await page.getByRole('button', { name: 'Add another budget line' }).click();
    const line2 = page.getByRole('group', { name: 'Budget line 2' });
    await line2.getByLabel('What it is for').fill('Tea, coffee and biscuits');
    await line2.getByLabel('Category').selectOption({ label: 'Food and refreshments' });
    await line2.getByLabel('Cost').fill('600.50');
    await expect(page.getByText('Total you are asking for: £3,000.50')).toBeVisible();
    await saveAndContinue(page, 'Budget');

    await openTask(page, 'Outcomes');
    await page.getByLabel('How many people will take part?').fill('60');
    await page.getByLabel('How many events or sessions will you run?').fill('twenty');
    await page.getByLabel('How many volunteers will help?').fill('8');
    await page
      .getByLabel('How many people from different backgrounds will meet through the project?')
      .fill('50');
    await page
      .getByLabel('What will change because of your project?')
      .fill('Learners will speak more confidently and know neighbours by name.');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page.getByRole('link', { name: /as a whole number/ })).toBeVisible();
    await axe();
    await page.getByLabel('How many events or sessions will you run?').fill('30');
    await saveAndContinue(page, 'Outcomes');

    await openTask(page, 'Risks');
    const risk = page.getByRole('group', { name: 'Risk 1' });
    await risk.getByLabel('What could go wrong').fill('Few volunteers');
    await risk.getByLabel('What you will do about it').fill('Recruit through the library and local churches');
    await saveAndContinue(page, 'Risks');

    // Documents: a program pretending to be a PDF is refused; real documents upload with progress.
    await openTask(page, 'Supporting documents');
    await page.getByLabel('Governing document').check();
    await page.getByLabel('Choose the file').setInputFiles({
      name: 'constitution.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('MZ\x90\x00 this is a program', 'latin1'),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect(page.getByRole('link', { name: /must be a PDF/ })).toBeVisible();
    await axe();
    await page.getByLabel('Choose the file').setInputFiles(pdfFile('constitution.pdf'));
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect(page.getByText('constitution.pdf uploaded.')).toBeVisible();
    await page.getByLabel('Latest accounts or bank statement').check();
    await page.getByLabel('Choose the file').setInputFiles(pdfFile('bank-statement.pdf'));
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect(page.getByText('bank-statement.pdf uploaded.')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Uploaded documents' }).getByRole('row')).toHaveCount(3);
    await axe();
    await page.getByRole('button', { name: 'Continue' }).click();

    await openTask(page, 'Declarations');
    for (const text of [
      /information in this bid is true/,
      /spend it only on this project/,
      /report on how the project/,
      /privacy notice/,
    ]) {
      await page.getByLabel(text).check();
    }
    await page.getByLabel('Your full name').fill('Joanna Nowak');
    await page.getByLabel('Your position in the group').fill('Chair');
    await saveAndContinue(page, 'Declarations');
    await expect(page.getByText('You have completed 11 of 11 sections.')).toBeVisible();

    // Check answers, send, see the reference, find the email.
    await page.getByRole('link', { name: 'Check your answers and send' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Check your answers before sending your bid' }),
    ).toBeVisible();
    await expect(page.getByText('Dogsthorpe Conversation Café').first()).toBeVisible();
    await expect(page.getByText('£3,000.50').first()).toBeVisible();
    await axe();
    await page.getByRole('button', { name: 'Send bid' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Bid sent' })).toBeVisible();
    const reference = (await page.locator('.govuk-panel__body strong').textContent()) ?? '';
    expect(reference).toMatch(/^PCF-\d{4}-\d{4}$/);
    await axe();
    const mail = await mailTo(playwright.request, baseURL ?? '', chair);
    expect(
      mail.some(
        (m) => m.subject === `We have received your bid ${reference}` && m.body.includes('£3,000.50'),
      ),
    ).toBe(true);

    // The bid is now frozen.
    await page.getByRole('link', { name: 'See your bid' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'What has happened' })).toBeVisible();
    await expect(page.getByText('Bid sent', { exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Change' })).toHaveCount(0);
    await axe();
  });
});
