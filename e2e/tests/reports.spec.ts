import { DEMO, expect, JOURNEY_LIMIT_MS, pdfFile, signInAs, test } from '../fixtures';
import { API_USER_PASSWORD, ApiUser } from '../fixtures/api';
import { acceptedGrant } from '../fixtures/grants';

test.describe('Monitoring reports (issue 11)', () => {
  test('a group sends a mid-point report with evidence, the officer returns it, the group corrects it, the officer approves it and rates the grant; the final report completes the grant and asks for the final payment @phone', async ({
    page,
    axe,
    playwright,
    baseURL,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    const url = baseURL ?? '';
    // Set-up through the API: a £5,000 grant (so a mid-point and a final report), accepted, with
    // bank details finance has checked (the final payment goes to them).
    const grant = await acceptedGrant(playwright.request, url, {
      title: 'Riverside Supper Club',
      amountPence: 500_000,
      memberName: 'Ada Secretary',
    });
    const member = grant.member;
    const account = await member.send<{ id: string }>(
      'PUT',
      `/api/organisations/${grant.organisationId}/bank-account`,
      { accountName: 'GROUP ACCOUNT', sortCode: '309457', accountNumber: '12345678' },
    );
    const finance2 = await ApiUser.signIn(playwright.request, url, DEMO.finance2);
    await finance2.send('POST', `/api/bank-accounts/${account.id}/check`, {
      phoneNumber: '01733 555 0100',
      numberFromRecords: true,
    });
    await finance2.dispose();
    const { reports } = await member.get<{ reports: { id: string; kind: string }[] }>(
      `/api/grants/${grant.grantId}/reports`,
    );
    const midId = reports.find((r) => r.kind === 'mid_point')?.id ?? '';
    const finalId = reports.find((r) => r.kind === 'final')?.id ?? '';

    // The group finds its reports on the grant's page.
    await signInAs(page, grant.email, API_USER_PASSWORD);
    await page.goto(`/grants/${grant.grantId}`);
    const table = page.getByRole('table', { name: 'Reports on the project' });
    await expect(table).toContainText('Mid-point report');
    await expect(table).toContainText('Final report');
    await axe();
    await table.getByRole('link', { name: 'Mid-point report' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Mid-point report' })).toBeVisible();
    await expect(page.getByText('You have answered 0 of 4 sections')).toBeVisible();
    await axe();

    // Progress.
    await page.getByRole('link', { name: 'Progress' }).click();
    await page
      .getByLabel('How is the project going?')
      .fill('Six suppers so far, each with neighbours from four streets.');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    // Spending, against each budget line.
    await page.getByRole('link', { name: 'Spending' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Spending' })).toBeVisible();
    await expect(page.getByText(/^Budget: £/).first()).toBeVisible();
    const lines = page.locator('input[id^="line"]');
    for (let i = 0; i < (await lines.count()); i++) await lines.nth(i).fill('2,000');
    await axe();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    // Outcomes: a negative number is refused on its field, with the promise shown beside each.
    await page.getByRole('link', { name: 'Outcomes' }).click();
    await expect(page.getByText(/^You said: \d+/).first()).toBeVisible();
    await page.getByLabel('People taking part').fill('-5');
    await page.getByLabel('Events or sessions').fill('6');
    await page.getByLabel('Volunteers').fill('4');
    await page.getByLabel('People from different backgrounds meeting').fill('30');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page.getByRole('alert').getByText(/must be 0 or more/)).toBeVisible();
    await axe();
    await page.getByLabel('People taking part').fill('45');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    // A story.
    await page.getByRole('link', { name: 'A story' }).click();
    await page
      .getByLabel('Tell us one story from your project')
      .fill('Two neighbours who had never spoken now cook together every week.');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page.getByText('You have answered 4 of 4 sections')).toBeVisible();
    // Evidence.
    await page.getByRole('link', { name: 'Evidence' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Evidence' })).toBeVisible();
    await page.getByLabel('Choose the file').setInputFiles(pdfFile('attendance.pdf'));
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect(page.getByText('attendance.pdf uploaded.')).toBeVisible();
    await axe();
    await page.getByRole('button', { name: 'Continue' }).click();
    // Check and send.
    await page.getByRole('button', { name: 'Check your report and send it' }).click();
    await expect(page.getByRole('table', { name: 'Achieved against what the bid promised' })).toContainText(
      '45',
    );
    await axe();
    await page.getByRole('button', { name: 'Send the report' }).click();
    await expect(page.getByText('Report sent')).toBeVisible();
    await axe();

    // The officer reads it and returns it with comments.
    await signInAs(page, DEMO.officer);
    await page.goto(`/grants/${grant.grantId}`);
    await page
      .getByRole('table', { name: 'Reports on the project' })
      .getByRole('link', { name: 'Mid-point report' })
      .click();
    await expect(page.getByText('Sent, waiting for the officer')).toBeVisible();
    await expect(page.getByText('Suggested rating:')).toBeVisible();
    await axe();
    await page.getByRole('button', { name: 'Return it to the group' }).click();
    await page.getByRole('button', { name: 'Return the report' }).click();
    await expect(page.getByRole('alert').getByText('Enter what the group needs to change')).toBeVisible();
    await axe();
    await page
      .getByLabel('What does the group need to change?')
      .fill('Please say how many of the 45 came more than once.');
    await page.getByRole('button', { name: 'Return the report' }).click();
    await expect(page.getByText('Returned for changes').first()).toBeVisible();

    // The group corrects it and sends it again.
    await signInAs(page, grant.email, API_USER_PASSWORD);
    await page.goto(`/reports/${midId}`);
    await expect(page.getByText('Please say how many of the 45 came more than once.')).toBeVisible();
    await axe();
    await page.getByRole('link', { name: 'Progress' }).click();
    await page
      .getByLabel('How is the project going?')
      .fill('Six suppers so far; 30 of the 45 people came more than once.');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.getByRole('button', { name: 'Check your report and send it' }).click();
    await page.getByRole('button', { name: 'Send the report' }).click();
    await expect(page.getByText('Report sent')).toBeVisible();

    // The officer approves it and rates the grant, giving a reason for differing from the suggestion.
    await signInAs(page, DEMO.officer);
    await page.goto(`/reports/${midId}`);
    await page.getByRole('button', { name: 'Approve the report' }).click();
    await expect(page.getByText('Approved', { exact: true })).toBeVisible();
    const suggested = ((await page.getByText(/^Suggested rating:/).textContent()) ?? '').match(
      /Green|Amber|Red/,
    )?.[0];
    const differing = suggested === 'Red' ? 'Green' : 'Red';
    await page.getByLabel(differing, { exact: true }).check();
    await page.getByRole('button', { name: 'Save the rating' }).click();
    await expect(page.getByRole('alert').getByText(/^Say why you rate this grant/)).toBeVisible();
    await axe();
    await page.getByLabel(/^Why/).fill('The club has lost its venue for the summer.');
    await page.getByRole('button', { name: 'Save the rating' }).click();
    await expect(page.getByText('Rating saved.')).toBeVisible();
    await axe();

    // The final report, written and sent by the group (through the API: the pages are shown above).
    let final = await member.get<{ version: number; budgetLines: { costPence: number }[] }>(
      `/api/reports/${finalId}`,
    );
    for (const [section, data] of [
      ['progress', { progress: 'Twelve suppers in all; the club goes on with its own money.' }],
      ['spend', { lines: final.budgetLines.map((l) => ({ spentPence: l.costPence })), explanation: '' }],
      ['outcomes', { participants: 80, events: 12, volunteers: 6, peopleMeeting: 60 }],
      ['story', { story: 'A retired chef taught the teenagers to make bread.' }],
    ] as const) {
      final = await member.send('PUT', `/api/reports/${finalId}/sections/${section}`, {
        version: final.version,
        data,
      });
    }
    await member.send('POST', `/api/reports/${finalId}/send`);
    await member.dispose();

    // The officer approves the final report: the grant completes and the final payment waits for finance.
    await page.goto(`/reports/${finalId}`);
    await expect(page.getByText(/completes the grant and asks finance for the final payment/)).toBeVisible();
    await axe();
    await page.getByRole('button', { name: 'Approve the report' }).click();
    await expect(page.getByText('The final report is approved and the grant is complete.')).toBeVisible();
    await axe();
    await page.goto(`/grants/${grant.grantId}`);
    await expect(page.getByText('Completed', { exact: true }).first()).toBeVisible();
    await page.goto(`/grants/${grant.grantId}/payments`);
    await expect(page.getByRole('heading', { level: 1, name: 'Payments' })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: '£1,000' }).first()).toContainText(
      'Waiting for approval',
    );
    await axe();
  });

  test('a group with a returned report finds it first on its home page and opens it from there @phone', async ({
    page,
    axe,
  }) => {
    // The demo's Fletton Faith Forum had its mid-point report returned with comments.
    await signInAs(page, 'contact@fletton-faith-forum.demo.test');
    await page.goto('/');
    const toDo = page.getByRole('region', { name: 'What you need to do' });
    await expect(
      toDo.getByText(/Make the changes the grants officer asked for in your mid-point report/),
    ).toBeVisible();
    await axe();
    await toDo.getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(/mid-point report/i);
    await axe();
  });
});
