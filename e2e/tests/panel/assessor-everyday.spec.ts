import type { Page } from '@playwright/test';
import {
  DEMO,
  expect,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  JOURNEY_LIMIT_MS,
  navigate,
  signInAs,
  test,
} from '../../fixtures';
import { ApiUser, sentBid } from '../../fixtures/api';

const PRIYA = 'Priya Sharma';

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** The id of a demo user, read as the admin reads the users list. */
async function userId(admin: ApiUser, email: string): Promise<string> {
  return admin.userIdByEmail(email);
}

/** Scores one criterion on the scoring page: the score in its group, and why. */
async function score(page: Page, legend: string, title: string, value: string, why: string) {
  await page.getByRole('group', { name: legend }).getByLabel(value, { exact: true }).check();
  await page.getByLabel(`Why this score for “${title}”?`).fill(why);
}

test.describe('An assessor’s everyday work (issue 9, items 8 to 10)', () => {
  test('an assessor does what is due first, reads the whole bid and its documents beside the scores, checks and submits, asks for them to be reopened; the officer sees the request and reopens them', async ({
    page,
    browser,
    baseURL,
    axe,
    playwright,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    const url = baseURL ?? '';
    const request = playwright.request;
    const stamp = Date.now();
    const title = `Repair Café ${stamp}`;

    // A small fund whose scores are due in three days and which needs two assessors; only Priya may
    // assess it. One bid, sent, checked and given to her.
    const officer = await ApiUser.signIn(request, url, DEMO.officer);
    const { priorities } = await officer.get<{ priorities: { id: string; name: string }[] }>(
      '/api/reference',
    );
    const guidance = ['None', 'Very little', 'Some', 'Good', 'Very good', 'Excellent'];
    const fund = await officer.send<{ id: string }>('POST', '/api/funds', {
      name: `Menders Fund ${stamp}`,
      code: `M${String.fromCharCode(65 + (stamp % 26))}${String.fromCharCode(65 + ((stamp >> 5) % 26))}`,
      description: 'Small grants for repairing things together.',
      potPence: 1_000_000,
      capPence: 500_000,
      opensAt: new Date(Date.now() - 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      deliveryStartsOn: isoDay(0),
      deliveryEndsOn: isoDay(365),
      minAssessors: 2,
      moderationThreshold: 2,
      scoresDueOn: isoDay(3),
      published: true,
      priorityIds: priorities.filter((p) => p.name === 'Bringing Communities Together').map((p) => p.id),
      criteria: [
        {
          title: 'Repairs bring people together',
          description: 'Neighbours mend side by side.',
          weight: 60,
          guidance,
        },
        { title: 'Value for money', description: 'The costs are reasonable.', weight: 40, guidance },
      ],
    });
    const admin = await ApiUser.signIn(request, url, DEMO.admin);
    const priyaId = await userId(admin, DEMO.assessor3);
    await admin.send('POST', `/api/admin/users/${priyaId}/roles`, { role: 'assessor', fundId: fund.id });
    const bid = await sentBid(request, url, {
      fundId: fund.id,
      groupName: `Dogsthorpe Menders ${stamp}`,
      title,
      costPence: 300_000,
      ward: 'Dogsthorpe',
      priority: 'Bringing Communities Together',
    });
    await officer.send('POST', `/api/bids/${bid.bidId}/screening`, {
      decision: 'eligible',
      checks: { documentsValid: true, groupVerified: true },
    });
    await officer.send('POST', `/api/bids/${bid.bidId}/assignments`, { assessorId: priyaId });
    const { reference } = await officer.get<{ reference: string }>(`/api/bids/${bid.bidId}`);

    // 1. Her list: what is still to do comes first, the soonest due at the top, with when it is due.
    await signInAs(page, DEMO.assessor3);
    await navigate(page, 'Bids to assess');
    await expect(page.getByRole('heading', { level: 1, name: 'Bids to assess' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: /^To do \(\d+\)$/ })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: /^Done \(\d+\)$/ })).toBeVisible();
    const first = page.locator('.govuk-task-list').first().getByRole('listitem').first();
    await expect(first.getByRole('link')).toHaveText(title);
    await expect(first).toContainText(/Scores due by .+ \(in \d days\)/);
    await expect(first).toContainText('Conflict declaration needed');
    await axe();

    // 2. She declares no conflict, then reads the bid beside her scores: the group's kind, its
    //    eligibility answers and its documents, never its people.
    await first.getByRole('link').click();
    await page.getByLabel('No, I have no conflict of interest').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Your scores' })).toBeVisible();
    const theBid = page.getByRole('region', { name: 'The bid' });
    await expect(theBid.getByText('Scores due by')).toBeVisible();
    await theBid.getByRole('button', { name: 'Open all sections' }).click();
    await expect(theBid.getByRole('button', { name: 'Close all sections' })).toBeVisible();
    await expect(theBid.getByText('Constituted community group')).toBeVisible();
    await expect(theBid.getByText(/Is your group based in Peterborough/)).toBeVisible();
    const accounts = theBid.getByRole('link', { name: 'accounts.pdf' });
    await expect(accounts).toBeVisible();
    const download = await page.request.get((await accounts.getAttribute('href')) ?? '');
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/pdf');
    for (const personal of ['Sam Taylor', '1 High Street', 'PE1 1AA']) {
      await expect(page.getByText(personal)).toHaveCount(0);
    }
    await axe();
    await theBid.getByRole('button', { name: 'Close all sections' }).click();
    await expect(theBid.getByText('Constituted community group')).toBeHidden();

    // 3. She scores, forgets her recommendation, then checks her scores and changes one answer.
    await score(
      page,
      '1. Repairs bring people together (60%)',
      'Repairs bring people together',
      '4',
      'Menders and neighbours work at one table.',
    );
    await score(
      page,
      '2. Value for money (40%)',
      'Value for money',
      '3',
      'The budget is fair; the accounts show a small reserve.',
    );
    await expect(page.getByText('Weighted total: 72.0 out of 100')).toBeVisible();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert')).toContainText('Choose your recommendation');
    await axe();
    await page.getByLabel('Fund in full').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Check your scores before you submit them' }),
    ).toBeVisible();
    await expect(page.getByText('4 out of 5')).toBeVisible();
    await expect(page.getByText('Fund in full')).toBeVisible();
    await axe();
    await page.getByRole('link', { name: 'Change your recommendation' }).click();
    await expect(page.getByLabel('Fund in part')).toBeVisible();
    await page.getByLabel('Fund in part').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByText('Fund in part')).toBeVisible();
    await page.getByRole('button', { name: 'Submit scores' }).click();

    // 4. A confirmation, then her scores as text: nothing to click that would change them.
    await expect(page.getByRole('heading', { level: 1, name: 'Scores submitted' })).toBeVisible();
    await axe();
    await page.getByRole('link', { name: 'your scores for this bid' }).click();
    await expect(page.getByText('You submitted these scores.')).toBeVisible();
    await expect(page.getByRole('radio')).toHaveCount(0);
    await expect(page.getByText('3 out of 5')).toBeVisible();

    // 5. She asks the officer to reopen them, saying why.
    await page.getByRole('button', { name: 'Ask the grants officer to reopen my scores' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter why your scores need to change');
    await page
      .getByLabel('Why do your scores need to change?')
      .fill('I scored value for money before I opened the accounts.');
    await page.getByRole('button', { name: 'Ask the grants officer to reopen my scores' }).click();
    await expect(page.getByRole('heading', { name: 'You asked to change these scores' })).toBeVisible();
    await axe();

    // 6. The officer sees the request on the fund's assessment page — and that the fund has too few
    //    assessors — and reopens the scores.
    const officerContext = await browser.newContext({ baseURL });
    const officerPage = await officerContext.newPage();
    await signInAs(officerPage, DEMO.officer);
    await officerPage.goto(`/funds/${fund.id}/assessment`);
    await expect(officerPage.getByRole('heading', { level: 1, name: 'Assessment' })).toBeVisible();
    await expect(officerPage.getByRole('region', { name: 'Not enough assessors' })).toContainText(
      'This fund needs 1 more assessor.',
    );
    await expect(
      officerPage.getByRole('heading', { level: 2, name: 'Requests to reopen scores (1)' }),
    ).toBeVisible();
    const card = officerPage.locator('.govuk-summary-card', { hasText: `${PRIYA} on ${reference}` });
    await expect(card).toContainText('I scored value for money before I opened the accounts.');
    await expect(
      officerPage.getByRole('row', { name: new RegExp(title) }).getByText(/Only 1 of the 2 assessors/),
    ).toBeVisible();
    await expectNoAxeViolations(officerPage);
    await card.getByLabel('Reopen the scores').check();
    await card.getByRole('button', { name: /^Send answer/ }).click();
    await expect(officerPage.getByText(`${PRIYA}’s scores on ${reference} are reopened.`)).toBeVisible();
    await expect(officerPage.getByRole('heading', { name: /^Requests to reopen scores/ })).toHaveCount(0);
    await expectNoAxeViolations(officerPage);
    await officerContext.close();

    // 7. Priya can change them again.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Continue' })).toBeVisible();
    await expect(
      page.getByRole('group', { name: '2. Value for money (40%)' }).getByLabel('3', { exact: true }),
    ).toBeChecked();
    await officer.dispose();
    await admin.dispose();
    await bid.applicant.dispose();
  });

  test('the bids to assess, a bid with every section open, and the officer’s assessment page fit a phone at 320 and 375 pixels @phone-only', async ({
    page,
    baseURL,
    playwright,
  }) => {
    test.setTimeout(JOURNEY_LIMIT_MS);
    const officer = await ApiUser.signIn(playwright.request, baseURL ?? '', DEMO.officer);
    const { funds } = await officer.get<{ funds: { id: string; name: string }[] }>('/api/funds');
    const communities = funds.find((f) => f.name === 'Communities Fund')?.id ?? '';
    await officer.dispose();
    const fits = async () => {
      await expectNoAxeViolations(page);
      await expectNoSidewaysScroll(page);
    };

    await signInAs(page, DEMO.assessor3);
    for (const width of [320, 375]) {
      await page.setViewportSize({ width, height: 720 });
      await page.goto('/assess');
      await expect(page.getByRole('heading', { level: 1, name: 'Bids to assess' })).toBeVisible();
      await fits();
      // A bid she has scored: the bid with every section open, and her scores as text.
      await page.locator('h2:has-text("Done") + .govuk-task-list').getByRole('link').first().click();
      await expect(page.getByRole('heading', { level: 2, name: 'Your scores' })).toBeVisible();
      await page.getByRole('button', { name: 'Open all sections' }).click();
      await expect(page.getByRole('button', { name: 'Close all sections' })).toBeVisible();
      await fits();
    }

    await signInAs(page, DEMO.officer);
    for (const width of [320, 375]) {
      await page.setViewportSize({ width, height: 720 });
      await page.goto(`/funds/${communities}/assessment`);
      await expect(page.getByRole('heading', { level: 1, name: 'Assessment' })).toBeVisible();
      await fits();
    }
  });
});
